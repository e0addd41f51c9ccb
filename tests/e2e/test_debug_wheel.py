"""gpulock debug wheel: every distribution filename the package facts list must parse as pip's
vendored packaging parses it, and for several targets the binary's compatibility verdict and
preference rank must be exactly what pip's packaging.tags computes for that machine (its
cpython_tags + compatible_tags, with the platform list it generates for the machine's glibc,
musl or macOS version).

Run with GPULOCK=<built binary> and GPULOCK_SOURCE_ROOT=<checkout>."""
import glob
import json
import os
import subprocess
import unittest
from unittest import mock

from pip._vendor.packaging import _manylinux, _musllinux
from pip._vendor.packaging import tags as ptags
from pip._vendor.packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    parse_sdist_filename,
    parse_wheel_filename,
)
from pip._vendor.packaging.version import InvalidVersion

GPULOCK = os.environ.get("GPULOCK", "gpulock")
SOURCE_ROOT = os.environ.get("GPULOCK_SOURCE_ROOT",
                             os.path.join(os.path.dirname(__file__), "..", ".."))
FACTS = os.path.join(SOURCE_ROOT, "..", "shared", "data", "facts")


def fact_filenames():
    names = set()
    for path in sorted(glob.glob(os.path.join(FACTS, "files-*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    names.add(json.loads(line)["filename"])
    return sorted(names)


def linux_platforms(arch, glibc):
    """The platform list pip generates on a glibc machine (packaging.tags._linux_platforms)."""
    with mock.patch.object(_manylinux, "_get_glibc_version", return_value=glibc):
        return list(_manylinux.platform_tags("linux_" + arch, arch)) + ["linux_" + arch]


def musllinux_platforms(arch, musl):
    version = _musllinux._MuslVersion(*musl)
    with mock.patch.object(_musllinux, "_get_musl_version", return_value=version):
        return list(_musllinux.platform_tags(arch)) + ["linux_" + arch]


def mac_platforms(version, arch):
    return list(ptags.mac_platforms(version, arch))


# (python, platform as given to gpulock, pip's platform list for that machine)
TARGETS = [
    ("3.11", "manylinux_2_35_x86_64", lambda: linux_platforms("x86_64", (2, 35))),
    ("3.12", "manylinux_2_28_aarch64", lambda: linux_platforms("aarch64", (2, 28))),
    ("3.10", "manylinux2014_x86_64", lambda: linux_platforms("x86_64", (2, 17))),
    ("3.13", "musllinux_1_2_x86_64", lambda: musllinux_platforms("x86_64", (1, 2))),
    ("3.11", "win_amd64", lambda: ["win_amd64"]),
    ("3.9", "win32", lambda: ["win32"]),
    ("3.12", "macosx_14_0_arm64", lambda: mac_platforms((14, 0), "arm64")),
    ("3.11", "macosx_10_15_x86_64", lambda: mac_platforms((10, 15), "x86_64")),
]


def pip_ranks(python, platforms):
    """Tag -> position in the list packaging.tags.sys_tags yields on that machine (lower is
    preferred): cpython_tags then compatible_tags, as for a CPython interpreter. (pip's
    get_supported with --platform would also move manylinux2010/manylinux1 up behind a given
    manylinux2014; a real machine's list does not.)"""
    version = tuple(int(p) for p in python.split("."))
    nodot = f"cp{version[0]}{version[1]}"
    supported = list(ptags.cpython_tags(version, [nodot], platforms))
    supported += list(ptags.compatible_tags(version, nodot, platforms))
    ranks = {}
    for i, tag in enumerate(supported):
        ranks.setdefault(tag, i)
    return ranks


def run(args, stdin=None):
    return subprocess.run([GPULOCK, "debug", "wheel"] + args, input=stdin, capture_output=True,
                          text=True, timeout=300)


def parse_batch_line(line):
    fields = {}
    for pair in line.split(" "):
        key, sep, value = pair.partition("=")
        if not sep:
            raise AssertionError(f"not a key=value pair: {pair!r} in {line!r}")
        fields[key] = value
    return fields


class FactsFilenames(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.names = fact_filenames()

    def test_facts_are_there(self):
        self.assertGreater(len(self.names), 1000, f"facts not found under {FACTS}")

    def batch(self, python, platform):
        stdin = "".join(f"{n}\t--python\t{python}\t--platform\t{platform}\n" for n in self.names)
        proc = run(["-"], stdin)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), len(self.names))
        return [parse_batch_line(line) if not line.startswith("error: ") else line
                for line in lines]

    def test_every_filename_parses_as_packaging_parses_it(self):
        results = self.batch("3.11", "manylinux_2_35_x86_64")
        for name, got in zip(self.names, results):
            with self.subTest(filename=name):
                self.assertIsInstance(got, dict, got)
                if name.endswith(".whl"):
                    pname, version, build, tags = parse_wheel_filename(name)
                    self.assertEqual(got["kind"], "wheel")
                    self.assertEqual(got["build"], "".join(map(str, build)))
                    py, abi, plat = name[:-4].split("-")[-3:]
                    self.assertEqual((got["python"], got["abi"], got["platform"]), (py, abi, plat))
                    expanded = {(p, a, f) for p in got["python"].split(".")
                                for a in got["abi"].split(".") for f in got["platform"].split(".")}
                    self.assertEqual(expanded,
                                     {(t.interpreter, t.abi, t.platform) for t in tags})
                else:
                    pname, version = parse_sdist_filename(name)
                    self.assertEqual(got["kind"], "sdist")
                    self.assertEqual(got["compatible"], "true")
                    self.assertEqual((got["python"], got["abi"], got["platform"]), ("", "", ""))
                self.assertEqual(got["name"], pname)
                self.assertEqual(got["version"], str(version))

    def test_compatibility_and_rank_agree_with_pip(self):
        for python, platform, platforms in TARGETS:
            ranks = pip_ranks(python, platforms())
            results = self.batch(python, platform)
            checked = compatible = 0
            for name, got in zip(self.names, results):
                if not name.endswith(".whl"):
                    continue
                _, _, _, tags = parse_wheel_filename(name)
                wanted = min((ranks[t] for t in tags if t in ranks), default=None)
                with self.subTest(python=python, platform=platform, filename=name):
                    self.assertIsInstance(got, dict, got)
                    self.assertEqual(got["compatible"], "true" if wanted is not None else "false")
                    if wanted is not None:
                        self.assertEqual(int(got["rank"]), wanted)
                        compatible += 1
                    else:
                        self.assertNotIn("rank", got)
                checked += 1
            # The facts hold wheels for each of these machines: a target nothing fits would
            # make the comparison above vacuous.
            self.assertGreater(compatible, 20, f"{python} {platform}")
            self.assertLess(compatible, checked, f"{python} {platform}")


class Cli(unittest.TestCase):
    def test_single_output_format(self):
        proc = run(["torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.splitlines(), [
            "name: torch",
            "version: 2.9.0+cu128",
            "build: ",
            "python: cp311",
            "abi: cp311",
            "platform: manylinux_2_28_x86_64",
            "kind: wheel",
            f"rank: {pip_ranks('3.11', linux_platforms('x86_64', (2, 35)))[ptags.Tag('cp311', 'cp311', 'manylinux_2_28_x86_64')]}",
            "compatible: true",
        ])

    def test_build_tag_and_compressed_sets(self):
        proc = run(["triton-3.0.0-1-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl",
                    "--python", "3.10"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = proc.stdout.splitlines()
        self.assertIn("build: 1", out)
        self.assertIn("platform: manylinux2014_x86_64.manylinux_2_17_x86_64", out)
        self.assertEqual(out[-1], "compatible: true")

    def test_incompatible_has_no_rank(self):
        proc = run(["torch-2.9.0-cp311-cp311-win_amd64.whl"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.splitlines()[-1], "compatible: false")
        self.assertFalse(any(l.startswith("rank:") for l in proc.stdout.splitlines()))

    def test_platform_and_python_options(self):
        name = "torch-2.9.0-cp313-cp313t-manylinux_2_28_aarch64.whl"
        self.assertEqual(run([name, "--python", "3.13t", "--platform", "manylinux_2_39_aarch64"])
                         .stdout.splitlines()[-1], "compatible: true")
        self.assertEqual(run([name, "--python", "3.13", "--platform", "manylinux_2_39_aarch64"])
                         .stdout.splitlines()[-1], "compatible: false")
        self.assertEqual(run([name, "--python=3.13t", "--platform=manylinux_2_27_aarch64"])
                         .stdout.splitlines()[-1], "compatible: false")

    def test_sdist(self):
        proc = run(["flash_attn-2.8.3.tar.gz"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.splitlines(), [
            "name: flash-attn", "version: 2.8.3", "build: ", "python: ", "abi: ", "platform: ",
            "kind: sdist", "compatible: true"])

    def test_invalid_filename_exit_2_names_file(self):
        for bad, reason in [("torch-2.9.0-cp311-cp311.whl", "parts"),
                            ("torch-2.9.0-x1-cp311-cp311-linux_x86_64.whl", "build tag"),
                            ("torch-2.9.0.0.0.abc-cp311-cp311-linux_x86_64.whl", "invalid version"),
                            ("torch-2.9.0.exe", "not a wheel")]:
            with self.subTest(bad=bad):
                proc = run([bad])
                self.assertEqual(proc.returncode, 2)
                self.assertEqual(proc.stdout, "")
                self.assertIn(f"'{bad}'", proc.stderr)
                self.assertIn(reason, proc.stderr)

    def test_bad_target_and_usage_exit_2(self):
        for args, needle in [(["x-1-py3-none-any.whl", "--python", "three"], "three"),
                             (["x-1-py3-none-any.whl", "--platform", "beos_x86"], "beos_x86"),
                             ([], "usage"),
                             (["a-1-py3-none-any.whl", "b-1-py3-none-any.whl"], "usage"),
                             (["x-1-py3-none-any.whl", "--bogus"], "usage")]:
            with self.subTest(args=args):
                proc = run(args)
                self.assertEqual(proc.returncode, 2)
                self.assertIn(needle, proc.stderr)

    def test_batch_errors_stay_on_their_line(self):
        proc = run(["-"], "ok-1.0-py3-none-any.whl\nnot a wheel\nok-1.0.zip\n")
        self.assertEqual(proc.returncode, 0)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(parse_batch_line(lines[0])["compatible"], "true")
        self.assertTrue(lines[1].startswith("error: "), lines[1])
        self.assertIn("'not a wheel'", lines[1])
        self.assertEqual(parse_batch_line(lines[2])["kind"], "sdist")


if __name__ == "__main__":
    unittest.main()
