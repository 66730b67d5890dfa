"""Sign-in round trips against a real OpenID provider (panva/oidc-provider, OpenID Certified)
started on 127.0.0.1 by the test; the browser step is driven by the test (tests/auth/provider.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from console.domain.model import Role
from console.services.oidc import (
    REFRESH_SECRET,
    LoopbackReceiver,
    OidcConfig,
    OidcSession,
    SecretStore,
    SignInError,
    pkce_pair,
    staff_from_claims,
)
from tests.auth.provider import Browser, Provider

ACCESS_TTL_S = 6


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider(access_ttl_s=ACCESS_TTL_S)
    yield p
    p.stop()


class MemoryKeyring:
    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    def store(self) -> SecretStore:
        return SecretStore(self.items.get, self.items.__setitem__, lambda k: self.items.pop(k, None))


def config(provider: Provider, **changes: object) -> OidcConfig:
    base = {
        "issuer": provider.issuer,
        "client_id": "onepane-desktop",
        "scopes": ("openid", "profile", "offline_access", "onepane"),
        "role_claim": "onepane_role",
        "store_claim": "onepane_store",
        "team_claim": "onepane_team",
    }
    base.update(changes)
    return OidcConfig(**base)  # type: ignore[arg-type]


class Run:
    """A session whose 'system browser' is the test's Browser."""

    def __init__(self, provider: Provider, login: str, *, abort: bool = False, **changes: object) -> None:
        self.keyring = MemoryKeyring()
        self.browser = Browser(login, abort=abort)
        self.opened: list[str] = []
        self.tasks: list[asyncio.Task[None]] = []
        self.session = OidcSession(
            config(provider, **changes), open_browser=self._open, store=self.keyring.store()
        )

    def _open(self, url: str) -> bool:
        self.opened.append(url)
        self.tasks.append(asyncio.ensure_future(self.browser.run(url)))
        return True

    async def finish(self) -> None:
        for task in self.tasks:
            await task
        await self.session.aclose()


async def userinfo(provider: Provider, token: str) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        meta = (await client.get(f"{provider.issuer}/.well-known/openid-configuration")).json()
        return await client.get(meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {token}"})


@pytest.mark.asyncio
async def test_round_trip_pkce_in_the_system_browser_with_a_loopback_redirect(provider: Provider) -> None:
    run = Run(provider, "agent-ana")
    staff = await run.session.sign_in(timeout_s=30)
    await asyncio.gather(*run.tasks)
    # who and what role: from the ID token's claims
    assert (staff.id, staff.name, staff.role, staff.team) == ("agent-ana", "Ana de Vries", Role.AGENT, "web")
    # the authorization request: code flow, PKCE S256, loopback redirect on a port of the OS's choice
    (url,) = run.opened
    query = httpx.URL(url).params
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["redirect_uri"].startswith("http://127.0.0.1:") and query["redirect_uri"].endswith(
        "/callback"
    )
    assert query["redirect_uri"] != "http://127.0.0.1:0/callback"
    # the browser ended on our loopback page, which echoes nothing it was sent
    assert run.browser.final is not None and run.browser.final.status_code == 200
    assert "signed in to OnePane" in run.browser.final.text
    assert "code=" not in run.browser.final.text
    # the access token is real: the provider's userinfo endpoint accepts it
    token = run.session.access_token()
    assert token
    info = await userinfo(provider, token)
    assert info.status_code == 200 and info.json()["sub"] == "agent-ana"
    # the refresh token is kept in the keyring, nowhere else
    assert run.keyring.items[REFRESH_SECRET] == run.session.tokens.refresh_token  # type: ignore[union-attr]
    await run.finish()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("login", "role", "store"),
    [("sup-sam", Role.SUPERVISOR, None), ("store-sara", Role.STORE_STAFF, "012")],
)
async def test_roles_and_store_come_from_the_configured_claims(
    provider: Provider, login: str, role: Role, store: str | None
) -> None:
    run = Run(provider, login)
    staff = await run.session.sign_in(timeout_s=30)
    await run.finish()
    assert (staff.id, staff.role, staff.store_id) == (login, role, store)


@pytest.mark.asyncio
async def test_tokens_are_refreshed_before_they_expire(provider: Provider) -> None:
    run = Run(provider, "agent-ana", refresh_margin_s=2.0)
    await run.session.sign_in(timeout_s=30)
    first = run.session.access_token()
    first_refresh = run.session.tokens.refresh_token  # type: ignore[union-attr]
    assert 0 < run.session.expires_in() <= ACCESS_TTL_S
    run.session.start_auto_refresh()
    deadline = asyncio.get_running_loop().time() + ACCESS_TTL_S + 5
    while run.session.access_token() in ("", first):
        assert asyncio.get_running_loop().time() < deadline, "no refresh happened"
        await asyncio.sleep(0.1)
    second = run.session.access_token()
    # never without a valid token: the old one had not expired when the new one came
    assert run.session.expires_in() > ACCESS_TTL_S - 2
    assert (await userinfo(provider, second)).status_code == 200
    # the provider rotates refresh tokens; the keyring follows
    assert run.keyring.items[REFRESH_SECRET] == run.session.tokens.refresh_token  # type: ignore[union-attr]
    assert first_refresh
    await run.finish()


