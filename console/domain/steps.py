"""Long computations written as generators that pause (`yield`) between pieces of work.

The same code then runs straight through (`run`) where nothing else waits, and in slices on the
UI thread (`run_sliced`) where the window must keep painting and taking keys between them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Generator
from typing import TypeVar

T = TypeVar("T")

Steps = Generator[None, None, T]


def run(steps: Steps[T]) -> T:
    """All the steps at once; their result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


async def run_sliced(steps: Steps[T], budget_s: float) -> T:
    """The steps in slices of about `budget_s` (plus one step), yielding to the event loop between."""
    slice_end = time.perf_counter() + budget_s
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        if time.perf_counter() >= slice_end:
            await asyncio.sleep(0)
            slice_end = time.perf_counter() + budget_s
