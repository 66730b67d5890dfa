"""Generators that pause: run straight through, or in slices that let the event loop run."""

from __future__ import annotations

import asyncio
from collections.abc import Generator

import pytest

from console.domain import steps


def counting(n: int, done: list[int]) -> Generator[None, None, int]:
    total = 0
    for i in range(n):
        total += i
        done.append(i)
        yield
    return total


def test_run_goes_straight_through() -> None:
    done: list[int] = []
    assert steps.run(counting(100, done)) == sum(range(100))
    assert len(done) == 100


@pytest.mark.asyncio
async def test_run_sliced_lets_the_loop_run_between_slices_and_gives_the_same_result() -> None:
    done: list[int] = []
    seen_while_running: list[int] = []

    async def other() -> None:  # stands for the window painting between slices
        for _ in range(1000):
            seen_while_running.append(len(done))
            await asyncio.sleep(0)

    watcher = asyncio.ensure_future(other())
    result = await steps.run_sliced(counting(20_000, done), budget_s=0.0)
    watcher.cancel()
    assert result == sum(range(20_000))
    # the other task ran while the steps were under way, not only before or after them
    assert any(0 < n < 20_000 for n in seen_while_running)
