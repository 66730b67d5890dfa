"""The settings dialog: round trip through the file, invalid values refused with the reason
(Save disabled, the file untouched), tokens to the keyring and never into the file."""

from __future__ import annotations

from pathlib import Path

from console.settings import Settings, load, save
from console.ui.settings_dialog import SettingsDialog


def make(qtbot, tmp_path: Path, settings: Settings | None = None):
    secrets: dict[str, str] = {}
    path = tmp_path / "settings.toml"
    dialog = SettingsDialog(settings or Settings(), path=path, set_secret=secrets.__setitem__)
    qtbot.addWidget(dialog)
    return dialog, path, secrets


def test_round_trip_and_tokens_go_to_the_keyring(qtbot, tmp_path: Path) -> None:
    dialog, path, secrets = make(qtbot, tmp_path)
    for name, edit in dialog.url.items():
        edit.setText(f"https://{name}.example.test/api")
    dialog.token["payments"].setText("sk_live_SECRET123")
    dialog.region.setText("de")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.idle.setValue(5)
    assert dialog.save_button.isEnabled(), dialog.reason.text()
    dialog.save_button.click()
    loaded = load(path)
    assert loaded == dialog.result_settings
    assert loaded.default_region == "DE" and loaded.theme == "dark" and loaded.idle_lock_minutes == 5
    assert loaded.systems["orders"].base_url == "https://orders.example.test/api"
    assert secrets == {"payments": "sk_live_SECRET123"}
    assert "SECRET123" not in path.read_text(encoding="utf-8")


def test_invalid_values_are_refused_with_the_reason(qtbot, tmp_path: Path) -> None:
    good = Settings(default_region="NL")
    path = tmp_path / "settings.toml"
    save(good, path)
    before = path.read_bytes()
    dialog, _path, secrets = make(qtbot, tmp_path, good)
    cases = [
        (lambda: dialog.region.setText("XX"), "default_region"),
        (lambda: dialog.idle.setValue(0), "idle_lock_minutes"),
        (lambda: dialog.store_url.setText("mysql://db/onepane"), "store.url"),
        (lambda: dialog.url["orders"].setText("https://orders.example.test"), "needs an http"),
        (lambda: dialog.url["orders"].setText("ftp://orders"), "http"),
    ]
    for change, words in cases:
        dialog.region.setText("NL")
        dialog.idle.setValue(15)
        dialog.store_url.setText("")
        for edit in dialog.url.values():
            edit.setText("")
        assert dialog.save_button.isEnabled()
        change()
        assert not dialog.save_button.isEnabled(), words
        assert words in dialog.reason.text()
        dialog.save()  # even forced, nothing is written
    assert path.read_bytes() == before and secrets == {}


def test_vendor_connectors_and_their_options_round_trip_and_sign_in_settings_are_kept(
    qtbot, tmp_path: Path
) -> None:
    from console.settings import from_dict

    original = from_dict(
        {
            "systems": {
                n: {"kind": "contract", "base_url": f"https://{n}.example.test"}
                for n in ("directory", "orders", "payments", "delivery", "cases")
            },
            "auth": {"issuer": "https://login.example.test", "client_id": "onepane-desktop"},
        }
    )
    dialog, path, _secrets = make(qtbot, tmp_path, original)
    dialog.kind["orders"].setCurrentIndex(dialog.kind["orders"].findData("shopify"))
    dialog.url["orders"].setText("https://acme.myshopify.com")
    dialog.options["orders"].setText("api_version=2026-07")
    dialog.kind["cases"].setCurrentIndex(dialog.kind["cases"].findData("zendesk"))
    dialog.options["cases"].setText("email=api@acme.example; order_field_id=360001")
    assert dialog.kind["orders"].findData("stripe") == -1  # only vendors that can serve orders
    assert dialog.save_button.isEnabled(), dialog.reason.text()
    dialog.options["payments"].setText("api_key=sk_live_x")  # a secret in the file: refused
    assert not dialog.save_button.isEnabled() and "keyring" in dialog.reason.text()
    dialog.options["payments"].setText("nonsense")
    assert not dialog.save_button.isEnabled() and "key=value" in dialog.reason.text()
    dialog.options["payments"].setText("")
    dialog.save_button.click()
    loaded = load(path)
    assert loaded.systems["orders"].kind == "shopify"
    assert loaded.systems["orders"].options == {"api_version": "2026-07"}
    assert loaded.systems["cases"].options == {"email": "api@acme.example", "order_field_id": "360001"}
    assert loaded.auth == {"issuer": "https://login.example.test", "client_id": "onepane-desktop"}
