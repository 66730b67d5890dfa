"""The permission matrix: every action a role may not do is refused by the console (the policy,
before anything is written) and by the backend (if a console sent it anyway)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal

import pytest
import pytest_asyncio

from console.connectors.errors import Refused
from console.demo.population import ROLE_ACTIONS
from console.demo.server import DemoBackends
from console.domain.model import Address, Role, StaffMember
from console.domain.money import Money
from console.domain.policy import (
    ActionKind,
    ActionRequest,
    CancelOrder,
    FulfilInStore,
    InterceptShipment,
    RedirectToStore,
    RefundPayment,
    RerouteShipment,
    RescheduleDelivery,
    ReturnResolution,
    TakeReturn,
    UpdateCase,
    may,
)
from console.services.actions import ActionService, ActionState, load_default_policy
from console.services.outbox_worker import plan_steps, send_step
from tests.actions.harness import StaffConnectors
from tests.demo_fixtures import DEMO_NOW

POLICY = load_default_policy()
STAFF = {
    Role.AGENT: StaffMember("agent-ana", "Ana", Role.AGENT),
    Role.STORE_STAFF: StaffMember("store-012-sara", "Sara", Role.STORE_STAFF, "012"),
    Role.SUPERVISOR: StaffMember("sup-lena", "Lena", Role.SUPERVISOR),
}
ADDRESS = Address("Aisha Karimova", "Lindenstr. 5", "10115", "Berlin", "DE")
SAMPLES: dict[ActionKind, ActionRequest] = {
    ActionKind.CANCEL: CancelOrder("W-100412"),
    ActionKind.REFUND: RefundPayment("PAY-G100412", Money(Decimal("1.00"), "EUR"), "goodwill"),
    ActionKind.REROUTE: RerouteShipment("SR-4471-0099-DE", ADDRESS),
    ActionKind.REDIRECT_TO_STORE: RedirectToStore("SR-4471-0099-DE", "012"),
    ActionKind.RESCHEDULE: RescheduleDelivery("SR-4471-0099-DE", DEMO_NOW.date() + timedelta(days=3)),
    ActionKind.INTERCEPT: InterceptShipment("SR-4471-0099-DE"),
    ActionKind.FULFIL_IN_STORE: FulfilInStore("W-100412", "012", ("L1",)),
    ActionKind.TAKE_RETURN: TakeReturn(
        "EX-7781-2291", (("L1", 1),), "012", "faulty", ReturnResolution.EXCHANGE, "PHN-X12"
    ),
    ActionKind.UPDATE_CASE: UpdateCase("CS-G5521", "note", "service"),
}
FORBIDDEN = [
    (role, kind) for role in STAFF for kind in ActionKind if kind.value not in ROLE_ACTIONS[role.value]
]


def test_console_and_backends_share_one_matrix() -> None:
    for role, staff in STAFF.items():
        console = {k.value for k in ActionKind if may(POLICY, staff, k).allowed}
        assert console == set(ROLE_ACTIONS[role.value]), role
    assert FORBIDDEN, "every role may do everything: the test would prove nothing"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def conns() -> AsyncIterator[StaffConnectors]:
    with DemoBackends(seed=13, scale=30, now=DEMO_NOW) as demo:
        c = StaffConnectors(demo.base_url, timeout_s=3.0)
        yield c
        await c.aclose()


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(("role", "kind"), FORBIDDEN, ids=lambda x: getattr(x, "value", str(x)))
async def test_forbidden_is_refused_by_console_and_backend(
    conns: StaffConnectors, tmp_path, role: Role, kind: ActionKind
) -> None:
    from console.store import open_store

    staff = STAFF[role]
    request = SAMPLES[kind]
    store = await open_store(f"sqlite+aiosqlite:///{tmp_path / 's.db'}")
    service = ActionService(store, conns, clock=lambda: DEMO_NOW)
    try:
        handle = await service.request(request, staff, "C-perm")
        assert handle.state is ActionState.NOT_ALLOWED and "cannot" in handle.message
        assert await store.outbox.unfinished() == []  # nothing was written, nothing sent
    finally:
        await service.aclose()
        await store.close()
    step = plan_steps(request)[0]
    with pytest.raises(Refused) as info:
        await send_step(conns(staff.id), step, f"perm-{role.value}-{kind.value}")
    assert info.value.kind == "forbidden"
