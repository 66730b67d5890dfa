"""What the agent typed or scanned, once classified."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class QueryKind(enum.StrEnum):
    EMAIL = "email"
    PHONE = "phone"  # value is E.164
    NAME = "name"
    ORDER = "order"  # any channel's order number (web, app, store)
    RECEIPT = "receipt"  # a store or express-kiosk receipt barcode
    TRACKING = "tracking"
    PAYMENT_REF = "payment_ref"  # card last four + amount, or a payment id
    CUSTOMER_ID = "customer_id"  # a system's own customer id (used for second hops)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    kind: QueryKind
    value: str
    # PAYMENT_REF: last four digits in `value`, amount (decimal string) here when given.
    amount: str | None = None
    # Extra raw spellings worth trying (e.g. a phone's national format for a partner POS).
    variants: tuple[str, ...] = ()
