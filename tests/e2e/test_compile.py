"""`gpulock compile` end to end: hand-made mirrors and the rendered facts served over loopback, and
the embedded snapshot. Every lockfile produced is verified by the independent tools/check-lock."""
import os
import shutil
import tempfile
import unittest
from pathlib import Path

from harness import MirrorServer, render_mirror, run_gpulock, source_root
from fixtures.lockcheck import (all_page_digests, check_lock, header_lines, index_lines, read_annotations,
                                read_lock, render_fixture, write_wheel)

LINUX = "manylinux_2_35_x86_64"
VALUE_OPTIONS = {"--python", "--platform", "-o", "-r", "-c", "--index-url", "--extra-index-url", "--upgrade-package",
                 "--snapshot", "--cache-dir"}


def compile_inputs(args):
    """(requirements, requirement files, python, platform) of a compile command line."""
    requirements, files, python, platform = [], [], "3.11", LINUX
    args = [str(a) for a in args]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in VALUE_OPTIONS:
            value = args[i + 1]
            if arg == "-r":
                files.append(value)
            elif arg == "--python":
                python = value
            elif arg == "--platform":
                platform = value
            i += 2
            continue
        if not arg.startswith("-"):
            requirements.append(arg)
        i += 1
    return requirements, files, python, platform


