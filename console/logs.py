"""Structured logs: JSON lines in the user's log folder, rotated, with personal data reduced.

E-mail addresses keep their first letter and domain, phone numbers their last two digits, and
anything that looks like a card number (13-19 digits passing the Luhn check) is removed.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
from datetime import UTC, datetime
from pathlib import Path

EMAIL = re.compile(r"([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
CARDISH = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
PHONE = re.compile(r"(?<![\w])\+?\d[\d ()./-]{6,}\d(?!\w)")


def log_dir() -> Path:
    override = os.environ.get("ONEPANE_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("OnePane", "OnePane"))


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def redact(text: str) -> str:
    def card(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return "[card removed]" if 13 <= len(digits) <= 19 and _luhn(digits) else m.group(0)

    def phone(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return "[phone …" + digits[-2:] + "]" if len(digits) >= 7 else m.group(0)

    text = CARDISH.sub(card, text)
    text = EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    return PHONE.sub(phone, text)


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def setup(level: int = logging.INFO, directory: Path | None = None) -> Path:
    """Route the root logger into the rotated JSON-lines file; returns the file's path."""
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "onepane.log"
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_onepane", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(JsonLines())
    handler._onepane = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
