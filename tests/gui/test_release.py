"""Big lists are let go of a slice at a time, between events, and completely."""

from __future__ import annotations

import gc
import weakref

from console.ui import release


class Thing:
    pass


def test_a_big_list_is_emptied_in_slices_and_its_objects_freed(qtbot) -> None:
    items: list[object] = [Thing() for _ in range(release.SLICE * 3 + 5)]
    watch = weakref.ref(items[0])
    release.later(items)
    assert len(items) > release.SLICE  # not all at once: the window gets its turn first
    qtbot.waitUntil(lambda: not items and release.pending() == 0, timeout=3000)
    gc.collect()
    assert watch() is None


def test_a_short_list_is_left_alone() -> None:
    items: list[object] = [Thing() for _ in range(10)]
    release.later(items)
    assert len(items) == 10 and release.pending() == 0
