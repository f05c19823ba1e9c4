"""app/waiting.py: the loops' waits let a stop through, even when it comes just as they are woken."""

from __future__ import annotations

import asyncio

import pytest

from app.waiting import within, woken


async def _stop_as_woken(wait: object, turns: int) -> int:
    """A loop like the sender's, cancelled in the very turn its wake-up lands; how many turns it ran
    after being cancelled (0 when the cancellation went through)."""
    event = asyncio.Event()
    after = 0
    cancelled = False

    async def loop() -> None:
        nonlocal after
        while True:
            if cancelled:
                after += 1
                if after > 3:
                    return
            await wait(event)  # type: ignore[operator]
            event.clear()

    task = asyncio.create_task(loop())
    await asyncio.sleep(0)
    event.set()
    for _ in range(turns):  # the wake-up under way (asyncio.wait_for lost the stop at 0, 1 and 2)
        await asyncio.sleep(0)
    task.cancel()
    cancelled = True
    with pytest.raises(asyncio.CancelledError):
        await task
        raise asyncio.CancelledError  # it ended by itself: as good as lost (counted below)
    return after


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
async def test_a_stop_that_comes_as_the_loop_is_woken_goes_through(turns: int) -> None:
    assert await _stop_as_woken(lambda e: woken(e, 10.0), turns) == 0


async def test_woken_says_whether_the_event_came() -> None:
    event = asyncio.Event()
    assert await woken(event, 0.01) is False
    event.set()
    assert await woken(event, 0.01) is True
    assert await woken(event, 0) is True  # already set: no wait at all


async def test_within_gives_the_result_or_times_out() -> None:
    assert await within(asyncio.sleep(0, result=7), 1.0) == 7
    with pytest.raises(TimeoutError):
        await within(asyncio.sleep(1.0), 0.01)
