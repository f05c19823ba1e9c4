"""Shared, seeded generator of realistic tickets for the storage benchmarks (SQLite now, PostgreSQL later).

Rows are what the app itself would store: places routed by `domain.routing.route` over the demo
district, residents' own words from seeds/intake_examples.txt, clocks (claim, first contact, resolve)
from the real policy (seeds/policy.yaml) on the real working calendar, and `warned_at`/`check_at`
replayed through `domain.sla.check_at` and `Policy.next_step` (`World.settle`), so whatever the domain
decides, the rows follow. Deadlines for a million tickets come from `FastClock`, an exact bisect over
the calendar's working segments, checked against `Policy.deadlines` on every load.
The same seed gives the same rows.

    env = await bench_env(path, now)                  # real schema, roster and policy through open_env
    world = await World.load(env, seed=7, now=now)     # staff ids, 20,000 residents, texts, clock spans
    rows = world.open_tickets(100_000, now)            # the sweep bench: a backlog, all open, ~0.5% due
    rows = world.history(1_000_000, now, days=730)     # the digest bench: two years, ~2% still open
    stats = await insert_tickets(env.db, chunked(rows, 50_000))   # one transaction; Core on PostgreSQL
"""

from __future__ import annotations

import os
import platform
import random
import sqlite3
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy  # noqa: E402
from sqlalchemy import event, insert, select  # noqa: E402

from app.wiring import open_env  # noqa: E402
from domain import sla  # noqa: E402
from domain.calendar import WorkingCalendar  # noqa: E402
from domain.org import Place  # noqa: E402
from domain.routing import route  # noqa: E402
from domain.sla import Policy  # noqa: E402
from domain.tickets import Rating, Status, Ticket, Tier  # noqa: E402
from services.env import Env  # noqa: E402
from storage.db import Database, sqlite_url  # noqa: E402
from storage.schema import roles, tickets, users  # noqa: E402

Row = dict[str, Any]  # a tickets row; times are whole UTC seconds (int) until `stored` makes them datetimes
# The time columns the generator fills (those the schema has); the rest keep their defaults.
TIMES = tuple(c for c in ("created_at", "updated_at", "claimed_at", "resolved_at", "closed_at", "rated_at",
                          "claim_due", "response_due", "resolve_due", "contact_due", "contacted_at",
                          "warned_at", "check_at") if c in tickets.c)

# Share of reports per category: a northern residential district, all seasons together.
CATEGORY_WEIGHTS: dict[str, float] = {
    "sanitation": 12, "noise": 10, "water": 10, "property": 9, "parking": 8, "heating": 6,
    "lighting": 6, "public_facility": 6, "elevator": 5, "road": 5, "dispute": 5, "public_service": 5,
    "fire_safety": 4, "power_gas": 4, "help": 4, "other": 4, "animals": 3,
}
# Chance that a report in this category is urgent (紧急); the rest are never urgent.
URGENT_SHARE: dict[str, float] = {"fire_safety": 0.12, "power_gas": 0.10, "water": 0.03, "elevator": 0.04}
# Reports per local hour of the day (morning and evening peaks, quiet nights).
HOUR_WEIGHTS = (1, 0.5, 0.3, 0.3, 0.4, 0.8, 2, 4, 7, 9, 9, 8, 6, 6, 7, 7, 7, 6, 6, 7, 7, 6, 4, 2)
WEEKDAY_WEIGHTS = (1.3, 1.1, 1.05, 1.0, 1.0, 0.7, 0.6)  # Monday brings the weekend's problems
RESIDENT_TG = 8_000_000_000


