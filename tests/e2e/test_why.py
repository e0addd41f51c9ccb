"""`gpulock why PACKAGE`: every dependency chain from the inputs down to PACKAGE, one per line,
`-r requirements.in -> trl==0.11.4 -> transformers==4.45.2`, agreeing with what compile pins and
with the metadata in the mirror."""
import re
import shutil
import tempfile
import unittest
from email.parser import HeaderParser
from pathlib import Path

from harness import MirrorServer, render_mirror, run_gpulock
from fixtures.lockcheck import check_lock, read_lock, render_fixture


def chains(stdout):
    """[(origin, [(name, version)...])] with extras dropped and a package's link to itself collapsed
    (selfx[all] -> selfx[a,b] is one package)."""
    out = []
    for line in stdout.splitlines():
        if "->" not in line:
            continue
        parts = [p.strip() for p in line.split("->")]
        links = []
        for part in parts[1:]:
            m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:==\s*(\S+)|@\s*(\S+))?", part)
            if not m:
                raise AssertionError(f"unparsable link {part!r} in {line!r}")
            link = (re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(2))
            if not links or links[-1] != link:
                links.append(link)
        out.append((parts[0], links))
    return out


class WhyCase(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="gpulock-why-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def requirements_in(self, *lines):
        path = self.tmp / "requirements.in"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    def why(self, package, *args, expect=0):
        """expect=None: any exit status (the caller judges it)."""
        proc = run_gpulock("why", package, *args)
        if expect is None:
            return proc
        self.assertEqual(proc.returncode, expect, f"gpulock why {package}\nstdout: {proc.stdout}\n"
                                                  f"stderr: {proc.stderr}")
        return proc

    def assertFromFile(self, found, path):
        for origin, _links in found:
            self.assertTrue(origin.startswith("-r ") and origin.endswith(path.name), origin)


class ToyWhyTest(WhyCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="gpulock-toy-")
        cls.root = render_fixture("toy", Path(cls.dir) / "toy")
        cls.server = MirrorServer(cls.root).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.dir, True)

    def toy_why(self, package, req, *args, **kw):
        return self.why(package, "--index-url", self.server.url + "/simple", "-r", req, *args, **kw)

    def test_two_chains_through_extras_and_direct(self):
        req = self.requirements_in("alpha", "outer", "native")
        found = chains(self.toy_why("gamma", req).stdout)
        self.assertFromFile(found, req)
        self.assertEqual(sorted(links for _o, links in found),
                         [[("native", "1.0"), ("gamma", "2.0")],
                          [("outer", "1.0"), ("selfx", "1.0"), ("gamma", "2.0")]])

    def test_shared_dependency(self):
        req = self.requirements_in("alpha", "outer")
        found = chains(self.toy_why("beta", req).stdout)
        self.assertEqual(sorted(links for _o, links in found),
                         [[("alpha", "1.1"), ("beta", "1.0")],
                          [("outer", "1.0"), ("selfx", "1.0"), ("beta", "1.0")]])

    def test_direct_requirement(self):
        req = self.requirements_in("alpha")
        found = chains(self.toy_why("alpha", req).stdout)
        self.assertFromFile(found, req)
        self.assertEqual([links for _o, links in found], [[("alpha", "1.1")]])

    def test_marker_decides_the_chain(self):
        req = self.requirements_in("alpha")
        windows = chains(self.toy_why("gamma", req, "--platform", "win_amd64").stdout)
        self.assertEqual([links for _o, links in windows],
                         [[("alpha", "1.1"), ("beta", "1.5"), ("gamma", "1.0")]])
        linux = self.toy_why("gamma", req, "--platform", "manylinux_2_35_x86_64", expect=None)
        self.assertNotEqual(linux.returncode, 0, "gamma is not in the Linux solution")
        self.assertIn("gamma", linux.stderr)

    def test_package_not_in_solution(self):
        req = self.requirements_in("alpha")
        proc = self.toy_why("native", req, expect=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertEqual(chains(proc.stdout), [])
        self.assertIn("native", proc.stderr)

    def test_unsatisfiable_inputs(self):
        req = self.requirements_in("alpha>=2.0rc1", "beta<1.5")
        proc = self.toy_why("beta", req, expect=1)
        self.assertIn("beta", proc.stderr)


class ToyPytorchWhyTest(WhyCase):
    def test_chain_through_local_build(self):
        tmp = Path(tempfile.mkdtemp(prefix="gpulock-toy-pytorch-"))
        self.addCleanup(shutil.rmtree, tmp, True)
        root = render_fixture("toy-pytorch", tmp / "mirror").parent
        req = self.requirements_in("torchvision")
        with MirrorServer(root / "pytorch") as pytorch, MirrorServer(root / "pypi") as pypi:
            found = chains(self.why("gamma", "--index-url", f"{pytorch.url}/whl/cu128",
                                    "--extra-index-url", f"{pypi.url}/simple", "-r", req).stdout)
        self.assertFromFile(found, req)
        self.assertEqual([links for _o, links in found],
                         [[("torchvision", "1.0.0+cu128"), ("torch", "9.0.0+cu128"), ("gamma", "1.0")]])


class RealWhyTest(WhyCase):
    @classmethod
    def setUpClass(cls):
        cls.root = Path(render_mirror())
        cls.pypi = MirrorServer(cls.root / "pypi").start()

    @classmethod
    def tearDownClass(cls):
        cls.pypi.stop()

    def requires(self, name, version):
        """The project names a release's metadata in the mirror requires (any marker)."""
        names = set()
        files = self.root / "pypi" / "files"
        prefix = re.compile(r"[-_.]+".join(map(re.escape, re.split(r"[-_.]+", name))) + "-" + re.escape(version)
                            + r"(-|\.tar\.gz|\.zip)", re.IGNORECASE)
        for entry in sorted(files.iterdir()):
            if not entry.name.endswith(".metadata") or not prefix.match(entry.name):
                continue
            meta = entry
            headers = HeaderParser().parsestr(meta.read_text(encoding="utf-8"))
            for dep in headers.get_all("Requires-Dist") or []:
                names.add(re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", dep).group(0)).lower())
            return names
        self.fail(f"no metadata for {name} {version} in the mirror")

    def test_trl_stack_chains_match_compile_and_metadata(self):
        req = self.requirements_in("trl==0.11.4", "transformers==4.45.2")
        index = ["--index-url", self.pypi.url + "/simple"]
        compiled = run_gpulock("compile", *index, "-r", req)
        self.assertEqual(compiled.returncode, 0, compiled.stderr)
        pins, _ = read_lock(compiled.stdout)
        lock = self.tmp / "requirements.txt"
        lock.write_text(compiled.stdout, encoding="utf-8")
        checked = check_lock(lock, [self.root / "pypi"], requirement_files=[req])
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        found_by_target = {}
        for target in ("transformers", "tokenizers"):
            found = found_by_target[target] = chains(self.why(target, *index, "-r", req).stdout)
            self.assertTrue(found, f"no chain to {target}")
            self.assertFromFile(found, req)
            for _origin, links in found:
                self.assertEqual(links[-1][0], target)
                for name, version in links:
                    self.assertEqual(pins.get(name), version, f"why and compile disagree on {name}")
                for (parent, parent_version), (child, _v) in zip(links, links[1:]):
                    self.assertIn(child, self.requires(parent, parent_version),
                                  f"{parent}=={parent_version} does not require {child}")
        found = found_by_target["transformers"]
        self.assertIn([("trl", "0.11.4"), ("transformers", "4.45.2")], [links for _o, links in found])
        self.assertIn([("transformers", "4.45.2")], [links for _o, links in found])


if __name__ == "__main__":
    unittest.main()
