"""Refresh the translation sources from the code and compile them (Qt Linguist's tools).

    python packaging/update_translations.py

1. `pyside6-lupdate` collects every `tr()` / `QCoreApplication.translate()` /
   `QT_TRANSLATE_NOOP` string of `console/ui` and `console/app.py` into
   `resources/i18n/onepane_<lang>.ts` (new strings arrive as "unfinished"; strings gone from
   the code are dropped). English is the source language: its file keeps plural forms only.
2. Translate what is unfinished (Qt Linguist, `pyside6-linguist resources/i18n/onepane_de.ts`).
3. `pyside6-lrelease` compiles `.ts` to the `.qm` files the console loads.
`tests/gui/test_translations.py` fails when a German string is missing or a `.qm` is stale.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"en": "en_GB", "de": "de_DE"}


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv's Scripts/ or bin/), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[str]:
    files = sorted((ROOT / "console" / "ui").rglob("*.py"))
    return [str(p) for p in [*files, ROOT / "console" / "app.py"]]


def domain_strings() -> list[tuple[str, str]]:
    """(context, text) of every `tr("ctx", "text", ...)`, `noop("ctx", "text")` and
    `count("ctx", n, "one", "many")` in the domain (console/domain/text.py): the domain has no
    Qt, so Qt's lupdate cannot see them; they are handed to it through a generated file."""
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "console" / "domain").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = node.args
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
            if node.func.id in ("tr", "noop") and len(args) >= 2 and literal[0] and literal[1]:
                found.append((args[0].value, args[1].value))  # type: ignore[attr-defined]
            elif node.func.id == "count" and len(args) == 4 and literal[0] and literal[2] and literal[3]:
                found.append((args[0].value, args[2].value))  # type: ignore[attr-defined]
                found.append((args[0].value, args[3].value))  # type: ignore[attr-defined]
    return list(dict.fromkeys(found))


def lupdate(ts: Path, language: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shim = Path(tmp) / "domain_strings.py"
        lines = ["from PySide6.QtCore import QCoreApplication", ""]
        lines += [
            f"QCoreApplication.translate({json.dumps(c)}, {json.dumps(t)})" for c, t in domain_strings()
        ]
        shim.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = [tool("pyside6-lupdate"), *sources(), str(shim), "-target-language", LANGUAGES[language]]
        args += ["-no-obsolete", "-locations", "none"]
        if language == "en":
            args.append("-pluralonly")
        subprocess.run([*args, "-ts", str(ts)], check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    for language in LANGUAGES:
        ts = I18N / f"onepane_{language}.ts"
        lupdate(ts, language)
        lrelease(ts, I18N / f"onepane_{language}.qm")
        print(f"{ts.relative_to(ROOT)} updated and compiled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
