"""Composition root: settings -> store -> connectors -> services -> ui; the qasync loop; commands.

Start-up is kept lean: the demo backends' process is launched first (it generates its data
while Qt loads), heavy modules are imported inside the functions that need them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections.abc import Awaitable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from console.settings import Settings

STARTED = time.perf_counter()
log = logging.getLogger("onepane")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="OnePane: one window for customer service.")
    p.add_argument("--config", type=Path, help="settings file (TOML); default: the user's settings")
    p.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--staff", help="demo mode: sign in as this seeded staff member (e.g. store-012-sara)")
    p.add_argument("--pick-staff", action="store_true", help="demo mode: choose the staff member at start")
    sub = p.add_subparsers(dest="command")
    sub.add_parser(
        "self-test", help="start everything offscreen, check each system, exit 0 or say what failed"
    )
    demo = sub.add_parser("demo-backends", help="serve the five demo systems", add_help=False)
    demo.add_argument("demo_args", nargs=argparse.REMAINDER)
    audit = sub.add_parser("audit", help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", help="check the hash chain; name the first broken entry")
    export = audit_sub.add_parser("export", help="export entries for finance")
    export.add_argument("--since", required=True, help="YYYY-MM-DD")
    export.add_argument("--format", choices=["csv"], default="csv")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    pop = sub.add_parser(
        "pop", help="bring the console to the front with a customer searched (tel: or onepane:)"
    )
    pop.add_argument("url")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo-backends"]:  # its own parser, its own process
        from console.demo.cli import main as demo_main

        return demo_main(argv[1:])
    args = build_parser().parse_args(argv)
    from console.settings import SettingsError, load

    try:
        settings = load(args.config, must_exist=args.config is not None)
    except SettingsError as exc:
        print(f"onepane: {exc}", file=sys.stderr)
        return 2
    if args.staff:
        from dataclasses import replace

        from console.demo.population import STAFF

        if args.staff not in {s["id"] for s in STAFF}:
            known = ", ".join(s["id"] for s in STAFF)
            print(f"onepane: unknown staff member {args.staff!r} (demo staff: {known})", file=sys.stderr)
            return 2
        settings = replace(settings, demo_staff=args.staff)
    if getattr(args, "pick_staff", False):
        os.environ["ONEPANE_PICK_STAFF"] = "1"
    if args.command == "audit":
        return asyncio.run(_audit(settings, args))
    if args.command == "self-test":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return _run_gui(settings, self_test=True)
    if args.command == "pop":
        from console.services.screenpop import PopError, parse_pop

        try:
            parse_pop(args.url)
        except PopError as exc:
            print(f"onepane: {exc}", file=sys.stderr)
            return 2
        return _run_gui(settings, pop=args.url)
    return _run_gui(settings, exit_when_ready=args.exit_when_ready)


# ---- audit commands ----------------------------------------------------------------------------


async def _audit(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import date

    from console.store import StoreError, open_store

    try:
        store = await open_store(settings.store_url or None)
    except StoreError as exc:
        print(f"onepane: {exc}", file=sys.stderr)
        return 2
    try:
        if args.audit_command == "verify":
            result = await store.audit.verify()
            if result.ok:
                print(f"audit log intact: {result.checked} entries verified")
                return 0
            print(
                f"audit log BROKEN at entry {result.first_broken_seq}: {result.reason} "
                f"({result.checked} entries before it verified)"
            )
            return 1
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            print("onepane: --since needs a date as YYYY-MM-DD", file=sys.stderr)
            return 2
        if args.out:
            with args.out.open("w", newline="", encoding="utf-8") as fh:
                n = await store.audit.export_csv(since, fh)
            print(f"{n} entries written to {args.out}", file=sys.stderr)
        else:
            await store.audit.export_csv(since, sys.stdout)
        return 0
    finally:
        await store.close()


# ---- the window --------------------------------------------------------------------------------


# Staff members who signed in through the identity provider in this process (id -> StaffMember).
_SIGNED_IN: dict[str, Any] = {}


def _staff_name(staff_id: str) -> str:
    from console.demo.population import STAFF

    if staff_id in _SIGNED_IN:
        return str(_SIGNED_IN[staff_id].name)
    return next((s["name"] for s in STAFF if s["id"] == staff_id), staff_id)


def _demo_staff(staff_id: str) -> Any:
    from console.demo.population import STAFF
    from console.domain.model import Role, StaffMember

    if staff_id in _SIGNED_IN:
        return _SIGNED_IN[staff_id]
    rec = next((s for s in STAFF if s["id"] == staff_id), None)
    if rec is None:
        return StaffMember(staff_id, staff_id, Role.AGENT)
    return StaffMember(rec["id"], rec["name"], Role(rec["role"]), rec["store_id"], rec["team"])


def _staff_records() -> list[dict[str, Any]]:
    from console.demo.population import STAFF

    return list(STAFF)


def _demo_stores() -> list[tuple[str, str]]:
    from console.demo.population import STORES

    return [(s["id"], s["name"]) for s in STORES.values() if s["kind"] == "flagship"]


class _ActingConnectors:
    """connectors_for(staff_id) for the action service: the signed-in staff member's
    connectors; in demo mode any seeded staff member's (their token), so that an approved
    refund can be sent as the approving supervisor."""

    def __init__(self, settings: Settings, base_url: str, own: Any, own_id: str) -> None:
        self._settings, self._base_url = settings, base_url
        self._made: dict[str, Any] = {own_id: own}
        self._own_id = own_id

    def __call__(self, staff_id: str) -> Any:
        found = self._made.get(staff_id)
        if found is None and self._settings.demo:
            from console.connectors.registry import build_rest_connectors

            token = f"demo.{staff_id}"
            found = build_rest_connectors(self._base_url, lambda: token, timeout_s=self._settings.timeout_s)
            self._made[staff_id] = found
        return found

    async def aclose(self) -> None:
        for staff_id, conns in self._made.items():
            if staff_id != self._own_id:
                await conns.aclose()


def _run_gui(
    settings: Settings, *, self_test: bool = False, exit_when_ready: bool = False, pop: str | None = None
) -> int:
    from console.runtime.backends import BackendStartError, DemoBackendProcess

    if not self_test and not exit_when_ready:
        from console.ui.single_instance import hand_over, server_name

        if hand_over(["pop", pop] if pop else ["show"], server_name(os.environ.get("ONEPANE_DATA_DIR", ""))):
            print("onepane: handed over to the console that is already running")
            return 0
    backends = DemoBackendProcess() if settings.demo else None
    if backends is not None:
        backends.launch()  # generates its data while Qt loads

    from PySide6.QtWidgets import QApplication

    from console import logs

    log_path = logs.setup()
    app = cast("QApplication", QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("OnePane")
    app.setOrganizationName("OnePane")
    app.setQuitOnLastWindowClosed(False)  # the loop ends when _console returns, not before
    from console.ui.crash import install_error_path, route_qt_messages

    install_error_path(log_path)
    route_qt_messages()
    from console.ui import gc_guard

    gc_guard.install()
    from console.ui import i18n

    i18n.install(settings.language)
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    # What the window needs is imported while the backends' process gets ready (in parallel).
    import console.connectors.registry
    import console.services.lookup
    import console.ui.main_window  # noqa: F401

    try:
        base_url = backends.wait_ready() if backends is not None else ""
    except BackendStartError as exc:
        print(f"onepane: {exc}", file=sys.stderr)
        return 1
    try:
        with loop:
            code: int = loop.run_until_complete(
                _console(
                    app, settings, base_url, self_test=self_test, exit_when_ready=exit_when_ready, pop=pop
                )
            )
            return code
    finally:
        if backends is not None:
            backends.stop()


async def _console(
    app: Any, settings: Settings, base_url: str, *, self_test: bool, exit_when_ready: bool, pop: str | None
) -> int:
    from PySide6.QtCore import QCoreApplication

    from console.connectors.registry import build_rest_connectors
    from console.services.lookup import LookupService
    from console.ui.main_window import MainWindow

    staff_id = settings.demo_staff
    if settings.demo and os.environ.pop("ONEPANE_PICK_STAFF", "") == "1" and not self_test:
        from console.ui.signin import SignInDialog

        picker = SignInDialog([_demo_staff(s["id"]) for s in _staff_records()])
        if picker.exec() != picker.DialogCode.Accepted or picker.chosen() is None:
            return 0
        chosen = picker.chosen()
        assert chosen is not None
        staff_id = chosen.id
    session: Any = None
    if settings.demo:
        connectors = build_rest_connectors(base_url, lambda: f"demo.{staff_id}", timeout_s=settings.timeout_s)
    else:
        from console.connectors.factory import build_configured

        if settings.auth and not self_test:
            session = await _sign_in(settings)
            if session is None:
                return 0
            staff_id = session.staff.id
            if os.environ.get("ONEPANE_EVENTS") == "1":
                staff = session.staff
                event = {
                    "event": "signed-in",
                    "staff": staff.id,
                    "name": staff.name,
                    "role": staff.role.value,
                }
                print(json.dumps(event), flush=True)
        elif not self_test:
            print(
                "onepane: staff sign in through the organisation's identity provider: add an [auth] "
                "table (issuer, client_id) to the settings file",
                file=sys.stderr,
            )
            return 2
        connectors = build_configured(settings, token_provider=session.access_token if session else None)
    # The window comes up first; the store (SQLAlchemy, Alembic: ~0.7 s to import) opens behind it
    # in a worker thread, and the lookup gets its cache and link decisions when it is ready.
    store_task = asyncio.ensure_future(_open_store(settings))
    store: Any = None
    actions: Any = None
    try:
        lookup = LookupService(
            connectors, None, default_region=settings.default_region, timeout_s=settings.timeout_s
        )
        window = MainWindow(lookup, staff_name=_staff_name(staff_id), theme=settings.theme)
        window.link_recorder = partial(store_link, store_task, staff_id)
        if self_test:
            return await _self_test(window, connectors, store_task)
        window.show()
        closed = asyncio.Event()
        app.lastWindowClosed.connect(closed.set)
        if exit_when_ready:
            await asyncio.sleep(0)
            print(
                json.dumps({"event": "window-ready", "ms": round((time.perf_counter() - STARTED) * 1000)}),
                flush=True,
            )
        try:
            store = await store_task
        except Exception as exc:
            log.exception("store")
            window.statusBar().showMessage(
                QCoreApplication.translate("OnePane", "The local store cannot be opened: %1").replace(
                    "%1", str(exc)
                )
            )
        else:
            lookup.attach(store.cache, store.links)
            actions = await _start_actions(window, store, settings, base_url, connectors, staff_id)
        _settings_menu(window, settings)
        if session is not None:
            _sign_out_menu(window, session)
        desk = _desk_integration(window)
        if os.environ.get("ONEPANE_EVENTS") == "1":  # for tests and softphone integrators
            window.personOpened.connect(
                lambda _pid: print(
                    json.dumps({"event": "person-opened", "name": window.pane.header.name_label.text()}),
                    flush=True,
                )
            )
            print(json.dumps({"event": "listening"}), flush=True)
        if pop:
            desk.handle(["pop", pop])
        if exit_when_ready:
            window.close()
        await closed.wait()
        return 0
    finally:
        if actions is not None:
            await _stop_actions(actions)
        await connectors.aclose()
        if session is not None:
            await session.aclose()
        if (
            store is None
            and store_task.done()
            and not store_task.cancelled()
            and store_task.exception() is None
        ):
            store = store_task.result()
        if store is not None:
            await store.close()


async def _start_actions(
    window: Any, store: Any, settings: Settings, base_url: str, connectors: Any, staff_id: str
) -> Any:
    """The action service on the store: unfinished outbox entries are resumed with their
    original keys before anything new is sent; then the pane's action buttons appear."""
    from PySide6.QtCore import QCoreApplication

    from console.services.actions import ActionService
    from console.ui.actions.controller import ActionController

    acting = _ActingConnectors(settings, base_url, connectors, staff_id)
    service = ActionService(store, acting)
    resumed = await service.resume()
    service.start()
    if resumed:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "OnePane", "Resuming %1 unfinished action(s) from the last session"
            ).replace("%1", str(resumed)),
            8000,
        )
    staff = _demo_staff(staff_id)
    delivery = connectors.delivery
    controller = ActionController(
        window,
        service,
        staff,
        stores=_demo_stores() if settings.demo else (),
        # a delivery system that cannot change parcels (EasyPost) says so instead of a dead button
        delivery_capabilities=delivery.capabilities(),
        delivery_vendor=getattr(delivery, "vendor_name", ""),
    )
    window.actions = controller
    from console.demo.population import STAFF
    from console.services.handoffs import HandoffService
    from console.ui.team import TeamController

    window.team = TeamController(
        window,
        store,
        service,
        HandoffService(store, service),
        staff,
        # With real systems there is no staff directory here yet (the identity provider has it):
        # hand-offs go to team and store queues rather than to demo people.
        colleagues=[(s["id"], s["name"]) for s in STAFF if s["id"] != staff.id] if settings.demo else [],
        staff_teams={s["id"]: s["team"] for s in STAFF} if settings.demo else {staff.id: staff.team},
        stores=_demo_stores() if settings.demo else (),
    )
    stop_listening = None
    if store.is_postgres:  # live queues: NOTIFY from any console refreshes this one at once
        from console.store.team import listen

        try:
            stop_listening = await listen(store.engine, lambda _t, _r: window.team.request_refresh())
        except Exception:  # polling still works
            log.exception("LISTEN failed; the team panel polls instead")
    window.team_listener = stop_listening
    from console.ui.signin import IdleLock

    window.idle_lock = IdleLock(
        window,
        staff,
        [_demo_staff(s["id"]) for s in STAFF if s["id"] != staff.id] if settings.demo else [],
        settings.idle_lock_minutes,
    )
    return service, controller, acting


