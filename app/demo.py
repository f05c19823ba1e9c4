"""`make demo`: the whole loop, offline, told as a transcript a street office can read.

张大姐 reports clutter in 惠泽小区12号楼; the building lead and 小李 are notified; 小李
claims and resolves it; 张大姐 rates it; 李大爷 smells gas and gets 119/燃气抢修 at once;
the branch secretary asks for /digest.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from app.offline import SHANGHAI, Offline, SteppingClock, offline_bot
from app.seeds import SEEDS_DIR
from domain.tickets import Rating, Status, Tier
from services import digest, sweep
from storage import tickets as repo

ZHANG, LI_DAYE = 1001, 1002
XIAO_LI, WANG_AYI, LIU_SHUJI = 7000000101, 7000000201, 7000000011


class Transcript:
    """Prints what happened since the last call: people's messages, bot messages, edits."""

    def __init__(self, off: Offline) -> None:
        self.off, self.seen = off, 0

    def chapter(self, title: str) -> None:
        print(f"\n━━ {title} ━━")

    def act(self, who: int, what: str) -> None:
        print(f"👆 {self.off.names.get(who, who)} {what}")

    def flush(self) -> None:
        world = self.off.api.world
        events = []
        for r in world.records:
            if r.seq > self.seen:
                events.append((r.seq, r, False))
            if r.from_bot and r.edited_seq > self.seen:
                events.append((r.edited_seq, r, True))
        edits: dict[str, list[str]] = {}
        for _, r, edited in sorted(events, key=lambda e: e[0]):
            chat = self.off.names.get(r.chat_id, str(r.chat_id))
            if edited:  # a card rewritten: say whose, and its new last line
                edits.setdefault(r.body.splitlines()[-1], []).append(chat)
                continue
            if not r.from_bot:
                sender = r.data.get("from", {}).get("first_name", "?")
                print(f"💬 {sender}: {r.body or '[照片]' if r.photo else r.body}")
                continue
            head = "🤖 →"
            body = ("🖼️ [图片] " if r.photo else "") + r.body.replace("\n", "\n      ")
            print(f"{head} {chat}:\n      {body}")
            if r.buttons:
                print("      " + " ".join(f"[{b['text']}]" for b in r.buttons))
        for line, chats in edits.items():
            print(f"🤖 ✏️ 改写了 {'、'.join(dict.fromkeys(chats))} 的卡片：{line}")
        self.seen = world.seq


async def deadlines(off: Offline, say: Transcript, clock: SteppingClock) -> bool:
    """Chapter 7: a short policy (claim within 2 minutes) lets a ticket climb, then the digest goes out."""
    say.chapter("七、限时办结：没人领取就逐级上报（演示用短时限：2分钟内领取）")
    await off.say(ZHANG, "惠泽小区5号楼门口的路灯坏了好几天 晚上黑乎乎的")
    say.flush()
    n = int(off.find(ZHANG, "编号 #").body.split("#")[1].split()[0])
    for _ in range(3):
        async with off.env.db.read() as conn:
            tk = await repo.get(conn, n)
        assert tk is not None and tk.claim_due is not None
        for when in (tk.check_at, tk.claim_due):  # the warning, then the missed deadline
            assert when is not None
            clock.jump(max(timedelta(0), when - clock()) + timedelta(seconds=1))
            print(f"⏱ 时间来到 {clock().astimezone(SHANGHAI):%H:%M:%S}，巡检一次")
            await sweep.run(off.env, clock())
            await off.settle()
            say.flush()
    async with off.env.db.read() as conn:
        tk = await repo.get(conn, n)
    say.chapter("八、每日简报（每天 8:30 自动发给网格员、社区党组织和街道；这里立即发一次）")
    sent = await digest.broadcast(off.env, clock())
    await off.settle()
    print(f"（共发给 {sent} 位负责人，这里只看刘书记收到的）")
    for r in off.api.messages(LIU_SHUJI)[-2:]:
        body = ("🖼️ [图片] " if r.photo else "") + r.body.replace("\n", "\n      ")
        print(f"🤖 → 刘书记:\n      {body}")
    return tk is not None and tk.tier == Tier.COMMITTEE and bool(off.api.messages(LIU_SHUJI)[-1].photo)


async def story(off: Offline, clock: SteppingClock) -> int:
    say = Transcript(off)
    await off.person(ZHANG, "张大姐")
    await off.person(LI_DAYE, "李大爷")

    say.chapter("一、张大姐反映楼道堆物")
    await off.say(ZHANG, "/start")
    await off.say(ZHANG, "惠泽小区12号楼3单元楼道里堆满了纸箱子和旧家具，老人走路都费劲")
    say.flush()
    ack = off.find(ZHANG, "编号 #")
    ticket_id = int(ack.body.split("#")[1].split()[0])

    say.chapter("二、小李领取")
    card = off.find(XIAO_LI, f"#{ticket_id}")
    say.act(XIAO_LI, "按了「领取」")
    print(f"   （提示：{await off.press(XIAO_LI, card, '领取')}）")
    say.flush()

    say.chapter("三、小李办结")
    say.act(XIAO_LI, "按了「办结」")
    await off.press(XIAO_LI, off.api.message(XIAO_LI, card.message_id), "办结")
    await off.say(XIAO_LI, "已和3单元住户沟通，纸箱和旧家具都清走了，楼道畅通了")
    say.flush()

    say.chapter("四、张大姐评价")
    rate = off.find(ZHANG, "请您评价")
    say.act(ZHANG, "按了「满意」")
    await off.press(ZHANG, rate, "满意")
    say.flush()

    say.chapter("五、李大爷闻到煤气味")
    await off.say(LI_DAYE, "滨河第一城5号楼2单元楼道里一股煤气味 好像哪家漏气了")
    say.flush()

    say.chapter("六、刘书记看汇总")
    await off.say(LIU_SHUJI, "/digest")
    say.flush()

    climbed = await deadlines(off, say, clock)

    async with off.env.db.read() as conn:
        tk = await repo.get(conn, ticket_id)
    ok = climbed and tk is not None and tk.status == Status.CLOSED and tk.rating == Rating.SATISFIED
    gas_first = off.api.messages(LI_DAYE)[0].body
    ok = ok and "119" in gas_first and "燃气抢修" in gas_first
    print("\n✅ 闭环走通：上报 → 分派 → 领取 → 办结 → 评价" if ok else "\n❌ 故事没有走通")
    return 0 if ok else 1


async def play() -> int:
    logging.getLogger().setLevel(logging.ERROR)
    started = time.monotonic()
    os.environ["GRIDBOT_POLICY"] = str(SEEDS_DIR / "policy_demo.yaml")
    today = datetime.now(SHANGHAI).replace(hour=9, minute=30, second=0, microsecond=0)
    clock = SteppingClock(today)
    with tempfile.TemporaryDirectory(prefix="gridbot-demo-") as tmp:
        async with offline_bot(Path(tmp), clock) as off:
            code = await story(off, clock)
    print(f"（离线演示，用时 {time.monotonic() - started:.1f} 秒，无需令牌和网络）")
    sys.stdout.flush()
    return code
