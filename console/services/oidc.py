"""Signing staff in with the organisation's OpenID Connect provider, the way native apps must.

RFC 8252 (OAuth 2.0 for Native Apps): the authorization code flow with PKCE (S256) in the
*system* browser — never an embedded web view, so the console never sees the password — and the
answer comes back to a loopback redirect on 127.0.0.1 with a port chosen by the OS
(`http://127.0.0.1:<port>/callback`). `state` ties the answer to this request; `nonce` ties the
ID token to it.

- Identity and role come from the ID token's claims, whose names are settings (`id_claim`,
  `name_claim`, `role_claim`, `store_claim`, `team_claim`); a role claim may be a string or a
  list, and `role_map` translates the provider's values (e.g. "cs-supervisors") to OnePane's
  roles. No OnePane role means no sign-in, said in words.
- The ID token is verified: signature against the provider's JWKS, issuer, audience, expiry
  (with a little leeway for clock skew), nonce.
- The access token is what the contract connectors send (`access_token` is their token
  provider). It is refreshed with the refresh token before it expires; the refresh token is
  kept in the OS keyring (`oidc.refresh_token`), never in a file or a log.
- Sign-out revokes the refresh token at the provider (RFC 7009) when it offers revocation, and
  clears the tokens from memory and the keyring.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import logging
import secrets
import time
import webbrowser
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from console.domain.model import Role, StaffMember

log = logging.getLogger(__name__)

REFRESH_SECRET = "oidc.refresh_token"  # noqa: S105 - the keyring entry's name, not a secret
_MAX_REQUEST = 16 * 1024


def _verify_for(url: str) -> Any:
    from console.connectors.http import tls_verify

    return tls_verify() if url.startswith("https:") else True


class SignInError(Exception):
    """Signing in did not work; `message` is fit to show the staff member."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    scopes: tuple[str, ...] = ("openid", "profile", "offline_access")
    id_claim: str = "sub"
    name_claim: str = "name"
    role_claim: str = "role"
    store_claim: str = "store_id"
    team_claim: str = "team"
    role_map: Mapping[str, str] = field(default_factory=dict)
    refresh_margin_s: float = 60.0  # refresh this long before the access token expires
    leeway_s: float = 60.0


@dataclass
class Tokens:
    access_token: str
    expires_at: float  # time.time() seconds
    refresh_token: str | None
    id_claims: dict[str, Any]


class SecretStore:
    """The three keyring calls this module needs (injectable for tests)."""

    def __init__(
        self,
        get: Callable[[str], str | None] | None = None,
        set_: Callable[[str, str], None] | None = None,
        delete: Callable[[str], None] | None = None,
    ) -> None:
        from console import secrets as keyring_secrets

        self.get = get or keyring_secrets.get_secret
        self.set = set_ or keyring_secrets.set_secret
        self.delete = delete or keyring_secrets.delete_secret


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge) per RFC 7636."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def staff_from_claims(claims: Mapping[str, Any], config: OidcConfig) -> StaffMember:
    staff_id = claims.get(config.id_claim)
    if not isinstance(staff_id, str) or not staff_id:
        raise SignInError(f"The sign-in did not say who you are (claim '{config.id_claim}' is missing).")
    raw = claims.get(config.role_claim)
    values = (
        [raw]
        if isinstance(raw, str)
        else [v for v in raw if isinstance(v, str)]
        if isinstance(raw, list)
        else []
    )
    role: Role | None = None
    for value in values:
        mapped = config.role_map.get(value, value)
        with contextlib.suppress(ValueError):
            candidate = Role(mapped)
            # the most capable role wins when several are given
            order = (Role.AGENT, Role.STORE_STAFF, Role.SUPERVISOR)
            if role is None or order.index(candidate) > order.index(role):
                role = candidate
    if role is None:
        raise SignInError(
            f"Your account has no OnePane role (claim '{config.role_claim}'); ask your administrator."
        )
    name = claims.get(config.name_claim)
    store = claims.get(config.store_claim)
    team = claims.get(config.team_claim)
    return StaffMember(
        id=staff_id,
        name=name if isinstance(name, str) and name else staff_id,
        role=role,
        store_id=store if isinstance(store, str) and store else None,
        team=team if isinstance(team, str) else "",
    )


