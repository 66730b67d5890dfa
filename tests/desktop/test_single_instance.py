"""One console per session: a second process hands its arguments to the running one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_start_hands_over_to_the_running_console(tmp_path: Path) -> None:
    name = f"onepane-test-{uuid.uuid4().hex[:8]}"
    received = tmp_path / "received.txt"
    first_script = textwrap.dedent(
        f"""
        import sys, json
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QCoreApplication, QTimer
        from console.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        def got(args):
            open({str(received)!r}, "w", encoding="utf-8").write(json.dumps(args))
            app.quit()
        inst = SingleInstance(got, {name!r})
        assert inst.listen()
        print("LISTENING", flush=True)
        QTimer.singleShot(20000, app.quit)
        app.exec()
        """
    )
    second_script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QCoreApplication
        from console.ui.single_instance import hand_over
        app = QCoreApplication([])
        sys.exit(0 if hand_over(sys.argv[1:], {name!r}) else 3)
        """
    )
    env_first = subprocess.Popen([sys.executable, "-c", first_script], stdout=subprocess.PIPE, text=True)
    try:
        assert env_first.stdout is not None
        assert env_first.stdout.readline().strip() == "LISTENING"
        second = subprocess.run(
            [sys.executable, "-c", second_script, "pop", "tel:+31612345678"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        env_first.wait(timeout=20)
        assert received.read_text(encoding="utf-8") == '["pop", "tel:+31612345678"]'
    finally:
        if env_first.poll() is None:
            env_first.kill()


def test_with_nobody_listening_the_start_goes_on(qapp) -> None:
    from console.ui.single_instance import hand_over

    assert hand_over(["x"], f"onepane-nobody-{uuid.uuid4().hex[:8]}", timeout_ms=300) is False
