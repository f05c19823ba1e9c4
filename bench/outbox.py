"""The outbox against Telegram's limits (issue 5): sustained rate with zero 429s, and urgent latency.

    python bench/outbox.py [--supervisors 1000] [--rtt 0.1] [--seconds 20] [--database-url URL]

The real `app.sender.Sender` (Telegram's limits, domain/pace.py) sends through PTB over HTTP to the
Bot API stand-in enforcing Telegram's limits (standin/flood.py: 30/s overall, 1/s per private chat,
20/min per group, each with a short burst) and counting every 429 it answers. Each request is
delayed by a simulated round trip of --rtt seconds (Telegram is ~100 ms away from most bots, more
from China); the database is a SQLite file (or --database-url).

(a) Sustained rate: a backlog of low-priority messages to distinct chats, sent for --seconds, once
    one request at a time and once with the sender's default concurrency. Prints messages/s after
    the first second, the most messages the stand-in saw in any one second, and its 429 count.
(b) Urgent latency: a digest for --supervisors supervisors (text and chart photo each, low
    priority: 2,000 messages for 1,000) is queued in one transaction, as services.digest does;
    while it drains, an urgent notification is written every few seconds, alternately to a resident
    outside the broadcast and to a supervisor whose digest is still waiting. Prints each latency from
    the start of its write to the stand-in storing it, and the whole broadcast's rate and 429s.

Nothing is asserted: the target lines say PASS or MISS.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import machine
from telegram import Bot
from telegram.request import HTTPXRequest

from app.sender import IN_FLIGHT, Sender
from domain.outgoing import LOW, URGENT, Outgoing, media_ref
from domain.pace import TELEGRAM
from standin import BotApiStandIn
from standin import flood as telegram_rules
from storage import outbox
from storage.db import Database, sqlite_url
from tests.conftest import NOW

TOKEN = "424242:OUTBOX-BENCH"
SUPERVISOR0, RESIDENT0, BACKLOG0 = 7_100_000, 7_500_000, 7_900_000
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40  # a 10 kB stand-in for the digest chart
RATE_TARGET, LATENCY_TARGET = 30.0, 1.0


class RoundTrip(HTTPXRequest):
    """PTB's HTTP client with Telegram's distance: half the round trip out, half back."""

    def __init__(self, rtt: float) -> None:
        super().__init__(connection_pool_size=64)
        self.rtt = rtt

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        await asyncio.sleep(self.rtt / 2)
        try:
            return await super().do_request(*args, **kwargs)
        finally:
            await asyncio.sleep(self.rtt / 2)


async def fresh_db(url: str | None, workdir: Path, name: str) -> Database:
    db = Database(url or sqlite_url(str(workdir / f"{name}.db")))
    await db.migrate()
    if url:  # a server database is reused between runs: start from an empty outbox
        from sqlalchemy import delete

        from storage.schema import media
        from storage.schema import outbox as table
        async with db.write() as conn:
            await conn.execute(delete(table))
            await conn.execute(delete(media))
    return db


async def sustained(args: argparse.Namespace, workdir: Path, in_flight: int) -> dict[str, float]:
    """(a) One run: how fast the backlog drains, and whether Telegram ever had to say 429."""
    db = await fresh_db(args.database_url, workdir, f"rate{in_flight}")
    chats = list(range(BACKLOG0, BACKLOG0 + int(RATE_TARGET * args.seconds * 1.5)))
    async with BotApiStandIn(token=TOKEN) as api:
        for uid in chats:
            await api.user(uid, f"u{uid}")
        rules = api.enforce_limits(telegram_rules.TELEGRAM)
        assert rules is not None
        async with db.write() as conn:
            await outbox.put_all(conn, [Outgoing(c, "日报", purpose="digest", priority=LOW) for c in chats], NOW)
        async with Bot(TOKEN, base_url=api.base_url, request=RoundTrip(args.rtt)) as bot:
            sender = Sender(db, bot, lambda: NOW, TELEGRAM, in_flight=in_flight)
            sender.start()
            await asyncio.sleep(args.seconds)
            await sender.stop()
        admitted = rules.admitted
        first = admitted[0] if admitted else 0.0
        steady = [t for t in admitted if t >= first + 1.0]
        span = (steady[-1] - steady[0]) if len(steady) > 1 else 0.0
        out = {"sent": len(admitted), "rate": (len(steady) - 1) / span if span else 0.0,
               "peak": rules.peak(1.0), "429": api.too_many_requests}
    await db.dispose()
    return out


async def broadcast(args: argparse.Namespace, workdir: Path) -> None:
    """(b) Urgent notifications while a supervisors' digest saturates the outbox."""
    db = await fresh_db(args.database_url, workdir, "broadcast")
    supervisors = list(range(SUPERVISOR0, SUPERVISOR0 + args.supervisors))
    residents = list(range(RESIDENT0, RESIDENT0 + 20))
    async with BotApiStandIn(token=TOKEN) as api:
        for uid in supervisors + residents:
            await api.user(uid, f"u{uid}")
        rules = api.enforce_limits(telegram_rules.TELEGRAM)
        assert rules is not None
        async with Bot(TOKEN, base_url=api.base_url, request=RoundTrip(args.rtt)) as bot:
            sender = Sender(db, bot, lambda: NOW, TELEGRAM)
            sender.start()
            began = time.monotonic()
            async with db.write() as conn:  # as services.digest.deliver: text, then the chart, per reader
                mid = await outbox.add_media(conn, PNG, NOW)
                digest = []
                for uid in supervisors:
                    digest += [Outgoing(uid, "📊 昨日汇总 …", purpose="digest", priority=LOW),
                               Outgoing(uid, "📈 趋势", op="photo", photo=media_ref(mid), purpose="digest",
                                        priority=LOW)]
                await outbox.put(conn, digest, NOW)
            sender.kick()
            total = len(digest)
            print(f"  queued {total:,} digest messages for {len(supervisors):,} supervisors in "
                  f"{time.monotonic() - began:.2f} s")
            latencies: list[tuple[str, float, int]] = []
            probes = max(2, min(8, int(total / RATE_TARGET / 6) - 1))
            for k in range(probes):
                await asyncio.sleep(5.0)
                to_supervisor = k % 2 == 1
                chat = supervisors[-1 - k] if to_supervisor else residents[k]
                text = f"🚨 紧急 #{k}: 燃气泄漏，请立即处理"
                start = time.monotonic()
                async with db.write() as conn:
                    await outbox.put(conn, [Outgoing(chat, text, purpose="card", priority=URGENT)], NOW)
                sender.kick()  # what every service does after writing (Env.wake_sender)
                await api.wait_for_message(chat, lambda m, text=text: m.body == text, timeout=60, after=0)
                waited = time.monotonic() - start
                ahead = sum(1 for m in api.messages() if m.from_bot) - 1
                latencies.append(("supervisor whose digest waits" if to_supervisor else "resident", waited, ahead))
            await sender.idle(timeout=600)
            done = time.monotonic() - began
            await sender.stop()
        delivered = sum(1 for m in api.messages() if m.body.startswith(("📊", "📈")) or m.photo)
        for who, waited, ahead in latencies:
            print(f"  urgent to a {who:30s} {waited * 1000:7.1f} ms   (digest messages already out: {ahead:,})")
        worst = max(w for _who, w, _a in latencies)
        print(f"  median {statistics.median(w for _who, w, _a in latencies) * 1000:.1f} ms, "
              f"max {worst * 1000:.1f} ms   target <= {LATENCY_TARGET:.0f} s: "
              f"{'PASS' if worst <= LATENCY_TARGET else 'MISS'}")
        supervisors_first = [uid for uid in supervisors[-probes:] if api.messages(uid)
                             and api.messages(uid)[0].body.startswith("🚨")]
        print(f"  supervisors whose urgent notice overtook their own digest: {len(supervisors_first)}")
        print(f"  broadcast: {delivered:,} of {total:,} delivered in {done:.1f} s = {delivered / done:.1f}/s "
              f"(with the urgent ones), most in any 1 s: {rules.peak(1.0)}, "
              f"429s from the stand-in: {api.too_many_requests}")
    await db.dispose()


