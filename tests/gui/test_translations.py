"""English and German ship as compiled translations: every string in the code has its German
translation, the compiled files are current, and the running window speaks German when asked."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from console.domain import text
from console.domain.model import DeliveryStage
from console.domain.money import Money
from console.ui import formats, i18n
from tests.gui.helpers import all_texts, make_window, search_and_wait

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import update_translations as ut  # noqa: E402

PLACEHOLDER = re.compile(r"%\d|%n")


def messages(ts: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, type) of every message."""
    out = []
    for ctx in ET.parse(ts).getroot():
        name = ctx.findtext("name") or ""
        for m in ctx.findall("message"):
            tr = m.find("translation")
            assert tr is not None
            text = "".join(tr.itertext())
            out.append((name, m.findtext("source") or "", text, tr.get("type")))
    return out


def test_every_string_in_the_code_has_a_german_translation(tmp_path: Path) -> None:
    ts = tmp_path / "onepane_de.ts"
    shutil.copy(ut.I18N / "onepane_de.ts", ts)
    ut.lupdate(ts, "de")  # adds what the code has and the file lacks, as unfinished
    found = messages(ts)
    assert len(found) > 400
    missing = [f"{c}: {s!r}" for c, s, t, kind in found if kind == "unfinished" or not t.strip()]
    assert missing == [], "German translation missing for:\n" + "\n".join(missing)
    wrong = [
        f"{c}: {s!r} -> {t!r}"
        for c, s, t, _ in found
        if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
        or s.endswith("…") != t.endswith("…")
    ]
    assert wrong == [], "placeholders or ellipsis differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_shipped_compiled_translations_are_current(tmp_path: Path, language: str) -> None:
    fresh = tmp_path / f"onepane_{language}.qm"
    ut.lrelease(ut.I18N / f"onepane_{language}.ts", fresh)
    shipped = ut.I18N / f"onepane_{language}.qm"
    assert shipped.read_bytes() == fresh.read_bytes(), f"run packaging/update_translations.py ({language})"


def test_the_window_speaks_german_and_back(qtbot, qasync_loop) -> None:
    before = QLocale()
    try:
        assert i18n.install("de")
        window, _ = make_window(qtbot)
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Ansicht" in menus and "&View" not in menus
        assert "Suche" in window.search.box.placeholderText()
        headers = [
            window.pane.orders.model.headerData(
                c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal
            )
            for c in range(window.pane.orders.model.columnCount())
        ]
        assert "Bestellung" in headers
        assert formats.money(Money(Decimal("1234.50"), "EUR")) == "1.234,50 EUR"
        assert formats.number(5000) == "5.000"  # "5,000" would read as five in German
        assert formats.day(date(2025, 5, 9)).endswith("09.05.2025")
        assert formats.stage(DeliveryStage.IN_TRANSIT) == "unterwegs"
        # the domain's own sentences too: the summary, the timeline, the policy's reasons
        search_and_wait(qtbot, window, "maya.okafor@example.com")
        summary = window.pane.summary.text()
        assert "Bestellung W-" in summary and "verspätet" in summary and "Order " not in summary, summary
        assert "89,00 EUR" in summary  # money inside the domain's sentences is written the German way
        assert "Bestellung" in all_texts(window.pane.timeline.model)
        linked = window.pane.profile_section.details.text()  # what linked each record, in words
        assert "verknüpft über E-Mail" in linked and " by " not in linked and "email" not in linked, linked
    finally:
        assert i18n.install("en")
        QLocale.setDefault(before)
        text.use(None)  # other tests read the domain's plain English
    english, _ = make_window(qtbot)
    assert "&View" in [a.text() for a in english.menuBar().actions()]
    assert formats.money(Money(Decimal("1234.50"), "EUR")) == "1\u202f234.50 EUR"
    assert formats.number(5000) == "5\u202f000"


def test_no_translated_string_hides_inside_an_f_string() -> None:
    """lupdate does not look inside f-strings: a tr() there is never offered for translation."""
    import ast

    hidden = []
    for path in sorted((ROOT / "console").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call):
                    name = getattr(inner.func, "attr", getattr(inner.func, "id", ""))
                    if (
                        name in ("tr", "translate", "_tr")
                        and inner.args
                        and isinstance(inner.args[-1], ast.Constant)
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert hidden == []


def test_every_reason_code_of_the_shipped_policy_has_a_german_word() -> None:
    import tomllib

    policy = tomllib.loads((ROOT / "resources" / "policy.toml").read_text(encoding="utf-8"))
    codes = {c for part in ("refund", "cancel", "returns") for c in policy[part]["reason_codes"]}
    german = {
        s: t for c, s, t, kind in messages(ut.I18N / "onepane_de.ts") if c == "formats" and kind is None
    }
    missing = sorted(c for c in codes if not german.get(c.replace("_", " ")))
    assert missing == []
