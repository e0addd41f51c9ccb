"""End-to-end: how `gpulock snapshot` reads indexes over HTTP — page shapes, PEP 658 digests,
404s, transient failures, the download cache, index priority, the PyTorch pin, credentials,
and metadata read from wheels (range requests) and sdists (PEP 643) when no PEP 658 file exists.

Each test serves a mirror on 127.0.0.1 with tests/e2e/server.py and runs the built binary."""
import hashlib
import html
import io
import os
import re
import shutil
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path

from harness import MirrorServer, render_mirror, run_gpulock


def metadata_text(name, version, requires=(), metadata_version="2.1", dynamic=()):
    lines = [f"Metadata-Version: {metadata_version}", f"Name: {name}", f"Version: {version}"]
    lines += [f"Dynamic: {d}" for d in dynamic]
    lines += [f"Requires-Dist: {r}" for r in requires]
    return ("\n".join(lines) + "\n").encode()


def wheel_bytes(name, version, metadata):
    buf = io.BytesIO()
    dist = f"{name.replace('-', '_')}-{version}.dist-info"
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{dist}/METADATA", metadata)
        z.writestr(f"{dist}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")
        z.writestr(f"{dist}/RECORD", "")
        # Padding, so that reading the METADATA by ranges is visibly cheaper than the file.
        z.writestr(f"{name}/data.bin", os.urandom(200_000), compress_type=zipfile.ZIP_STORED)
    return buf.getvalue()


def sdist_bytes(name, version, pkg_info):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        info = tarfile.TarInfo(f"{name}-{version}/PKG-INFO")
        info.size = len(pkg_info)
        t.addfile(info, io.BytesIO(pkg_info))
    return buf.getvalue()


class Mirror:
    """A small hand-made PEP 503 mirror: ROOT/simple/<project>/index.html, ROOT/files/…"""

    def __init__(self, root, index_path="simple"):
        self.root = Path(root)
        self.index_path = index_path
        self.pages = {}

    def add(self, project, version, requires=(), href_style="relative", files_base=None,
            pep658=True, kind="wheel", bad_metadata_digest=False, file_bytes=None, metadata=None):
        """Adds one file of project (wheel or sdist). href_style: relative, absolute-path,
        absolute (files_base is then the other host's URL)."""
        dist = project.replace("-", "_")
        filename = f"{dist}-{version}-py3-none-any.whl" if kind == "wheel" else f"{project}-{version}.tar.gz"
        md = metadata if metadata is not None else metadata_text(project, version, requires)
        files = self.root / "files"
        files.mkdir(parents=True, exist_ok=True)
        blob = file_bytes if file_bytes is not None else (
            wheel_bytes(project, version, md) if kind == "wheel" else sdist_bytes(project, version, md))
        (files / filename).write_bytes(blob)
        attrs = ""
        if pep658:
            (files / (filename + ".metadata")).write_bytes(md)
            digest = hashlib.sha256(b"tampered" if bad_metadata_digest else md).hexdigest()
            attrs = f' data-core-metadata="sha256={digest}"'
        depth = self.index_path.count("/") + 2
        if href_style == "relative":
            href = "../" * depth + "files/" + filename
        elif href_style == "absolute-path":
            href = "/files/" + filename
        else:
            href = f"{files_base}/files/{filename}"
        href += "#sha256=" + hashlib.sha256(blob).hexdigest()
        self.pages.setdefault(project, []).append(f'<a href="{html.escape(href)}"{attrs}>{filename}</a><br/>')
        self.write_pages()
        return filename

    def write_pages(self):
        """Pages live under the PEP 503 normalised name; the root page shows names as given."""
        normalize = lambda name: re.sub(r"[-_.]+", "-", name).lower()
        for project, anchors in self.pages.items():
            page = self.root / self.index_path / normalize(project)
            page.mkdir(parents=True, exist_ok=True)
            (page / "index.html").write_text(
                "<!DOCTYPE html><html><body>\n" + "\n".join(anchors) + "\n</body></html>\n")
        links = "".join(f'<a href="{normalize(p)}/">{p}</a>\n' for p in sorted(self.pages))
        (self.root / self.index_path).mkdir(parents=True, exist_ok=True)
        (self.root / self.index_path / "index.html").write_text(f"<html><body>{links}</body></html>\n")