@pytest.mark.asyncio
async def test_sign_out_revokes_and_clears(provider: Provider) -> None:
    run = Run(provider, "agent-ana")
    await run.session.sign_in(timeout_s=30)
    refresh = run.session.tokens.refresh_token  # type: ignore[union-attr]
    assert refresh and REFRESH_SECRET in run.keyring.items
    await run.session.sign_out()
    assert run.session.access_token() == ""
    assert run.session.staff is None
    assert REFRESH_SECRET not in run.keyring.items
    async with httpx.AsyncClient() as client:
        meta = (await client.get(f"{provider.issuer}/.well-known/openid-configuration")).json()
        answer = await client.post(
            meta["token_endpoint"],
            data={"grant_type": "refresh_token", "refresh_token": refresh, "client_id": "onepane-desktop"},
        )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    with pytest.raises(SignInError, match="sign in again"):
        await run.session.refresh()
    await run.finish()


@pytest.mark.asyncio
async def test_an_aborted_sign_in_is_said_in_words(provider: Provider) -> None:
    run = Run(provider, "agent-ana", abort=True)
    with pytest.raises(SignInError) as err:
        await run.session.sign_in(timeout_s=30)
    await run.finish()
    assert "refused the sign-in" in err.value.message
    assert run.session.access_token() == ""


@pytest.mark.asyncio
async def test_a_wrong_issuer_or_unreachable_provider_is_a_clear_error(provider: Provider) -> None:
    wrong = OidcSession(config(provider, issuer=provider.issuer + "/elsewhere"), open_browser=lambda u: True)
    with pytest.raises(SignInError, match="identity provider"):
        await wrong.sign_in(timeout_s=5)
    await wrong.aclose()


@pytest.mark.asyncio
async def test_the_loopback_listener_answers_only_its_callback() -> None:
    receiver = await LoopbackReceiver().start()
    try:
        async with httpx.AsyncClient() as client:
            other = await client.get(f"http://127.0.0.1:{receiver.port}/favicon.ico")
            done = await client.get(receiver.redirect_uri, params={"code": "c<script>", "state": "s"})
            again = await client.get(receiver.redirect_uri, params={"code": "x", "state": "s"})
        assert other.status_code == 404
        assert done.status_code == 200 and "<script>" not in done.text
        assert again.status_code == 409
        assert await receiver.wait(1) == {"code": "c<script>", "state": "s"}
    finally:
        await receiver.close()


def test_pkce_challenge_is_the_s256_of_the_verifier() -> None:
    import base64
    import hashlib

    verifier, challenge = pkce_pair()
    assert 43 <= len(verifier) <= 128
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert challenge == expected


def test_claims_without_a_onepane_role_refuse_the_sign_in() -> None:
    cfg = OidcConfig("https://idp.example", "c", role_claim="groups", role_map={"cs-leads": "supervisor"})
    assert staff_from_claims({"sub": "x", "groups": ["staff", "cs-leads"]}, cfg).role is Role.SUPERVISOR
    with pytest.raises(SignInError, match="no OnePane role"):
        staff_from_claims({"sub": "x", "groups": ["staff"]}, cfg)
    with pytest.raises(SignInError, match="who you are"):
        staff_from_claims({"groups": ["cs-leads"]}, cfg)


@pytest.mark.slow
def test_the_console_signs_in_through_the_system_browser_before_its_window(
    provider: Provider, tmp_path
) -> None:
    """The real program: settings with [auth]; `webbrowser.open` reaches a stand-in browser (the
    BROWSER variable) that signs in as the supervisor; the console's window then opens as Sam."""
    import json
    import os
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    import tomli_w

    root = Path(__file__).resolve().parents[2]
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    systems = {
        name: {"kind": "contract", "base_url": f"http://127.0.0.1:9/{name}"}
        for name in ("directory", "orders", "payments", "delivery", "cases")
    }
    auth = {
        "issuer": provider.issuer,
        "client_id": "onepane-desktop",
        "scopes": "openid profile offline_access onepane",
        "role_claim": "onepane_role",
        "store_claim": "onepane_store",
    }
    (cfg / "settings.toml").write_bytes(tomli_w.dumps({"systems": systems, "auth": auth}).encode())
    browser = f"{shlex.quote(sys.executable)} {shlex.quote(str(root / 'tests' / 'auth' / 'fake_browser.py'))} sup-sam %s &"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ONEPANE_DATA_DIR=str(tmp_path / "data"),
        ONEPANE_LOG_DIR=str(tmp_path / "logs"),
        ONEPANE_CONFIG_DIR=str(cfg),
        ONEPANE_CRASH_DIALOG="0",
        ONEPANE_EVENTS="1",
        BROWSER=browser,
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    done = subprocess.run(
        [sys.executable, str(root / "main.py"), "--exit-when-ready"],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        cwd=root,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    kinds = [e["event"] for e in events]
    assert kinds.index("signed-in") < kinds.index("window-ready")
    signed = next(e for e in events if e["event"] == "signed-in")
    assert signed == {"event": "signed-in", "staff": "sup-sam", "name": "Sam Okoro", "role": "supervisor"}
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "logs").glob("*"))
    assert "signed in" in logs  # the log was written...
    assert "code=" not in logs and "refresh_token" not in logs.replace("oidc.refresh_token", "")