class LoopbackReceiver:
    """The redirect target: one tiny HTTP listener on 127.0.0.1, any free port (RFC 8252 7.3).

    It answers the browser's `GET /callback?...` with a plain page, hands the query to the
    waiting sign-in, and ignores anything else (favicon requests, other paths) with a 404."""

    def __init__(self) -> None:
        self._server: asyncio.Server | None = None
        self._result: asyncio.Future[dict[str, str]] | None = None
        self.port = 0

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}/callback"

    async def start(self) -> LoopbackReceiver:
        self._result = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def wait(self, timeout_s: float) -> dict[str, str]:
        assert self._result is not None
        try:
            return await asyncio.wait_for(asyncio.shield(self._result), timeout_s)
        except TimeoutError:
            raise SignInError("The sign-in in the browser was not finished in time; try again.") from None

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
            writer.close()
            return
        line = head[:_MAX_REQUEST].split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split(" ")
        target = urlsplit(parts[1]) if len(parts) == 3 else None
        if target is None or parts[0] != "GET" or target.path != "/callback":
            await self._reply(writer, 404, "Not found.")
            return
        query = {k: v[0] for k, v in parse_qs(target.query, keep_blank_values=True).items()}
        if self._result is not None and not self._result.done():
            self._result.set_result(query)
            ok = "error" not in query
            text = (
                "You are signed in to OnePane. You can close this tab and go back to the console."
                if ok
                else "The sign-in was not completed. Go back to OnePane to try again."
            )
            await self._reply(writer, 200, text)
        else:
            await self._reply(writer, 409, "This sign-in was already answered.")

    @staticmethod
    async def _reply(writer: asyncio.StreamWriter, status: int, text: str) -> None:
        body = (
            "<!doctype html><meta charset=utf-8><title>OnePane</title>"
            f"<p style='font-family:sans-serif'>{html.escape(text)}</p>"
        ).encode()
        reason = {200: "OK", 404: "Not Found", 409: "Conflict"}[status]
        writer.write(
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        writer.close()


class OidcSession:
    """One staff member's sign-in: `sign_in()`, then `access_token()` for the connectors."""

    def __init__(
        self,
        config: OidcConfig,
        *,
        open_browser: Callable[[str], Any] | None = None,
        store: SecretStore | None = None,
        http: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.config = config
        self._open = open_browser or webbrowser.open
        self._store = store or SecretStore()
        self._http = http or httpx.AsyncClient(timeout=10.0, verify=_verify_for(config.issuer))
        self._own_http = http is None
        self._clock = clock
        self._sleep = sleep
        self._meta: dict[str, Any] | None = None
        self._jwks: dict[str, Any] | None = None
        self.tokens: Tokens | None = None
        self.staff: StaffMember | None = None
        self._refresher: asyncio.Task[None] | None = None
        self.on_expired: Callable[[str], None] | None = None  # told when refreshing failed for good

    # ---- discovery ---------------------------------------------------------------------------

    async def metadata(self) -> dict[str, Any]:
        if self._meta is None:
            url = self.config.issuer.rstrip("/") + "/.well-known/openid-configuration"
            meta = await self._get_json(url, "the provider's configuration")
            if (
                meta.get("issuer") != self.config.issuer.rstrip("/")
                and meta.get("issuer") != self.config.issuer
            ):
                raise SignInError("The identity provider names a different issuer than the settings.")
            for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not isinstance(meta.get(key), str):
                    raise SignInError(f"The identity provider's configuration lacks {key}.")
            self._meta = meta
        return self._meta

    async def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            response = await self._http.get(url)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SignInError(f"Cannot reach the identity provider ({what}): {type(exc).__name__}") from exc
        if not isinstance(data, dict):
            raise SignInError(f"The identity provider sent something unexpected for {what}.")
        return data

    # ---- sign-in -----------------------------------------------------------------------------

    async def sign_in(self, timeout_s: float = 300.0) -> StaffMember:
        meta = await self.metadata()
        verifier, challenge = pkce_pair()
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        receiver = await LoopbackReceiver().start()
        try:
            params = {
                "response_type": "code",
                "client_id": self.config.client_id,
                "redirect_uri": receiver.redirect_uri,
                "scope": " ".join(self.config.scopes),
                "state": state,
                "nonce": nonce,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
            if "offline_access" in self.config.scopes:
                params["prompt"] = "consent"  # providers issue refresh tokens only after consent
            url = f"{meta['authorization_endpoint']}?{urlencode(params)}"
            self._open(url)
            answer = await receiver.wait(timeout_s)
        finally:
            await receiver.close()
        if answer.get("state") != state:
            raise SignInError("The browser's answer does not belong to this sign-in; try again.")
        if "error" in answer:
            detail = answer.get("error_description") or answer["error"]
            raise SignInError(f"The identity provider refused the sign-in: {detail}")
        code = answer.get("code")
        if not code:
            raise SignInError("The identity provider sent no authorization code.")
        body = await self._token_request(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": receiver.redirect_uri,
                "client_id": self.config.client_id,
                "code_verifier": verifier,
            }
        )
        claims = await self._verify_id_token(body.get("id_token"), nonce=nonce)
        staff = staff_from_claims(claims, self.config)
        await self._accept(body, claims)
        self.staff = staff
        log.info("signed in", extra={"staff": staff.id, "role": staff.role.value})
        return staff

    async def _accept(self, body: Mapping[str, Any], claims: dict[str, Any]) -> None:
        access = body.get("access_token")
        if not isinstance(access, str) or not access:
            raise SignInError("The identity provider sent no access token.")
        expires_in = body.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, int | float) and expires_in > 0 else 300.0
        refresh = body.get("refresh_token")
        previous = self.tokens.refresh_token if self.tokens else None
        refresh_token = refresh if isinstance(refresh, str) and refresh else previous
        self.tokens = Tokens(access, self._clock() + lifetime, refresh_token, claims)
        if refresh_token:
            try:  # the OS keyring may block (a D-Bus call, a locked store): not on the UI thread
                await asyncio.to_thread(self._store.set, REFRESH_SECRET, refresh_token)
            except Exception:  # the keyring may be locked: keep going in memory only
                log.warning("the refresh token could not be kept in the keyring")

    async def _token_request(self, form: Mapping[str, str]) -> dict[str, Any]:
        meta = await self.metadata()
        try:
            response = await self._http.post(meta["token_endpoint"], data=dict(form))
        except httpx.HTTPError as exc:
            raise SignInError(f"Cannot reach the identity provider: {type(exc).__name__}") from exc
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200 or not isinstance(body, dict):
            error = body.get("error_description") or body.get("error") if isinstance(body, dict) else None
            raise SignInError(
                f"The identity provider refused the token request: {error or response.status_code}"
            )
        return body

    async def _verify_id_token(self, token: Any, *, nonce: str | None) -> dict[str, Any]:
        import jwt

        if not isinstance(token, str) or not token:
            raise SignInError("The identity provider sent no ID token.")
        try:
            header = jwt.get_unverified_header(token)
            key = await self._signing_key(header.get("kid"), header.get("alg", "RS256"))
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=[header.get("alg", "RS256")],
                audience=self.config.client_id,
                issuer=(await self.metadata())["issuer"],
                leeway=self.config.leeway_s,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SignInError(f"The ID token could not be verified: {exc}") from exc
        if header.get("alg") in (None, "none"):
            raise SignInError("The ID token is not signed.")
        if nonce is not None and claims.get("nonce") != nonce:
            raise SignInError("The ID token does not belong to this sign-in (nonce).")
        return claims

    async def _signing_key(self, kid: str | None, alg: str) -> Any:
        import jwt

        for attempt in range(2):  # the provider may have rotated its keys: fetch once more
            if self._jwks is None or attempt == 1:
                self._jwks = await self._get_json((await self.metadata())["jwks_uri"], "the signing keys")
            keys = [k for k in self._jwks.get("keys", []) if isinstance(k, dict)]
            for k in keys:
                if (kid is None or k.get("kid") == kid) and k.get("use", "sig") == "sig":
                    return jwt.PyJWK(k, algorithm=alg).key
        raise SignInError("The ID token is signed with a key the identity provider does not publish.")

    # ---- using and refreshing ------------------------------------------------------------------

    def access_token(self) -> str:
        """The token provider for connectors: the current access token, or "" when signed out."""
        if self.tokens is None or self._clock() >= self.tokens.expires_at:
            return ""
        return self.tokens.access_token

    def signed_in(self) -> bool:
        return self.tokens is not None

    def expires_in(self) -> float:
        return 0.0 if self.tokens is None else self.tokens.expires_at - self._clock()

    async def refresh(self) -> None:
        if self.tokens is None or not self.tokens.refresh_token:
            raise SignInError("There is nothing to refresh: sign in again.")
        body = await self._token_request(
            {
                "grant_type": "refresh_token",
                "refresh_token": self.tokens.refresh_token,
                "client_id": self.config.client_id,
            }
        )
        claims = self.tokens.id_claims
        if body.get("id_token"):
            claims = await self._verify_id_token(body["id_token"], nonce=None)
            if claims.get("sub") != self.tokens.id_claims.get("sub"):
                raise SignInError("The refreshed sign-in belongs to someone else.")
        await self._accept(body, claims)

    def start_auto_refresh(self) -> None:
        """Refresh `refresh_margin_s` before expiry (at the latest half way through a short
        lifetime); a failed refresh is tried again until the token has expired."""
        if self._refresher is None or self._refresher.done():
            self._refresher = asyncio.ensure_future(self._refresh_loop())

    async def _refresh_loop(self) -> None:
        failures = 0
        while self.tokens is not None:
            remaining = self.expires_in()
            lifetime_left = max(0.0, remaining - min(self.config.refresh_margin_s, remaining / 2))
            await self._sleep(lifetime_left if failures == 0 else min(5.0 * failures, max(remaining, 0.5)))
            if not self.signed_in():
                return
            try:
                await self.refresh()
                failures = 0
            except SignInError as exc:
                failures += 1
                log.warning("token refresh failed: %s", exc.message)
                if self.expires_in() <= 0:
                    if self.on_expired is not None:
                        self.on_expired(exc.message)
                    return

    # ---- sign-out ----------------------------------------------------------------------------

    async def sign_out(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._refresher
            self._refresher = None
        tokens, self.tokens, self.staff = self.tokens, None, None
        try:
            await asyncio.to_thread(self._store.delete, REFRESH_SECRET)
        except Exception:
            log.warning("the refresh token could not be removed from the keyring")
        if (
            tokens is not None
            and tokens.refresh_token
            and self._meta
            and self._meta.get("revocation_endpoint")
        ):
            with contextlib.suppress(httpx.HTTPError):
                await self._http.post(
                    self._meta["revocation_endpoint"],
                    data={
                        "token": tokens.refresh_token,
                        "token_type_hint": "refresh_token",
                        "client_id": self.config.client_id,
                    },
                )

    async def aclose(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._refresher
        if self._own_http:
            await self._http.aclose()


def config_from_settings(auth: Mapping[str, Any]) -> OidcConfig:
    """The `[auth]` table of the settings file."""
    scopes: Sequence[str] = str(auth.get("scopes", "openid profile offline_access")).split()
    role_map = {
        k.strip(): v.strip()
        for k, _, v in (
            pair.partition("=") for pair in str(auth.get("role_map", "")).split(",") if pair.strip()
        )
    }
    return OidcConfig(
        issuer=str(auth["issuer"]),
        client_id=str(auth["client_id"]),
        scopes=tuple(scopes),
        id_claim=str(auth.get("id_claim", "sub")),
        name_claim=str(auth.get("name_claim", "name")),
        role_claim=str(auth.get("role_claim", "role")),
        store_claim=str(auth.get("store_claim", "store_id")),
        team_claim=str(auth.get("team_claim", "team")),
        role_map=role_map,
    )
