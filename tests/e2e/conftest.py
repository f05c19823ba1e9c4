"""The real Application over HTTP against the Bot API stand-in, on a real database (each backend)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from app.offline import SHANGHAI, Offline, SteppingClock, offline_bot

ZHANG, LI_DAYE, ALICE = 1001, 1002, 1003
XIAO_LI, XIAO_ZHAO, WANG_AYI = 7000000101, 7000000102, 7000000201
OTHER_GRID_WORKER, LIU_SHUJI, COMMITTEE = 7000000112, 7000000011, 7000000001


@pytest.fixture
async def bot(tmp_path: Path, database_url: str) -> AsyncIterator[Offline]:
    # A Tuesday morning that moves with real time: quiet hours and deadlines behave the same on any day
    clock = SteppingClock(datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI))
    async with offline_bot(tmp_path, clock, database_url) as off:
        await off.person(ZHANG, "张大姐")
        await off.person(LI_DAYE, "李大爷")
        await off.person(ALICE, "Alice", lang="en")
        yield off


async def report(bot: Offline, who: int, text: str) -> int:
    """Report and return the ticket number from the acknowledgement."""
    await bot.say(who, text)
    ack = next(r for r in reversed(bot.api.messages(who)) if "#" in r.body)
    return int(ack.body.split("#")[1].split()[0])
