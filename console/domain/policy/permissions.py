"""The permission matrix, in one place: who may do what, refund how much alone, see what.

The numbers and lists come from resources/policy.toml (`PolicyConfig.roles`); these
functions are the only place that interprets them.
"""

from __future__ import annotations

from console.domain.model import Note, Order, Role, StaffMember, Visibility
from console.domain.money import Money
from console.domain.policy.config import ActionKind, NoteScope, OrderScope, PolicyConfig
from console.domain.policy.decision import ALLOWED, Decision
from console.domain.text import noop, tr

ROLE_NAMES: dict[Role, str] = {
    Role.AGENT: noop("policy", "service agents"),
    Role.STORE_STAFF: noop("policy", "store staff"),
    Role.SUPERVISOR: noop("policy", "supervisors"),
}

ACTION_NAMES: dict[ActionKind, str] = {
    ActionKind.CANCEL: noop("policy", "cancel orders"),
    ActionKind.REFUND: noop("policy", "refund payments"),
    ActionKind.REROUTE: noop("policy", "reroute parcels"),
    ActionKind.REDIRECT_TO_STORE: noop("policy", "redirect parcels to a store"),
    ActionKind.RESCHEDULE: noop("policy", "reschedule deliveries"),
    ActionKind.INTERCEPT: noop("policy", "intercept parcels"),
    ActionKind.FULFIL_IN_STORE: noop("policy", "fulfil orders in store"),
    ActionKind.TAKE_RETURN: noop("policy", "take returns"),
    ActionKind.UPDATE_CASE: noop("policy", "update cases"),
}


def may(config: PolicyConfig, staff: StaffMember, action: ActionKind) -> Decision:
    """May this staff member's role do this kind of action at all?"""
    rules = config.rules(staff.role)
    if action in rules.actions:
        if action is ActionKind.FULFIL_IN_STORE and staff.role is Role.STORE_STAFF and not staff.store_id:
            return Decision.no(
                tr("policy", "You are not signed in to a store — fulfilling in store needs one")
            )
        return ALLOWED
    return Decision.no(
        tr(
            "policy",
            "%1 cannot %2",
            _cap(tr("policy", ROLE_NAMES[staff.role])),
            tr("policy", ACTION_NAMES[action]),
        )
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def refund_limit(config: PolicyConfig, staff: StaffMember, currency: str) -> Money | None:
    """The largest refund this staff member may make without approval; None = unlimited."""
    return config.rules(staff.role).refund_limit(currency)


def within_refund_limit(config: PolicyConfig, staff: StaffMember, amount: Money) -> Decision:
    """Allowed: the staff member may make this refund alone. Not allowed: it needs a
    supervisor's approval (the reason says so in words)."""
    limit = refund_limit(config, staff, amount.currency)
    if limit is None or amount <= limit:
        return ALLOWED
    if limit.is_zero():
        return Decision.no(
            tr(
                "policy",
                "%1 have no refund limit in %2 — a supervisor must approve",
                _cap(tr("policy", ROLE_NAMES[staff.role])),
                amount.currency,
            )
        )
    return Decision.no(
        tr("policy", "%1 is above your refund limit of %2 — a supervisor must approve", amount, limit)
    )


def may_approve(config: PolicyConfig, approver: StaffMember, requester_id: str) -> Decision:
    if not config.rules(approver.role).approve:
        return Decision.no(
            tr("policy", "%1 cannot approve refunds", _cap(tr("policy", ROLE_NAMES[approver.role])))
        )
    if approver.id == requester_id:
        return Decision.no(tr("policy", "You cannot approve your own request — ask another supervisor"))
    return ALLOWED


def can_view_order(
    config: PolicyConfig, staff: StaffMember, order: Order, *, of_served_customer: bool
) -> Decision:
    """Store staff see their own store's sales and the purchases of the customer they serve."""
    scope = config.rules(staff.role).orders
    if scope is OrderScope.ALL or of_served_customer:
        return ALLOWED
    if order.store is not None and staff.store_id is not None and order.store.id == staff.store_id:
        return ALLOWED
    return Decision.no(tr("policy", "Another store's sale for another customer"))


def can_view_note(
    config: PolicyConfig, staff: StaffMember, note: Note, *, of_served_customer: bool
) -> Decision:
    """Public notes: everyone. Internal notes: as the role's `internal_notes` scope says."""
    if note.visibility is Visibility.PUBLIC:
        return ALLOWED
    scope = config.rules(staff.role).internal_notes
    if scope is NoteScope.ALL or (scope is NoteScope.SERVED_CUSTOMER and of_served_customer):
        return ALLOWED
    return Decision.no(tr("policy", "Internal note of another customer"))
