"""Handing a customer over: the handoff (structured notes + a snapshot of what the pane showed)
in the shared store, and — when the customer has an open case — the case's internal note and
reassignment in the cases system, sent through the action service's outbox (exactly once,
audited, resumed after a crash)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from console.domain.model import StaffMember
from console.domain.policy import UpdateCase
from console.services.actions import ActionHandle, ActionService

TARGET_KINDS = ("team", "staff", "store", "supervisors")


class HandoffError(ValueError):
    """The handoff cannot be made as asked (shown to the staff member as is)."""


@dataclass(frozen=True, slots=True)
class HandoffRequest:
    customer_key: str
    customer_name: str
    to_kind: str  # team | staff | store | supervisors
    to_id: str  # the team, the colleague's staff id, the store id; "" for supervisors
    wants: str  # what the customer wants
    done: str = ""  # what was done
    pending: str = ""  # what is pending
    callback_at: str | None = None  # ISO 8601 with offset: the promised call-back
    case_id: str | None = None  # the open case that goes along, if any

    def problems(self) -> list[str]:
        out = []
        if self.to_kind not in TARGET_KINDS:
            out.append(f"Unknown kind of recipient {self.to_kind!r}")
        if self.to_kind != "supervisors" and not self.to_id.strip():
            out.append("Choose who takes over")
        if not self.wants.strip():
            out.append("Say what the customer wants")
        if not self.customer_key:
            out.append("Open a customer first")
        return out

    def note(self, staff: StaffMember) -> str:
        lines = [f"Handed over by {staff.name} ({staff.id}) to {self.target_words()}."]
        lines.append(f"Customer wants: {self.wants.strip()}")
        if self.done.strip():
            lines.append(f"Done so far: {self.done.strip()}")
        if self.pending.strip():
            lines.append(f"Pending: {self.pending.strip()}")
        if self.callback_at:
            lines.append(f"Call-back promised: {self.callback_at}")
        return "\n".join(lines)

    def target_words(self) -> str:
        if self.to_kind == "supervisors":
            return "the supervisors' queue"
        return f"{self.to_kind} {self.to_id}"


def _team_of(request: HandoffRequest) -> tuple[str, str | None]:
    if request.to_kind == "team":
        return request.to_id, None
    if request.to_kind == "staff":
        return "", request.to_id
    if request.to_kind == "store":
        return f"store-{request.to_id}", None
    return "supervisors", None


class HandoffService:
    def __init__(self, store: Any, actions: ActionService) -> None:
        self._store = store
        self._actions = actions

    async def hand_off(
        self,
        request: HandoffRequest,
        staff: StaffMember,
        snapshot: Mapping[str, Any],
        *,
        staff_team: Mapping[str, str] | None = None,
    ) -> tuple[str, ActionHandle | None]:
        """Store the handoff (audited) and queue the case's note + reassignment. Returns the
        handoff id and the case update's handle (None without a case)."""
        problems = request.problems()
        if problems:
            raise HandoffError("; ".join(problems))
        from console.store.audit import AuditRecord

        audit = AuditRecord(
            staff.id,
            staff.role.value,
            "handoff.created",
            request.customer_key,
            {
                "to_kind": request.to_kind,
                "to_id": request.to_id,
                "case_id": request.case_id,
                "callback_at": request.callback_at,
            },
        )
        handoff_id = str(
            await self._store.handoffs.create(
                customer_key=request.customer_key,
                customer_name=request.customer_name,
                from_staff=staff.id,
                to_kind=request.to_kind,
                to_id=request.to_id,
                wants=request.wants.strip(),
                done=request.done.strip(),
                pending=request.pending.strip(),
                snapshot=dict(snapshot),
                audit=audit,
                callback_at=request.callback_at,
                case_id=request.case_id,
            )
        )
        if not request.case_id:
            return handoff_id, None
        team, assignee = _team_of(request)
        if not team and assignee and staff_team is not None:
            team = staff_team.get(assignee, "")
        update = UpdateCase(request.case_id, request.note(staff), team or "service", assignee)
        handle = await self._actions.request(update, staff, request.customer_key, wait=False)
        return handoff_id, handle
