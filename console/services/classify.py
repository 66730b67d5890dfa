"""Turn what the agent typed or scanned into `SearchQuery` values.

One text can mean more than one thing (a kiosk receipt is also an order number); `classify`
returns every reading worth asking the systems about, most specific first. Anything it cannot
make sense of raises `InvalidQuery` with a message fit to show the agent; nothing else escapes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import phonenumbers

from console.domain.query import QueryKind, SearchQuery

MIN_LENGTH = 2
MAX_LENGTH = 200
# Regions tried, after the default one, for a number written in a national format
# ("(415) 555-0134"); only a number valid there is accepted.
FALLBACK_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "BE", "FR")


class InvalidQuery(ValueError):
    """The text cannot be searched for. `message` is fit to show the agent as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_A = re.ASCII | re.IGNORECASE

_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,63}", re.ASCII)
_WEB = re.compile(r"W[\s-]?(\d{4,10})", _A)
_APP = re.compile(r"A[\s-]?(\d{4,10})", _A)
_TV = re.compile(r"T[\s-]?(\d{4,10})", _A)
_STORE_SALE = re.compile(r"S[\s-]?(\d{3})[\s-](\d{3,8})", _A)
_KIOSK = re.compile(r"EX[\s-]?(\d{4})[\s-]?(\d{4})", _A)
_PARCELNET = re.compile(r"PN\s?(\d{3})\s?(\d{3})\s?(\d{3})\s?NL", _A)
_SWIFTROUTE = re.compile(r"SR[\s-]?(\d{4})[\s-]?(\d{4})[\s-]?([A-Z]{2})", _A)
_UPS = re.compile(r"1Z\s?([0-9A-Z]{6})\s?([0-9A-Z]{2})\s?([0-9A-Z]{8})", _A)
_UPU_S10 = re.compile(r"([A-Z]{2})\s?(\d{9})\s?([A-Z]{2})", _A)
_PAYMENT_ID = re.compile(r"PAY[\s-]?([0-9A-Z][0-9A-Z-]{2,40})", _A)
_CUSTOMER_ID = re.compile(r"(C|OC|PC|DC|ZC)[\s-]?(\d{1,12})", _A)
_AMOUNT = r"(\d{1,7}(?:[.,]\d{2}))"
_CARD_AMOUNT = re.compile(
    r"(?:(?:last\s?4|last\s?four|card|ending(?:\s+in)?)[\s:]*)?[*x•.\s]*(\d{4})"
    r"(?:[\s,;/]+(?:amount[\s:]*)?(?:eur|€|usd|\$|gbp|£)?\s?" + _AMOUNT + r"\s?(?:eur|€|usd|\$|gbp|£)?)?",
    _A,
)
_PHONEISH = re.compile(r"\+?[\d\s().\-/]{6,40}", re.ASCII)


def _clean(text: str) -> str:
    if not isinstance(text, str):
        raise InvalidQuery("Type an e-mail, phone, order or tracking number, or a name.")
    # Scanners end with Enter or Tab; surrounding whitespace of any kind is noise.
    stripped = text.strip()
    if not stripped:
        raise InvalidQuery("Type an e-mail, phone, order or tracking number, or a name.")
    if len(stripped) > MAX_LENGTH:
        raise InvalidQuery(f"That is too long to search for (at most {MAX_LENGTH} characters).")
    for ch in stripped:
        if ch.isspace():
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise InvalidQuery("The text contains control characters; type or scan it again.")
    collapsed = " ".join(stripped.split())
    if len(collapsed) < MIN_LENGTH:
        raise InvalidQuery(f"Type at least {MIN_LENGTH} characters.")
    return collapsed


@functools.lru_cache(maxsize=8192)
def normalize_phone(raw: str | None, region: str = "NL") -> str | None:
    """E.164 for a phone as some system stored or an agent typed it, or None.

    Cached: linking asks for the same stored numbers after every answer (a heavy customer's
    hundreds of records), and libphonenumber's parse is ~0.1 ms each.

    The default region applies to numbers without a country code ("0612 345 678" ->
    "+31612345678"). A number that is not valid there is tried as if it had a country code
    without the plus, then in a few common regions; only a valid number is accepted on those
    fallbacks, a merely possible one only in the default region.
    """
    if not raw:
        return None
    text = raw.strip()
    digits = "".join(ch for ch in text if "0" <= ch <= "9")
    if len(digits) < 6 or len(digits) > 17:
        return None
    if not all(ch.isascii() for ch in text):
        return None
    possible: str | None = None
    try:
        num = phonenumbers.parse(text, region)
        if phonenumbers.is_valid_number(num):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_possible_number(num):
            possible = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    if not text.startswith("+"):
        candidates: list[tuple[str, str | None]] = [("+" + digits, None)]
        candidates += [(text, r) for r in FALLBACK_REGIONS if r != region.upper()]
        for candidate, cregion in candidates:
            try:
                num = phonenumbers.parse(candidate, cregion)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(num):
                return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return possible


