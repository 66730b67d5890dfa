"""Window and model tests need a QApplication before any Qt object exists."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    return qapp
