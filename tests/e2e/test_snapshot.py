"""End-to-end: `gpulock snapshot` writes self-contained snapshots (atomically, with public URLs),
reads them back with no network (verifying every file), loads them into a pool through the
.solv cache, and finds the embedded snapshot in indexes/."""
import os
import shutil
import tempfile
import unittest
from pathlib import Path

from harness import MirrorServer, render_mirror, run_gpulock, source_root


def read_manifest(snapshot_dir):
    rows = {}
    with open(os.path.join(snapshot_dir, "manifest.tsv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0] == "gpulock-snapshot 1", lines[0]
    for line in lines[1:]:
        fields = line.split("\t")
        rows.setdefault(fields[0], []).append(fields[1:])
    return rows


def check(*args, cache):
    """`snapshot --check`: (exit code, releases, files, stderr)."""
    proc = run_gpulock("snapshot", "--check", *args, env={"XDG_CACHE_HOME": cache})
    if proc.returncode != 0:
        return proc.returncode, None, None, proc.stderr
    words = proc.stdout.split()
    return 0, int(words[words.index("releases,") - 1]), int(words[words.index("files") - 1]), proc.stderr


class SnapshotTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="gpulock-test-snapshot-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.cache = os.path.join(self.tmp, "cache")

    def crawl_torch(self, out):
        """Snapshots torch (cu128) and its closure from the rendered facts, under public names."""
        mirror = render_mirror()
        pypi = MirrorServer(os.path.join(mirror, "pypi")).start()
        pytorch = MirrorServer(os.path.join(mirror, "pytorch")).start()
        try:
            proc = run_gpulock(
                "snapshot", "-q",
                "--index-url", pypi.url + "/simple=https://pypi.org/simple",
                "--extra-index-url", pytorch.url + "/whl/cu128=https://download.pytorch.org/whl/cu128",
                "torch", "-o", out, env={"XDG_CACHE_HOME": self.cache})
        finally:
            pypi.stop()
            pytorch.stop()
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return out


class RoundTrip(SnapshotTestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared_tmp = tempfile.mkdtemp(prefix="gpulock-test-snapshot-torch-")
        helper = SnapshotTestCase()
        helper.tmp = cls.shared_tmp
        helper.cache = os.path.join(cls.shared_tmp, "cache")
        cls.snap = helper.crawl_torch(os.path.join(cls.shared_tmp, "torch"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared_tmp, True)

    def test_snapshot_holds_the_closure_under_public_urls(self):
        man = read_manifest(self.snap)
        self.assertEqual([i[:3] for i in man["index"]],
                         [["0", "pypi", "https://pypi.org/simple"],
                          ["1", "cu128", "https://download.pytorch.org/whl/cu128"]])
        pages = {(p[0], p[1]) for p in man["page"]}
        self.assertIn(("cu128", "torch"), pages)
        self.assertIn(("pypi", "sympy"), pages, "torch's dependencies are crawled")
        self.assertIn(("pypi", "mpmath"), pages, "and theirs")
        # PyPI's torch is kept for selections without a PyTorch index (see test_only_the_indexes_asked_for).
        self.assertIn(("pypi", "torch"), pages)
        for row in man["page"]:
            self.assertRegex(row[4], r"^https://(pypi\.org|download\.pytorch\.org)/")
        for row in man["metadata"]:
            self.assertRegex(row[5], r"^https://(pypi\.org|download\.pytorch\.org)/")
        # Content-addressed metadata: one file per distinct content.
        shas = {row[3] for row in man["metadata"]}
        self.assertEqual(len(os.listdir(os.path.join(self.snap, "metadata"))), len(shas))

    def test_read_back_with_the_server_stopped(self):
        rc, releases, files, err = check("--snapshot", self.snap, cache=self.cache)
        self.assertEqual(rc, 0, err)
        self.assertGreater(releases, 100)
        self.assertGreater(files, releases)
        copy = os.path.join(self.tmp, "copy")
        proc = run_gpulock("snapshot", "--snapshot", self.snap, "-o", copy)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(Path(copy, "manifest.tsv").read_text(), Path(self.snap, "manifest.tsv").read_text())
        rc, copied, copied_files, err = check("--snapshot", copy, cache=os.path.join(self.tmp, "other-cache"))
        self.assertEqual((rc, copied, copied_files), (0, releases, files), err)

    def test_compile_from_the_snapshot_with_the_server_stopped(self):
        req = Path(self.tmp, "requirements.in")
        req.write_text("torch\n")
        target = ["--python", "3.11", "--platform", "manylinux_2_35_x86_64"]
        proc = run_gpulock("compile", "-r", req, "--snapshot", self.snap, *target,
                           "--extra-index-url", "https://download.pytorch.org/whl/cu128",
                           env={"XDG_CACHE_HOME": self.cache})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout, r"(?m)^torch==[0-9.]+\+cu128$")
        self.assertIn("--extra-index-url https://download.pytorch.org/whl/cu128", proc.stdout)
        self.assertNotIn("127.0.0.1", proc.stdout)
        # Without the PyTorch index, the same snapshot answers with PyPI's torch.
        proc = run_gpulock("compile", "-r", req, "--snapshot", self.snap, *target,
                           env={"XDG_CACHE_HOME": self.cache})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout, r"(?m)^torch==[0-9.]+$")

    def test_only_the_indexes_asked_for(self):
        counts = {}
        for names in ((), ("pypi",), ("cu128",), ("pypi", "cu128")):
            args = [a for n in names for a in ("--index", n)]
            rc, counts[names], _, err = check("--snapshot", self.snap, *args, cache=self.cache)
            self.assertEqual(rc, 0, err)
        self.assertEqual(counts[()], counts[("pypi", "cu128")])
        self.assertGreater(counts[("cu128",)], 0)
        # Together, PyPI's torch releases give way to the PyTorch index's (the pin).
        self.assertLess(counts[("pypi", "cu128")], counts[("pypi",)] + counts[("cu128",)])
        rc, _, _, err = check("--snapshot", self.snap, "--index", "cu999", cache=self.cache)
        self.assertEqual(rc, 2)
        self.assertIn("no index named 'cu999'", err)
        self.assertIn("cu128", err)

    def test_solv_cache_is_used_and_a_corrupt_one_rebuilt(self):
        rc, releases, files, err = check("--snapshot", self.snap, cache=self.cache)
        self.assertEqual(rc, 0, err)
        solv_dir = Path(self.cache, "gpulock", "solv")
        (solv,) = list(solv_dir.glob("*.solv"))
        good = solv.read_bytes()
        # Warm: the same answer from the .solv file, even with the pages gone.
        moved = Path(self.tmp, "moved")
        shutil.copytree(self.snap, moved)
        shutil.rmtree(moved / "pages")
        rc, again, again_files, err = check("--snapshot", str(moved), cache=self.cache)
        self.assertEqual((rc, again, again_files), (0, releases, files), err)
        # Corrupt: ignored, rebuilt from the pages.
        solv.write_bytes(b"not a solv file" + good[100:200])
        rc, again, again_files, err = check("--snapshot", self.snap, cache=self.cache)
        self.assertEqual((rc, again, again_files), (0, releases, files), err)
        self.assertEqual(solv.read_bytes(), good)

    def test_corrupt_snapshot_file_is_named(self):
        bad = Path(self.tmp, "bad")
        shutil.copytree(self.snap, bad)
        victim = sorted((bad / "metadata").iterdir())[0]
        victim.write_bytes(victim.read_bytes() + b"Requires-Dist: evil\n")
        rc, _, _, err = check("--snapshot", str(bad), cache=self.cache)
        self.assertEqual(rc, 3)
        self.assertIn(victim.name, err)
        self.assertIn("corrupt", err)
        proc = run_gpulock("snapshot", "--snapshot", str(bad), "-o", os.path.join(self.tmp, "copy"))
        self.assertEqual(proc.returncode, 3)
        self.assertIn(victim.name, proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "copy")))

    def test_missing_snapshot_file_is_named(self):
        bad = Path(self.tmp, "bad")
        shutil.copytree(self.snap, bad)
        victim = bad / "pages" / "cu128" / "torch.html"
        victim.unlink()
        rc, _, _, err = check("--snapshot", str(bad), cache=self.cache)
        self.assertEqual(rc, 3)
        self.assertIn("pages/cu128/torch.html", err)

    def test_not_a_snapshot(self):
        rc, _, _, err = check("--snapshot", self.tmp, cache=self.cache)
        self.assertNotEqual(rc, 0)
        self.assertIn("not a gpulock snapshot", err)


