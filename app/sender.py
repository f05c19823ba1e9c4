"""Delivers the outbox to Telegram: urgent first, within Telegram's limits, each message once.

Why it schedules instead of looping over the queue:

- Priority. Each chat's messages leave in the chat's own order (priority, then id: an urgent
  notice overtakes that person's pending digest, messages of one priority keep their order, an
  edit waits for its card). Across chats the most urgent message whose chat may take one *now*
  goes first. The queue is re-read on every kick (a service wrote something) and a few times a
  second anyway, so an urgent message written while a broadcast of thousands drains is sent
  with the next free token, not after the broadcast.
- Pace. Telegram allows about 30 messages a second overall, one a second in a private chat and
  20 a minute in a group (domain/pace.py). A 429 costs far more than waiting, so the sender
  paces itself below those limits, per chat and overall, and never learns them from refusals.
- Throughput. Over real Telegram a request takes ~100 ms or more, so one at a time caps a bot
  near 10 messages a second. Up to `in_flight` requests run at once, never two for one chat
  (their order would be the network's), so the overall rate is the limit, not the latency.

Failures: a 429 holds its chat for `retry_after` (and everything, when a second chat is refused
while the first is held: the bot as a whole is over); 5xx, network errors and timeouts are retried
with a growing pause per message and a short pause of the whole sender, up to
`RetryPolicy.max_attempts`; what Telegram refuses for good (blocked, chat not found, bad request)
is given up at once. Every give-up is told to the admins in one summary per
`ReportPolicy.every` (low priority, through the outbox like everything else).

Sent once: a message is marked sent in the database right after Telegram's reply, and the sender
remembers what it settled, so a re-read of the queue that began before that commit cannot send it
again. That leaves the window every bot has: the process dies between Telegram's reply and that
commit (or a request times out after Telegram acted on it). Telegram has no idempotency key, so
the sender closes it by asking: before a send or photo goes out, its row is marked (`probe_from`,
the highest message id then known in its chat) in a commit of its own; a marked row still pending
after a restart, or after a 5xx or a timeout, is in doubt, and before it is sent again `_probe`
looks at the chat's ids above the mark with an edit to exactly its own words, which Telegram
refuses as "not modified" only for that very message. A chat with a message in doubt sends nothing
else until it is settled (else a newer message could be marked below it). It leans on message ids
growing within a chat and on Telegram's wording of those refusals (both stable for years, neither
promised; the stand-in mirrors them): if a look fails in an unexpected way, the message is sent
again, so the worst case is the old at-least-once. A database error in the "sent" commit does not
reopen the window: the sender keeps the result and retries the commit, never the send. `stop`
waits for the requests in flight.

Not paced here: what does not go through the outbox, answers to button presses (not messages)
and handlers/errors.py's apology when the database is away (one per failed update).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from app.waiting import woken
from domain.delivery import Failure, ReportPolicy, RetryPolicy, summary
from domain.outgoing import LOW, MEDIA, REPLY, Outgoing
from domain.pace import TELEGRAM, Pace, SendLimits
from storage import outbox, people
from storage.db import Database

log = logging.getLogger(__name__)

IN_FLIGHT = 10  # requests at once: 30/s over ~300 ms round trips needs ~9
# More requests at once only for urgent messages and replies (an acknowledgement): with every slot taken
# by cards, they waited for one (bench/e2e.py, every message sent at once: the ack's wait to be sent).
REPLY_SLOTS = 3
PER_CHAT = 3  # each chat's next messages per full read
WINDOW = 1000  # rows per read: every chat's next ones, most urgent first
NEW_EVERY = 0.25  # look for rows written since the last look this often (kicks look at once)
FULL_EVERY = 1.0  # re-read every chat's next messages this often while there is work ...
IDLE_FULL_EVERY = 2.0  # ... and this often when there is none (quiet-hours messages coming due)
MIN_READ_GAP = 0.02  # a storm of kicks looks at most this often (~50 reads a second at most)
STOP_GRACE = 10.0  # seconds `stop` waits for requests in flight to be answered and recorded
PROBE_LIMIT = 30  # message ids looked at for a message in doubt before it is sent again


def markup(raw: str | None) -> InlineKeyboardMarkup | None:
    rows = outbox.buttons(raw)
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in r] for r in rows])


def retry_seconds(e: RetryAfter) -> float:
    """Telegram's retry_after in seconds: a timedelta with PTB_TIMEDELTA on (bot.py opts in), else int."""
    wait = e.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


