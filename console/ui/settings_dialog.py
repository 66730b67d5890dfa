"""The settings dialog: each system's connector kind, base URL and token, the store's database
URL, the default phone region, language, theme and idle-lock time. Every change is validated by
console.settings.validate; an invalid value is refused with the reason and Save stays disabled.
Tokens go to the OS keyring, never into the settings file; the file is written atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.settings import (
    CONNECTOR_KINDS,
    LANGUAGES,
    SYSTEM_NAMES,
    THEMES,
    Settings,
    SettingsError,
    SystemSettings,
    save,
    validate,
)
from console.ui.widgets import plain_label

# which vendor connectors can serve which system (the contract serves all)
VENDOR_FOR = {
    "directory": ("hubspot",),
    "orders": ("shopify",),
    "payments": ("stripe",),
    "delivery": ("easypost",),
    "cases": ("zendesk",),
}


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        *,
        path: Path | None = None,
        set_secret: Callable[[str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("OnePane settings"))
        self.setAccessibleName(self.windowTitle())
        self.original = settings
        self.path = path
        if set_secret is None:
            from console.secrets import set_secret as keyring_set

            set_secret = keyring_set
        self._set_secret = set_secret
        self.result_settings: Settings | None = None
        layout = QVBoxLayout(self)

        systems = QGroupBox(self.tr("Systems (leave every address empty for the demo backends)"), self)
        sf = QFormLayout(systems)
        self.kind: dict[str, QComboBox] = {}
        self.url: dict[str, QLineEdit] = {}
        self.token: dict[str, QLineEdit] = {}
        self.options: dict[str, QLineEdit] = {}
        for name in SYSTEM_NAMES:
            current = settings.systems.get(name, SystemSettings())
            kind = QComboBox(self)
            kind.setAccessibleName(self.tr("Connector for %1").replace("%1", name))
            for k in ("contract", *VENDOR_FOR.get(name, ())):
                if k in CONNECTOR_KINDS:
                    kind.addItem(k, k)
            kind.setCurrentIndex(max(0, kind.findData(current.kind)))
            url = QLineEdit(current.base_url, self)
            url.setAccessibleName(self.tr("Base URL of %1").replace("%1", name))
            url.setPlaceholderText("https://…")
            token = QLineEdit(self)
            token.setEchoMode(QLineEdit.EchoMode.Password)
            token.setAccessibleName(self.tr("Token for %1 (stored in the keyring)").replace("%1", name))
            token.setPlaceholderText(self.tr("unchanged"))
            options = QLineEdit(_options_text(current.options), self)
            options.setAccessibleName(self.tr("Connector options for %1").replace("%1", name))
            options.setPlaceholderText(self.tr("e.g. api_version=2026-10; email=api@example.com"))
            sf.addRow(name, kind)
            sf.addRow(self.tr("  address"), url)
            sf.addRow(self.tr("  token"), token)
            sf.addRow(self.tr("  options"), options)
            self.kind[name], self.url[name], self.token[name] = kind, url, token
            self.options[name] = options
            kind.currentIndexChanged.connect(self.refresh)
            url.textChanged.connect(self.refresh)
            options.textChanged.connect(self.refresh)
        layout.addWidget(systems)

        general = QGroupBox(self.tr("This desk"), self)
        gf = QFormLayout(general)
        self.store_url = QLineEdit(settings.store_url, self)
        self.store_url.setAccessibleName(self.tr("Store database URL"))
        self.store_url.setPlaceholderText(self.tr("empty: SQLite in your data folder"))
        self.region = QLineEdit(settings.default_region, self)
        self.region.setAccessibleName(self.tr("Default phone region"))
        self.region.setMaxLength(2)
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language"))
        for lang in LANGUAGES:
            self.language.addItem(lang, lang)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.theme = QComboBox(self)
        self.theme.setAccessibleName(self.tr("Theme"))
        for t in THEMES:
            self.theme.addItem(t, t)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.idle = QSpinBox(self)
        self.idle.setAccessibleName(self.tr("Idle lock after minutes"))
        self.idle.setRange(0, 999)  # out-of-range values are refused with the reason, not clamped
        self.idle.setValue(settings.idle_lock_minutes)
        gf.addRow(self.tr("Store database URL"), self.store_url)
        gf.addRow(self.tr("Default phone region"), self.region)
        gf.addRow(self.tr("Language"), self.language)
        gf.addRow(self.tr("Theme"), self.theme)
        gf.addRow(self.tr("Idle lock (minutes)"), self.idle)
        for w in (self.store_url, self.region):
            w.textChanged.connect(self.refresh)
        for c in (self.language, self.theme):
            c.currentIndexChanged.connect(self.refresh)
        self.idle.valueChanged.connect(self.refresh)
        layout.addWidget(general)

        self.reason = plain_label("", "Refusal", self)
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(self.tr("Save the settings"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Close without saving"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    def build(self) -> Settings:
        systems: dict[str, SystemSettings] = {}
        if any(self.url[n].text().strip() for n in SYSTEM_NAMES):
            for n in SYSTEM_NAMES:
                systems[n] = SystemSettings(
                    str(self.kind[n].currentData()),
                    self.url[n].text().strip(),
                    _parse_options(n, self.options[n].text()),
                )
        s = Settings(
            systems=systems,
            store_url=self.store_url.text().strip(),
            default_region=self.region.text().strip().upper(),
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
            idle_lock_minutes=self.idle.value(),
            demo_staff=self.original.demo_staff,
            timeout_s=self.original.timeout_s,
            auth=dict(self.original.auth),  # the sign-in settings are kept as they are
        )
        validate(s)
        return s

    def refresh(self) -> None:
        try:
            self.build()
        except SettingsError as exc:
            self.reason.setText(str(exc))
            self.save_button.setEnabled(False)
            return
        self.reason.setText("")
        self.save_button.setEnabled(True)

    def save(self) -> None:
        try:
            s = self.build()
        except SettingsError as exc:
            self.reason.setText(str(exc))
            return
        for name in SYSTEM_NAMES:
            secret = self.token[name].text()
            if secret:
                self._set_secret(name, secret)
                self.token[name].clear()
        save(s, self.path)
        self.result_settings = s
        self.accept()


def _options_text(options: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in options.items())


def _parse_options(system: str, text: str) -> dict[str, str]:
    """`key=value; key=value` -> a dict; anything else is refused with the reason."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise SettingsError(
                f"systems.{system} options: write key=value pairs separated by ';' ({part!r})"
            )
        out[key.strip()] = value.strip()
    return out
