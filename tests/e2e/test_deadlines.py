"""An unclaimed ticket climbs from the building lead to the committee, each tier told, with a
restart of the whole bot in the middle (same database file, fresh process state)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.offline import SHANGHAI, Offline, SteppingClock, offline_bot
from domain.tickets import Tier
from services import sweep
from storage import tickets as repo
from tests.e2e.conftest import COMMITTEE, LIU_SHUJI, XIAO_LI, ZHANG, report


async def _step(bot: Offline, clock: SteppingClock, n: int) -> Tier:
    """Move time past the warning and then the deadline, sweeping as the job would."""
    async with bot.env.db.read() as conn:
        tk = await repo.get(conn, n)
    for when in (tk.check_at, tk.claim_due):
        clock.jump(max(timedelta(0), when - clock()) + timedelta(seconds=1))
        await sweep.run(bot.env, clock())
        await bot.settle()
    async with bot.env.db.read() as conn:
        return (await repo.get(conn, n)).tier


async def test_an_unclaimed_ticket_climbs_to_the_committee_across_a_restart(tmp_path: Path, database_url: str) -> None:
    clock = SteppingClock(datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI))
    async with offline_bot(tmp_path, clock, database_url) as bot:
        await bot.person(ZHANG, "张大姐")
        n = await report(bot, ZHANG, "惠泽小区12号楼楼道里堆满了纸箱子")
        assert await _step(bot, clock, n) == Tier.GRID
        assert "还没人领取" in bot.find(XIAO_LI, "⏰").body
        assert "已报到网格" in bot.last(ZHANG).body

    async with offline_bot(tmp_path, clock, database_url) as bot:  # restarted: nothing was kept in memory
        await bot.person(ZHANG, "张大姐")
        assert await _step(bot, clock, n) == Tier.BRANCH
        assert f"#{n}" in bot.last(LIU_SHUJI).body and bot.last(LIU_SHUJI).buttons[0]["text"] == "领取"
        assert await _step(bot, clock, n) == Tier.COMMITTEE
        assert f"#{n}" in bot.last(COMMITTEE).body
        assert "已报到街道大党委" in bot.last(ZHANG).body
        assert (await sweep.run(bot.env, clock() + timedelta(days=30))).escalated == 0