def read_manifest(snapshot_dir):
    rows = {}
    with open(os.path.join(snapshot_dir, "manifest.tsv"), encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            fields = line.split("\t")
            rows.setdefault(fields[0], []).append(fields[1:])
    return rows


class IndexTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="gpulock-test-index-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.cache = os.path.join(self.tmp, "cache")

    def mirror(self, name="mirror", index_path="simple"):
        return Mirror(os.path.join(self.tmp, name), index_path)

    def serve(self, root):
        srv = MirrorServer(root).start()
        self.addCleanup(srv.stop)
        return srv

    def snapshot(self, *args, out="snap"):
        out = os.path.join(self.tmp, out)
        proc = run_gpulock("snapshot", *args, "-o", out, env={"XDG_CACHE_HOME": self.cache})
        return proc, out

    def assert_ok(self, proc):
        self.assertEqual(proc.returncode, 0, proc.stderr)


class PageShapes(IndexTestCase):
    def check_shape(self, style):
        m = self.mirror()
        m.add("foo", "1.0", ["bar>=1"], href_style=style)
        m.add("bar", "1.0", href_style=style)
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assert_ok(proc)
        man = read_manifest(out)
        self.assertEqual(sorted(p[1] for p in man["page"]), ["bar", "foo"])
        releases = {(r[0], r[1]): r for r in man["metadata"]}
        self.assertEqual(set(releases), {("foo", "1.0"), ("bar", "1.0")})
        self.assertEqual(releases[("foo", "1.0")][2], "pep658")
        self.assertEqual(releases[("foo", "1.0")][5], srv.url + "/files/foo-1.0-py3-none-any.whl")
        self.assertEqual(srv.count("/files/foo-1.0-py3-none-any.whl.metadata"), 1)
        self.assertEqual(srv.count("/files/foo-1.0-py3-none-any.whl"), 0, "PEP 658 spares the wheel")

    def test_relative_hrefs(self):
        self.check_shape("relative")

    def test_absolute_path_hrefs(self):
        self.check_shape("absolute-path")

    def test_absolute_hrefs_to_another_host(self):
        files_host = self.mirror("files-host")
        files_srv = self.serve(files_host.root)
        m = self.mirror()
        m.add("foo", "1.0", href_style="absolute", files_base=files_srv.url)
        # The files live on the other host only.
        shutil.copytree(m.root / "files", files_host.root / "files", dirs_exist_ok=True)
        shutil.rmtree(m.root / "files")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assert_ok(proc)
        self.assertEqual(files_srv.count("/files/foo-1.0-py3-none-any.whl.metadata"), 1)
        (row,) = read_manifest(out)["metadata"]
        self.assertEqual(row[5], files_srv.url + "/files/foo-1.0-py3-none-any.whl")

    def test_all_projects_from_the_root_page(self):
        m = self.mirror()
        m.add("foo", "1.0")
        m.add("bar", "2.0")
        m.add("Baz_Qux", "3.0")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "--all-projects")
        self.assert_ok(proc)
        self.assertEqual(sorted(p[1] for p in read_manifest(out)["page"]), ["bar", "baz-qux", "foo"])

    def test_one_metadata_file_per_release(self):
        m = self.mirror()
        m.add("foo", "1.0")
        m.add("foo", "1.0", kind="sdist")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assert_ok(proc)
        self.assertEqual(srv.count("/files/foo-1.0-py3-none-any.whl.metadata"), 1)
        self.assertEqual(srv.count("/files/foo-1.0.tar.gz.metadata"), 0, "the wheel's metadata serves the release")