@dataclass(frozen=True)
class Msg:
    """An outbox row as the sender schedules it (attempts counted here between re-reads)."""

    id: int
    chat_id: int
    op: str
    text: str
    markup: str | None
    photo: str | None
    ref_id: int | None
    priority: int
    attempts: int
    probe_from: int | None = None  # see storage/schema.py: where to look for it if in doubt

    @classmethod
    def of(cls, r: Any) -> Msg:
        return cls(r.id, r.chat_id, r.op, r.text, r.markup, r.photo, r.ref_id, r.priority, r.attempts, r.probe_from)

    @property
    def key(self) -> tuple[int, int]:
        return self.priority, self.id

    @property
    def media_id(self) -> int | None:
        """Our stored image this photo sends, if it is one (uploaded once, then sent by file id)."""
        return int(self.photo.removeprefix(MEDIA)) if self.op == "photo" and self.photo and self.photo.startswith(
            MEDIA) else None


@dataclass(frozen=True)
class _Done:
    """What a send came to, for `_record` to store."""

    message_id: int | None = None
    file_id: str | None = None  # the Telegram file id of a stored image just uploaded
    media_id: int | None = None
    at: datetime | None = None  # when Telegram's reply came (stored as sent_at)


class _Gone(Exception):
    """An edit whose card was never delivered: nothing to edit."""


class _NotYet(Exception):
    """An edit whose card is sent but not yet stored as sent: tried again, not counted as a failure."""


