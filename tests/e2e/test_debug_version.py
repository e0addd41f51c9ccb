"""`gpulock debug vercmp` and `gpulock debug contains` against packaging's PEP 440 code.

Every version in the shared package facts (the "version" fields and the versions named in
requires_dist / requires_python specifiers), plus a synthetic list of edge cases, goes
through the batch mode of both checks; each answer must equal what pip's vendored
packaging says. Canonical forms are checked through '===', which compares the candidate's
canonical string case-insensitively.

pip vendors packaging 21.3, older than the behaviour gpulock follows (packaging 22+ and the
PEP). The differences are excluded narrowly, each where it applies:
  * numbers above 2**64-1: gpulock rejects them (checked separately), Python has big ints;
  * non-ASCII input: 21.3 matches letters case-insensitively in Unicode ('\u017f' == 's');
  * which specifiers "name a pre-release": since packaging 22 every operator but '!=' and
    '==X.*' counts ('<2.0rc1' admits pre-releases); 21.3 left out '<' and '>'. The expected
    pre-release policy is computed here with the newer rule, the operators by 21.3;
  * '==X.*', '!=X.*' and '~=' where the specifier or candidate has an epoch, or the
    specifier's version is not written canonically: 21.3 compares the text segment-wise
    without normalising it (and packaging's '~=' still does: '~=2.2c1' and '~=2.2rc1' differ
    there; gpulock follows the PEP and treats them alike);
  * '===' versions holding ';' or ')', which newer packaging rejects.
"""
import json
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_gpulock, shared_root  # noqa: E402

from pip._vendor.packaging.requirements import InvalidRequirement, Requirement  # noqa: E402
from pip._vendor.packaging.specifiers import InvalidSpecifier, Specifier  # noqa: E402
from pip._vendor.packaging.version import InvalidVersion, Version  # noqa: E402

U64_MAX = 2**64 - 1

SYNTHETIC_VERSIONS = [
    # PEP 440's own examples, in its order.
    "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
    "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
    "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
    "0.1", "0.2", "0.3", "1.1", "1.1.0", "1.1.1", "1.1.2", "1.2.0", "0.9", "1.0a2", "1.1a1",
    "1.0.dev1", "1.0.dev2", "1.0.dev3", "1.0.dev4", "1.0c1", "1.0c2", "1.0.post1",
    "2012.4", "2012.7", "2012.10", "2013.1", "2013.6", "1!1.0", "1!1.1", "1!2.0", "2!0.1",
    "1.0.0", "1.0.0.0", "3.1", "3.1.0", "3.1.dev0", "3.1.post0", "3.1a1", "3.2.0",
    "1.0.post1.dev1", "1.0a1.post1.dev1", "1.0a1.post1", "1.0a1.dev1", "1.0.dev0", "1.0b1",
    # Normalisation of every spelling.
    "1.0A1", "1.0ALPHA1", "1.0alpha1", "1.0beta2", "1.0BETA2", "1.0c3", "1.0C3", "1.0rc3",
    "1.0RC3", "1.0pre4", "1.0preview5", "1.0PREVIEW", "1.0-alpha.1", "1.0_beta_2", "1.0.rc.3",
    "1.0a", "1.0b", "1.0rc", "1.0c", "1.0-a", "1.0.a.0", "1.0a-", "1.0a.", "1.0a_",
    "1.0-1", "1.0-0", "1.0post", "1.0.post", "1.0-post", "1.0_post_2", "1.0.post.3", "1.0r",
    "1.0r4", "1.0-r4", "1.0rev", "1.0.rev5", "1.0REV6", "1.0POST7", "1.0.post-", "1.0-post-8",
    "1.0dev", "1.0.dev", "1.0-dev", "1.0_dev_3", "1.0.dev.4", "1.0DEV5", "1.0.dev.",
    "1.0a1-1", "1.0a1.post2", "1.0a1post2", "1.0apost", "1.0a.post1", "1.0a--1", "1.0rc1-2",
    "1.0rc1.dev3", "1.0rc1dev3", "1.0.post1dev2", "1.0-1.dev2", "1.0-1-dev2",
    "v1.0", "V1.0", "v1!2.0", " 1.0", "1.0 ", "  1.0a1  ", "\v1.0\f",
    "01.02", "001.0002.0003", "1.00", "0", "00", "0.0", "0.0.0.0.0.0", "1.2.3.4.5", "1.2.3.4.5.6",
    "1.2.3.4.5.6.7.8.9.10.11.12", "1.2.3.4.5.0.0.0.0.0.0", "1.2.3.4.5.0.0.0.0.0.1",
    "0!1.0", "00!1.0", "1.0a01", "1.0.post01", "1.0.dev01",
    "18446744073709551615", "1.18446744073709551615", "18446744073709551615!1",
    "1.0+ubuntu-1", "1.0+Ubuntu_1", "1.0+ubuntu.1", "1.0+UBUNTU.1", "1.0+cu128", "1.0+cpu",
    "1.0+cu118", "1.0+cu12", "1.0+1", "1.0+01", "1.0+001.a", "1.0+2", "1.0+10", "1.0+a",
    "1.0+a.1", "1.0+a.b", "1.0+a.1.b", "1.0+1.a", "1.0+1a", "1.0+a1", "1.0+abc", "1.0+abd",
    "1.0+ab", "1.0+0", "1.0+99999999999999999999999", "1.0+99999999999999999999998",
    "1.0+9.9", "1.0+9.10", "1.0.0+cu128", "2.9.0+cu128", "2.9.0", "2.9.0+cu130", "2.9.0+cpu",
    "1.0a1+local", "1.0.post1+local", "1.0.dev1+local", "1!1.0+local",
    # Not versions (packaging decides; gpulock must say why).
    "", " ", "1.0-abc", "1.0.", "1..0", ".1", "1.0+", "1.0+a..b", "1.0+a_", "1!", "!1", "1.0-",
    "1.0a1a1", "1.0.post1.post2", "1.0.dev1.dev2", "1.0.dev1a1", "1.0.post1a1", "a1", "v",
    "vv1", "1.0++a", "1.0+a+b", "1.0 a1", "1,0", "1.0.*", "1.0 +local", "1.0+loc al",
    "1.0+-a", "1.0-beta-", "1.0--1", "1.0.post1.dev1.post2", "1.0ab", "1.0alpha-beta",
    "1!2!3", "1.0+.a", "1.0+a.", "1.0.dev-", "1.0a1b1", "1.0rc1c1", "1.0-post-", "dev",
    "1.0_", "1.0._1", "1.0 .dev1", "-1.0", "+1.0", "1.0+a b", "1.0+a/b", "1.0/1", "1e3",
    "0x10", "1.0.0.0.0.0.0.0.0.0.", "latest", "None", "1.0 1.0", "=1.0", "1.0;", "1.0)",
]

