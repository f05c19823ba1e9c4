"""`make demo`: the whole loop, offline, told as a transcript a street office can read.

张大姐 reports clutter in 惠泽小区12号楼; the building lead and 小李 are notified; 小李
claims and resolves it; 张大姐 rates it; 李大爷 smells gas and gets 119/燃气抢修 at once;
the branch secretary asks for /digest.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

from app.offline import Offline, offline_bot
from domain.tickets import Rating, Status
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
        for _, r, edited in sorted(events, key=lambda e: e[0]):
            chat = self.off.names.get(r.chat_id, str(r.chat_id))
            if not r.from_bot:
                sender = r.data.get("from", {}).get("first_name", "?")
                print(f"💬 {sender}: {r.body or '[照片]' if r.photo else r.body}")
                continue
            head = "🤖 ✏️ 改写给" if edited else "🤖 →"
            body = ("🖼️ [图片] " if r.photo else "") + r.body.replace("\n", "\n      ")
            print(f"{head} {chat}:\n      {body}")
            if r.buttons:
                print("      " + " ".join(f"[{b['text']}]" for b in r.buttons))
        self.seen = world.seq


async def story(off: Offline) -> int:
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

    async with off.env.db.read() as conn:
        tk = await repo.get(conn, ticket_id)
    ok = tk is not None and tk.status == Status.CLOSED and tk.rating == Rating.SATISFIED
    gas_first = off.api.messages(LI_DAYE)[0].body
    ok = ok and "119" in gas_first and "燃气抢修" in gas_first
    print("\n✅ 闭环走通：上报 → 分派 → 领取 → 办结 → 评价" if ok else "\n❌ 故事没有走通")
    return 0 if ok else 1


async def play() -> int:
    logging.getLogger().setLevel(logging.ERROR)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gridbot-demo-") as tmp:
        async with offline_bot(Path(tmp)) as off:
            code = await story(off)
    print(f"（离线演示，用时 {time.monotonic() - started:.1f} 秒，无需令牌和网络）")
    sys.stdout.flush()
    return code