class Atomicity(SnapshotTestCase):
    def small_mirror(self, bad_digest=False):
        root = Path(self.tmp, "mirror")
        (root / "simple" / "foo").mkdir(parents=True, exist_ok=True)
        (root / "files").mkdir(exist_ok=True)
        md = b"Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n"
        (root / "files" / "foo-1.0-py3-none-any.whl.metadata").write_bytes(md)
        import hashlib
        digest = hashlib.sha256(b"x" if bad_digest else md).hexdigest()
        (root / "simple" / "foo" / "index.html").write_text(
            f'<a href="../../files/foo-1.0-py3-none-any.whl" data-core-metadata="sha256={digest}">'
            "foo-1.0-py3-none-any.whl</a>\n")
        return root

    def test_failed_crawl_leaves_the_existing_snapshot_alone(self):
        out = os.path.join(self.tmp, "snap")
        srv = MirrorServer(self.small_mirror()).start()
        self.addCleanup(srv.stop)
        url = srv.url + "/simple"
        proc = run_gpulock("snapshot", "--index-url", url, "foo", "-o", out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        before = Path(out, "manifest.tsv").read_text()
        self.small_mirror(bad_digest=True)
        proc = run_gpulock("snapshot", "--index-url", url, "foo", "-o", out)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertEqual(Path(out, "manifest.tsv").read_text(), before)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["mirror", "snap"], "no temporary directory is left")

    def test_a_new_snapshot_replaces_the_old_one_whole(self):
        out = Path(self.tmp, "snap")
        out.mkdir()
        (out / "stale-file").write_text("from before")
        srv = MirrorServer(self.small_mirror()).start()
        self.addCleanup(srv.stop)
        proc = run_gpulock("snapshot", "--index-url", srv.url + "/simple", "foo", "-o", str(out))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertFalse((out / "stale-file").exists())
        self.assertEqual(read_manifest(out)["metadata"][0][:3], ["foo", "1.0", "pep658"])
        self.assertEqual(sorted(os.listdir(self.tmp)), ["mirror", "snap"])

    def test_usage_errors(self):
        proc = run_gpulock("snapshot", "torch")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("-o DIR is required", proc.stderr)
        proc = run_gpulock("snapshot", "-o", os.path.join(self.tmp, "x"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("name the packages", proc.stderr)
        proc = run_gpulock("snapshot", "--index-url", "not a url", "torch", "-o", os.path.join(self.tmp, "x"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("invalid index URL", proc.stderr)


class Embedded(SnapshotTestCase):
    def test_embedded_snapshot_is_found_and_verifies(self):
        rc, releases, files, err = check(cache=self.cache)
        self.assertEqual(rc, 0, err)
        self.assertGreater(releases, 500)
        self.assertGreater(files, 5000)

    def test_embedded_snapshot_names_public_indexes_per_cuda_tag(self):
        man = read_manifest(source_root() / "indexes")
        indexes = {i[1]: i[2] for i in man["index"]}
        self.assertEqual(indexes["pypi"], "https://pypi.org/simple")
        for tag in ("cu118", "cu121", "cu124", "cu126", "cu128", "cu129", "cu130", "cpu"):
            self.assertEqual(indexes[tag], f"https://download.pytorch.org/whl/{tag}")
        torch_tags = {p[0] for p in man["page"] if p[1] == "torch"}
        self.assertTrue({"cu118", "cu126", "cu128", "cu130", "cpu", "pypi"} <= torch_tags, torch_tags)
        rc, cu128, _, err = check("--index", "pypi", "--index", "cu128", cache=self.cache)
        self.assertEqual(rc, 0, err)
        rc, cu126, _, err = check("--index", "pypi", "--index", "cu126", cache=self.cache)
        self.assertEqual(rc, 0, err)
        self.assertGreater(cu128, 0)
        self.assertGreater(cu126, 0)

    def test_gpulock_indexes_overrides_the_location(self):
        proc = run_gpulock("snapshot", "--check", env={"GPULOCK_INDEXES": self.tmp, "XDG_CACHE_HOME": self.cache})
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn(self.tmp, proc.stderr)


if __name__ == "__main__":
    unittest.main()
