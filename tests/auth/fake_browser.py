"""Stands in for the system browser when the console calls `webbrowser.open` (through the
BROWSER environment variable): `python fake_browser.py <login> <url>` signs in at the provider
as <login>, as a person would, and follows the redirect back to the console's loopback."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.auth.provider import Browser


def main() -> int:
    login, url = sys.argv[1], sys.argv[2]
    browser = Browser(login)
    asyncio.run(browser.run(url))
    ok = browser.final is not None and browser.final.status_code == 200
    print("fake browser:", "signed in" if ok else f"ended on {browser.pages[-1:]}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