def _national_variants(e164: str, typed: str) -> tuple[str, ...]:
    out: list[str] = []
    try:
        num = phonenumbers.parse(e164, None)
        national = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
        out.append(national)
        compact = "".join(ch for ch in national if ch.isdigit())
        out.append(compact)
    except phonenumbers.NumberParseException:
        pass
    out.append(typed)
    seen: list[str] = []
    for v in out:
        if v and v != e164 and v not in seen:
            seen.append(v)
    return tuple(seen)


def _amount(text: str) -> str | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return str(value.quantize(Decimal("0.01")))


def _record_keys(text: str) -> list[SearchQuery]:
    """Order, receipt, tracking, payment and customer ids: each matched on the whole text."""
    compact = text.upper()
    if m := _KIOSK.fullmatch(compact):
        value = f"EX-{m[1]}-{m[2]}"
        return [SearchQuery(QueryKind.RECEIPT, value), SearchQuery(QueryKind.ORDER, value)]
    if m := _STORE_SALE.fullmatch(compact):
        value = f"S-{m[1]}-{m[2]}"
        return [SearchQuery(QueryKind.ORDER, value), SearchQuery(QueryKind.RECEIPT, value)]
    for pattern, prefix in ((_WEB, "W"), (_APP, "A"), (_TV, "T")):
        if m := pattern.fullmatch(compact):
            return [SearchQuery(QueryKind.ORDER, f"{prefix}-{m[1]}")]
    if m := _PARCELNET.fullmatch(compact):
        return [SearchQuery(QueryKind.TRACKING, f"PN{m[1]}{m[2]}{m[3]}NL")]
    if m := _SWIFTROUTE.fullmatch(compact):
        return [SearchQuery(QueryKind.TRACKING, f"SR-{m[1]}-{m[2]}-{m[3]}")]
    if m := _UPS.fullmatch(compact):
        return [SearchQuery(QueryKind.TRACKING, f"1Z{m[1]}{m[2]}{m[3]}")]
    if m := _UPU_S10.fullmatch(compact):
        return [SearchQuery(QueryKind.TRACKING, f"{m[1]}{m[2]}{m[3]}")]
    if m := _PAYMENT_ID.fullmatch(compact):
        return [SearchQuery(QueryKind.PAYMENT_REF, f"PAY-{m[1]}")]
    if m := _CUSTOMER_ID.fullmatch(compact):
        return [SearchQuery(QueryKind.CUSTOMER_ID, f"{m[1]}-{m[2]}")]
    if m := _CARD_AMOUNT.fullmatch(text):
        amount = _amount(m[2]) if m[2] else None
        has_hint = bool(re.search(r"last|four|card|ending|amount|\*|x|•", text, re.IGNORECASE))
        if amount is not None or has_hint or len(text) == 4:
            return [SearchQuery(QueryKind.PAYMENT_REF, m[1], amount=amount)]
    return []


def classify(text: str, default_region: str = "NL") -> list[SearchQuery]:
    """Every reading of `text` worth searching for, most specific first.

    Raises `InvalidQuery` (and nothing else) for text that cannot be searched for.
    """
    cleaned = _clean(text)
    if "@" in cleaned:
        if _EMAIL.fullmatch(cleaned) and len(cleaned) <= 254:
            return [SearchQuery(QueryKind.EMAIL, cleaned.lower())]
        raise InvalidQuery("That looks like an e-mail address but is not a complete one.")
    found = _record_keys(cleaned)
    if found:
        return found
    if _PHONEISH.fullmatch(cleaned):
        phone = normalize_phone(cleaned, default_region)
        if phone is not None:
            return [SearchQuery(QueryKind.PHONE, phone, variants=_national_variants(phone, cleaned))]
        raise InvalidQuery(f"{cleaned!r} is not a phone number I can read; add the country code (e.g. +31).")
    if any(ch.isalpha() for ch in cleaned):
        return [SearchQuery(QueryKind.NAME, cleaned)]
    raise InvalidQuery("Not an e-mail, phone, order, receipt, tracking or payment reference, nor a name.")


__all__ = ["InvalidQuery", "classify", "normalize_phone"]
