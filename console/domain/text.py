"""The words the domain writes for people — the situation summary, timeline entries, policy
refusals and confirmations — and their translation.

The domain has no Qt: the window installs a translate function here at start
(`console/ui/i18n.py` hands over `QCoreApplication.translate`); until then texts stay English.
Placeholders are Qt's `%1`, `%2`…, filled in one pass, so a value that itself contains "%2"
(a case subject, a note) is never substituted again.

`packaging/update_translations.py` finds every `tr("context", "text", …)` and
`count("context", n, "one", "many")` call in the domain (by their literal arguments) and puts
them into the same translation files as the window's strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from console.domain.money import Money

Translate = Callable[[str, str], str]

_PLACEHOLDER = re.compile(r"%(\d)")


def _english(context: str, text: str) -> str:
    return text


_translate: Translate = _english
_money: Callable[[Money], str] = str


# Translated templates by (context, text): a customer's timeline asks for the same few dozen
# texts tens of thousands of times, and each translation lookup crosses into Qt.
_templates: dict[tuple[str, str], str] = {}


def use(translate: Translate | None, money: Callable[[Money], str] | None = None) -> None:
    """Install the translate function and how money is written (None: English again)."""
    global _translate, _money
    _translate = translate or _english
    _money = money or str
    _templates.clear()


def _template(context: str, text: str) -> str:
    key = (context, text)
    found = _templates.get(key)
    if found is None:
        found = _templates[key] = _translate(context, text)
    return found


def _value(value: object) -> str:
    return _money(value) if isinstance(value, Money) else str(value)


def tr(context: str, text: str, *values: object) -> str:
    """`text` in the console's language, with %1, %2… replaced by `values`."""
    template = _template(context, text)
    if not values:
        return template
    return _PLACEHOLDER.sub(
        lambda m: _value(values[int(m[1]) - 1]) if 0 < int(m[1]) <= len(values) else m[0], template
    )


def count(context: str, n: int, one: str, many: str) -> str:
    """`one` for exactly one, else `many` with %1 = n (both forms are translated)."""
    return tr(context, one) if n == 1 else tr(context, many, n)


def noop(context: str, text: str) -> str:
    """Marks a text for translation where it is defined (a table); `tr` it where it is used."""
    return text


def word(value: object) -> str:
    """A domain value as a word (`partially_refunded` -> "partially refunded"), in the console's
    language: the window's catalogue has these words under the context "formats"."""
    raw = getattr(value, "value", value)
    return tr("formats", str(raw).replace("_", " "))


# The domain's values as agents read them (statuses, tender kinds, actions, roles, systems), listed
# so that the translation tools find them; `word()` looks them up under this context.
KNOWN_WORDS = (
    noop("formats", "open"),
    noop("formats", "dispatched"),
    noop("formats", "delivered"),
    noop("formats", "cancelled"),
    noop("formats", "partially cancelled"),
    noop("formats", "fulfilled in store"),
    noop("formats", "completed"),
    noop("formats", "returned"),
    noop("formats", "partially returned"),
    noop("formats", "shipped"),
    noop("formats", "handed over"),
    noop("formats", "authorized"),
    noop("formats", "captured"),
    noop("formats", "partially refunded"),
    noop("formats", "refunded"),
    noop("formats", "failed"),
    noop("formats", "card"),
    noop("formats", "gift card"),
    noop("formats", "cash"),
    noop("formats", "store credit"),
    noop("formats", "internal"),
    noop("formats", "public"),
    noop("formats", "reroute"),
    noop("formats", "redirect to store"),
    noop("formats", "reschedule"),
    noop("formats", "intercept"),
    noop("formats", "agent"),
    noop("formats", "store staff"),
    noop("formats", "supervisor"),
    noop("formats", "pending"),
    noop("formats", "solved"),
    noop("formats", "closed"),
    noop("formats", "directory"),
    noop("formats", "orders"),
    noop("formats", "payments"),
    noop("formats", "delivery"),
    noop("formats", "cases"),
    noop("formats", "email"),
    noop("formats", "phone"),
    noop("formats", "name"),
    # what linked a record to a person (console/services/linking.py)
    noop("formats", "external id"),
    noop("formats", "customer id"),
    noop("formats", "confirmed by agent"),
    noop("formats", "order"),
    noop("formats", "receipt"),
    noop("formats", "parcel"),
    noop("formats", "payment"),
    # reason codes of resources/policy.toml
    noop("formats", "damaged"),
    noop("formats", "faulty"),
    noop("formats", "not received"),
    noop("formats", "late delivery"),
    noop("formats", "wrong item"),
    noop("formats", "not as described"),
    noop("formats", "changed mind"),
    noop("formats", "goodwill"),
    noop("formats", "price adjustment"),
    noop("formats", "shipping"),
    noop("formats", "customer request"),
    noop("formats", "out of stock"),
    noop("formats", "duplicate"),
    noop("formats", "fraud suspected"),
    noop("formats", "replaced"),
    noop("formats", "worn"),
)