async def _stop_actions(actions: Any) -> None:
    service, controller, acting = actions
    controller.shutdown()
    lock = getattr(controller.window, "idle_lock", None)
    if lock is not None:
        lock.shutdown()
    stop_listening = getattr(controller.window, "team_listener", None)
    if stop_listening is not None:
        await stop_listening()
    team = getattr(controller.window, "team", None)
    if team is not None:
        team.shutdown()
        for _ in range(50):
            if not team.pending():
                break
            await asyncio.sleep(0.05)
    await service.aclose()  # unsent work stays in the outbox for the next start
    await acting.aclose()


def _settings_menu(window: Any, settings: Settings) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction, QKeySequence

    from console.ui.settings_dialog import SettingsDialog

    def open_dialog() -> None:
        dialog = SettingsDialog(settings, parent=window)
        dialog.accepted.connect(
            lambda: window.statusBar().showMessage(
                QCoreApplication.translate("OnePane", "Settings saved; they apply from the next start"), 8000
            )
        )
        dialog.open()
        window.settings_dialog = dialog

    action = QAction(QCoreApplication.translate("OnePane", "&Settings…"), window)
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.triggered.connect(open_dialog)
    menu = window.menuBar().addMenu(QCoreApplication.translate("OnePane", "&File"))
    menu.addAction(action)


