"""Start the real OpenID Provider (panva/oidc-provider on Node.js, 127.0.0.1 only) for a test,
and play the system browser against it: follow redirects, fill its login and consent forms."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

HERE = Path(__file__).resolve().parent / "provider"


def ensure_installed() -> None:
    """`npm ci` once (pinned by package-lock.json); a missing Node.js is a clear failure."""
    if (HERE / "node_modules" / "oidc-provider" / "package.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise RuntimeError("the sign-in tests need Node.js and npm to run the OpenID provider")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, timeout=300)


class Provider:
    def __init__(self, access_ttl_s: int = 600) -> None:
        ensure_installed()
        node = shutil.which("node")
        assert node is not None
        self.proc = subprocess.Popen(
            [node, "server.mjs", "0", str(access_ttl_s)],
            cwd=HERE,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the OpenID provider did not start")
        self.issuer: str = json.loads(line)["issuer"]

    def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()  # the provider exits when its stdin ends (also on Windows)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', re.S)


class Browser:
    """What the staff member does in the system browser, done by the test."""

    def __init__(self, login: str, *, abort: bool = False) -> None:
        self.login = login
        self.abort = abort
        self.pages: list[str] = []
        self.final: httpx.Response | None = None

    async def run(self, url: str) -> None:
        async with httpx.AsyncClient(follow_redirects=False, timeout=10) as client:
            response = await self._walk(client, "GET", url)
            for _ in range(4):
                forms = _FORM.findall(response.text)
                if not forms:
                    break
                action, inner = forms[0]
                action = urljoin(str(response.url), unescape(action))
                fields = dict(_HIDDEN.findall(inner))
                if self.abort:
                    abort = re.search(r'href="([^"]*abort[^"]*)"', response.text)
                    assert abort, "the provider's page has an abort link"
                    response = await self._walk(client, "GET", urljoin(str(response.url), unescape(abort[1])))
                    break
                if fields.get("prompt") == "login":
                    fields.update(login=self.login, password="any password will do")
                response = await self._walk(client, "POST", action, data=fields)
            self.final = response

    async def _walk(self, client: httpx.AsyncClient, method: str, url: str, **kw: object) -> httpx.Response:
        response = await client.request(method, url, **kw)  # type: ignore[arg-type]
        while response.is_redirect:
            target = urljoin(str(response.url), response.headers["location"])
            self.pages.append(target)
            response = await client.get(target)
        self.pages.append(str(response.url))
        return response


def on_loopback(url: str) -> bool:
    return urlsplit(url).hostname == "127.0.0.1"


__all__ = ["Browser", "Provider", "ensure_installed", "on_loopback", "sys"]
