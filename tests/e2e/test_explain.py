"""Unsatisfiable inputs: `gpulock compile` exits 1, writes nothing, and explains the conflict in the
user's terms (the packages, versions and requirements involved), never in the solver's."""
import re
import shutil
import tempfile
import unittest
from pathlib import Path

from harness import MirrorServer, render_mirror, run_gpulock
from fixtures.lockcheck import render_fixture

SOLVER_WORDS = re.compile(r"\b(solvables?|jobs?|rules?)\b", re.IGNORECASE)


class ExplainCase(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="gpulock-explain-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def unsatisfiable(self, *args, existing=None):
        """Runs compile expecting a conflict; returns the explanation. With `existing`, the output file
        holds that text before the run and must still hold it after."""
        out = self.tmp / "requirements.txt"
        if existing is not None:
            out.write_text(existing)
        proc = run_gpulock("compile", *args, "-o", out)
        self.assertEqual(proc.returncode, 1, f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
        if existing is None:
            self.assertFalse(out.exists(), "no output file is written for an unsatisfiable set")
        else:
            self.assertEqual(out.read_text(), existing, "a failed run leaves the existing output untouched")
        text = proc.stderr
        self.assertTrue(text.strip(), "the conflict is explained on stderr")
        self.assertIsNone(SOLVER_WORDS.search(text), f"solver vocabulary leaked into:\n{text}")
        return text

    def assertMentions(self, text, *fragments):
        for fragment in fragments:
            self.assertIn(fragment, text, f"the explanation does not mention {fragment!r}:\n{text}")


class ToyExplainTest(ExplainCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="gpulock-toy-")
        cls.root = render_fixture("toy", Path(cls.dir) / "toy")
        cls.server = MirrorServer(cls.root).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.dir, True)

    def toy(self, *args):
        return self.unsatisfiable("--index-url", self.server.url + "/simple", *args)

    def test_dependency_conflict(self):
        # alpha 2.0rc1 (the only alpha>=2.0rc1) needs beta>=1.5; the user asks for beta<1.5
        text = self.toy("alpha>=2.0rc1", "beta<1.5")
        self.assertMentions(text, "alpha", "2.0rc1", "beta>=1.5", "beta<1.5")

    def test_conflict_through_extras(self):
        # outer -> selfx[all] -> selfx[a] needs beta<1.5
        text = self.toy("outer", "beta>=1.5")
        self.assertMentions(text, "selfx", "beta<1.5", "beta>=1.5")

    def test_no_wheel_for_python(self):
        text = self.toy("native", "--python", "3.10")
        self.assertMentions(text, "native", "3.10")

    def test_no_wheel_for_platform(self):
        text = self.toy("winonly")
        self.assertMentions(text, "winonly")
        self.assertTrue("manylinux_2_35_x86_64" in text or "platform" in text, text)

    def test_requires_python(self):
        text = self.toy("newpy>=1.0", "--python", "3.11")
        self.assertMentions(text, "newpy", "3.11")

    def test_contradictory_inputs(self):
        text = self.toy("gamma<2", "gamma>=2")
        self.assertMentions(text, "gamma<2", "gamma>=2")


class RealExplainTest(ExplainCase):
    @classmethod
    def setUpClass(cls):
        cls.root = Path(render_mirror())
        cls.pypi = MirrorServer(cls.root / "pypi").start()
        cls.pytorch = MirrorServer(cls.root / "pytorch").start()

    @classmethod
    def tearDownClass(cls):
        cls.pypi.stop()
        cls.pytorch.stop()

    def test_trl_needs_newer_transformers(self):
        # trl 0.21.0 declares transformers>=4.55.0
        text = self.unsatisfiable("--index-url", self.pypi.url + "/simple", "trl==0.21.0", "transformers==4.51.3",
                                  existing="# an earlier lock\nfilelock==3.20.0\n")
        self.assertMentions(text, "trl", "0.21.0", "transformers", "4.51.3", "transformers>=4.55.0")

    def test_xformers_pins_its_torch(self):
        # xformers 0.0.29 is built against torch 2.5.1 and says so with an exact pin
        text = self.unsatisfiable("--index-url", self.pypi.url + "/simple", "xformers==0.0.29", "torch==2.6.0")
        self.assertMentions(text, "xformers", "0.0.29", "torch==2.5.1", "2.6.0")

    def test_torch_241_has_no_python_313_build(self):
        text = self.unsatisfiable("--index-url", f"{self.pytorch.url}/whl/cu121",
                                  "--extra-index-url", self.pypi.url + "/simple",
                                  "torch==2.4.1", "--python", "3.13")
        self.assertMentions(text, "torch", "2.4.1", "3.13")


class EmbeddedExplainTest(ExplainCase):
    def test_trl_needs_newer_transformers_offline(self):
        text = self.unsatisfiable("--offline", "trl==0.21.0", "transformers==4.51.3")
        self.assertMentions(text, "trl", "0.21.0", "transformers", "4.51.3", "transformers>=4.55.0")


if __name__ == "__main__":
    unittest.main()