class Failures(IndexTestCase):
    def test_metadata_digest_mismatch_names_page_and_file(self):
        m = self.mirror()
        m.add("foo", "1.0", bad_metadata_digest=True)
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(srv.url + "/simple/foo/", proc.stderr)
        self.assertIn("foo-1.0-py3-none-any.whl", proc.stderr)
        self.assertIn("digest", proc.stderr)
        self.assertFalse(os.path.exists(out), "no snapshot is written after a failed crawl")
        self.assertEqual([p for p in os.listdir(self.tmp) if p.startswith("snap")], [])

    def test_project_not_found_is_reported_not_fatal(self):
        m = self.mirror()
        m.add("foo", "1.0", ["ghost>=1"])
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo", "nosuch")
        self.assert_ok(proc)
        self.assertIn("'nosuch' not found on any index", proc.stderr)
        missing = {row[1] for row in read_manifest(out)["missing"]}
        self.assertEqual(missing, {"nosuch", "ghost"})

    def test_503_recovers_on_retry(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        index = srv.fault_url("/simple", "status/503/1")
        proc, out = self.snapshot("--index-url", index, "foo")
        self.assert_ok(proc)
        self.assertEqual(srv.count("/__fault/status/503/1/simple/foo/"), 2)
        self.assertEqual(len(read_manifest(out)["metadata"]), 1)

    def test_503_that_persists_fails_naming_the_project(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.fault_url("/simple", "status/503"), "foo")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("'foo'", proc.stderr)
        self.assertIn("503", proc.stderr)
        self.assertFalse(os.path.exists(out))

    def test_connection_dropped_mid_body_recovers(self):
        m = self.mirror()
        m.add("foo", "1.0", ["bar"])
        m.add("bar", "2.0")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.fault_url("/simple", "drop/1"), "foo")
        self.assert_ok(proc)
        self.assertEqual(srv.count("/__fault/drop/1/simple/foo/"), 2)
        self.assertEqual({r[0] for r in read_manifest(out)["metadata"]}, {"foo", "bar"})

    def test_connection_dropped_every_time_fails_naming_the_project(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.fault_url("/simple", "drop"), "foo")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("'foo'", proc.stderr)
        self.assertGreater(srv.count("/__fault/drop/simple/foo/"), 1, "the transfer was retried")
        self.assertFalse(os.path.exists(out))

    def test_corrupt_metadata_body_is_a_digest_error(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        # The page is served intact; every file under it is corrupted in transit.
        page = m.root / "simple" / "foo" / "index.html"
        page.write_text(page.read_text().replace('href="../../files/', 'href="../../__fault/corrupt/files/'))
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("foo-1.0-py3-none-any.whl", proc.stderr)
        self.assertIn(srv.url + "/simple/foo/", proc.stderr)
        self.assertFalse(os.path.exists(out))

    def test_offline_miss(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--offline", "--index-url", srv.url + "/simple", "foo")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("offline", proc.stderr)
        self.assertEqual(srv.stats()["total"], 0, "offline means no request at all")
        self.assertFalse(os.path.exists(out))

    def test_offline_after_an_online_run(self):
        m = self.mirror()
        m.add("foo", "1.0", ["bar"])
        m.add("bar", "1.0")
        srv = self.serve(m.root)
        url = srv.url + "/simple"
        proc, first = self.snapshot("--index-url", url, "foo", out="online")
        self.assert_ok(proc)
        srv.stop()
        proc, second = self.snapshot("--offline", "--index-url", url, "foo", out="offline")
        self.assert_ok(proc)
        self.assertEqual(read_manifest(first)["metadata"], read_manifest(second)["metadata"])
        self.assertEqual(read_manifest(first)["page"], read_manifest(second)["page"])

    def test_offline_after_an_online_run_that_moved_past_a_404(self):
        # First-index asks the first index for every project; its 404 for bar sends the crawl
        # on to the second index. Offline, the remembered 404 must do the same.
        a, b = self.mirror("a"), self.mirror("b")
        a.add("foo", "1.0", ["bar"])
        b.add("bar", "1.0")
        sa, sb = self.serve(a.root), self.serve(b.root)
        args = ("--index-url", sa.url + "/simple", "--extra-index-url", sb.url + "/simple", "foo")
        proc, first = self.snapshot(*args, out="online")
        self.assert_ok(proc)
        self.assertGreater(sa.count("/simple/bar/"), 0, "the first index was asked for bar")
        sa.stop()
        sb.stop()
        proc, second = self.snapshot("--offline", *args, out="offline")
        self.assert_ok(proc)
        self.assertEqual(read_manifest(first)["page"], read_manifest(second)["page"])
        self.assertEqual(read_manifest(first)["metadata"], read_manifest(second)["metadata"])

    def test_corrupt_cache_entry_is_fetched_again(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        url = srv.url + "/simple"
        proc, first = self.snapshot("--index-url", url, "foo", out="first")
        self.assert_ok(proc)
        corrupted = 0
        for dirpath, _, names in os.walk(self.cache):
            for name in names:
                path = os.path.join(dirpath, name)
                data = bytearray(Path(path).read_bytes())
                if data:
                    data[-1] ^= 0xFF
                    Path(path).write_bytes(bytes(data))
                    corrupted += 1
        self.assertGreater(corrupted, 0, "the first run left cache entries")
        before = srv.count("/files/foo-1.0-py3-none-any.whl.metadata")
        proc, second = self.snapshot("--index-url", url, "foo", out="second")
        self.assert_ok(proc)
        self.assertEqual(srv.count("/files/foo-1.0-py3-none-any.whl.metadata"), before + 1)
        self.assertEqual(read_manifest(first)["metadata"], read_manifest(second)["metadata"])


class Priority(IndexTestCase):
    def test_project_on_two_indexes_comes_from_the_first_only(self):
        a, b = self.mirror("a"), self.mirror("b")
        a.add("foo", "1.0", ["bar"])
        b.add("foo", "9.0")
        b.add("bar", "1.0")
        sa, sb = self.serve(a.root), self.serve(b.root)
        proc, out = self.snapshot("--index-url", sa.url + "/simple", "--extra-index-url", sb.url + "/simple", "foo")
        self.assert_ok(proc)
        man = read_manifest(out)
        self.assertEqual({(p[0], p[1]) for p in man["page"]},
                         {(sa.url.split("//")[1] + "/simple", "foo"), (sb.url.split("//")[1] + "/simple", "bar")})
        self.assertEqual(sb.count("/simple/foo/"), 0, "a later index is never asked for a project an earlier one has")
        self.assertEqual({(r[0], r[1]) for r in man["metadata"]}, {("foo", "1.0"), ("bar", "1.0")})

    def test_torch_family_comes_from_the_pytorch_index_only(self):
        pypi, pt = self.mirror("pypi"), self.mirror("pytorch", index_path="whl/cu128")
        pypi.add("torch", "9.9.8")
        pypi.add("torch", "9.9.9")
        pypi.add("numpy", "2.0")
        pt.add("torch", "2.7.0+cu128", ["numpy"])
        s1, s2 = self.serve(pypi.root), self.serve(pt.root)
        pypi_name = s1.url.split("//")[1] + "/simple"
        proc, out = self.snapshot("--index-url", s1.url + "/simple",
                                  "--extra-index-url", s2.url + "/whl/cu128", "torch")
        self.assert_ok(proc)
        man = read_manifest(out)
        # The snapshot keeps PyPI's torch too, for loads that select PyPI alone...
        self.assertEqual({(p[0], p[1]) for p in man["page"]},
                         {("cu128", "torch"), (pypi_name, "torch"), (pypi_name, "numpy")})

        def releases(*names):
            args = [a for n in names for a in ("--index", n)]
            proc = run_gpulock("snapshot", "--check", "--snapshot", out, *args,
                               env={"XDG_CACHE_HOME": self.cache})
            self.assertEqual(proc.returncode, 0, proc.stderr)
            return int(proc.stdout.split()[2])

        # ...but while the PyTorch index is in use, torch comes from it alone.
        self.assertEqual(releases(pypi_name, "cu128"), 2)  # torch 2.7.0+cu128, numpy 2.0
        self.assertEqual(releases(pypi_name), 3)           # torch 9.9.8, 9.9.9, numpy 2.0
        self.assertEqual(releases("cu128"), 1)

    def test_public_names_replace_the_crawled_urls(self):
        pt = self.mirror("pytorch", index_path="whl/cu128")
        pt.add("torch", "2.7.0+cu128", href_style="absolute-path")
        srv = self.serve(pt.root)
        empty = Path(self.tmp, "empty")
        empty.mkdir()
        pypi = self.serve(empty)
        proc, out = self.snapshot("--index-url", pypi.url + "/simple=https://pypi.org/simple",
                                  "--extra-index-url", srv.url + "/whl/cu128=https://download.pytorch.org/whl/cu128",
                                  "torch")
        self.assert_ok(proc)
        man = read_manifest(out)
        self.assertEqual([i[:3] for i in man["index"]],
                         [["0", "pypi", "https://pypi.org/simple"], ["1", "cu128", "https://download.pytorch.org/whl/cu128"]])
        self.assertEqual(man["page"][0][4], "https://download.pytorch.org/whl/cu128/torch/")
        self.assertEqual(man["metadata"][0][5], "https://download.pytorch.org/files/torch-2.7.0+cu128-py3-none-any.whl")
        self.assertEqual(man["missing"], [["pypi", "torch"]])
        self.assertNotIn(pypi.url, proc.stderr)

    def test_credentials_are_never_printed_or_written(self):
        m = self.mirror()
        m.add("foo", "1.0")
        srv = self.serve(m.root)
        secret_url = srv.url.replace("http://", "http://alice:s3cr3t@") + "/simple"
        proc, out = self.snapshot("--index-url", secret_url, "foo", "nosuch")
        self.assert_ok(proc)
        self.assertNotIn("s3cr3t", proc.stdout + proc.stderr)
        self.assertNotIn("s3cr3t", Path(out, "manifest.tsv").read_text())
        proc, _ = self.snapshot("--index-url", srv.url.replace("http://", "http://alice:s3cr3t@") + "/__fault/status/500/simple",
                                "foo", out="failed")
        self.assertEqual(proc.returncode, 3)
        self.assertNotIn("s3cr3t", proc.stdout + proc.stderr)


class MetadataWithoutPep658(IndexTestCase):
    def test_lazy_wheel_on_a_stub_wheel_mirror(self):
        mirror = Path(self.tmp, "pypi")
        shutil.copytree(Path(render_mirror(stub_wheels=True), "pypi"), mirror)
        page = mirror / "simple" / "filelock" / "index.html"
        text = page.read_text()
        text = re.sub(r' data-(core|dist-info)-metadata="[^"]*"', "", text)
        page.write_text(text)
        for f in (mirror / "files").glob("filelock-*.metadata"):
            f.unlink()
        srv = self.serve(mirror)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "filelock")
        self.assert_ok(proc)
        rows = read_manifest(out)["metadata"]
        self.assertGreater(len(rows), 0)
        self.assertEqual({r[2] for r in rows if r[0] == "filelock"}, {"wheel"})
        stats = srv.stats()
        ranged = [p for p, last in stats["last"].items()
                  if p.startswith("/files/filelock-") and "range" in {k.lower() for k in last["headers"]}]
        self.assertTrue(ranged, "the wheels were read with range requests")
        self.assertNotIn("unavailable", read_manifest(out))
        # The METADATA read out of the wheels is cached: offline, the same answer.
        srv.stop()
        proc, offline = self.snapshot("--offline", "--index-url", srv.url + "/simple", "filelock", out="offline")
        self.assert_ok(proc)
        self.assertEqual(read_manifest(offline)["metadata"], rows)

    def test_sdist_pkg_info_2_2_is_used(self):
        m = self.mirror()
        m.add("foo", "1.0", kind="sdist", pep658=False,
              metadata=metadata_text("foo", "1.0", ["bar"], metadata_version="2.2"))
        m.add("bar", "1.0")
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assert_ok(proc)
        rows = {r[0]: r for r in read_manifest(out)["metadata"]}
        self.assertEqual(rows["foo"][2], "pkg-info")
        self.assertIn("bar", rows, "the sdist's Requires-Dist was followed")

    def test_sdist_pkg_info_older_than_2_2_is_unavailable(self):
        m = self.mirror()
        m.add("foo", "1.0", kind="sdist", pep658=False,
              metadata=metadata_text("foo", "1.0", ["bar"], metadata_version="2.1"))
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assert_ok(proc)
        (row,) = read_manifest(out)["unavailable"]
        self.assertEqual(row[:2], ["foo", "1.0"])
        self.assertIn("PEP 643", row[3])

    def test_sdist_with_dynamic_requires_dist_is_unavailable(self):
        m = self.mirror()
        m.add("foo", "1.0", kind="sdist", pep658=False,
              metadata=metadata_text("foo", "1.0", metadata_version="2.2", dynamic=["Requires-Dist"]))
        srv = self.serve(m.root)
        proc, out = self.snapshot("--index-url", srv.url + "/simple", "foo")
        self.assert_ok(proc)
        (row,) = read_manifest(out)["unavailable"]
        self.assertIn("Dynamic", row[3])


if __name__ == "__main__":
    unittest.main()