class CompileCase(unittest.TestCase):
    """What every compile test does: run compile into a file, read it back, have check-lock verify it."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="gpulock-compile-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def requirements_in(self, *lines, name="requirements.in"):
        path = self.tmp / name
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    def check_mirrors(self):
        """The mirror trees every lock of this class is checked against, or None when its tests check
        each lock themselves."""
        return None

    def compile(self, *args, out=None, expect=0, check=True):
        """Runs compile; a lock it writes is verified by check-lock against the inputs of the command
        line (check=False when the test verifies it itself). Without `out`, each run writes a fresh
        file: an existing output would act as preferred pins."""
        if out is None:
            self.runs = getattr(self, "runs", 0) + 1
            out = self.tmp / f"requirements-{self.runs}.txt"
        out = Path(out)
        proc = run_gpulock("compile", *args, "-o", out)
        self.assertEqual(proc.returncode, expect, f"gpulock compile {' '.join(map(str, args))}\n"
                                                  f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        if expect != 0:
            return proc
        text = out.read_text(encoding="utf-8")
        mirrors = self.check_mirrors()
        if check and mirrors:
            requirements, files, python, platform = compile_inputs(args)
            self.assertChecked(text, mirrors, requirements=requirements, requirement_files=files,
                               python=python, platform=platform)
        return text

    def assertChecked(self, text, mirrors, requirements=(), requirement_files=(), python="3.11", platform=LINUX):
        path = self.tmp / "checked.txt"
        path.write_text(text, encoding="utf-8")
        result = check_lock(path, mirrors, python=python, platform=platform, requirements=requirements,
                            requirement_files=requirement_files)
        self.assertEqual(result.returncode, 0, f"check-lock rejected the lockfile:\n{result.stdout}\n"
                                               f"{result.stderr}\n--- lockfile ---\n{text}")
        # a resolver pins only what the inputs need
        self.assertNotIn("not reachable from the inputs", result.stderr, text)

    def assertPins(self, text, expected):
        pins, _ = read_lock(text)
        self.assertEqual(pins, expected, text)


class ToyMirrors:
    """The hand-made fixture mirrors, rendered with stub wheels and served once per module."""
    tmp = primary = extra = primary_root = extra_root = None


def setUpModule():
    ToyMirrors.tmp = tempfile.mkdtemp(prefix="gpulock-toy-")
    ToyMirrors.primary_root = render_fixture("toy", Path(ToyMirrors.tmp) / "toy")
    ToyMirrors.extra_root = render_fixture("toy-extra", Path(ToyMirrors.tmp) / "toy-extra")
    ToyMirrors.primary = MirrorServer(ToyMirrors.primary_root).start()
    ToyMirrors.extra = MirrorServer(ToyMirrors.extra_root).start()


def tearDownModule():
    for server in (ToyMirrors.primary, ToyMirrors.extra):
        if server:
            server.stop()
    shutil.rmtree(ToyMirrors.tmp, True)


class ToyCompileTest(CompileCase):
    def check_mirrors(self):
        return [ToyMirrors.primary_root, ToyMirrors.extra_root]

    def toy(self, *args, **kw):
        """compile against the toy index alone."""
        return self.compile("--index-url", ToyMirrors.primary.url + "/simple", *args, **kw)

    def check(self, text, *requirements, **kw):
        self.assertChecked(text, [ToyMirrors.primary_root], requirements=requirements, **kw)

    def test_plain_dependency(self):
        text = self.toy("alpha")
        self.assertPins(text, {"alpha": "1.1", "beta": "1.5"})
        self.check(text, "alpha")

    def test_output_layout(self):
        req = self.requirements_in("alpha", "native")
        text = self.toy("-r", req)
        header = header_lines(text)
        self.assertTrue(header, "the lockfile starts with a '#' header")
        command = [line for line in header if "gpulock compile" in line]
        self.assertEqual(len(command), 1, header)
        # the regenerating command keeps the options' values
        self.assertIn(f"--index-url {ToyMirrors.primary.url}/simple", command[0])
        self.assertIn("-r ", command[0])
        self.assertIn("requirements.in", command[0])
        self.assertIn("-o ", command[0])
        self.assertTrue(any(ToyMirrors.primary.url in line for line in header if line is not command[0]),
                        "the header names the index used")
        self.assertEqual(index_lines(text), [f"--index-url {ToyMirrors.primary.url}/simple"])
        pins, _ = read_lock(text)
        self.assertEqual(list(pins), sorted(pins), "pins are sorted by normalised name")
        vias = read_annotations(text)
        self.assertEqual(len(vias["alpha"]), 1, text)
        self.assertTrue(vias["alpha"][0].startswith("-r ") and vias["alpha"][0].endswith("requirements.in"), text)
        self.assertEqual(vias["beta"], ["alpha"], text)
        self.assertEqual(vias["gamma"], ["native"], text)
        self.check(text, requirement_files=[req])

    def test_stdout_without_output_option(self):
        proc = run_gpulock("compile", "--index-url", ToyMirrors.primary.url + "/simple", "alpha")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertPins(proc.stdout, {"alpha": "1.1", "beta": "1.5"})
        self.check(proc.stdout, "alpha")

    def test_marker_dependency_only_on_windows(self):
        linux = self.toy("alpha", "--platform", LINUX)
        self.assertPins(linux, {"alpha": "1.1", "beta": "1.5"})
        self.check(linux, "alpha")
        windows = self.toy("alpha", "--platform", "win_amd64")
        self.assertPins(windows, {"alpha": "1.1", "beta": "1.5", "gamma": "1.0"})
        self.check(windows, "alpha", platform="win_amd64")

    def test_nested_self_referencing_extras(self):
        # outer -> selfx[all] -> selfx[a,b] -> beta<1.5 (a) and gamma>=2 (b)
        text = self.toy("outer")
        self.assertPins(text, {"beta": "1.0", "gamma": "2.0", "outer": "1.0", "selfx": "1.0"})
        self.check(text, "outer")
        only_a = self.toy("selfx[a]")
        self.assertPins(only_a, {"beta": "1.0", "selfx": "1.0"})
        self.check(only_a, "selfx[a]")
        plain = self.toy("selfx")
        self.assertPins(plain, {"selfx": "1.0"})

    def test_extras_constrain_shared_dependency(self):
        # alpha alone takes beta 1.5; with outer, selfx[a] holds beta below 1.5
        text = self.toy("alpha", "outer", "native")
        self.assertPins(text, {"alpha": "1.1", "beta": "1.0", "gamma": "2.0", "native": "1.0",
                               "outer": "1.0", "selfx": "1.0"})
        self.check(text, "alpha", "outer", "native")

    def test_constraints_limit_without_adding(self):
        constraints = self.requirements_in("beta<1.5", "gamma==1.0", name="constraints.txt")
        text = self.toy("alpha", "-c", constraints)
        self.assertPins(text, {"alpha": "1.1", "beta": "1.0"})
        self.check(text, "alpha")

    def test_snapshot_replaces_the_network(self):
        inputs = ["alpha", "outer", "native"]
        snapshot = self.tmp / "snap"
        with MirrorServer(ToyMirrors.primary_root) as server:
            index = ["--index-url", server.url + "/simple"]
            made = run_gpulock("snapshot", *index, *inputs, "-o", snapshot)
            self.assertEqual(made.returncode, 0, made.stderr)
            live = self.compile(*index, *inputs)
        # the server is gone: everything the index would say now comes from the snapshot
        offline = self.compile(*index, "--snapshot", snapshot, *inputs)
        self.assertEqual(read_lock(offline), read_lock(live))
        self.assertIn(str(snapshot), "\n".join(header_lines(offline)), "the header names the snapshot used")
        self.check(offline, *inputs)

    def test_yanked_only_when_pinned(self):
        self.assertPins(self.toy("alpha"), {"alpha": "1.1", "beta": "1.5"})
        self.assertPins(self.toy("alpha>1.0"), {"alpha": "1.1", "beta": "1.5"})
        pinned = self.toy("alpha==1.2")
        self.assertPins(pinned, {"alpha": "1.2", "beta": "1.5"})
        self.check(pinned, "alpha==1.2")

    def test_prereleases(self):
        self.assertPins(self.toy("alpha"), {"alpha": "1.1", "beta": "1.5"})
        with_pre = self.toy("--pre", "alpha")
        self.assertPins(with_pre, {"alpha": "2.0rc1", "beta": "1.5"})
        self.check(with_pre, "alpha")
        asked = self.toy("alpha>=2.0rc1")
        self.assertPins(asked, {"alpha": "2.0rc1", "beta": "1.5"})
        only = self.toy("onlypre")
        self.assertPins(only, {"onlypre": "0.9b1"})
        self.check(only, "onlypre")

    def test_requires_python_selects_version(self):
        old = self.toy("newpy", "--python", "3.11")
        self.assertPins(old, {"newpy": "0.9"})
        self.check(old, "newpy", python="3.11")
        new = self.toy("newpy", "--python", "3.12")
        self.assertPins(new, {"newpy": "1.0"})
        self.check(new, "newpy", python="3.12")

    def test_index_priority(self):
        both = ["--index-url", ToyMirrors.primary.url + "/simple",
                "--extra-index-url", ToyMirrors.extra.url + "/simple"]
        mirrors = [ToyMirrors.primary_root, ToyMirrors.extra_root]
        first = self.compile(*both, "shared", "delta")
        # shared 2.0 on the second index is newer, but a project present on the first is taken from it
        self.assertPins(first, {"delta": "3.0", "shared": "1.0"})
        self.assertEqual(index_lines(first), [f"--index-url {ToyMirrors.primary.url}/simple",
                                              f"--extra-index-url {ToyMirrors.extra.url}/simple"])
        self.assertChecked(first, mirrors, requirements=["shared", "delta"])
        swapped = self.compile("--index-url", ToyMirrors.extra.url + "/simple",
                               "--extra-index-url", ToyMirrors.primary.url + "/simple", "shared", "delta")
        self.assertPins(swapped, {"delta": "3.0", "shared": "2.0"})
        self.assertChecked(swapped, mirrors, requirements=["shared", "delta"])

    def test_url_requirement(self):
        served = self.tmp / "served"
        digest = write_wheel(served / "files" / "urlpkg-1.0-py3-none-any.whl", "urlpkg", "1.0", ["gamma>=2"])
        with MirrorServer(served) as files:
            url = f"{files.url}/files/urlpkg-1.0-py3-none-any.whl"
            text = self.toy(f"urlpkg @ {url}", "--generate-hashes", check=False)
            pins, hashes = read_lock(text)
            self.assertEqual(pins, {"gamma": "2.0", "urlpkg": "@ " + url}, text)
            self.assertEqual(hashes["urlpkg"], [digest], text)
            self.assertChecked(text, [ToyMirrors.primary_root, served], requirements=[f"urlpkg @ {url}"])

    def test_generate_hashes_are_real(self):
        text = self.toy("alpha", "outer", "native", "--generate-hashes")
        pins, hashes = read_lock(text)
        known = all_page_digests([ToyMirrors.primary_root])
        for name in pins:
            self.assertTrue(hashes[name], f"{name} has no --hash line:\n{text}")
            for digest in hashes[name]:
                self.assertIn(digest, known, f"{name}: sha256:{digest} is not in the mirror's pages")
        self.check(text, "alpha", "outer", "native")

    def test_upgrade_package_keeps_other_pins(self):
        out = self.tmp / "locked.txt"
        self.toy("alpha<1.1", "beta<1.5", out=out)
        self.assertPins(out.read_text(), {"alpha": "1.0", "beta": "1.0"})
        kept = self.toy("alpha", out=out)
        self.assertPins(kept, {"alpha": "1.0", "beta": "1.0"})
        self.check(kept, "alpha")
        lifted = self.toy("alpha", "--upgrade-package", "beta", out=out)
        self.assertPins(lifted, {"alpha": "1.0", "beta": "1.5"})
        self.check(lifted, "alpha")
        everything = self.toy("alpha", "--upgrade", out=out)
        self.assertPins(everything, {"alpha": "1.1", "beta": "1.5"})

    def test_deterministic(self):
        out = self.tmp / "det.txt"
        first = self.toy("alpha", "outer", "native", "--generate-hashes", out=out)
        second = self.toy("alpha", "outer", "native", "--generate-hashes", out=out)
        self.assertEqual(first.encode(), second.encode())
        # the order of the inputs does not matter either
        third = self.toy("native", "outer", "alpha", "--generate-hashes", out=out)
        self.assertEqual(read_lock(first), read_lock(third))

    def test_failed_run_leaves_output_untouched(self):
        out = self.tmp / "existing.txt"
        self.toy("alpha", out=out)
        before = out.read_bytes()
        names_before = sorted(os.listdir(self.tmp))
        unsat = self.toy("alpha>=2.0rc1", "beta<1.5", out=out, expect=1)
        self.assertTrue(unsat.stderr.strip(), "an unsatisfiable run explains itself")
        self.assertEqual(out.read_bytes(), before)
        bad = self.toy("alpha>>=1", out=out, expect=2)
        self.assertIn("alpha>>=1", bad.stderr)
        self.assertEqual(out.read_bytes(), before)
        self.assertEqual(sorted(os.listdir(self.tmp)), names_before, "no temporary file is left behind")

    def test_bad_input_names_the_file(self):
        missing = self.tmp / "no-such-requirements.in"
        proc = run_gpulock("compile", "--index-url", ToyMirrors.primary.url + "/simple", "-r", missing)
        # a missing input file is the user's input (2) or a failed read (3): either way, named
        self.assertIn(proc.returncode, (2, 3), proc.stderr)
        self.assertIn(str(missing), proc.stderr)
        broken = self.requirements_in("alpha", "beta ===", name="broken.in")
        proc = self.toy("-r", broken, expect=2)
        self.assertIn("broken.in", proc.stderr)

    def test_unknown_project_fails(self):
        proc = self.toy("no-such-project", expect=1)
        self.assertIn("no-such-project", proc.stderr)

    def test_network_failure(self):
        server = MirrorServer(ToyMirrors.primary_root).start()
        dead = server.url + "/simple"
        server.stop()  # nothing listens on that port any more
        out = self.tmp / "never-written.txt"
        proc = self.compile("--index-url", dead, "alpha", out=out, expect=3)
        self.assertTrue(proc.stderr.strip())
        self.assertFalse(out.exists())


class ToyPytorchCompileTest(CompileCase):
    """A PyTorch-style index with local versions ahead of a PyPI-style one (fixtures/toy-pytorch)."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="gpulock-toy-pytorch-")
        cls.root = render_fixture("toy-pytorch", Path(cls.dir) / "mirror").parent
        cls.pytorch = MirrorServer(cls.root / "pytorch").start()
        cls.pypi = MirrorServer(cls.root / "pypi").start()
        cls.mirrors = [cls.root / "pytorch" / "whl" / "cu128", cls.root / "pypi"]

    @classmethod
    def tearDownClass(cls):
        cls.pytorch.stop()
        cls.pypi.stop()
        shutil.rmtree(cls.dir, True)

    def check_mirrors(self):
        return self.mirrors

    def both(self):
        return ["--index-url", f"{self.pytorch.url}/whl/cu128", "--extra-index-url", f"{self.pypi.url}/simple"]

    def test_local_version_from_the_first_index(self):
        # PyPI has a newer torch (9.1.0), but the PyTorch index answers for torch first
        text = self.compile(*self.both(), "torch", "torchvision", "--generate-hashes")
        self.assertPins(text, {"gamma": "1.0", "torch": "9.0.0+cu128", "torchvision": "1.0.0+cu128"})
        self.assertEqual(index_lines(text), [f"--index-url {self.pytorch.url}/whl/cu128",
                                             f"--extra-index-url {self.pypi.url}/simple"])
        self.assertChecked(text, self.mirrors, requirements=["torch", "torchvision"])

    def test_public_version_pin_takes_the_local_build(self):
        # torch==9.0.0 matches 9.0.0+cu128 (PEP 440 ignores the local label when the pin has none)
        text = self.compile(*self.both(), "torch==9.0.0")
        self.assertPins(text, {"gamma": "1.0", "torch": "9.0.0+cu128"})
        self.assertChecked(text, self.mirrors, requirements=["torch==9.0.0"])

    def test_marker_on_local_build_dependency(self):
        text = self.compile(*self.both(), "torch", "--platform", "win_amd64")
        self.assertPins(text, {"torch": "9.0.0+cu128"})
        self.assertChecked(text, self.mirrors, requirements=["torch"], platform="win_amd64")

    def test_pypi_alone(self):
        text = self.compile("--index-url", f"{self.pypi.url}/simple", "torch", "torchvision")
        self.assertPins(text, {"torch": "9.1.0", "torchvision": "1.1.0"})
        self.assertChecked(text, [self.root / "pypi"], requirements=["torch", "torchvision"])