def chunked(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """Lists of at most `size` rows, in order."""
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ts(at: datetime) -> int:
    """Whole UTC seconds since the epoch (all generated times are whole seconds)."""
    return int(at.timestamp())


def dt(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


class FastClock:
    """`WorkingCalendar.add` for whole seconds, by bisecting precomputed working segments.

    Same answers as the calendar (checked by `World.check_clock`), about ten times faster
    (0.9 µs against 9 µs an addition), so a million tickets get their real deadlines in seconds.
    """

    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.cum_start: list[int] = []
        self.cum_end: list[int] = []
        total, day = 0, first
        while day <= last:
            if calendar.is_workday(day):
                for open_, close in calendar.spec.hours:
                    a = ts(datetime.combine(day, open_, calendar.tz))
                    b = ts(datetime.combine(day, close, calendar.tz))
                    self.starts.append(a)
                    self.ends.append(b)
                    self.cum_start.append(total)
                    total += b - a
                    self.cum_end.append(total)
            day += timedelta(days=1)

    def position(self, at: int) -> int:
        """Working seconds from the first segment's start to `at`."""
        i = bisect_right(self.starts, at) - 1
        if i < 0 or at > self.ends[-1]:
            raise ValueError("time outside the FastClock's range: widen first/last")
        return self.cum_end[i] if at >= self.ends[i] else self.cum_start[i] + at - self.starts[i]

    def add(self, at: int, seconds: int) -> int:
        """`at` plus `seconds` of working time (minus when negative), as the calendar counts it."""
        if seconds == 0:
            return at
        w = self.position(at) + seconds
        j = bisect_left(self.cum_end, w) if seconds > 0 else bisect_right(self.cum_start, w) - 1
        if j < 0 or j >= len(self.starts):
            raise ValueError("time outside the FastClock's range: widen first/last")
        return self.starts[j] + w - self.cum_start[j]


Span = tuple[int, bool]  # a clock's length in whole seconds, and whether it counts working time only


@dataclass
class World:
    """Everything the generator draws from: the district, the roster's ids, residents, texts, clocks."""

    env: Env
    rng: random.Random
    staff: dict[tuple[str, str], list[int]]
    residents: list[int]
    texts: dict[str, list[str]]
    clock: FastClock
    places: list[tuple[str, int]] = field(default_factory=list)  # (community, building), one per building
    spans: dict[tuple[str, bool], dict[str, Span]] = field(default_factory=dict)  # (category, urgent) → clocks

    @classmethod
    async def load(cls, env: Env, seed: int = 7, residents: int = 20_000, years: float = 3.0,
                   now: datetime | None = None) -> World:
        """Read the roster's ids, add `residents` resident users (once per database), build the clocks."""
        assert env.policy is not None and env.calendar is not None
        now = now or datetime.now(UTC)
        async with env.db.write() as conn:
            staff: dict[tuple[str, str], list[int]] = {}
            for role, scope, user_id in await conn.execute(
                    select(roles.c.role, roles.c.scope, roles.c.user_id).order_by(roles.c.id)):
                staff.setdefault((role, scope), []).append(user_id)
            known = select(users.c.id).where(users.c.tg_id >= RESIDENT_TG).order_by(users.c.id)
            ids = list((await conn.execute(known)).scalars())
            if len(ids) < residents:
                homes = [(c.name, b) for c in env.district.communities.values() for b in range(1, c.buildings + 1)]
                rng = random.Random(seed)
                rows = []
                for i in range(len(ids), residents):
                    com, b = rng.choice(homes)
                    rows.append({"tg_id": RESIDENT_TG + i, "name": f"居民{i}", "lang": "en" if i % 20 == 0 else "zh",
                                 "phone": None, "home_community": com, "home_building": b,
                                 "home_unit": rng.randint(1, 4),
                                 "home_room": f"{rng.randint(1, 18)}0{rng.randint(1, 4)}",
                                 "created_at": now - timedelta(days=800)})
                await conn.execute(insert(users), rows)
                ids = list((await conn.execute(known)).scalars())
        first = (now - timedelta(days=365 * years + 60)).date()
        last = (now + timedelta(days=365 * 2)).date()
        world = cls(env, random.Random(seed), staff, ids[:residents], load_texts(),
                    FastClock(env.calendar, first, last))
        world.places = [(c.name, b) for c in env.district.communities.values() for b in range(1, c.buildings + 1)]
        for code, cat in env.categories.items():
            for urgent in (False, True):
                world.spans[(code, urgent)] = world._spans(env.policy, code, cat.triage, urgent)
        world.check_clock(now)
        return world

    def _spans(self, policy: Policy, code: str, triage: str, urgent: bool) -> dict[str, Span]:
        assert self.env.calendar is not None
        clock = sla.clock_for(urgent, self.env.calendar)
        out = {}
        for name in CLOCKS:
            d = policy.duration(name, code, triage, urgent)
            if d is not None:
                span, on_clock = d.span(clock)
                out[name] = (int(span.total_seconds()), on_clock and not urgent)
        return out

    def check_clock(self, now: datetime, samples: int = 2000) -> None:
        """Deadlines by FastClock must equal `Policy.deadlines` on the real calendar, to the second."""
        assert self.env.policy is not None and self.env.calendar is not None
        rng = random.Random(1)
        for _ in range(samples):
            start = ts(now) - rng.randrange(0, 86400 * 700)
            code = rng.choice(list(self.env.categories))
            urgent = rng.random() < 0.2
            real = self.env.policy.deadlines(dt(start), code, self.env.triage_of(code), urgent,  # type: ignore[arg-type]
                                             self.env.calendar)
            for column, due in self.deadlines(start, code, urgent).items():
                theirs = getattr(real, column, None)
                if due != (None if theirs is None else ts(theirs)):
                    raise AssertionError(f"FastClock disagrees with the calendar at {dt(start)} {code} {column}: "
                                         f"{dt(due)} vs {theirs}")

    def add(self, at: int, span: Span, share: float = 1.0) -> int:
        """`at` plus `share` of a clock's span, on working time or on the wall as the clock counts."""
        seconds, working = span
        return self.clock.add(at, int(seconds * share)) if working else at + int(seconds * share)

    def deadlines(self, start: int, code: str, urgent: bool) -> dict[str, int | None]:
        """Each clock's deadline column from `start`, as `Policy.deadlines` gives them (None: no such clock)."""
        spans = self.spans[(code, urgent)]
        return {column: self.add(start, spans[name]) if name in spans else None for name, column in _DUE}

    def restart(self, row: Row, start: int) -> Row:
        """Fresh clocks from `start`, as `domain.sla.restart` (response_due keeps the first claim deadline)."""
        row.update(self.deadlines(start, row["category"], row["urgent"]))
        row["warned_at"] = None
        row["response_due"] = row["response_due"] or row["claim_due"]
        return row

    # -- the parts every ticket has ------------------------------------------------------------

    def _category(self) -> tuple[str, bool]:
        code = self.rng.choices(_CATS, cum_weights=_CAT_CUM)[0]
        return code, self.rng.random() < URGENT_SHARE.get(code, 0.0)

    def _place(self, code: str) -> Place:
        """Mostly a building with unit and room; outdoor things often only the community; a few nothing."""
        r = self.rng.random()
        if r < 0.01:
            return Place()
        com, b = self.rng.choice(self.places)
        cat = self.env.categories[code]
        if r < 0.05 or (cat.outdoor and r < 0.35):
            return Place(com)
        if cat.outdoor or r < 0.4:
            return Place(com, b)
        return Place(com, b, self.rng.randint(1, 4), f"{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}")

    def _holder(self, tier: int, row: Row) -> int:
        """Someone who would really hold a ticket at this tier and place."""
        keys = {
            Tier.BUILDING_LEAD: [("building_lead", f"building:{row['community']}:{row['building']}"),
                                 ("grid_worker", f"grid:{row['grid']}")],
            Tier.GRID: [("grid_worker", f"grid:{row['grid']}")],
            Tier.BRANCH: [("branch", f"branch:{row['branch']}")],
            Tier.COMMITTEE: [],
        }[Tier(tier)]
        for key in [*keys, ("committee", "committee")]:
            if ids := self.staff.get(key):
                return self.rng.choice(ids)
        raise LookupError("the roster has no committee member")

    def _base(self, code: str, urgent: bool, place: Place) -> Row:
        r = route(self.env.district, place, self.env.triage_of(code), urgent)
        return {
            "resident_id": self.rng.choice(self.residents), "text": self.rng.choice(self.texts.get(code, _OTHER)),
            "category": code, "triage": self.env.triage_of(code), "urgent": urgent, "hazard": None,
            "community": place.community, "building": place.building, "unit": place.unit, "room": place.room,
            "status": Status.ASSIGNED.value, "tier": int(r.tier), "grid": r.grid, "branch": r.branch,
            "holder_id": None, "rating": None,
            "affected": 1 if self.rng.random() < 0.97 else self.rng.randint(2, 6),
            "photo_file_id": None, "resolution_photo": None, "latitude": None, "longitude": None,
            **dict.fromkeys(TIMES),
        }

    def ticket(self, row: Row) -> Ticket:
        """The domain Ticket a generated row stands for (times as aware datetimes)."""
        values: dict[str, Any] = {k: v for k, v in row.items() if k in _TICKET_FIELDS}
        values.update({k: dt(row[k]) for k in TIMES if k in _TICKET_FIELDS})
        return Ticket(**{**values, "id": None, "status": Status(row["status"]), "tier": Tier(row["tier"]),
                         "rating": Rating(row["rating"]) if row["rating"] else None,
                         "place": Place(row["community"], row["building"], row["unit"], row["room"])})

    def settle(self, row: Row, handled_until: int) -> Row:
        """Warnings the 30-s sweep sent up to `handled_until`, then `check_at`, all by the domain's own rules.

        Each moment `sla.check_at` names up to then that `Policy.next_step` answers with a warning gets
        `warned_at` (within 45 s, the sweep's pace); a deadline stops the replay, as escalations are the
        generator's own steps. What is left at or before `handled_until` is due for the next sweep.
        """
        policy, calendar = self.env.policy, self.env.calendar
        assert policy is not None and calendar is not None
        tk = self.ticket(row)
        for _ in range(len(CLOCKS)):
            at = sla.check_at(policy, tk, calendar)
            if at is None or ts(at) > handled_until or policy.next_step(tk, at, calendar).action is not sla.Action.WARN:
                break
            warned = min(handled_until, ts(at) + self.rng.randint(0, 45))
            row["warned_at"] = warned
            row["updated_at"] = max(row["updated_at"], warned)
            tk = self.ticket(row)
        at = sla.check_at(policy, tk, calendar)
        row["check_at"] = None if at is None else ts(at)
        return row

    # -- the sweep bench: a backlog of open tickets ---------------------------------------------

    def open_tickets(self, n: int, now: datetime, due_share: float = 0.005,
                     stuck_share: float = 0.03) -> list[Row]:
        """`n` open tickets as they stand at `now`, oldest first.

        Unclaimed tickets run the claim clock, held ones the resolve clock (and first contact until it
        is made), started some way back (`_progress`), so `check_at` is spread over the future and
        a steady trickle comes due every 30 s of working time. About `due_share` are due now: 70%
        reached their warning time in the last ten minutes (the sweep will warn), 30% missed a
        deadline after their warning (it escalates), as after a short outage of the bot.
        `stuck_share` sit at the committee past every deadline: `check_at` is NULL, as the app leaves it.
        """
        now_s = ts(now)
        n_due = round(n * due_share)
        n_stuck = round(n * stuck_share)
        n_warn = n_due * 7 // 10
        kinds = (["due_warn"] * n_warn + ["due_escalate"] * (n_due - n_warn) + ["stuck"] * n_stuck
                 + ["ahead"] * (n - n_due - n_stuck))
        self.rng.shuffle(kinds)
        rows = [self._open_one(kind, now_s) for kind in kinds]
        rows.sort(key=lambda r: r["created_at"])
        return rows

    def _progress(self) -> float:
        """How far through its clock an open ticket is (0..1), fewer the further on.

        Work finishes along the way: ~86% of tickets are done before their deadline, spread evenly,
        so the tickets still open at progress p are in proportion to 1 - 0.86 p (inverse CDF below).
        """
        return min(0.999, (1 - (1 - 0.9804 * self.rng.random()) ** 0.5) / 0.86)

    def _open_one(self, kind: str, now_s: int) -> Row:
        rng = self.rng
        code, urgent = self._category()
        row = self._base(code, urgent, self._place(code))
        spans = self.spans[(code, urgent)]
        escalations = 0 if rng.random() < 0.8 else 1 if rng.random() < 0.75 else 2
        tier = min(row["tier"] + escalations, Tier.COMMITTEE)
        if kind == "stuck":
            tier = Tier.COMMITTEE
        elif kind == "due_escalate" and tier == Tier.COMMITTEE:
            tier = Tier.BRANCH  # something above must exist to escalate to
        held = rng.random() < 0.95  # the unclaimed are the last hours' intake
        status = Status.REOPENED if held and rng.random() < 0.03 else Status.CLAIMED if held else Status.ASSIGNED
        running = spans["resolve" if held else "claim"]
        # how far through its running clock the ticket is now (the warning comes at 75%)
        part = {"ahead": self._progress(), "due_warn": 0.75 + rng.random() * 600 / running[0],
                "due_escalate": 1 + rng.random() * 600 / running[0], "stuck": 1.5 + rng.random() * 10}[kind]
        start = self.add(now_s, running, -part)
        created = start
        for _ in range(max(escalations, int(kind == "stuck"))):
            created = self.add(created, spans["claim"], -1 - rng.random() * 3)
        row.update(status=status.value, tier=int(tier), created_at=created, updated_at=start,
                   response_due=self.add(created, spans["claim"]))
        self.restart(row, start)
        if held:
            claimed = self.add(start, spans["claim"], min(1.0, part * running[0] / spans["claim"][0]) * rng.random())
            row.update(holder_id=self._holder(tier, row), claimed_at=claimed, updated_at=claimed)
            if "contact" in spans and "contacted_at" in row:  # the call comes early in the contact clock
                contacted = self.add(claimed, spans["contact"], rng.uniform(0.05, 0.6))
                if kind != "ahead":  # the due ones are about the resolve clock: the call was made
                    contacted = max(claimed, min(contacted, now_s - 600))
                row["contacted_at"] = contacted if contacted <= now_s else None
        # the sweep has done its part so far; the due ones came due in the last ten minutes
        return self.settle(row, now_s - 601 if kind == "due_warn" else now_s)

    # -- the digest bench: two years of history -------------------------------------------------

    def history(self, n: int, now: datetime, days: int = 730, stuck_share: float = 0.05) -> Iterator[Row]:
        """`n` tickets filed over the last `days` days, oldest first, each as it stands at `now`.

        Volume grows over the period, peaks on Mondays and in the morning and evening. Most tickets
        are claimed in time, the resident called, resolved, rated (or closed unrated after three
        days); a missed claim or resolve deadline moves a ticket up a tier with fresh clocks, as the
        sweep does; `stuck_share` take weeks to months, so they climb to the committee and a tail
        stays open and overdue there.
        """
        now_s = ts(now)
        for c in self._arrivals(n, now, days):
            yield self._lived(c, now_s, stuck_share)

    def _arrivals(self, n: int, now: datetime, days: int) -> list[int]:
        tz = self.env.tz
        today = now.astimezone(tz).date()
        day_list = [today - timedelta(days=k) for k in range(days - 1, -1, -1)]
        weights = [(0.7 + 0.6 * i / days) * WEEKDAY_WEIGHTS[d.weekday()] for i, d in enumerate(day_list)]
        midnights = [ts(datetime.combine(d, datetime.min.time(), tz)) for d in day_list]
        picks = self.rng.choices(range(days), weights, k=n)
        hours = self.rng.choices(range(24), HOUR_WEIGHTS, k=n)
        now_s = ts(now)
        out = []
        for d, h in zip(picks, hours, strict=True):
            at = midnights[d] + h * 3600 + self.rng.randrange(3600)
            while at >= now_s:  # later today has not happened yet: draw again
                at = midnights[self.rng.choices(range(days), weights)[0]] + \
                    self.rng.choices(range(24), HOUR_WEIGHTS)[0] * 3600 + self.rng.randrange(3600)
            out.append(at)
        out.sort()
        return out

    def _lived(self, c: int, now_s: int, stuck_share: float) -> Row:
        """One ticket's whole life from its report, then cut at `now`: what the row says at that moment."""
        rng = self.rng
        code, urgent = self._category()
        row = self._base(code, urgent, self._place(code))
        spans = self.spans[(code, urgent)]
        tier = row["tier"]
        clocks = self.deadlines(c, code, urgent)
        row.update(created_at=c, response_due=clocks["claim_due"])
        steps: list[tuple[int, str, dict[str, int | None]]] = [(c, "file", clocks)]  # (when, what, clocks then)

        def due(name: str) -> int:
            at = clocks[f"{name}_due"]
            assert at is not None, f"the policy has no {name} clock"
            return at

        def escalate(at: int) -> None:
            nonlocal tier, clocks
            tier = min(tier + 1, Tier.COMMITTEE)
            clocks = self.deadlines(at, code, urgent)
            steps.append((at, "escalate", clocks))

        def claim(at: int) -> int:
            """Claimed in time at this tier, or escalated at the claim deadline and claimed above."""
            if tier < Tier.COMMITTEE and rng.random() < 0.1:
                missed = due("claim")
                escalate(missed)
                at = self.add(missed, spans["claim"], rng.uniform(0.05, 0.9))
            else:
                at = self.add(at, spans["claim"], rng.uniform(0.02, 1.0))
            steps.append((at, "claim", clocks))
            if "contact" in spans:
                steps.append((self.add(at, spans["contact"], rng.uniform(0.05, 1.2)), "contact", clocks))
            return at

        def resolve(at: int, lateness: float) -> int:
            """Done after `lateness` resolve spans of work; each missed deadline on the way moves it up."""
            done = self.add(at, spans["resolve"], lateness)
            while done > due("resolve") and tier < Tier.COMMITTEE:
                missed = due("resolve")
                escalate(missed)
                done = max(done, claim(missed) + 60)
            steps.append((done, "resolve", clocks))
            return done

        r = rng.random()
        if r < 0.045:  # withdrawn, merged into an earlier report, or rejected, within a day or two
            steps.append((c + rng.randrange(600, 2 * 86400),
                          "withdrawn" if r < 0.02 else "merged" if r < 0.035 else "rejected", clocks))
        else:
            claimed = claim(c)
            lateness = (rng.uniform(1.5, 40) if rng.random() < stuck_share
                        else rng.uniform(0.03, 0.85) if rng.random() < 0.86 else rng.uniform(1.05, 2.5))
            resolved = resolve(claimed, lateness)
            if rng.random() < 0.68:
                rated = resolved + rng.randrange(600, 2 * 86400)
                rating = rng.choices(_RATINGS, (78, 16, 6))[0]
                if rating == "unsatisfied":  # reopened with fresh clocks, done again, closed unrated
                    clocks = self.deadlines(rated, code, urgent)
                    steps.append((rated, "rate_unsatisfied", clocks))
                    again = resolve(rated, rng.uniform(0.1, 0.9))
                    steps.append((again + 3 * 86400, "close", clocks))
                else:
                    steps.append((rated, f"rate_{rating}", clocks))
            else:
                steps.append((resolved + 3 * 86400, "close", clocks))
        steps.sort(key=lambda step: step[0])
        return self._replay(row, now_s, steps)

    def _replay(self, row: Row, now_s: int, steps: list[tuple[int, str, dict[str, int | None]]]) -> Row:
        """Apply the steps that happened by `now`, the way the state machine would have."""
        status, tier, held = Status.ASSIGNED, row["tier"], False
        clocks = steps[0][2]
        for at, what, clocks_then in steps:
            if at > now_s:
                break
            row["updated_at"], clocks = at, clocks_then
            if what == "escalate":
                tier, status, held = min(tier + 1, Tier.COMMITTEE), Status.ASSIGNED, False
            elif what == "claim":
                status, held = Status.CLAIMED, True
                row["claimed_at"] = row["claimed_at"] or at  # the first claim counts for 响应率
            elif what == "contact":
                if "contacted_at" in row and row["contacted_at"] is None:
                    row["contacted_at"] = at
            elif what == "resolve":
                status, row["resolved_at"] = Status.RESOLVED, at
            elif what == "rate_unsatisfied":
                status, row["resolved_at"] = Status.REOPENED, None
                row.update(rating="unsatisfied", rated_at=at)
            elif what.startswith("rate_"):
                status = Status.CLOSED
                row.update(rating=what[5:], rated_at=at, closed_at=at)
            elif what == "close":
                status, row["closed_at"] = Status.CLOSED, at
            elif what != "file":
                status, row["closed_at"] = Status(what), at
        row.update(clocks)
        row.update(status=status.value, tier=int(tier), holder_id=self._holder(tier, row) if held else None)
        if status in (Status.ASSIGNED, Status.CLAIMED, Status.REOPENED):
            self.settle(row, now_s)
        return row


CLOCKS = ("claim", "contact", "resolve")
_DUE = [(name, f"{name}_due") for name in CLOCKS if f"{name}_due" in TIMES]
_TICKET_FIELDS = frozenset(f.name for f in fields(Ticket))
_RATINGS = ("satisfied", "mostly", "unsatisfied")
_OTHER = ["小区里有个问题想反映一下 麻烦网格员看看"]
_CATS = list(CATEGORY_WEIGHTS)
_CAT_CUM = list(accumulate(CATEGORY_WEIGHTS.values()))


def load_texts() -> dict[str, list[str]]:
    """Residents' own words per category, from seeds/intake_examples.txt (`category|text` lines)."""
    out: dict[str, list[str]] = {}
    for line in (ROOT / "seeds" / "intake_examples.txt").read_text(encoding="utf-8").splitlines():
        code, sep, text = line.partition("|")
        if sep and not line.startswith("#"):
            out.setdefault(code.strip(), []).append(text.strip())
    return out


async def bench_env(path: Path, now: datetime) -> Env:
    """The real Env (schema, roster, policy, calendar, parser) on a SQLite file, as the bot opens it."""
    return await open_env(sqlite_url(str(path)), lambda: now)


def stored(row: Row) -> Row:
    """The row as `insert(tickets)` takes it: times as aware UTC datetimes."""
    return {**row, **{k: dt(row[k]) for k in TIMES}}


class SqliteTimes:
    """Whole seconds as the text SQLAlchemy stores for `UTCDateTime` on SQLite ('2026-11-24 02:00:00.000000')."""

    def __init__(self) -> None:
        self.days: dict[int, str] = {}

    def __call__(self, seconds: int | None) -> str | None:
        if seconds is None:
            return None
        day, rest = divmod(seconds, 86400)
        prefix = self.days.get(day)
        if prefix is None:
            prefix = self.days[day] = datetime.fromtimestamp(day * 86400, UTC).strftime("%Y-%m-%d")
        hour, rest = divmod(rest, 3600)
        return f"{prefix} {hour:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"


def _check_times(fmt: SqliteTimes, dialect: Any) -> None:
    """SqliteTimes must write what the column type's own bind processor writes."""
    real = tickets.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    assert real is not None
    for sample in (0, 1_700_000_000, 1_795_000_123, 1_800_000_000 + 86399):
        if real(dt(sample)) != fmt(sample):
            raise AssertionError(f"SqliteTimes {fmt(sample)!r} != SQLAlchemy {real(dt(sample))!r}")


def _compiled(chunks: Iterable[list[Row]], dialect: Any) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Each chunk as (the compiled INSERT, its rows as tuples of stored values)."""
    sql, convert, fmt = "", [], SqliteTimes()
    for chunk in chunks:
        if not sql:  # the columns the rows carry; later columns keep their defaults
            stmt = insert(tickets).compile(dialect=dialect,
                                           column_keys=[c.name for c in tickets.columns if c.name in chunk[0]])
            sql = str(stmt)
            convert = [(k, fmt if k in TIMES else tickets.c[k].type.dialect_impl(dialect).bind_processor(dialect))
                       for k in stmt.positiontup or ()]
            _check_times(fmt, dialect)
        yield sql, [tuple(f(r[k]) if f and r[k] is not None else r[k] for k, f in convert) for r in chunk]


@dataclass(frozen=True)
class Inserted:
    rows: int
    seconds: float  # everything: generating, converting, writing, committing
    writing: float  # inside executemany and the commit
    path: str  # "core": insert(tickets) with SQLAlchemy's per-value processing; "compiled": see insert_tickets

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        return (f"{self.rows:,} rows in {self.seconds:.1f} s = {self.per_second:,.0f} rows/s overall; "
                f"of that {self.writing:.1f} s inside executemany + commit "
                f"({self.rows / max(self.writing, 1e-9):,.0f} rows/s written; {self.path} path)")


async def _pragma(conn: Any, setting: str) -> None:
    """A SQLite PRAGMA outside any transaction, straight to the driver: the app's connections say BEGIN
    first thing (storage.db), and SQLite refuses to change `synchronous` inside a transaction."""
    raw = await conn.get_raw_connection()
    await raw.driver_connection.execute(f"PRAGMA {setting}")


async def insert_tickets(db: Database, chunks: Iterable[list[Row]], *, compiled: bool | None = None,
                         progress: bool = False) -> Inserted:
    """Bulk insert of generated rows in one transaction, executemany per chunk.

    `compiled` (the default on SQLite): `insert(tickets)` is compiled once by SQLAlchemy and each
    chunk goes to the driver's executemany with the values already in stored form; times are
    formatted by `SqliteTimes`, checked first against the column type's own bind processor, so the
    file holds exactly what Core would write, about twice as fast. Otherwise (and on PostgreSQL)
    `conn.execute(insert(tickets), rows)`, the plain Core executemany.
    On SQLite the generator's connection alone skips fsync and gets a 1 GB page cache while it
    writes (every index of the tickets table is updated per row); both go back to the app's settings afterwards.
    Generating the rows is inside the measured time when `chunks` is a generator.
    """
    compiled = db.is_sqlite if compiled is None else compiled
    if compiled and not db.is_sqlite:
        raise ValueError("the compiled path formats times for SQLite only")
    start = time.perf_counter()
    n, writing = 0, 0.0
    async with db.engine.connect() as conn:  # nothing else writes while a bench generates
        if db.is_sqlite:  # before the first INSERT opens the transaction
            await _pragma(conn, "synchronous=OFF")
            await _pragma(conn, "cache_size=-1000000")
        batches = _compiled(chunks, conn.dialect) if compiled else ((None, [stored(r) for r in c]) for c in chunks)
        for sql, values in batches:
            began = time.perf_counter()
            if sql is not None:
                await conn.exec_driver_sql(sql, values)  # type: ignore[arg-type]
            else:
                await conn.execute(insert(tickets), values)
            writing += time.perf_counter() - began
            n += len(values)
            if progress:
                print(f"  … {n:,} rows, {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
        began = time.perf_counter()
        await conn.commit()
        writing += time.perf_counter() - began
        if db.is_sqlite:
            await _pragma(conn, "cache_size=-2000")
            await _pragma(conn, "synchronous=NORMAL")
    return Inserted(n, time.perf_counter() - start, writing, "compiled" if compiled else "core")


# -- what the benches print about the database -----------------------------------------------------

@dataclass
class Captured:
    """SQL statements the app ran (text and driver parameters), each under the label current at the time."""

    label: str = ""
    statements: list[tuple[str, str, Any]] = field(default_factory=list)


@contextmanager
def capture(db: Database) -> Iterator[Captured]:
    """Record every statement sent through the app's engine while the block runs."""
    seen = Captured()

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.statements.append((seen.label, statement, parameters))

    event.listen(db.work_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.work_engine, "before_cursor_execute", record)


async def query_plan(db: Database, statement: str, parameters: Any) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN for a captured statement, one line per step."""
    async with db.engine.connect() as conn:
        rows = await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        return [str(r[-1]) for r in rows]


def machine() -> str:
    """One line about where the figures come from."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    return (f"{os.cpu_count()} cores {model or platform.processor() or platform.machine()}{mem}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
