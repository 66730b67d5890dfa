"""Secrets (tokens, passwords) in the OS keyring (Windows Credential Manager), never in files."""

from __future__ import annotations

SERVICE = "OnePane"


class SecretStoreError(RuntimeError):
    pass


def get_secret(name: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, name)
    except KeyringError as exc:
        raise SecretStoreError(f"the system keyring cannot be read: {exc}") from exc


def set_secret(name: str, value: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    if not value:
        raise ValueError("an empty secret")
    try:
        keyring.set_password(SERVICE, name, value)
    except KeyringError as exc:
        raise SecretStoreError(f"the system keyring cannot be written: {exc}") from exc


def delete_secret(name: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, name)
    except PasswordDeleteError:
        pass
    except KeyringError as exc:
        raise SecretStoreError(f"the system keyring cannot be written: {exc}") from exc
