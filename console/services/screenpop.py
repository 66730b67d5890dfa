"""Screen pop: a softphone (or a link) asks the console to look a customer up.

    tel:+31612345678
    onepane://lookup?phone=%2B31612345678
    onepane://lookup?order=W-100412 | email=a@b.example | tracking=PN123456789NL

The text is untrusted: anything malformed or unknown raises PopError with a message fit to show,
and nothing else happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

MAX_LENGTH = 512
FIELDS = ("phone", "order", "email", "tracking")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,40}$")
_ORDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/]{1,63}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}$")


class PopError(ValueError):
    """The screen pop cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class PopRequest:
    field: str  # phone | order | email | tracking
    value: str

    @property
    def query_text(self) -> str:
        return self.value


def _clean(value: str, field: str) -> str:
    value = value.strip()
    if not value:
        raise PopError(f"The screen pop has an empty {field}")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise PopError(f"The screen pop's {field} contains control characters")
    checks = {"phone": _PHONE, "order": _ORDER, "tracking": _ORDER, "email": _EMAIL}
    if not checks[field].match(value):
        raise PopError(f"{value[:40]!r} is not a valid {field}")
    if field == "phone" and sum(ch.isdigit() for ch in value) < 3:
        raise PopError(f"{value[:40]!r} is not a phone number")
    return value


def parse_pop(text: str) -> PopRequest:
    if not isinstance(text, str) or not text.strip():
        raise PopError("The screen pop is empty")
    raw = text.strip()
    if len(raw) > MAX_LENGTH:
        raise PopError(f"The screen pop is too long ({len(raw)} characters, at most {MAX_LENGTH})")
    if any(ord(c) < 32 or ord(c) == 127 for c in raw):
        raise PopError("The screen pop contains control characters")
    scheme, _, rest = raw.partition(":")
    scheme = scheme.lower()
    if scheme == "tel":
        number = unquote(rest.split(";", 1)[0])  # tel:+31...;phone-context=... -> the number
        return PopRequest("phone", _clean(number, "phone"))
    if scheme != "onepane":
        raise PopError(f"Screen pops must be tel: or onepane:// links, not {scheme[:20]!r}")
    try:
        parts = urlsplit(raw)
    except ValueError as exc:
        raise PopError(f"The onepane link is malformed: {exc}") from None
    if parts.netloc.lower() != "lookup" or parts.path not in ("", "/"):
        raise PopError("Only onepane://lookup?… links are understood")
    if parts.fragment:
        raise PopError("The onepane link has an unexpected #fragment")
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True, max_num_fields=4)
    except ValueError:
        raise PopError("The onepane link's parameters are malformed") from None
    if len(pairs) != 1:
        raise PopError(f"Give exactly one of {', '.join(FIELDS)} in the onepane link")
    field, value = pairs[0]
    if field not in FIELDS:
        raise PopError(f"Unknown lookup field {field[:20]!r} (use {', '.join(FIELDS)})")
    return PopRequest(field, _clean(value, field))
