"""Policy thresholds and the permission matrix, parsed from resources/policy.toml.

No I/O here: `load_policy` takes the TOML text or the already parsed mapping; the services
layer reads the file (`console.services.actions.load_default_policy`).
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from console.domain.model import Role, TenderKind
from console.domain.money import Money


class PolicyError(ValueError):
    """The policy file does not say what it must."""


class ActionKind(enum.StrEnum):
    CANCEL = "cancel"
    REFUND = "refund"
    REROUTE = "reroute"
    REDIRECT_TO_STORE = "redirect_to_store"
    RESCHEDULE = "reschedule"
    INTERCEPT = "intercept"
    FULFIL_IN_STORE = "fulfil_in_store"
    TAKE_RETURN = "take_return"
    UPDATE_CASE = "update_case"  # an internal note and a reassignment (a handoff's case part)


class NoteScope(enum.StrEnum):
    ALL = "all"
    SERVED_CUSTOMER = "served_customer"
    NONE = "none"


class OrderScope(enum.StrEnum):
    ALL = "all"
    STORE_AND_CUSTOMER = "store_and_customer"


@dataclass(frozen=True, slots=True)
class RoleRules:
    role: Role
    actions: frozenset[ActionKind]
    refund_limits: Mapping[str, Money] = field(default_factory=dict)  # currency -> limit
    unlimited: bool = False
    internal_notes: NoteScope = NoteScope.ALL
    orders: OrderScope = OrderScope.ALL
    approve: bool = False

    def refund_limit(self, currency: str) -> Money | None:
        """The largest refund this role may make alone; None = unlimited."""
        if self.unlimited:
            return None
        return self.refund_limits.get(currency, Money.zero(currency))


@dataclass(frozen=True, slots=True)
class PolicyConfig:
    roles: Mapping[Role, RoleRules]
    tender_order: tuple[TenderKind, ...] = (
        TenderKind.CARD,
        TenderKind.GIFT_CARD,
        TenderKind.CASH,
        TenderKind.STORE_CREDIT,
    )
    refund_reasons: tuple[str, ...] = ()
    cancel_reasons: tuple[str, ...] = ()
    return_reasons: tuple[str, ...] = ()
    default_return_window_days: int = 30
    reschedule_max_days: int = 14
    address_required: tuple[str, ...] = ("name", "line1", "postal_code", "city", "country")
    postal_codes: Mapping[str, re.Pattern[str]] = field(default_factory=dict)

    def rules(self, role: Role) -> RoleRules:
        try:
            return self.roles[role]
        except KeyError:
            raise PolicyError(f"the policy says nothing about role {role.value!r}") from None


def _strs(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{where} must be a list of strings")
    return tuple(value)


def _table(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise PolicyError(f"[{where}] must be a table")
    return value


def _int(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PolicyError(f"{where} must be a non-negative integer")
    return value


def _role(role: Role, raw: Mapping[str, object]) -> RoleRules:
    where = f"roles.{role.value}"
    try:
        actions = frozenset(ActionKind(a) for a in _strs(raw.get("actions", []), f"{where}.actions"))
    except ValueError as exc:
        raise PolicyError(f"{where}.actions: {exc}") from None
    limits: dict[str, Money] = {}
    for cur, amount in _table(raw.get("refund_limit", {}), f"{where}.refund_limit").items():
        if not isinstance(amount, str):
            raise PolicyError(f"{where}.refund_limit.{cur} must be a decimal string")
        try:
            limits[cur] = Money(Decimal(amount), cur)
        except (InvalidOperation, ValueError) as exc:
            raise PolicyError(f"{where}.refund_limit.{cur}: {exc}") from None
    unlimited = raw.get("unlimited", False)
    approve = raw.get("approve", False)
    if not isinstance(unlimited, bool) or not isinstance(approve, bool):
        raise PolicyError(f"{where}: unlimited/approve must be true or false")
    try:
        notes = NoteScope(str(raw.get("internal_notes", "all")))
        orders = OrderScope(str(raw.get("orders", "all")))
    except ValueError as exc:
        raise PolicyError(f"{where}: {exc}") from None
    return RoleRules(role, actions, limits, unlimited, notes, orders, approve)


def load_policy(source: str | Mapping[str, object]) -> PolicyConfig:
    """Build the policy from the TOML text of resources/policy.toml or its parsed mapping."""
    data: Mapping[str, object]
    if isinstance(source, str):
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            raise PolicyError(f"policy file is not valid TOML: {exc}") from None
    else:
        data = source
    refund = _table(data.get("refund", {}), "refund")
    cancel = _table(data.get("cancel", {}), "cancel")
    returns = _table(data.get("returns", {}), "returns")
    delivery = _table(data.get("delivery", {}), "delivery")
    roles_raw = _table(data.get("roles", {}), "roles")
    roles: dict[Role, RoleRules] = {}
    for name, raw in roles_raw.items():
        try:
            role = Role(name)
        except ValueError:
            raise PolicyError(f"unknown role [roles.{name}]") from None
        roles[role] = _role(role, _table(raw, f"roles.{name}"))
    missing = [r.value for r in Role if r not in roles]
    if missing:
        raise PolicyError(f"the policy has no rules for: {', '.join(missing)}")
    try:
        tender_order = tuple(
            TenderKind(t)
            for t in _strs(refund.get("tender_order", ["card", "gift_card"]), "refund.tender_order")
        )
    except ValueError as exc:
        raise PolicyError(f"refund.tender_order: {exc}") from None
    postal: dict[str, re.Pattern[str]] = {}
    for country, pattern in _table(delivery.get("postal_codes", {}), "delivery.postal_codes").items():
        if not isinstance(pattern, str):
            raise PolicyError(f"delivery.postal_codes.{country} must be a string")
        try:
            postal[country.upper()] = re.compile(pattern)
        except re.error as exc:
            raise PolicyError(f"delivery.postal_codes.{country}: {exc}") from None
    reasons = _strs(refund.get("reason_codes", []), "refund.reason_codes")
    if not reasons:
        raise PolicyError("refund.reason_codes must list at least one reason")
    return PolicyConfig(
        roles=roles,
        tender_order=tender_order,
        refund_reasons=reasons,
        cancel_reasons=_strs(cancel.get("reason_codes", []), "cancel.reason_codes"),
        return_reasons=_strs(returns.get("reason_codes", []), "returns.reason_codes"),
        default_return_window_days=_int(
            returns.get("default_window_days", 30), "returns.default_window_days"
        ),
        reschedule_max_days=_int(delivery.get("reschedule_max_days", 14), "delivery.reschedule_max_days"),
        address_required=_strs(
            delivery.get("address_required", ["name", "line1", "postal_code", "city", "country"]),
            "delivery.address_required",
        ),
        postal_codes=postal,
    )
