"""The small sign-in window outside demo mode, against the real provider."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from console.connectors.factory import build_configured
from console.domain.model import Role
from console.services.oidc import OidcConfig, OidcSession, SecretStore
from console.settings import from_dict
from console.ui.signin import BrowserSignIn
from tests.auth.provider import Browser, Provider

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider()
    yield p
    p.stop()


def session(provider: Provider, login: str | None, tasks: list[Any]) -> OidcSession:
    items: dict[str, str] = {}

    def open_browser(url: str) -> bool:
        if login is not None:
            tasks.append(asyncio.ensure_future(Browser(login).run(url)))
        return True

    return OidcSession(
        OidcConfig(
            provider.issuer,
            "onepane-desktop",
            scopes=("openid", "profile", "offline_access", "onepane"),
            role_claim="onepane_role",
        ),
        open_browser=open_browser,
        store=SecretStore(items.get, items.__setitem__, lambda k: items.pop(k, None)),
    )


def test_signing_in_returns_the_staff_member_and_contract_systems_send_the_access_token(
    qtbot, qasync_loop, provider: Provider
) -> None:
    tasks: list[Any] = []
    s = session(provider, "agent-ana", tasks)
    dialog = BrowserSignIn(s)
    qtbot.addWidget(dialog)
    result = asyncio.ensure_future(dialog.run(timeout_s=30))
    qtbot.waitUntil(result.done, timeout=20000)
    staff = result.result()
    assert staff is not None and (staff.id, staff.role) == ("agent-ana", Role.AGENT)
    assert not dialog.isVisible()
    systems = {
        n: {"kind": "contract", "base_url": f"https://{n}.example"}
        for n in ("directory", "orders", "payments", "delivery", "cases")
    }
    connectors = build_configured(
        from_dict({"systems": systems}), lambda name: "keyring-token", token_provider=s.access_token
    )
    header = connectors.orders.http._headers(None, None)["Authorization"]  # type: ignore[attr-defined]
    assert header == f"Bearer {s.access_token()}" and s.access_token()
    done = asyncio.ensure_future(asyncio.gather(connectors.aclose(), s.aclose()))
    qtbot.waitUntil(done.done, timeout=5000)


def test_cancel_stops_waiting_for_the_browser(qtbot, qasync_loop, provider: Provider) -> None:
    tasks: list[Any] = []
    s = session(provider, None, tasks)  # the staff member never finishes in the browser
    dialog = BrowserSignIn(s)
    qtbot.addWidget(dialog)
    result = asyncio.ensure_future(dialog.run(timeout_s=60))
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert "browser" in dialog.status.text()
    dialog.reject()  # Esc / Cancel
    qtbot.waitUntil(result.done, timeout=5000)
    assert result.result() is None
    assert s.access_token() == ""
    done = asyncio.ensure_future(s.aclose())
    qtbot.waitUntil(done.done, timeout=5000)


def test_a_refusal_is_shown_in_words_and_can_be_tried_again(qtbot, qasync_loop, provider: Provider) -> None:
    tasks: list[Any] = []
    s = session(provider, None, tasks)
    attempts: list[str] = []

    def open_browser(url: str) -> bool:
        attempts.append(url)
        # first time the staff member aborts at the provider, the second time signs in
        tasks.append(asyncio.ensure_future(Browser("agent-ana", abort=len(attempts) == 1).run(url)))
        return True

    s._open = open_browser  # type: ignore[method-assign]
    dialog = BrowserSignIn(s)
    qtbot.addWidget(dialog)
    result = asyncio.ensure_future(dialog.run(timeout_s=30))
    qtbot.waitUntil(dialog.retry.isEnabled, timeout=20000)
    assert "refused the sign-in" in dialog.message.text()
    dialog.retry.click()
    qtbot.waitUntil(result.done, timeout=20000)
    assert result.result() is not None and len(attempts) == 2
    done = asyncio.ensure_future(s.aclose())
    qtbot.waitUntil(done.done, timeout=5000)