SYNTHETIC_SPECIFIERS = [
    # PEP 440's examples.
    "~=3.1", "~=3.1.2", "~=3.1a1", "==3.1", "==3.1.*", "~=3.1.0, !=3.1.3", "~= 0.9", "~=0.9",
    ">= 0.9, == 0.*", ">=0.9,==0.*", "~=1.4.5a4", ">=1.4.5a4,==1.4.*", "~=2.2.post3",
    ">=2.2.post3,==2.*", "~=1.4.5.0", ">=1.4.5.0,==1.4.5.*", "~=2.2.0", "~=2.2",
    "==1.1.post1", "==1.1", "==1.1.*", "!=1.1.post1", "!=1.1", "!=1.1.*", "==1.0+cu128",
    "==1.0", "!=1.0+cu128", "!=1.0", "<=1.7", ">=1.7", ">1.7", "<1.7", ">1.7.post2",
    "<1.7.1", "<1.7rc2", ">1.7a1", ">=1.7a1", "<=1.7rc1", "===1.0", "===1.0+cu128",
    "===foobar", "===1.0RC1", "===1.0rc1", "==1.*", "==1.0.*", "==1.0.0.*", "!=1.*",
    "==2!1.*", "==0!1.*", "==1!2.0", "==1!2.*", "~=1!2.0", ">=1!2.0", "<1!2.0",
    ">=1.0,<2.0", ">=1.0, <2.0", "  >=1.0 ,  <2.0  ", ">=2.2,<3", "<2,>=1.0", ">=1,>=1.0",
    ">=1.0.0,>=1", "==1.0,==1.0.0", "~=1.0,~=1.0.0", ">=1.0,,<2", ",>=1", ">=1,", "",
    "==1.0a1", "!=1.0a1", ">=1.0.dev0", "<1.0.dev0", ">1.0.dev0", "<=1.0.post1",
    ">1.0.post1.dev1", "<1.0.post1", ">1.0+local", ">=1.0+local", "<=1.0+local",
    "<1.0+local", "~=1.0+local", "==1.0.*+local", "==1.0a1.*", "==1.0.post1.*", "!=1.0.dev1.*",
    ">=1.0.*", "~=1", "~=1.*", "==v1.0", "== V1.0", "==1.0.*.*", "==*", "== 1.0 .*",
    "> = 1.0", ">=1.0 1", ">=", "<=", "=1.0", "=>1.0", "1.0", ">=1.0-abc", ">=1.0,<=",
    "~=2.2c1", "~=2.2rc1", "===1.0;", "===1.0)", "===", ">=01.0", "==01.*", "~=02.02",
    "<=2.9.0", "<2.9.0", ">2.9.0", "==2.9.0", "==2.9.*", ">=2.9.0,<2.10", "!=2.9.0+cpu",
    "==2.9.0+cu128", "==2.9.0+CU128", "==2.9.0+cu-128",
]


