"""Waiting inside the bot's long-running loops without losing a request to stop.

Why not `asyncio.wait_for`: on Python 3.11 it swallows a cancellation that arrives in the same turn
of the loop as the awaited thing finishes, and returns as if nothing happened; a loop that is then
cancelled to stop runs on, and shutdown waits for it forever (seen with the sender at full speed).
`asyncio.timeout` tells its own timeout from a cancellation and lets the latter through.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def woken(event: asyncio.Event, timeout: float) -> bool:
    """Wait until `event` is set, for at most `timeout` seconds; True if it was."""
    try:
        async with asyncio.timeout(max(0.0, timeout)):
            await event.wait()
    except TimeoutError:
        return False
    return True


async def within(awaitable: Awaitable[T], timeout: float) -> T:
    """`await awaitable`, raising TimeoutError after `timeout` seconds (a cancellation still goes through)."""
    async with asyncio.timeout(timeout):
        return await awaitable