async def main(args: argparse.Namespace) -> None:
    print(f"outbox bench — {machine()}")
    print(f"database: {args.database_url or 'SQLite file'}; simulated Telegram round trip: {args.rtt * 1000:.0f} ms; "
          f"sender limits: {TELEGRAM.overall.per_second:.0f}/s (burst {TELEGRAM.overall.burst:.0f}), "
          f"private {TELEGRAM.private.per_second:.0f}/s (burst {TELEGRAM.private.burst:.0f}), "
          f"group {TELEGRAM.group.per_second * 60:.0f}/min (burst {TELEGRAM.group.burst:.0f}); "
          f"stand-in enforces 30/s (burst 30), 1/s (burst 3), 20/min (burst 5)")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print(f"\n(a) sustained rate, {args.seconds:.0f} s of a backlog to distinct chats")
        for in_flight in (1, IN_FLIGHT):
            r = await sustained(args, workdir, in_flight)
            verdict = "PASS" if r["rate"] >= RATE_TARGET * 0.95 and r["429"] == 0 else "MISS"
            if in_flight == 1:
                verdict += " (one at a time: the round trip, not Telegram, is the limit)"
            print(f"  {in_flight:2d} in flight: {r['rate']:5.1f} messages/s after the first second "
                  f"({r['sent']:.0f} sent), most in any 1 s: {r['peak']:.0f}, 429s: {r['429']:.0f}   "
                  f"target ~{RATE_TARGET:.0f}/s with zero 429s: {verdict}")
        print(f"\n(b) urgent notifications during a {args.supervisors:,}-supervisor digest broadcast")
        await broadcast(args, workdir)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--supervisors", type=int, default=1000)
    parser.add_argument("--rtt", type=float, default=0.1, help="simulated round trip to Telegram, seconds")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each sustained-rate run")
    parser.add_argument("--database-url", default=None,
                        help="a throwaway database (its outbox is emptied first); default: a temporary SQLite file")
    asyncio.run(main(parser.parse_args()))
