"""`python bot.py run` as a whole process: it serves a user through the Bot API it is given."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from standin import BotApiStandIn

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "424242:RUN-TEST-TOKEN"


async def test_run_serves_users_and_stops_cleanly_on_sigint(tmp_path: Path) -> None:
    async with BotApiStandIn(token=TOKEN) as api:
        await api.user(1001, "张大姐")
        await api.user(7000000101, "小李")
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": api.base_url,
               "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}"}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "bot.py"), "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        try:
            await api.wait_for_call("getUpdates", timeout=30, finished=False)
            await api.send_text(1001, "惠泽小区12号楼楼道里堆满了杂物")
            ack = await api.wait_for_message(1001, lambda m: "#1" in m.body, timeout=15)
            assert "消防安全" in ack.body
            await api.wait_for_message(7000000101, lambda m: "#1" in m.body, timeout=15)
        finally:
            proc.send_signal(signal.SIGINT)
            out, _ = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, out.decode()[-2000:]
        assert b"Traceback" not in out


async def test_run_without_a_token_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bot.py"), "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