def u64_safe(text):
    return all(int(n) <= U64_MAX for n in re.findall(r"[0-9]+", text.split("+", 1)[0]))


def comparable_text(text):
    """Strings on which packaging 21.3 speaks for the behaviour gpulock follows."""
    return text.isascii() and u64_safe(text) and not any(c in text for c in "\t\n\r")


def parse_version(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def derived_candidates(version):
    """Versions just around one a specifier names: where operators change their answer."""
    release = ".".join(str(x) for x in version.release)
    epoch = f"{version.epoch}!" if version.epoch else ""
    bumped = list(version.release)
    bumped[-1] += 1
    lowered = list(version.release)
    if lowered[-1] > 0:
        lowered[-1] -= 1
    out = [
        str(version), version.public, version.base_version, epoch + release + ".0",
        epoch + release + ".post1", epoch + release + ".dev0", epoch + release + "a1",
        epoch + release + "rc1", epoch + release + "+local", epoch + release + "+cu128",
        epoch + release + ".post1+local", epoch + release + ".1",
        epoch + ".".join(map(str, bumped)), epoch + ".".join(map(str, bumped)) + "a1",
        epoch + ".".join(map(str, lowered)), epoch + ".".join(map(str, lowered)) + ".post1",
        epoch + release[: release.rfind(".")] if "." in release else release + ".5",
        str(version) + ".post1" if version.post is None and version.dev is None else release,
        "1!" + release,
    ]
    if version.local is None:
        out.append(str(version) + "+local")
    return out


def names_prerelease(spec):
    """packaging 22+'s rule for a specifier that lets pre-releases in."""
    if spec.operator == "!=" or (spec.operator == "==" and spec.version.endswith(".*")):
        return False
    version = parse_version(spec.version)
    return bool(version and version.is_prerelease)


def spec_comparable(spec, candidate):
    op, text = spec.operator, spec.version
    if op == "===":
        return ";" not in text and ")" not in text
    wildcard = text.endswith(".*")
    if op == "~=" or wildcard:
        written = text[:-2] if wildcard else text
        version = parse_version(written)
        if version is None or str(version) != written or version.epoch or candidate.epoch:
            return False
        # 21.3 cuts the candidate to the specifier's length before zero-padding it, so
        # '==1.0.0.*' misses '1.0.post1'; packaging 22+ pads first, as the PEP says.
        shorter = len(candidate.release) < len(version.release) - (op == "~=")
        if shorter and (candidate.pre or candidate.post is not None or candidate.dev is not None):
            return False
    return True


def rejected_since_packaging_22(item):
    """'.*' after a pre- or post-release: 21.3 accepts it, packaging 22+ and the PEP do not.
    '===' followed by nothing (PEP 508's grammar needs a character), ';' or ')' (22+)."""
    item = item.strip()
    if item.startswith("==="):
        return item == "===" or ";" in item or ")" in item
    if item[:2] in ("==", "!=") and item[2:3] != "=" and item.endswith(".*"):
        version = parse_version(item[2:-2])
        return bool(version and (version.pre or version.post is not None))
    return False


def expected_contains(spec_text, candidate_text, pre):
    """'true'/'false', None to skip, or the error prefix gpulock must print."""
    items = [s.strip() for s in spec_text.split(",") if s.strip()]
    try:
        if any(rejected_since_packaging_22(item) for item in items):
            raise InvalidSpecifier(spec_text)
        specs = [Specifier(item) for item in items]
    except InvalidSpecifier:
        return ("error", f"error: invalid specifier '{spec_text[:40]}")
    candidate = parse_version(candidate_text)
    if candidate is None:
        return ("error", f"error: invalid version '{candidate_text[:40]}")
    if not all(spec_comparable(s, candidate) for s in specs):
        return None
    allow = pre or any(names_prerelease(s) for s in specs)
    if candidate.is_prerelease and not allow:
        return "false"
    return "true" if all(s.contains(candidate, prereleases=True) for s in specs) else "false"


def canonical_name(name):
    return re.sub(r"[-_.]+", "-", name).lower()


class Facts:
    """Versions and specifiers found in the shared package facts."""

    _cached = None

    @classmethod
    def load(cls):
        if cls._cached is None:
            cls._cached = cls()
        return cls._cached

    def __init__(self):
        facts = shared_root() / "data" / "facts"
        files = sorted(facts.glob("*.jsonl"))
        if not files:
            raise AssertionError(f"no package facts under {facts}")
        self.versions = set()
        self.by_package = {}
        self.specifiers = set()
        self.by_spec_package = {}  # specifier set -> the projects whose requirements use it
        requirements = set()
        for path in files:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    version = record.get("version")
                    if isinstance(version, str):
                        self.versions.add(version)
                        name = canonical_name(record.get("name") or "")
                        self.by_package.setdefault(name, set()).add(version)
                    rp = record.get("requires_python")
                    if isinstance(rp, str):
                        self.specifiers.add(rp)
                    requirements.update(record.get("requires_dist") or [])
        for requirement in sorted(requirements):
            self._add_requirement(requirement)

    def _add_requirement(self, text):
        try:
            req = Requirement(text)
        except InvalidRequirement:
            return
        spec_set = str(req.specifier)
        if spec_set:
            self.specifiers.add(spec_set)
            self.by_spec_package.setdefault(spec_set, set()).add(canonical_name(req.name))
        for spec in req.specifier:
            self.specifiers.add(str(spec))
            version = spec.version[:-2] if spec.version.endswith(".*") else spec.version
            if parse_version(version) is not None:
                self.versions.add(version)


def run_batch(test, verb, cases):
    """Runs `gpulock debug VERB -` over TAB-joined cases; returns one output line per case."""
    stdin = "".join("\t".join(case) + "\n" for case in cases)
    proc = run_gpulock("debug", verb, "-", input=stdin, timeout=600)
    test.assertEqual(proc.returncode, 0, proc.stderr)
    lines = proc.stdout.split("\n")
    test.assertEqual(lines[-1], "", "output must end with a newline")
    lines = lines[:-1]
    test.assertEqual(len(lines), len(cases), "one output line per input line")
    return lines


def sign(x):
    return (x > 0) - (x < 0)


class VersionOrder(unittest.TestCase):
    def check_pairs(self, pairs):
        cases, expected = [], []
        for a, b in pairs:
            va, vb = parse_version(a), parse_version(b)
            cases.append((a, b))
            if va is None:
                expected.append(("error", f"error: invalid version '{a[:40]}"))
            elif vb is None:
                expected.append(("error", f"error: invalid version '{b[:40]}"))
            else:
                expected.append(str(sign((va > vb) - (va < vb))))
        lines = run_batch(self, "vercmp", cases)
        failures = []
        for case, want, got in zip(cases, expected, lines):
            ok = got.startswith(want[1]) if isinstance(want, tuple) else got == want
            if not ok:
                failures.append(f"vercmp {case!r}: expected {want!r}, got {got!r}")
        if failures:
            self.fail(f"{len(failures)} of {len(cases)} differ:\n" + "\n".join(failures[:40]))
        return len(cases)

    def test_synthetic_all_pairs(self):
        versions = [v for v in SYNTHETIC_VERSIONS if comparable_text(v)]
        n = self.check_pairs([(a, b) for a in versions for b in versions])
        self.assertGreater(n, 50000)

    def test_facts_versions(self):
        facts = Facts.load()
        versions = sorted(v for v in facts.versions if comparable_text(v))
        self.assertGreater(len(versions), 500)
        valid = sorted((v for v in versions if parse_version(v)), key=Version)
        rng = random.Random(440)
        pairs = list(zip(valid, valid[1:])) + list(zip(valid[1:], valid))
        pairs += [(rng.choice(versions), rng.choice(versions)) for _ in range(30000)]
        pairs += [(v, s) for v in versions for s in rng.sample(SYNTHETIC_VERSIONS, 5) if comparable_text(s)]
        self.check_pairs(pairs)

    def test_canonical_forms(self):
        facts = Facts.load()
        texts = [v for v in list(facts.versions) + SYNTHETIC_VERSIONS if comparable_text(v)]
        cases = [("===" + str(Version(t)), t, "--pre") for t in texts if parse_version(t)]
        lines = run_batch(self, "contains", cases)
        wrong = [f"{c[1]!r} should print as {c[0][3:]!r}" for c, got in zip(cases, lines) if got != "true"]
        if wrong:
            self.fail(f"{len(wrong)} canonical forms differ:\n" + "\n".join(wrong[:40]))

    def test_random_spellings(self):
        """Seeded random strings built from the PEP's tokens: validity, canonical form, order."""
        tokens = ["0", "1", "2", "9", "01", "10", ".", ".", "-", "_", "+", "!", "v", "V", "a", "b", "c",
                  "rc", "RC", "alpha", "beta", "pre", "preview", "post", "POST", "rev", "r", "dev", "DEV",
                  "local", "x", " ", "ubuntu", "cu128", "*"]
        rng = random.Random(440440)
        texts = set()
        while len(texts) < 30000:
            text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 9)))
            if rng.random() < 0.7:
                text = rng.choice(["1", "1.0", "2.9.0", "0!1", "1!2.0"]) + text
            if comparable_text(text):
                texts.add(text)
        texts = sorted(texts)
        valid = [t for t in texts if parse_version(t)]
        self.assertGreater(len(valid), 1000)
        cases = [("===" + str(Version(t)), t, "--pre") if parse_version(t) else ("===x", t) for t in texts]
        lines = run_batch(self, "contains", cases)
        wrong = []
        for (spec, text, *_), got in zip(cases, lines):
            want = "true" if spec != "===x" else f"error: invalid version '{text[:40]}"
            if not got.startswith(want):
                wrong.append(f"{text!r}: expected {want!r}, got {got!r}")
        if wrong:
            self.fail(f"{len(wrong)} of {len(texts)} differ:\n" + "\n".join(wrong[:40]))
        rng.shuffle(valid)
        self.check_pairs(list(zip(valid, valid[1:])))

    def test_numbers_beyond_64_bits_are_rejected(self):
        for text in ["18446744073709551616", "1.18446744073709551616", "1.0a18446744073709551616",
                     "1.0.post99999999999999999999", "1.0.dev18446744073709551616",
                     "18446744073709551616!1.0"]:
            proc = run_gpulock("debug", "vercmp", text, "1.0")
            self.assertEqual(proc.returncode, 2, text)
            self.assertIn(f"invalid version '{text}'", proc.stderr)
            self.assertIn("larger than", proc.stderr)


