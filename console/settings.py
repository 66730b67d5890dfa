"""Settings: a typed model with a schema version, read from and written to TOML.

The file lives in the user's config folder (platformdirs) or is given with `--config`. Saving
writes a temporary file beside it and replaces the old one in one step, so the file is never
left half-written. Secrets never go in here: they live in the OS keyring (console.secrets).
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

SCHEMA_VERSION = 1
SYSTEM_NAMES = ("directory", "orders", "payments", "delivery", "cases")
CONNECTOR_KINDS = ("contract", "shopify", "stripe", "zendesk", "easypost", "hubspot")
THEMES = ("system", "light", "dark")
LANGUAGES = ("en", "de")
AUTH_KEYS = (
    "issuer",
    "client_id",
    "scopes",
    "id_claim",
    "name_claim",
    "role_claim",
    "store_claim",
    "team_claim",
    "role_map",
)
SECRET_WORDS = ("token", "password", "secret", "api_key", "apikey")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class SystemSettings:
    kind: str = "contract"
    base_url: str = ""
    options: dict[str, str] = field(default_factory=dict)  # vendor specifics (API version, shop...)


@dataclass(frozen=True)
class Settings:
    systems: dict[str, SystemSettings] = field(default_factory=dict)  # empty: embedded demo backends
    store_url: str = ""  # empty: SQLite under the user's data folder
    default_region: str = "NL"
    language: str = "en"
    theme: str = "system"
    idle_lock_minutes: int = 15
    demo_staff: str = "agent-ana"
    timeout_s: float = 5.0
    schema_version: int = SCHEMA_VERSION
    # OpenID Connect sign-in outside demo mode: issuer, client_id, scopes, claim names, role_map
    auth: dict[str, str] = field(default_factory=dict)

    @property
    def demo(self) -> bool:
        return not self.systems

    def with_changes(self, **changes: Any) -> Settings:
        updated = replace(self, **changes)
        validate(updated)
        return updated


def config_dir() -> Path:
    override = os.environ.get("ONEPANE_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("OnePane", "OnePane"))


def default_path() -> Path:
    return config_dir() / "settings.toml"


def validate(s: Settings) -> None:
    import phonenumbers

    if s.schema_version != SCHEMA_VERSION:
        raise SettingsError(f"schema_version {s.schema_version} is not supported (expected {SCHEMA_VERSION})")
    for name, system in s.systems.items():
        if name not in SYSTEM_NAMES:
            raise SettingsError(f"systems.{name}: unknown system (one of {', '.join(SYSTEM_NAMES)})")
        if system.kind not in CONNECTOR_KINDS:
            raise SettingsError(
                f"systems.{name}.kind: {system.kind!r} is not one of {', '.join(CONNECTOR_KINDS)}"
            )
        url = urlparse(system.base_url)
        if url.scheme not in ("http", "https") or not url.netloc:
            raise SettingsError(f"systems.{name}.base_url: needs an http:// or https:// address")
        for key in system.options:
            if any(w in key.lower() for w in SECRET_WORDS):
                raise SettingsError(
                    f"systems.{name}.{key}: secrets belong in the keyring, not in the settings file"
                )
    if s.systems and set(s.systems) != set(SYSTEM_NAMES):
        missing = sorted(set(SYSTEM_NAMES) - set(s.systems))
        raise SettingsError(f"systems: all five are needed; missing {', '.join(missing)}")
    if s.store_url and not (
        s.store_url.startswith("sqlite+aiosqlite://") or s.store_url.startswith("postgresql+asyncpg://")
    ):
        raise SettingsError("store.url: use sqlite+aiosqlite:///path or postgresql+asyncpg://host/db")
    if s.default_region not in phonenumbers.SUPPORTED_REGIONS:
        raise SettingsError(f"default_region: {s.default_region!r} is not a phone region (e.g. NL, DE, GB)")
    if s.language not in LANGUAGES:
        raise SettingsError(f"language: {s.language!r} is not one of {', '.join(LANGUAGES)}")
    if s.theme not in THEMES:
        raise SettingsError(f"theme: {s.theme!r} is not one of {', '.join(THEMES)}")
    if not 1 <= s.idle_lock_minutes <= 240:
        raise SettingsError("idle_lock_minutes: between 1 and 240")
    if not 0.5 <= s.timeout_s <= 60:
        raise SettingsError("timeout_s: between 0.5 and 60 seconds")
    if s.auth:
        issuer = urlparse(s.auth.get("issuer", ""))
        local = issuer.hostname in ("127.0.0.1", "localhost", "::1")
        if issuer.scheme != "https" and not (issuer.scheme == "http" and local):
            raise SettingsError("auth.issuer: needs the provider's https:// address")
        if not s.auth.get("client_id"):
            raise SettingsError("auth.client_id: the console's client id at the identity provider")
        for key in s.auth:
            if key not in AUTH_KEYS:
                raise SettingsError(f"auth.{key}: unknown (one of {', '.join(AUTH_KEYS)})")


def from_dict(data: dict[str, Any]) -> Settings:
    def typed(section: dict[str, Any], key: str, kind: type, default: Any) -> Any:
        value = section.get(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise SettingsError(f"{key}: expected {kind.__name__}")
        return value

    systems: dict[str, SystemSettings] = {}
    raw_systems = data.get("systems", {})
    if not isinstance(raw_systems, dict):
        raise SettingsError("systems: expected a table")
    for name, raw in raw_systems.items():
        if not isinstance(raw, dict):
            raise SettingsError(f"systems.{name}: expected a table")
        options = {str(k): str(v) for k, v in raw.items() if k not in ("kind", "base_url")}
        systems[name] = SystemSettings(
            kind=str(raw.get("kind", "contract")), base_url=str(raw.get("base_url", "")), options=options
        )
    auth = data.get("auth", {})
    if not isinstance(auth, dict):
        raise SettingsError("auth: expected a table")
    store = data.get("store", {})
    ui = data.get("ui", {})
    if not isinstance(store, dict) or not isinstance(ui, dict):
        raise SettingsError("store and ui must be tables")
    s = Settings(
        systems=systems,
        store_url=typed(store, "url", str, ""),
        default_region=typed(ui, "default_region", str, "NL"),
        language=typed(ui, "language", str, "en"),
        theme=typed(ui, "theme", str, "system"),
        idle_lock_minutes=typed(ui, "idle_lock_minutes", int, 15),
        demo_staff=typed(ui, "demo_staff", str, "agent-ana"),
        timeout_s=typed(ui, "timeout_s", float, 5.0),
        schema_version=typed(data, "schema_version", int, SCHEMA_VERSION),
        auth={str(k): str(v) for k, v in auth.items()},
    )
    validate(s)
    return s


def to_dict(s: Settings) -> dict[str, Any]:
    out: dict[str, Any] = {"schema_version": s.schema_version}
    if s.systems:
        out["systems"] = {
            n: {"kind": x.kind, "base_url": x.base_url, **x.options} for n, x in s.systems.items()
        }
    if s.store_url:
        out["store"] = {"url": s.store_url}
    if s.auth:
        out["auth"] = dict(s.auth)
    out["ui"] = {
        "default_region": s.default_region,
        "language": s.language,
        "theme": s.theme,
        "idle_lock_minutes": s.idle_lock_minutes,
        "demo_staff": s.demo_staff,
        "timeout_s": s.timeout_s,
    }
    return out


def load(path: Path | None = None, *, must_exist: bool = False) -> Settings:
    path = path or default_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if must_exist:
            raise SettingsError(f"{path}: no such settings file") from None
        return Settings()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from exc
    return from_dict(data)


def save(s: Settings, path: Path | None = None) -> Path:
    import tomli_w

    validate(s)
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = tomli_w.dumps(to_dict(s)).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
