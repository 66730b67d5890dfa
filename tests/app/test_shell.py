"""The app shell as a user meets it: real processes, real files, clear messages, nothing left behind."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from console import logs, secrets
from console.runtime.backends import DemoBackendProcess
from console.settings import Settings, SettingsError, SystemSettings, from_dict, load, save

ROOT = Path(__file__).resolve().parents[2]


def run_main(tmp_path: Path, *args: str, timeout: int = 90) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ONEPANE_DATA_DIR=str(tmp_path / "data"),
        ONEPANE_LOG_DIR=str(tmp_path / "logs"),
        ONEPANE_CONFIG_DIR=str(tmp_path / "cfg"),
        ONEPANE_CRASH_DIALOG="0",
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_self_test_exits_zero(tmp_path: Path) -> None:
    done = run_main(tmp_path, "self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: ok" in done.stdout
    assert (tmp_path / "data" / "onepane.db").exists()  # the store was opened and migrated


@pytest.mark.slow
def test_console_starts_and_stops_its_backends(tmp_path: Path) -> None:
    done = run_main(tmp_path, "--exit-when-ready")
    assert done.returncode == 0, done.stderr
    ready = json.loads(done.stdout.strip().splitlines()[-1])
    assert ready["event"] == "window-ready" and ready["ms"] > 0


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ui]\ntheme = 'purple'\n", encoding="utf-8")
    done = run_main(tmp_path, "--config", str(bad))
    assert done.returncode == 2
    assert "theme" in done.stderr and "Traceback" not in done.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("x = [", encoding="utf-8")
    done = run_main(tmp_path, "--config", str(broken))
    assert done.returncode == 2 and "not valid TOML" in done.stderr and "Traceback" not in done.stderr
    done = run_main(tmp_path, "--config", str(tmp_path / "absent.toml"))
    assert done.returncode == 2 and "no such settings file" in done.stderr


def test_real_systems_without_a_sign_in_configuration_are_refused_in_words(tmp_path: Path) -> None:
    cfg = tmp_path / "real.toml"
    systems = "".join(
        f"[systems.{n}]\nkind = 'contract'\nbase_url = 'https://{n}.example.test'\n"
        for n in ("directory", "orders", "payments", "delivery", "cases")
    )
    cfg.write_text(systems, encoding="utf-8")
    done = run_main(tmp_path, "--config", str(cfg), "--exit-when-ready")
    assert done.returncode == 2, done.stderr
    assert "[auth]" in done.stderr and "identity provider" in done.stderr
    assert "Traceback" not in done.stderr and "window-ready" not in done.stdout


def test_audit_commands(tmp_path: Path) -> None:
    verify = run_main(tmp_path, "audit", "verify")
    assert verify.returncode == 0 and "intact" in verify.stdout
    export = run_main(tmp_path, "audit", "export", "--since", "2026-01-01", "--format", "csv")
    assert export.returncode == 0 and export.stdout.startswith("seq,at,staff_id")
    bad = run_main(tmp_path, "audit", "export", "--since", "yesterday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_backend_process_stops_when_asked() -> None:
    proc = DemoBackendProcess(["--scale", "50"])
    url = proc.start()
    child = proc.proc
    assert url.startswith("http://127.0.0.1:") and child is not None
    proc.stop()
    assert child.poll() is not None  # gone: no orphan left behind


def full_settings() -> Settings:
    systems = {
        n: SystemSettings("contract", f"https://{n}.example.test/api")
        for n in ("directory", "orders", "payments", "delivery", "cases")
    }
    return Settings(
        systems=systems,
        store_url="postgresql+asyncpg://db.example.test/onepane",
        default_region="DE",
        language="de",
        theme="dark",
        idle_lock_minutes=5,
    )


def test_settings_round_trip(tmp_path: Path) -> None:
    path = save(full_settings(), tmp_path / "settings.toml")
    assert load(path) == full_settings()
    assert load(tmp_path / "none.toml") == Settings()  # no file: the embedded demo


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"default_region": "XX"}, "default_region"),
        ({"theme": "pink"}, "theme"),
        ({"language": "fr"}, "language"),
        ({"idle_lock_minutes": 0}, "idle_lock_minutes"),
        ({"store_url": "mysql://x"}, "store.url"),
    ],
)
def test_invalid_values_refused_with_reason(change: dict[str, object], word: str) -> None:
    with pytest.raises(SettingsError, match=word):
        full_settings().with_changes(**change)


def test_invalid_system_url_and_secret_in_file_refused() -> None:
    data = {
        "systems": {
            n: {"kind": "contract", "base_url": "https://x.test"}
            for n in ("directory", "orders", "payments", "delivery", "cases")
        }
    }
    data["systems"]["orders"]["base_url"] = "ftp://x.test"
    with pytest.raises(SettingsError, match=r"systems\.orders\.base_url"):
        from_dict(data)
    data["systems"]["orders"] = {"kind": "contract", "base_url": "https://x.test", "api_token": "s3cret"}
    with pytest.raises(SettingsError, match="keyring"):
        from_dict(data)


def test_save_never_leaves_a_half_written_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save(full_settings(), tmp_path / "settings.toml")
    before = path.read_bytes()

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        save(full_settings().with_changes(theme="light"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]  # no temp file left


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


def test_secrets_live_in_the_keyring_not_on_disk(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    try:
        secrets.set_secret("orders", "tok-9f8e7d6c")
        path = save(full_settings(), tmp_path / "settings.toml")
        assert secrets.get_secret("orders") == "tok-9f8e7d6c"
        assert b"tok-9f8e7d6c" not in path.read_bytes()
        secrets.delete_secret("orders")
        assert secrets.get_secret("orders") is None
    finally:
        keyring.set_keyring(previous)


def test_logs_reduce_personal_data(tmp_path: Path) -> None:
    path = logs.setup(directory=tmp_path)
    try:
        logging.getLogger("onepane.test").warning(
            "refund for maya.okafor@example.com, card 4111 1111 1111 1111, phone +31 6 12345678, order W-100412"
        )
        for h in logging.getLogger().handlers:
            h.flush()
        text = path.read_text(encoding="utf-8")
    finally:
        for h in list(logging.getLogger().handlers):
            if getattr(h, "_onepane", False):
                logging.getLogger().removeHandler(h)
                h.close()
    entry = json.loads(text.strip().splitlines()[-1])
    assert "maya.okafor@example.com" not in text and "m***@example.com" in entry["message"]
    assert "4111" not in text and "[card removed]" in entry["message"]
    assert "12345678" not in text and "W-100412" in entry["message"]


def test_audit_verify_names_an_edited_or_deleted_entry(tmp_path: Path) -> None:
    import asyncio
    import sqlite3

    from console.store import AuditRecord, open_store

    db = tmp_path / "data" / "onepane.db"

    async def write() -> None:
        store = await open_store(f"sqlite+aiosqlite:///{db}")
        for i in range(4):
            await store.audit.append(
                AuditRecord("agent-ana", "agent", "refund.done", f"C-{i}", {"amount": "10.00"})
            )
        await store.close()

    asyncio.run(write())
    assert run_main(tmp_path, "audit", "verify").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET content = replace(content, '10.00', '1000.00') WHERE seq = 2")
    edited = run_main(tmp_path, "audit", "verify")
    assert edited.returncode != 0 and "entry 2" in edited.stdout + edited.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET content = replace(content, '1000.00', '10.00') WHERE seq = 2")
        conn.execute("DELETE FROM audit_log WHERE seq = 3")
    deleted = run_main(tmp_path, "audit", "verify")
    assert deleted.returncode != 0 and "entry" in deleted.stdout + deleted.stderr


def test_screen_pop_reaches_the_running_console(tmp_path: Path) -> None:
    """Two processes: the console is running; `main.py pop tel:…` hands the number over and
    exits; the running console searches it. A malformed pop is refused and changes nothing."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ONEPANE_DATA_DIR=str(tmp_path / "data"),
        ONEPANE_LOG_DIR=str(tmp_path / "logs"),
        ONEPANE_CONFIG_DIR=str(tmp_path / "cfg"),
        ONEPANE_CRASH_DIALOG="0",
        ONEPANE_EVENTS="1",
    )
    first = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert first.stdout is not None
        line = first.stdout.readline()
        while line and '"listening"' not in line:
            line = first.stdout.readline()
        assert '"listening"' in line
        bad = run_main(tmp_path, "pop", "javascript:alert(1)")
        assert bad.returncode == 2 and "tel: or onepane://" in bad.stderr
        second = run_main(tmp_path, "pop", "tel:+31612345678")
        assert second.returncode == 0 and "handed over" in second.stdout
        opened = first.stdout.readline()
        assert json.loads(opened) == {"event": "person-opened", "name": "Tomás Reyes"}
    finally:
        first.kill()
        first.wait(timeout=10)


def test_qt_messages_reach_the_log(tmp_path: Path, qapp) -> None:
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from console import logs
    from console.ui.crash import route_qt_messages

    path = logs.setup(directory=tmp_path)
    route_qt_messages()
    try:
        qWarning("a Qt warning for the log")
    finally:
        qInstallMessageHandler(None)
        for h in logging.getLogger().handlers:
            h.flush()
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert any(
        x.get("logger") == "qt" and "a Qt warning" in x.get("msg", x.get("message", "")) for x in lines
    )
