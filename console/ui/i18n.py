"""Languages: compiled Qt translations (`resources/i18n/onepane_<lang>.qm`) and the locale that
money and dates are written in.

English is the source language; its compiled file carries only plural forms ("1 contact",
"2 contacts"). German carries every string; `tests/gui/test_translations.py` fails when one is
missing or stale. Qt's own strings (standard buttons) come from the translations that ship with
Qt.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from console.domain import text
from console.ui import formats
from console.ui.theme import resources_dir

log = logging.getLogger(__name__)

LOCALES = {"en": QLocale.Language.English, "de": QLocale.Language.German}
COUNTRIES = {"en": QLocale.Country.UnitedKingdom, "de": QLocale.Country.Germany}

_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    return resources_dir() / "i18n" / f"onepane_{language}.qm"


def install(language: str) -> bool:
    """Load `language` into the running application (replacing any earlier one); set the
    default locale for numbers and dates. Returns False when a compiled file is missing."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translations")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = language if language in LOCALES else "en"
    locale = QLocale(LOCALES[lang], COUNTRIES[lang])
    QLocale.setDefault(locale)
    formats.use_locale(lang)
    ok = True
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no compiled translation for %s at %s", lang, qm_path(lang))
        ok = False
    if lang != "en":
        qt = QTranslator(app)
        if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    # the domain's sentences (summary, timeline, policy), once the catalogues are in: it caches them
    text.use(QCoreApplication.translate, formats.money)
    return ok