class SpecifierContains(unittest.TestCase):
    def check_cases(self, cases):
        expected = [expected_contains(spec, version, pre) for spec, version, pre in cases]
        keep = [(c, e) for c, e in zip(cases, expected) if e is not None]
        batch = [(spec, version, "--pre") if pre else (spec, version) for (spec, version, pre), _ in keep]
        lines = run_batch(self, "contains", batch)
        failures = []
        for (case, want), got in zip(keep, lines):
            ok = got.startswith(want[1]) if isinstance(want, tuple) else got == want
            if not ok:
                failures.append(f"contains {case!r}: expected {want!r}, got {got!r}")
        if failures:
            self.fail(f"{len(failures)} of {len(keep)} differ:\n" + "\n".join(failures[:40]))
        return len(keep)

    def candidates_for(self, spec_text, extra):
        out = set(extra)
        for item in spec_text.split(","):
            try:
                spec = Specifier(item.strip())
            except InvalidSpecifier:
                continue
            text = spec.version[:-2] if spec.version.endswith(".*") else spec.version
            version = parse_version(text)
            if version is not None:
                out.update(derived_candidates(version))
        return sorted(v for v in out if comparable_text(v))

    def test_synthetic_specifiers(self):
        specs = [s for s in SYNTHETIC_SPECIFIERS if comparable_text(s)]
        probe = ["1.0", "1.7", "1.7.post1", "1.7+local", "1.7rc1", "1.6", "1.8", "2.2", "2.3",
                 "3.0", "3.1", "3.1.3", "3.2", "0.9", "0.9.5", "1!2.0", "2.9.0+cpu", "1.0.dev0"]
        cases = [(s, v, pre) for s in specs for v in self.candidates_for(s, probe + SYNTHETIC_VERSIONS)
                 for pre in (False, True)]
        self.assertGreater(self.check_cases(cases), 50000)

    def test_facts_specifiers(self):
        facts = Facts.load()
        rng = random.Random(508)
        cases = []
        for spec in sorted(facts.specifiers):
            if not comparable_text(spec):
                continue
            package_versions = set()
            for name in facts.by_spec_package.get(spec, ()):
                package_versions.update(facts.by_package.get(name, ()))
            extra = rng.sample(sorted(package_versions), min(25, len(package_versions)))
            extra += rng.sample(sorted(facts.versions), 5)
            for version in self.candidates_for(spec, extra):
                cases.append((spec, version, rng.random() < 0.5))
        self.assertGreater(len(facts.specifiers), 200)
        self.check_cases(cases)

    def test_invalid_specifier_names_input(self):
        proc = run_gpulock("debug", "contains", ">=1.0,<=", "1.0")
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stdout, "")
        self.assertIn("invalid specifier '>=1.0,<='", proc.stderr)

    def test_local_label_with_ordered_operator_is_rejected(self):
        proc = run_gpulock("debug", "contains", ">=1.0+cu128", "1.0")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("invalid specifier '>=1.0+cu128'", proc.stderr)
        self.assertIn("local", proc.stderr)