class RealMirrorCompileTest(CompileCase):
    """The rendered facts (PyPI and the PyTorch subindexes) served over loopback."""

    @classmethod
    def setUpClass(cls):
        cls.root = Path(render_mirror())
        cls.pypi = MirrorServer(cls.root / "pypi").start()
        cls.pytorch = MirrorServer(cls.root / "pytorch").start()

    @classmethod
    def tearDownClass(cls):
        cls.pypi.stop()
        cls.pytorch.stop()

    def test_transformers_trl_stack_with_hashes(self):
        reqs = ["transformers==4.45.2", "trl==0.11.4"]
        text = self.compile("--index-url", self.pypi.url + "/simple", *reqs, "--generate-hashes")
        pins, hashes = read_lock(text)
        self.assertEqual(pins["transformers"], "4.45.2")
        self.assertEqual(pins["trl"], "0.11.4")
        for dep in ("torch", "accelerate", "datasets", "tokenizers", "huggingface-hub"):
            self.assertIn(dep, pins)
        known = all_page_digests([self.root / "pypi"])
        self.assertTrue(any(hashes.values()), text)
        for name, digests in hashes.items():
            for digest in digests:
                self.assertIn(digest, known, f"{name}: sha256:{digest} is invented")
        self.assertChecked(text, [self.root / "pypi"], requirements=reqs)

    def torch_index(self, tag):
        return ["--index-url", f"{self.pytorch.url}/whl/{tag}", "--extra-index-url", self.pypi.url + "/simple"]

    def test_torch_local_version_from_cu121(self):
        text = self.compile(*self.torch_index("cu121"), "torch==2.4.1")
        pins, _ = read_lock(text)
        self.assertEqual(pins["torch"], "2.4.1+cu121")
        self.assertEqual(pins["nvidia-cudnn-cu12"], "9.1.0.70")
        self.assertEqual(pins["triton"], "3.0.0")
        self.assertChecked(text, [self.root / "pytorch" / "whl" / "cu121", self.root / "pypi"],
                           requirements=["torch==2.4.1"])

    def test_rtx_5090_seed_stack_on_cu128_with_hashes(self):
        # seed 002: an RTX 5090 (sm_120) needs a cu128 build, torch 2.7 or later. (The seed 000 stack,
        # torch 2.9.0, cannot be taken from this index first: its cu128 triton page lists only 3.3.x.)
        # pip's hash-checking mode needs a --hash on every pin, and the cu128 index lists triton without
        # a digest: the lock must still carry one pip accepts for the file it installs.
        reqs = ["torch==2.7.1", "torchvision==0.22.1", "transformers==4.56.2", "accelerate==1.11.0"]
        text = self.compile(*self.torch_index("cu128"), *reqs, "--generate-hashes")
        pins, hashes = read_lock(text)
        self.assertEqual(pins["torch"], "2.7.1+cu128")
        self.assertEqual(pins["torchvision"], "0.22.1+cu128")
        self.assertEqual(pins["triton"], "3.3.1")
        mirrors = [self.root / "pytorch" / "whl" / "cu128", self.root / "pypi"]
        known = all_page_digests(mirrors)
        for name, digests in hashes.items():
            for digest in digests:
                self.assertIn(digest, known, f"{name}: sha256:{digest} is invented")
        self.assertChecked(text, mirrors, requirements=reqs)


