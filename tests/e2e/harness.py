"""Helpers for gpulock's end-to-end tests (python3 stdlib only).

    from harness import MirrorServer, render_mirror, run_gpulock

    mirror = render_mirror()                      # rendered once per test process
    with MirrorServer(os.path.join(mirror, "pypi")) as srv:
        proc = run_gpulock("compile", "--index-url", srv.url + "/simple", "req.in")
        assert proc.returncode == 0, proc.stderr
        assert srv.stats()["counts"]["/simple/torch/"] == 1

- MirrorServer(root): runs tests/e2e/server.py over `root` on a free loopback port. `url` is
  "http://127.0.0.1:PORT"; `stats()` returns the server's /__stats JSON (per-path request
  counts and the headers of the last request of each path); `reset()` zeroes them;
  `fault_url(path, *faults)` builds a fault-injection URL such as
  srv.fault_url("/simple/torch/", "status/503/2"). See server.py for the faults.
  The server is stopped when the `with` block ends, by `stop()`, and at interpreter exit.
- render_mirror(stub_wheels=False): path of a mirror rendered by shared/tools/render-mirror
  (OUT/pypi, OUT/pytorch); one render per flavour per test process, in a temp dir removed at
  exit. Treat it as read-only: copy it if a test needs to change files.
- run_gpulock(*args, env=None, input=None, timeout=300): runs $GPULOCK with text I/O and
  returns the subprocess.CompletedProcess. `env` entries are added to os.environ; by
  default XDG_CACHE_HOME points at a fresh temp dir so tests never share a cache.
- source_root() and shared_root(): $GPULOCK_SOURCE_ROOT (or this file's repository) and the
  shared material beside it ($GPULOCK_SHARED_ROOT overrides).
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def source_root():
    return Path(os.environ.get("GPULOCK_SOURCE_ROOT") or HERE.parent.parent).resolve()


def shared_root():
    override = os.environ.get("GPULOCK_SHARED_ROOT")
    return Path(override).resolve() if override else (source_root().parent / "shared").resolve()


def _temp_dir(prefix):
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, True)
    return path


class MirrorServer:
    """tests/e2e/server.py on a free loopback port, serving `root`."""

    def __init__(self, root, verbose=False, start_timeout=15.0):
        self.root = str(root)
        self.verbose = verbose
        self.start_timeout = start_timeout
        self.proc = None
        self.port = None
        self.url = None

    def start(self):
        if self.proc is not None:
            return self
        workdir = _temp_dir("gpulock-server-")
        port_file = os.path.join(workdir, "port")
        cmd = [sys.executable, str(HERE / "server.py"), "--root", self.root, "--port", "0",
               "--port-file", port_file]
        if self.verbose:
            cmd.append("--verbose")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server.py exited with status {self.proc.returncode}")
            try:
                with open(port_file) as f:
                    self.port = int(f.read().strip())
                self.url = f"http://127.0.0.1:{self.port}"
                self.stats()
                return self
            except (OSError, ValueError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server.py did not answer within {self.start_timeout}s")

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def _get_json(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as resp:
            return json.load(resp)

    def stats(self):
        return self._get_json("/__stats")

    def reset(self):
        self._get_json("/__reset")

    def count(self, path):
        return self.stats()["counts"].get(path, 0)

    def fault_url(self, path, *faults):
        prefix = "".join(f"/__fault/{f.strip('/')}" for f in faults)
        return self.url + prefix + "/" + path.lstrip("/")


_rendered = {}


def render_mirror(stub_wheels=False):
    """Path of a rendered mirror (OUT/pypi and OUT/pytorch), rendered once per process."""
    key = bool(stub_wheels)
    if key not in _rendered:
        out = os.path.join(_temp_dir("gpulock-mirror-"), "mirror")
        cmd = [sys.executable, str(shared_root() / "tools" / "render-mirror"), out]
        if stub_wheels:
            cmd.append("--stub-wheels")
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        _rendered[key] = out
    return _rendered[key]


def run_gpulock(*args, env=None, input=None, timeout=300):
    binary = os.environ.get("GPULOCK")
    if not binary:
        raise RuntimeError("GPULOCK is not set (meson test sets it to the built binary)")
    full_env = dict(os.environ)
    full_env.setdefault("XDG_CACHE_HOME", _temp_dir("gpulock-cache-"))
    if env:
        full_env.update({k: str(v) for k, v in env.items()})
    return subprocess.run([binary, *map(str, args)], input=input, capture_output=True,
                          text=True, env=full_env, timeout=timeout)