class CommandLine(unittest.TestCase):
    def test_single_vercmp(self):
        for a, b, want in [("1.0", "1.0.0", "0"), ("2.9.0+cu128", "2.9.0", "1"),
                           ("1.0rc1", "1.0", "-1"), ("1!0.1", "2.0", "1"), ("1.0.post1", "1.0", "1")]:
            proc = run_gpulock("debug", "vercmp", a, b)
            self.assertEqual((proc.returncode, proc.stdout, proc.stderr), (0, want + "\n", ""), (a, b))

    def test_single_contains(self):
        for args, want in [((">=1.0,<2", "1.5"), "true"), (("<1.7", "1.7rc1"), "false"),
                           (("<1.7", "1.7rc1", "--pre"), "false"), ((">=1.0", "2.0a1"), "false"),
                           ((">=1.0", "2.0a1", "--pre"), "true"), ((">=1.0a1", "2.0a1"), "true"),
                           (("==1.0", "1.0+cu128"), "true"), (("==1.0+cu128", "1.0+cpu"), "false"),
                           ((">1.7", "1.7.post1"), "false"), (("~=2.2", "2.9"), "true"),
                           (("~=2.2", "3.0"), "false"), (("", "1.0"), "true")]:
            proc = run_gpulock("debug", "contains", *args)
            self.assertEqual((proc.returncode, proc.stdout, proc.stderr), (0, want + "\n", ""), args)

    def test_invalid_version_exit_code_and_message(self):
        proc = run_gpulock("debug", "vercmp", "1.0-abc", "1.0")
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stdout, "")
        self.assertIn("invalid version '1.0-abc'", proc.stderr)
        proc = run_gpulock("debug", "contains", ">=1.0", "french toast")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("invalid version 'french toast'", proc.stderr)

    def test_batch_reports_bad_lines_and_continues(self):
        stdin = "1.0\t2.0\nbad\t1.0\n1.0\n1.0\t1.0.0\n"
        proc = run_gpulock("debug", "vercmp", "-", input=stdin)
        self.assertEqual(proc.returncode, 0)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 4, proc.stdout)
        self.assertEqual(lines[0], "-1")
        self.assertTrue(lines[1].startswith("error: invalid version 'bad'"), lines[1])
        self.assertTrue(lines[2].startswith("error: usage"), lines[2])
        self.assertEqual(lines[3], "0")
        stdin = ">=1\t1.0\n>=\t1.0\n<2\t3.0\n~=1.0\t1.5\t--pre\n"
        proc = run_gpulock("debug", "contains", "-", input=stdin)
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(proc.stdout.splitlines()[0], "true")
        self.assertTrue(proc.stdout.splitlines()[1].startswith("error: invalid specifier '>='"))
        self.assertEqual(proc.stdout.splitlines()[2:], ["false", "true"])


if __name__ == "__main__":
    unittest.main()
