"""Start the demo backends in a separate process on a free loopback port, and stop them.

The child is `sys.executable -m console.demo demo-args... --stop-on-stdin-eof`: closing its
standard input stops it on every platform (no POSIX signal needed); terminate() is the fallback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path


class BackendStartError(RuntimeError):
    pass


class DemoBackendProcess:
    def __init__(self, extra_args: Sequence[str] = (), *, timeout_s: float = 60.0) -> None:
        self.extra_args = list(extra_args)
        self.timeout_s = timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self.base_url = ""

    def start(self) -> str:
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ)
        env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
        if getattr(sys, "frozen", False):  # the PyInstaller bundle: OnePane.exe demo-backends …
            cmd = [sys.executable, "demo-backends", "--port", "0", "--stop-on-stdin-eof", *self.extra_args]
        else:
            cmd = [
                sys.executable,
                "-m",
                "console.demo",
                "--port",
                "0",
                "--stop-on-stdin-eof",
                *self.extra_args,
            ]
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            creationflags=flags,
        )

    def wait_ready(self) -> str:
        if self.proc is None:
            raise BackendStartError("the demo backends were not launched")
        line: list[bytes] = []

        def read() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            line.append(self.proc.stdout.readline())

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(self.timeout_s)
        if not line or not line[0]:
            err = b""
            if self.proc.poll() is not None and self.proc.stderr is not None:
                err = self.proc.stderr.read()[-500:]
            self.stop()
            raise BackendStartError(
                "the demo backends did not start" + (f": {err.decode(errors='replace')}" if err else "")
            )
        try:
            ready = json.loads(line[0])
            self.base_url = str(ready["base_url"])
        except (ValueError, KeyError, TypeError) as exc:
            self.stop()
            raise BackendStartError(f"unexpected answer from the demo backends: {line[0][:200]!r}") from exc
        return self.base_url

    def stop(self, grace_s: float = 3.0) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=grace_s)
        except (OSError, subprocess.TimeoutExpired):
            proc.terminate()
            try:
                proc.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> DemoBackendProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
