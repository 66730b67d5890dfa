"""Where the vendors' own published payloads live (`../shared/vendor/` beside the project), and
small readers for them. Tests that need them fail loudly when the folder is missing: they are
the point of these tests, so skipping would hide that nothing ran."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "vendor"


def path(*parts: str) -> Path:
    p = ROOT.joinpath(*parts)
    if not p.exists():
        raise FileNotFoundError(f"vendor data missing: {p} (the shared folder must sit beside the project)")
    return p


@cache
def load_json(*parts: str) -> Any:
    return json.loads(path(*parts).read_text(encoding="utf-8"))