class Sender:
    def __init__(self, db: Database, bot: Bot, clock: Callable[[], datetime], limits: SendLimits = TELEGRAM, *,
                 retry: RetryPolicy | None = None, report: ReportPolicy | None = None,
                 in_flight: int = IN_FLIGHT, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.db, self.bot, self.clock = db, bot, clock
        self.retry, self.report = retry or RetryPolicy(), report or ReportPolicy()
        self.in_flight, self.monotonic = max(1, in_flight), monotonic
        self.pace = Pace(limits)
        self._queue: dict[int, list[Msg]] = {}  # chat -> its next messages, in its order
        self._refs: dict[int, Any] = {}  # the cards the queued edits wait for, as last read
        self._flying: dict[int, Msg] = {}  # chat -> its one message in flight, until its outcome is handled
        self._tasks: set[asyncio.Task[None]] = set()  # the sends running, for `stop` to wait for
        self._settled: dict[int, tuple[str, int]] = {}  # id -> (sent | failed, seq) settled here, not yet re-read
        self._seq = 0  # counts settlements, so a full read knows which of them it already saw
        self._full_seq = 0  # `_seq` when the last full read began
        self._seen_id: int | None = None  # rows up to this id were looked at: newer ones are new
        self._retry_at: dict[int, float] = {}  # id -> not before (monotonic), after a failed try
        self._file_ids: dict[int, str] = {}  # media id -> Telegram file id, once uploaded
        self._uploading: set[int] = set()  # media ids with an upload in flight: the rest wait for its file id
        self._unrecorded: dict[int, _Done] = {}  # sent, not yet stored: all stored together by the next pass
        self._marked: set[int] = set()  # rows this process marked as being sent (their probe_from is its own)
        self._in_doubt: dict[int, int] = {}  # row -> chat, for rows Telegram may already have: asked about first
        self._chat_top: dict[int, int] = {}  # chat -> the highest message id known there (0: none)
        self._in_a_row = 0  # failures of probes after the last pause
        self._paused_at = -math.inf
        self._flood: tuple[int, float] | None = None  # the last 429: (chat, held until)
        self._full_at = self._new_at = -math.inf
        self._report_at: float | None = None
        self._kicked = True
        self._want_full = True
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # --- lifecycle ------------------------------------------------------------------------

    def kick(self) -> None:
        """Something was written to the outbox: re-read it now (an urgent row overtakes the queue)."""
        self._kicked = True
        self._wake.set()

    def start(self) -> None:
        """Begin sending (again: after `stop`, e.g. when this process leads again, everything is read
        afresh, since another process may have sent what was queued here before)."""
        if self._task is not None and not self._task.done():
            return
        self._queue, self._refs, self._retry_at = {}, {}, {}
        self._marked, self._in_doubt = set(), {}  # a send this process began before `stop` may have gone
        self._seen_id, self._want_full, self._kicked = None, True, True
        self._report_at = self.monotonic() + self.report.delay  # give-ups from before a restart, too
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        """Stop choosing; let requests in flight finish and be recorded (a cancelled request may
        have reached Telegram, and an unrecorded send would go out again after a restart)."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._tasks:
            _done, late = await asyncio.wait(set(self._tasks), timeout=STOP_GRACE)
            for task in late:
                task.cancel()
        with contextlib.suppress(Exception):
            await self._record_unrecorded()

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until nothing due can be sent and nothing is in flight (for the demo and tests)."""
        self._idle.clear()
        self._want_full = True
        self.kick()
        await asyncio.wait_for(self._idle.wait(), timeout)

    # --- the loop -------------------------------------------------------------------------

    async def _run(self) -> None:
        backoff = 0.0
        while True:
            try:
                wait = await self._step()
                backoff = 0.0
            except Exception:  # a database hiccup must not kill delivery for good
                log.exception("outbox pass failed")
                backoff = min(30.0, backoff * 2 or 0.5)
                wait = backoff
            await woken(self._wake, wait)

    async def _step(self) -> float:
        """One pass: read if due, launch what may go now; returns how long to sleep unless woken.

        Two reads: a full one (every chat's next messages, urgent first) once a second or when the
        queue ran dry, and a cheap look at rows written since the last look on every kick and four
        times a second (rows another process wrote). Only the cheap one stands between an urgent
        message and the next free token.
        """
        self._wake.clear()  # a kick or a finished send from here on wakes the sleep that follows
        now = self.monotonic()
        if self._unrecorded:
            await self._record_unrecorded()
        work = bool(self._queue or self._flying)
        if self._want_full or now >= self._full_at + (FULL_EVERY if work else IDLE_FULL_EVERY):
            self._want_full = self._kicked = False
            await self._read_full()
            now = self.monotonic()
        elif (self._kicked and now >= self._new_at + MIN_READ_GAP) or now >= self._new_at + NEW_EVERY:
            self._kicked = False
            await self._read_new()
            now = self.monotonic()
        if self._report_at is not None and now >= self._report_at:
            self._report_at = None
            await self._report_if_due()
            now = self.monotonic()
        wake_at = math.inf
        chosen: list[tuple[Msg, bool]] = []
        while len(self._flying) < self.in_flight + REPLY_SLOTS:
            msg, when = self._choose(now)
            if msg is None:
                wake_at = when
                break
            if len(self._flying) >= self.in_flight and msg.priority > REPLY:  # the last slots: not for cards
                break
            chosen.append(self._take(msg, now))
        if chosen:
            await self._launch(chosen, now)
        if not (self._flying or self._kicked or self._want_full or self._unrecorded) and wake_at == math.inf:
            if self._seq > self._full_seq:
                self._want_full = True  # settled since the last full read: each chat's next ones are unread
            else:
                self._idle.set()
        if self._want_full:
            return 0.0
        work = bool(self._queue or self._flying)
        next_full = self._full_at + (FULL_EVERY if work else IDLE_FULL_EVERY)
        next_new = self._new_at + (MIN_READ_GAP if self._kicked else NEW_EVERY)
        return min(wake_at, next_full, next_new, self._report_at or math.inf) - now

    def _admissible(self, row_id: int, flying: set[int]) -> bool:
        """Not sent, given up or in flight here (a read may predate the commit that settled it)."""
        return row_id not in self._settled and row_id not in flying and row_id not in self._unrecorded

    async def _read_full(self) -> None:
        """Every chat's next due messages, minus what this process already settled or has in flight."""
        start = self._full_seq = self._seq
        now = self.clock()
        async with self.db.read() as conn:
            seen = await outbox.last_id(conn) if self._seen_id is None else self._seen_id
            rows = await outbox.heads(conn, now, PER_CHAT, WINDOW)
            heads = {r.id for r in rows}
            rows += [r for r in await outbox.in_doubt(conn, WINDOW) if r.id not in heads]
            refs = await outbox.refs(conn, [r.ref_id for r in rows if r.op == "edit" and r.ref_id is not None])
        self._full_at = self._new_at = self.monotonic()
        self._seen_id = max(seen, self._seen_id or 0)
        self._settled = {k: v for k, v in self._settled.items() if v[1] > start}  # older ones: the read saw them
        flying = {m.id for m in self._flying.values()}
        self._queue, self._refs = {}, refs
        self._merge(rows, refs, now, flying)
        keep = {m.id for q in self._queue.values() for m in q} | flying
        self._retry_at = {k: v for k, v in self._retry_at.items() if k in keep}

    async def _read_new(self) -> None:
        """Rows written since the last look, merged into the queue in their chats' order."""
        now = self.clock()
        async with self.db.read() as conn:
            rows, top = await outbox.newer(conn, now, self._seen_id or 0, WINDOW)
            refs = await outbox.refs(conn, [r.ref_id for r in rows if r.op == "edit" and r.ref_id is not None
                                            and r.ref_id not in self._refs])
        self._new_at = self.monotonic()
        self._seen_id = top
        self._refs.update(refs)
        self._merge(rows, refs, now, {m.id for m in self._flying.values()})

    def _merge(self, rows: list[Any], refs: dict[int, Any], now: datetime, flying: set[int]) -> None:
        """Into each chat's queue in its order. A card an edit waits for joins too, even when it is
        further back than PER_CHAT (an urgent edit of a low-priority card): else the edit would wait
        for a card that is never read."""
        read = {r.id for r in rows}
        cards = [c for c in refs.values() if c.id not in read and c.status == "pending"
                 and (c.not_before is None or c.not_before <= now)]
        for r in [*rows, *cards]:
            msgs = self._queue.setdefault(r.chat_id, [])
            # a chat's queue is short (its next few): looking there is cheaper than indexing them all
            if all(m.id != r.id for m in msgs) and self._admissible(r.id, flying):
                bisect.insort(msgs, Msg.of(r), key=lambda m: m.key)
                if r.probe_from is not None and r.id not in self._marked:
                    self._in_doubt[r.id] = r.chat_id  # another process (or this one before a restart) began it
            elif not msgs:
                del self._queue[r.chat_id]

    def _ref_state(self, msg: Msg) -> str:
        """For an edit: 'ready' once its card is sent, 'wait' while it is pending, 'gone' if it never will be."""
        ref = msg.ref_id
        if ref is None:
            return "gone"
        if ref in self._settled:
            return "ready" if self._settled[ref][0] == "sent" else "gone"
        if ref in self._unrecorded:
            return "ready"
        if any(m.id == ref for m in self._flying.values()):
            return "wait"
        known = self._refs.get(ref)
        if known is None or known.status == "failed":
            return "gone"
        return "ready" if known.status == "sent" else "wait"

    def _choose(self, now: float) -> tuple[Msg | None, float]:
        """The most urgent message that may start now, else None and when one may (inf: none waits on time).

        Per chat: its first message, except that an edit still waiting for its card lets the chat's
        next messages by (the card among them). A message waiting out a retry pause holds its chat.
        """
        overall = self.pace.overall_ready_at(now)
        if overall > now:  # no token for anyone: not worth looking through every chat's queue
            return None, overall
        best: Msg | None = None
        wake_at = math.inf
        doubtful = self._doubtful_chats()
        for chat, msgs in self._queue.items():
            if chat in self._flying:
                continue
            head = None
            if chat in doubtful:  # nothing else goes to this chat before Telegram is asked about it
                msgs = [m for m in msgs if m.id == doubtful[chat]]
            for m in msgs:
                if m.op == "edit":
                    state = self._ref_state(m)
                    if state == "wait":
                        continue
                    if state == "gone":  # settled without a request, so no token either
                        return m, wake_at
                head = m
                break
            if head is None:
                continue
            media = head.media_id
            if media is not None and media not in self._file_ids and media in self._uploading:
                continue  # its image is being uploaded: woken when that send ends
            at = max(self._retry_at.get(head.id, now), self.pace.chat_ready_at(chat, now))
            if at > now:
                wake_at = min(wake_at, at)
            elif best is None or head.key < best.key:
                best = head
        return best, wake_at

    def _doubtful_chats(self) -> dict[int, int]:
        """Chat -> its oldest row in doubt. A message sent to that chat first would be marked with a
        message id below the doubtful one's (unknown) id, and asking about it later could then meet the
        doubtful one, a message of ours with other words; so each chat's doubt is settled first."""
        out: dict[int, int] = {}
        for row, chat in self._in_doubt.items():
            if row < out.get(chat, row + 1):
                out[chat] = row
        return out

    def _take(self, msg: Msg, now: float) -> tuple[Msg, bool]:
        """From its chat's queue into flight (its token taken); returns it and whether it is an edit of a
        card that will never exist."""
        chat = msg.chat_id
        self._queue[chat].remove(msg)
        if not self._queue[chat]:
            del self._queue[chat]
        gone = msg.op == "edit" and self._ref_state(msg) == "gone"
        if not gone:
            self.pace.take(chat, now)
        media = msg.media_id
        if media is not None and media not in self._file_ids:
            self._uploading.add(media)
        self._flying[chat] = msg
        return msg, gone

    async def _launch(self, chosen: list[tuple[Msg, bool]], now: float) -> None:
        """Mark the new sends and photos as being sent (one commit for all), then start every request.

        The mark holds the highest message id known in the chat: if this process dies before
        Telegram's reply is stored, the next sender asks Telegram about the ids above it (`_probe`)
        instead of sending again. Nothing is requested before its mark is committed.
        """
        fresh = [m for m, gone in chosen if m.op != "edit" and m.id not in self._in_doubt]
        if fresh:
            try:
                unknown = list({m.chat_id for m in fresh} - self._chat_top.keys())
                async with self.db.write() as conn:
                    if unknown:
                        tops = await outbox.last_message_ids(conn, unknown)
                        self._chat_top.update({chat: tops.get(chat, 0) for chat in unknown})
                    marks = [(m.id, self._chat_top[m.chat_id]) for m in fresh]
                    await outbox.trying(conn, marks)
            except Exception:
                for m, _gone in chosen:  # not one request went out: all wait in their places
                    self._release(m)
                    self._requeue(m)
                raise
            self._marked.update(m.id for m in fresh)
            known = dict(marks)
            chosen = [(replace(m, probe_from=known[m.id]) if m.id in known else m, gone) for m, gone in chosen]
        for msg, gone in chosen:
            self._flying[msg.chat_id] = msg
            task = asyncio.create_task(self._deliver(msg, now, gone), name=f"outbox-{msg.id}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _release(self, msg: Msg) -> None:
        """Its outcome is handled (settled, or back in the queue): the chat may take its next message.

        Done in the same step as the requeue or the settlement, with no await between, so a read
        finishing at any moment sees the message either in flight, queued or settled, never lost.
        """
        if self._flying.get(msg.chat_id) is msg:
            del self._flying[msg.chat_id]
        self._wake.set()

    def _requeue(self, msg: Msg) -> None:
        """Back in its chat's place (it keeps the chat's order: nothing of that chat overtakes it)."""
        msgs = self._queue.setdefault(msg.chat_id, [])
        if all(m.id != msg.id for m in msgs):
            bisect.insort(msgs, msg, key=lambda m: m.key)

    # --- one send -------------------------------------------------------------------------

    async def _deliver(self, msg: Msg, launched: float, gone: bool) -> None:
        try:
            await self._attempt(msg, launched, gone)
        except Exception:  # storing the outcome failed: the row is still pending, so it waits in its place
            log.exception("outbox row %s: could not store the outcome", msg.id)
            self._retry_at[msg.id] = self.monotonic() + self.retry.backoff(1)
            self._requeue(msg)
        finally:
            media = msg.media_id
            if media is not None:
                self._uploading.discard(media)
            self._release(msg)

    async def _attempt(self, msg: Msg, launched: float, gone: bool) -> None:
        try:
            if gone:
                raise _Gone()
            done = await self._call(msg)
        except _NotYet:
            self._retry_at[msg.id] = self.monotonic() + 0.1
            self._requeue(msg)
        except _Gone:
            await self._give_up(msg, "the message to edit was never delivered")
        except RetryAfter as e:
            self._flooded(msg, retry_seconds(e))
        except ChatMigrated as e:
            await self._give_up(msg, f"the group became a supergroup: {e.new_chat_id}")
        except BadRequest as e:
            if "not modified" in e.message:
                await self._record(msg, _Done())
            else:
                await self._give_up(msg, e.message)
        except Forbidden as e:
            await self._give_up(msg, e.message)
        except TelegramError as e:  # 5xx, network errors, timeouts: may pass
            await self._unwell(msg, str(e) or type(e).__name__, launched)
        except Exception as e:  # a bug must cost attempts too, never loop forever
            log.exception("outbox row %s", msg.id)
            await self._unwell(msg, repr(e), launched)
        else:
            self._in_a_row = 0
            await self._record(msg, done)

    async def _call(self, msg: Msg) -> _Done:
        if msg.id in self._in_doubt:
            found = await self._probe(msg)
            if found is not None:
                return _Done(found)
            self._in_doubt.pop(msg.id, None)  # Telegram has not got it: sent now (its mark still holds)
            await self._paced(msg.chat_id)
        kb = markup(msg.markup)
        if msg.op == "edit":
            async with self.db.read() as conn:
                ref = await outbox.row(conn, msg.ref_id) if msg.ref_id is not None else None
            if ref is not None and ref.status == "pending":
                card = self._unrecorded.get(ref.id)  # sent here, stored with the next pass
                if card is None or card.message_id is None:
                    raise _NotYet()  # sent by another process, its commit not seen yet: the edit waits a little
                message_id = card.message_id
            elif ref is None or ref.status != "sent":
                raise _Gone()
            else:
                message_id = ref.message_id
            await self.bot.edit_message_text(msg.text, chat_id=ref.chat_id, message_id=message_id,
                                             reply_markup=kb)
            return _Done(message_id)
        if msg.op == "photo" and msg.photo:
            sent = await self.bot.send_photo(msg.chat_id, await self._photo(msg), caption=msg.text[:1024],
                                             reply_markup=kb)
            media = msg.media_id
            if media is not None and media not in self._file_ids and sent.photo:
                self._file_ids[media] = sent.photo[-1].file_id
                return _Done(sent.message_id, sent.photo[-1].file_id, media)
            return _Done(sent.message_id)
        sent = await self.bot.send_message(msg.chat_id, msg.text, reply_markup=kb)
        return _Done(sent.message_id)

    async def _probe(self, msg: Msg) -> int | None:
        """Did Telegram get this message before we could store its reply? Its id, if so, else None.

        Telegram has no idempotency key, but a chat's message ids only grow, and editing a message to
        exactly what it says is refused as "not modified". So the ids above the highest one known in
        the chat when the send began are tried in turn with the message's own text and buttons:
        "not modified" is this message (delivered); "not found" means no message has that id yet
        (so none above: not delivered); a resident's own message "can't be edited" (next id). Only
        this message can be a bot message there: a chat has one send in flight, and each is marked
        before it starts. Past PROBE_LIMIT ids (a long conversation meanwhile), it is sent again.
        """
        start = msg.probe_from
        if start is None or msg.op not in ("send", "photo"):
            return None
        kb = markup(msg.markup)
        for message_id in range(start + 1, start + 1 + PROBE_LIMIT):
            if message_id > start + 1:
                await self._paced(msg.chat_id)  # the send's own token pays for the first look
            try:
                if msg.op == "photo":
                    await self.bot.edit_message_caption(chat_id=msg.chat_id, message_id=message_id,
                                                        caption=msg.text[:1024], reply_markup=kb)
                else:
                    await self.bot.edit_message_text(msg.text, chat_id=msg.chat_id, message_id=message_id,
                                                     reply_markup=kb)
            except BadRequest as e:
                said = e.message.lower()
                if "not modified" in said:
                    log.info("outbox row %s was delivered before the crash: message %s", msg.id, message_id)
                    return message_id
                if "can't be edited" in said or "no text" in said or "no caption" in said:
                    continue  # someone else's message, or one of another kind
                return None  # not found (nothing from there on), or anything else: send it
            else:  # a message of ours nobody recorded now says this one's words: it stands for it
                log.warning("outbox row %s: message %s in chat %s was ours but unrecorded; it now reads as this one",
                            msg.id, message_id, msg.chat_id)
                return message_id
        return None

    async def _paced(self, chat: int) -> None:
        """Wait for a token of the chat and of the whole bot, and take it."""
        while True:
            now = self.monotonic()
            at = self.pace.ready_at(chat, now)
            if at <= now:
                self.pace.take(chat, now)
                return
            await asyncio.sleep(at - now)

    async def _photo(self, msg: Msg) -> str | bytes:
        """A Telegram file id as is; our stored image by its file id once uploaded, else its bytes."""
        media = msg.media_id
        if media is None:
            return msg.photo or ""
        if media in self._file_ids:
            return self._file_ids[media]
        async with self.db.read() as conn:
            item = await outbox.get_media(conn, media)
        if item is None:
            raise BadRequest("the image to send is gone")
        if item.file_id:
            self._file_ids[media] = item.file_id
        return item.file_id or bytes(item.data)

    # --- outcomes -------------------------------------------------------------------------

    def _settle(self, row_id: int, status: str) -> None:
        self._marked.discard(row_id)
        self._in_doubt.pop(row_id, None)
        self._seq += 1
        self._settled[row_id] = (status, self._seq)
        self._retry_at.pop(row_id, None)

    async def _record(self, msg: Msg, done: _Done) -> None:
        """Sent: remembered at once, stored by the next pass together with every other send that
        finished meanwhile (`_record_unrecorded`: one commit for many, not one each). Until then the
        row is neither chosen again nor forgotten by a read; a crash before the commit leaves it marked
        (`probe_from`), so the next sender finds it delivered instead of sending it again."""
        if done.message_id is not None and msg.op != "edit":
            self._chat_top[msg.chat_id] = max(self._chat_top.get(msg.chat_id, 0), done.message_id)
        self._unrecorded[msg.id] = replace(done, at=self.clock())
        self._in_doubt.pop(msg.id, None)
        self._retry_at.pop(msg.id, None)

    async def _record_unrecorded(self) -> None:
        """Store every send that finished since the last pass, in one commit. Settled only after it: a
        read that began before the commit must not make us forget a row it still saw pending."""
        batch = dict(self._unrecorded)
        if not batch:
            return
        now = self.clock()
        async with self.db.write() as conn:
            for done in batch.values():
                if done.file_id and done.media_id is not None:
                    await outbox.uploaded(conn, done.media_id, done.file_id)
            await outbox.sent_many(conn, [(row_id, done.message_id, done.at or now) for row_id, done in batch.items()])
        for row_id in batch:
            del self._unrecorded[row_id]
            self._settle(row_id, "sent")

    async def _give_up(self, msg: Msg, error: str) -> None:
        """Failed for good: marked, never tried again, and the admins hear of it in the next summary."""
        log.warning("outbox row %s to %s given up: %s", msg.id, msg.chat_id, error)
        async with self.db.write() as conn:
            await outbox.given_up(conn, msg.id, error, self.clock())
        self._settle(msg.id, "failed")
        if self._report_at is None:
            self._report_at = self.monotonic() + self.report.delay

    def _flooded(self, msg: Msg, wait: float) -> None:
        """A 429: this chat waits `retry_after`; a second chat refused meanwhile means the bot as a
        whole is over the limit, so everything waits. Not an attempt: it is pacing, not failure."""
        now = self.monotonic()
        until = now + wait
        log.warning("outbox row %s to %s: Telegram asks to wait %.1f s", msg.id, msg.chat_id, wait)
        if self._flood is not None and self._flood[0] != msg.chat_id and self._flood[1] > now:
            self.pace.hold_all(until, now)
        self.pace.hold(msg.chat_id, until, now)
        self._flood = (msg.chat_id, until)
        self._requeue(msg)

    async def _unwell(self, msg: Msg, error: str, launched: float) -> None:
        """A failure that may pass: this message waits longer each time, up to its last attempt; the
        first failure after a pause pauses every send again, for longer (an outage is probed, not hammered)."""
        now = self.monotonic()
        if launched >= self._paused_at:
            self._in_a_row += 1
            self._paused_at = now
            self.pace.hold_all(now + self.retry.pause(self._in_a_row), now)
        if msg.op != "edit" and msg.probe_from is not None:
            self._in_doubt[msg.id] = msg.chat_id  # a timeout or a 5xx may come after Telegram acted: ask first
        attempts = msg.attempts + 1
        if self.retry.gives_up(attempts):
            await self._give_up(msg, f"{error} (after {attempts} attempts)")
            return
        log.info("outbox row %s to %s failed (%s), attempt %d", msg.id, msg.chat_id, error, attempts)
        async with self.db.write() as conn:
            await outbox.failed(conn, msg.id, error, final=False)
        self._retry_at[msg.id] = now + self.retry.backoff(attempts)
        self._requeue(replace(msg, attempts=attempts))

    # --- telling the admins ---------------------------------------------------------------

    async def _report_if_due(self) -> None:
        wait = await self.report_failures()
        if wait > 0:
            self._report_at = self.monotonic() + wait

    async def report_failures(self) -> float:
        """Queue one summary of the give-ups since the last one for every admin, unless the last
        was under `ReportPolicy.every` ago. Returns 0, or the seconds until a summary may go."""
        now = self.clock()
        async with self.db.write() as conn:
            last = await outbox.last_report(conn)
            if last is not None and (now - last).total_seconds() < self.report.every:
                return self.report.every - (now - last).total_seconds()
            rows = await outbox.failures_since(conn, last, now)
            if not rows:
                return 0.0
            failures = [Failure(r.chat_id, r.name, r.purpose, r.error or "") for r in rows]
            admins = [a for a in await people.holders(conn, [("admin", "admin")]) if a.tg_id is not None]
            if not admins:
                log.warning("%d messages given up and no admin to tell", len(failures))
                return 0.0
            await outbox.put(conn, [Outgoing(a.tg_id, summary(failures, a.lang), purpose=outbox.FAILURES,
                                             priority=LOW) for a in admins if a.tg_id is not None], now)
        self.kick()
        return 0.0