async def _sign_in(settings: Settings) -> Any:
    """The OpenID sign-in before the window opens; None when the staff member cancels."""
    from console.services.oidc import OidcSession, config_from_settings
    from console.ui.signin import BrowserSignIn

    session = OidcSession(config_from_settings(settings.auth))
    dialog = BrowserSignIn(session)
    staff = await dialog.run()
    dialog.deleteLater()
    if staff is None:
        await session.aclose()
        return None
    _SIGNED_IN[staff.id] = staff
    session.start_auto_refresh()
    return session


def _sign_out_menu(window: Any, session: Any) -> None:
    """File > Sign out: the refresh token is revoked and removed from the keyring, the window
    closes (the outbox keeps anything not yet sent for the next sign-in)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction, QKeySequence

    async def sign_out() -> None:
        await session.sign_out()
        window.close()

    action = QAction(QCoreApplication.translate("OnePane", "Sign &out"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    action.triggered.connect(lambda: asyncio.ensure_future(sign_out()))
    file_menu = QCoreApplication.translate("OnePane", "&File")
    menu = next((a.menu() for a in window.menuBar().actions() if a.text() == file_menu), None)
    (menu or window.menuBar().addMenu(file_menu)).addAction(action)
    session.on_expired = lambda message: window.statusBar().showMessage(
        QCoreApplication.translate("OnePane", "Your sign-in has expired (%1); sign out and in again").replace(
            "%1", message
        ),
        0,
    )


class _Desk:
    """Screen pops handed over by a second start, and barcode scans anywhere in the window."""

    def __init__(self, window: Any) -> None:
        from console.ui.scanner import ScanDetector
        from console.ui.single_instance import SingleInstance, server_name
        from console.ui.tasks import TaskGroup

        self.window = window
        self._tasks = TaskGroup()
        # one console per user session (and per data folder, so a test never reaches a real one)
        self.instance = SingleInstance(self.handle, server_name(os.environ.get("ONEPANE_DATA_DIR", "")))
        if not self.instance.listen():
            log.warning("another console owns the single-instance socket")
        self.scanner = ScanDetector(window, window.search.box)
        self.scanner.scanned.connect(self.search)

    def search(self, text: str) -> None:
        self.window.search.box.setText(text)
        result = self.window.run_search(text)
        if asyncio.iscoroutine(result):
            self._tasks.spawn(result)

    def handle(self, args: list[str]) -> None:
        from PySide6.QtCore import QCoreApplication

        from console.services.screenpop import PopError, parse_pop
        from console.ui.single_instance import bring_to_front

        bring_to_front(self.window)
        if len(args) >= 2 and args[0] == "pop":
            try:
                pop = parse_pop(args[1])
            except PopError as exc:
                self.window.statusBar().showMessage(
                    QCoreApplication.translate("OnePane", "Screen pop refused: %1").replace("%1", str(exc)),
                    10000,
                )
                return
            self.search(pop.query_text)


def _desk_integration(window: Any) -> _Desk:
    desk = _Desk(window)
    window.desk = desk
    return desk


async def _open_store(settings: Settings) -> Any:
    import importlib

    module = await asyncio.to_thread(importlib.import_module, "console.store")
    return await module.open_store(settings.store_url or None)


async def _self_test(window: Any, connectors: Any, store_task: asyncio.Future[Any]) -> int:
    problems: list[str] = []
    healths = await asyncio.gather(*(c.health() for c in connectors.all()))
    problems += [f"{h.system.value}: {h.detail or 'not healthy'}" for h in healths if not h.ok]
    try:
        store = await store_task
    except Exception as exc:
        problems.append(f"store: {exc}")
    else:
        verification = await store.audit.verify()
        if not verification.ok:
            problems.append(f"audit log: broken at entry {verification.first_broken_seq}")
        await store.close()
    window.close()
    for line in problems:
        print(f"FAILED {line}")
    print("self-test: ok" if not problems else f"self-test: {len(problems)} problem(s)")
    return 0 if not problems else 1


async def store_link(
    store_task: Awaitable[Any], staff_id: str, ref_a: str, ref_b: str, decision: str
) -> None:
    """An agent's link decision into the store, with its audit entry (one transaction). Waits
    for the store while it is still opening; raises, for the window to report, if it cannot."""
    from PySide6.QtCore import QCoreApplication

    from console.store import AuditRecord

    try:
        store = await store_task
    except Exception as exc:
        raise RuntimeError(QCoreApplication.translate("OnePane", "the local store cannot be opened")) from exc
    await store.links.decide(
        ref_a,
        ref_b,
        decision,
        AuditRecord(staff_id, "agent", f"link.{decision}", ref_a, {"other": ref_b}),
    )