class EmbeddedSnapshotCompileTest(CompileCase):
    """No index options: the snapshot embedded in the repository's indexes/ answers, offline."""

    PYPI = "https://pypi.org/simple"

    @classmethod
    def setUpClass(cls):
        cls.root = Path(render_mirror())

    def test_transformers_trl_offline(self):
        text = self.compile("--offline", "transformers==4.45.2", "trl==0.11.4")
        pins, _ = read_lock(text)
        self.assertEqual((pins["transformers"], pins["trl"]), ("4.45.2", "0.11.4"))
        self.assertEqual(index_lines(text), [], "PyPI alone needs no index line")
        self.assertChecked(text, [self.root / "pypi"], requirements=["transformers==4.45.2", "trl==0.11.4"])

    def test_torch_cu121_from_embedded_pytorch_index(self):
        text = self.compile("--index-url", "https://download.pytorch.org/whl/cu121",
                            "--extra-index-url", self.PYPI, "torch==2.4.1")
        pins, _ = read_lock(text)
        self.assertEqual(pins["torch"], "2.4.1+cu121")
        self.assertEqual(index_lines(text), ["--index-url https://download.pytorch.org/whl/cu121",
                                             f"--extra-index-url {self.PYPI}"])
        header = "\n".join(header_lines(text))
        self.assertIn("snapshot", header.lower())
        self.assertChecked(text, [self.root / "pytorch" / "whl" / "cu121", self.root / "pypi"],
                           requirements=["torch==2.4.1"])

    def test_embedded_snapshot_is_in_the_repository(self):
        self.assertTrue(any((source_root() / "indexes").iterdir()), "indexes/ holds the embedded snapshot")


if __name__ == "__main__":
    unittest.main()
