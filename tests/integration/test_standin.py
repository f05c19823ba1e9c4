"""The Bot API stand-in, driven by PTB's real Bot and a real polling Application over HTTP."""

from __future__ import annotations

import asyncio
import base64
import datetime as dtm
import hashlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from standin import BotApiStandIn, ButtonNotFound, WaitTimeout
from standin import errors as tg

TOKEN = "123456:TEST-TOKEN"
ALICE, BOB, GROUP = 1001, 1002, -1001234567890
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0" + bytes(range(200))
KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton("认领 #42", callback_data="claim:42")],
     [InlineKeyboardButton("转派", callback_data="transfer:42")]]
)  # fmt: skip


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(token=TOKEN) as stand_in:
        await stand_in.user(ALICE, "张大姐", username="zhang")
        await stand_in.user(BOB, "Bob", language_code="en")
        await stand_in.group(GROUP, "惠泽小区网格群")
        yield stand_in


@pytest.fixture
async def bot(api: BotApiStandIn) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as b:
        yield b


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Replies with the text, so a test sees the round trip."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Shows the command arguments and a keyboard."""
    assert update.effective_message is not None
    args = " ".join(context.args or [])
    await update.effective_message.reply_text(f"start [{args}]", reply_markup=KEYBOARD)


async def photo_digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Downloads the user's photo, proving getFile and the file URL work."""
    message = update.effective_message
    assert message is not None
    data = await (await message.photo[-1].get_file()).download_as_bytearray()
    await message.reply_text(f"sha {hashlib.sha256(data).hexdigest()} {message.caption}")


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers the press and edits the message, or says it is gone."""
    query = update.callback_query
    assert query is not None and query.message is not None
    if not query.message.is_accessible:
        await query.answer("gone", show_alert=True)
        return
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"claimed by {query.from_user.first_name}")


@pytest.fixture
async def app(api: BotApiStandIn) -> AsyncIterator[Application]:
    application = ApplicationBuilder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.add_handler(MessageHandler(filters.PHOTO, photo_digest))
    application.add_handler(CallbackQueryHandler(pressed))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_a_user_text_comes_back_as_the_echo(app: Application, api: BotApiStandIn) -> None:
    await api.send_text(ALICE, "楼道里堆满了纸箱子")
    reply = await api.wait_for_message(ALICE)
    message = reply.to_ptb(app.bot)
    assert message.text == "echo: 楼道里堆满了纸箱子"
    assert message.from_user is not None and message.from_user.username == "gridbot_demo_bot"
    assert api.as_ptb(reply, app.bot).chat.id == ALICE


async def test_a_group_command_addressed_to_the_bot_reaches_its_handler(app: Application, api: BotApiStandIn) -> None:
    sent = await api.send_text(BOB, "/start@gridbot_demo_bot 12 号楼", chat_id=GROUP)
    reply = await api.wait_for_message(GROUP)
    assert reply.text == "start [12 号楼]"
    quoted = reply.to_ptb(app.bot).reply_to_message  # PTB quotes by default outside private chats
    assert quoted is not None and quoted.message_id == sent["message_id"]
    assert [b["text"] for b in reply.buttons] == ["认领 #42", "转派"]


async def test_a_button_press_is_answered_and_the_message_edited(app: Application, api: BotApiStandIn) -> None:
    await api.send_text(ALICE, "/start")
    menu = await api.wait_for_message(ALICE, lambda m: m.reply_markup is not None)
    query_id = await api.press_button(ALICE, menu, "认领")
    answer = await api.wait_for_answer(query_id)
    assert (answer.text, answer.show_alert) == ("got claim:42", False)
    edited = await api.wait_for_edit(ALICE, menu.message_id)
    assert edited.text == "claimed by 张大姐"
    assert edited.reply_markup is None  # editMessageText without a keyboard drops it
    assert edited.history[0]["text"] == "start []"
    with pytest.raises(ButtonNotFound, match="认领"):
        await api.press_button(ALICE, menu, "认领")


async def test_a_stale_press_on_a_deleted_message_arrives_inaccessible(app: Application, api: BotApiStandIn) -> None:
    sent = await app.bot.send_message(ALICE, "旧消息", reply_markup=KEYBOARD)
    await app.bot.delete_message(ALICE, sent.message_id)
    query_id = await api.press(ALICE, sent.message_id, ALICE, "claim:999")
    answer = await api.wait_for_answer(query_id)
    assert (answer.text, answer.show_alert) == ("gone", True)
    assert api.messages(ALICE)[-1].deleted


async def test_the_bot_downloads_a_photo_the_user_sent(app: Application, api: BotApiStandIn) -> None:
    sent = await api.send_photo(ALICE, PNG, caption="漏水")
    assert sent["photo"][-1]["width"] == 640 and sent["photo"][-1]["height"] == 480
    reply = await api.wait_for_message(ALICE, lambda m: m.body.startswith("sha"))
    assert reply.text == f"sha {hashlib.sha256(PNG).hexdigest()} 漏水"


async def test_an_uploaded_photo_downloads_as_the_same_bytes(bot: telegram.Bot) -> None:
    sent = await bot.send_photo(ALICE, PNG, caption="<b>现场</b>", parse_mode="HTML")
    assert sent.caption == "现场" and sent.caption_entities[0].type == "bold"
    again = await bot.send_photo(ALICE, sent.photo[-1].file_id)
    assert again.photo[-1].file_id == sent.photo[-1].file_id
    file = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == PNG


def _long_button() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])


async def _not_modified(bot: telegram.Bot) -> object:
    sent = await bot.send_message(ALICE, "same", reply_markup=KEYBOARD)
    return await bot.edit_message_text("same", ALICE, sent.message_id, reply_markup=KEYBOARD)


async def _blocked(bot: telegram.Bot) -> object:
    return await bot.send_message(BOB, "hi")


ERRORS: list[tuple[str, Callable[[telegram.Bot], Awaitable[object]], type, str]] = [
    ("empty", lambda b: b.send_message(ALICE, ""), BadRequest, tg.EMPTY_TEXT),
    ("too long", lambda b: b.send_message(ALICE, "长" * 4097), BadRequest, tg.TOO_LONG),
    ("data", lambda b: b.send_message(ALICE, "x", reply_markup=_long_button()), BadRequest,
     tg.BUTTON_DATA_INVALID),
    ("same", _not_modified, BadRequest, tg.NOT_MODIFIED),
    ("edit", lambda b: b.edit_message_text("x", ALICE, 999), BadRequest, tg.EDIT_NOT_FOUND),
    ("delete", lambda b: b.delete_message(ALICE, 999), BadRequest, tg.DELETE_NOT_FOUND),
    ("chat", lambda b: b.send_message(4242, "x"), BadRequest, tg.CHAT_NOT_FOUND),
    ("blocked", _blocked, Forbidden, tg.BLOCKED),
    ("file", lambda b: b.get_file("nope"), BadRequest, tg.WRONG_FILE),
    ("photo id", lambda b: b.send_photo(ALICE, "nope"), BadRequest, tg.WRONG_FILE),
    ("query", lambda b: b.answer_callback_query("123"), BadRequest, tg.QUERY_INVALID),
    ("reply", lambda b: b.send_message(ALICE, "x", reply_to_message_id=77), BadRequest,
     tg.REPLY_NOT_FOUND),
]  # fmt: skip


@pytest.mark.parametrize(("call", "kind", "description"), [e[1:] for e in ERRORS],
                         ids=[e[0] for e in ERRORS])  # fmt: skip
async def test_each_refusal_raises_ptbs_error_with_telegrams_words(
    bot: telegram.Bot,
    api: BotApiStandIn,
    call: Callable[[telegram.Bot], Awaitable[object]],
    kind: type,
    description: str,
) -> None:
    await api.block(BOB)
    with pytest.raises(kind) as caught:
        await call(bot)
    assert type(caught.value) is kind
    assert caught.value.message == kind(description).message  # PTB rewords "Bad Request: …"
    assert api.requests[-1].status == (403 if kind is Forbidden else 400)


async def test_a_wrong_token_and_an_unknown_method_are_refused(api: BotApiStandIn, bot: telegram.Bot) -> None:
    stranger = telegram.Bot("999:WRONG", base_url=api.base_url)
    with pytest.raises(InvalidToken, match="rejected"):
        async with stranger:  # shuts its HTTP client down when initialize fails
            pass
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy")
    assert api.stats["getMe"][401] == 1 and api.stats["sendTelepathy"][404] == 1


async def test_get_updates_confirms_below_the_offset(api: BotApiStandIn, bot: telegram.Bot) -> None:
    await api.send_text(ALICE, "一")
    await api.send_text(BOB, "two")
    first, second = await bot.get_updates()
    assert (first.message.text, second.message.text) == ("一", "two")
    assert [u.update_id for u in await bot.get_updates(offset=second.update_id)] == [second.update_id]
    assert await bot.get_updates(offset=second.update_id + 1, limit=5) == ()
    assert api.pending_updates == []


async def test_a_waiting_long_poll_returns_as_soon_as_an_update_arrives(api: BotApiStandIn, bot: telegram.Bot) -> None:
    loop = asyncio.get_running_loop()
    assert await bot.get_updates(timeout=dtm.timedelta(seconds=0.1)) == ()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_for_call("getUpdates", finished=False, since=len(api.requests))
    began = loop.time()
    await api.send_text(ALICE, "快来")
    (update,) = await asyncio.wait_for(poll, 2)
    assert update.message.text == "快来" and loop.time() - began < 1


async def test_injected_flood_limit_raises_retry_after(api: BotApiStandIn, bot: telegram.Bot) -> None:
    api.fail_next("sendMessage", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ALICE, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)  # PTB_TIMEDELTA is on, as in bot.py
    await bot.send_message(ALICE, "hi again")
    assert api.stats["sendMessage"][429] == 1 and api.stats["sendMessage"][200] == 1
    api.down(502)
    with pytest.raises(telegram.error.NetworkError, match="Bad Gateway"):
        await bot.get_me()
    api.up()
    assert (await bot.get_me()).username == "gridbot_demo_bot"


async def test_commands_are_kept_per_scope_and_language(api: BotApiStandIn, bot: telegram.Bot) -> None:
    mine = [telegram.BotCommand("report", "上报问题")]
    staff = [telegram.BotCommand("queue", "待办工单"), telegram.BotCommand("help", "帮助")]
    await bot.set_my_commands(mine, scope=telegram.BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(staff, scope=telegram.BotCommandScopeChat(ALICE), language_code="zh")
    assert api.commands("all_private_chats") == [{"command": "report", "description": "上报问题"}]
    assert [c["command"] for c in api.commands(telegram.BotCommandScopeChat(ALICE), "zh")] == [
        "queue",
        "help",
    ]
    assert api.commands() == []
    chat_scope = telegram.BotCommandScopeChat(ALICE)
    assert await bot.get_my_commands(scope=chat_scope, language_code="zh") == tuple(staff)
    with pytest.raises(BadRequest):
        await bot.set_my_commands([telegram.BotCommand("Bad-Name", "x")])


async def test_requests_are_logged_with_decoded_params(api: BotApiStandIn, bot: telegram.Bot) -> None:
    await bot.send_message(ALICE, "[1, 2]", reply_markup=KEYBOARD)
    call = api.requests[-1]
    assert call.params["chat_id"] == ALICE and call.params["text"] == "[1, 2]"
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "claim:42"


async def test_waiting_for_a_reply_that_never_comes_times_out(api: BotApiStandIn) -> None:
    await api.send_text(ALICE, "无人应答")
    with pytest.raises(WaitTimeout, match="chat 1001"):
        await api.wait_for_message(ALICE, timeout=0.05)


async def test_the_control_endpoints_drive_the_same_world(app: Application, api: BotApiStandIn) -> None:
    async with httpx.AsyncClient(base_url=f"{api.url}/control") as http:

        async def act(action: str, **args: object) -> httpx.Response:
            return await http.post(f"/{action}", json=args)

        assert (await act("user", user_id=2001, first_name="王")).status_code == 200
        await act("send_text", user_id=2001, text="/start 远程")
        got = (await act("wait_for_message", chat_id=2001, contains="远程")).json()["result"]
        assert got["message"]["text"] == "start [远程]"
        ids = {"chat_id": 2001, "message_id": got["message"]["message_id"]}
        query_id = (await act("press_button", user_id=2001, text="转派", **ids)).json()["result"]
        answer = (await act("wait_for_answer", query_id=query_id)).json()["result"]
        assert answer["text"] == "got transfer:42"
        photo = base64.b64encode(PNG).decode()
        await act("send_photo", user_id=2001, data=photo, caption="c")
        digest = (await act("wait_for_message", chat_id=2001, contains="sha")).json()["result"]
        assert hashlib.sha256(PNG).hexdigest() in digest["message"]["text"]
        assert (await act("stats")).json()["result"]["sendMessage"]["200"] >= 2
        assert (await act("wait_for_message", chat_id=2001, contains="?", timeout=0.05)).status_code == 408
        assert (await act("teleport")).status_code == 404
        assert (await act("send_text", user_id=9, text="x")).status_code == 400
    await api.wait_idle()


class _Receiver:
    """A bot's webhook endpoint on loopback: records what the stand-in posts, answers scripted statuses."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, object]] = []
        self.secrets: list[str | None] = []
        self.statuses: list[int] = []  # answered in turn, then 200
        self.url = ""

    async def __aenter__(self) -> _Receiver:
        from tornado.httpserver import HTTPServer
        from tornado.netutil import bind_sockets
        from tornado.web import Application as Web
        from tornado.web import RequestHandler

        receiver = self

        class Hook(RequestHandler):
            def post(self) -> None:
                receiver.bodies.append(json.loads(self.request.body))
                receiver.secrets.append(self.request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
                self.set_status(receiver.statuses.pop(0) if receiver.statuses else 200)

        sockets = bind_sockets(0, "127.0.0.1")
        self._server = HTTPServer(Web([(r"/hook", Hook)]))
        self._server.add_sockets(sockets)
        self.url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/hook"
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._server.stop()
        await self._server.close_all_connections()


@pytest.fixture
async def receiver() -> AsyncIterator[_Receiver]:
    async with _Receiver() as r:
        yield r


async def test_after_set_webhook_each_update_is_posted_in_order_with_the_secret(
        api: BotApiStandIn, bot: telegram.Bot, receiver: _Receiver) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cret-Token_1", allowed_updates=["message"])
    await api.send_text(ALICE, "一")
    await api.send_text(BOB, "two")
    await api.wait_idle()  # an update stays pending until the bot answers 2xx
    assert [b["message"]["text"] for b in receiver.bodies] == ["一", "two"]  # type: ignore[index]
    assert receiver.secrets == ["s3cret-Token_1"] * 2
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count, info.allowed_updates) == (receiver.url, 0, ("message",))
    with pytest.raises(telegram.error.Conflict, match="webhook is active"):
        await bot.get_updates()
    assert api.webhook is not None and api.webhook["secret_token"] == "s3cret-Token_1"


async def test_an_update_is_posted_again_until_the_bot_answers_2xx(
        api: BotApiStandIn, bot: telegram.Bot, receiver: _Receiver) -> None:
    receiver.statuses = [500, 503]
    await bot.set_webhook(receiver.url, secret_token="s")
    sent = await api.send_text(ALICE, "再来一次")
    await api.wait_for_delivery(status=200)
    first = api.deliveries[0].update_id
    assert [(d.update_id, d.status) for d in api.deliveries] == [(first, 500), (first, 503), (first, 200)]
    assert {b["message"]["message_id"] for b in receiver.bodies} == {sent["message_id"]}  # type: ignore[index]
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 0 and "503" in (info.last_error_message or "")


async def test_delete_webhook_goes_back_to_get_updates(
        api: BotApiStandIn, bot: telegram.Bot, receiver: _Receiver) -> None:
    with pytest.raises(BadRequest, match="unallowed characters"):
        await bot.set_webhook(receiver.url, secret_token="no spaces")
    await bot.set_webhook(receiver.url)
    await bot.delete_webhook()
    await api.send_text(ALICE, "轮询")
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.text == "轮询"
    assert receiver.bodies == [] and (await bot.get_webhook_info()).url == ""


# --- Telegram's flood limits, enforced on demand (standin/flood.py) ---------------------------------


class _Clock:
    """The stand-in's clock, moved by the test: limits checked without sleeping."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def paced() -> AsyncIterator[tuple[BotApiStandIn, _Clock, telegram.Bot]]:
    clock = _Clock()
    async with BotApiStandIn(token=TOKEN, clock=clock) as stand_in:
        await stand_in.user(ALICE, "张大姐")
        await stand_in.group(GROUP, "惠泽小区网格群")
        async with telegram.Bot(TOKEN, base_url=stand_in.base_url) as b:
            yield stand_in, clock, b


async def test_without_enforcement_a_bot_may_send_as_fast_as_it_likes(paced: tuple[BotApiStandIn, _Clock,
                                                                                   telegram.Bot]) -> None:
    api, _clock, bot = paced
    for n in range(10):
        await bot.send_message(ALICE, f"#{n}")
    assert api.too_many_requests == 0 and api.flood is None


async def test_a_private_chat_takes_a_burst_of_three_then_one_a_second(
        paced: tuple[BotApiStandIn, _Clock, telegram.Bot]) -> None:
    api, clock, bot = paced
    flood = api.enforce_limits()
    for n in range(3):
        await bot.send_message(ALICE, f"#{n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ALICE, "too soon")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    clock.now += 1
    sent = await bot.send_message(ALICE, "after a second")
    assert sent.text == "after a second" and [m.body for m in api.messages(ALICE)][-1] == "after a second"
    assert flood is not None and flood.refused == {"private": 1} and api.too_many_requests == 1


async def test_a_group_takes_twenty_a_minute_and_an_edit_counts_too(
        paced: tuple[BotApiStandIn, _Clock, telegram.Bot]) -> None:
    api, clock, bot = paced
    flood = api.enforce_limits()
    first = await bot.send_message(GROUP, "#0")
    for n in range(1, 5):  # a burst of five
        await bot.edit_message_text(f"#0 v{n}", chat_id=GROUP, message_id=first.message_id)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(GROUP, "#5")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)  # one message per 3 s sustained
    clock.now += 3
    await bot.send_message(GROUP, "#5")
    assert flood is not None and flood.refused == {"group": 1}


async def test_thirty_a_second_overall_whatever_the_chats(paced: tuple[BotApiStandIn, _Clock,
                                                                      telegram.Bot]) -> None:
    api, clock, bot = paced
    for uid in range(3000, 3031):
        await api.user(uid, f"u{uid}")
    flood = api.enforce_limits()
    for uid in range(3000, 3030):
        await bot.send_message(uid, "digest")
    with pytest.raises(RetryAfter):
        await bot.send_message(3030, "digest")
    clock.now += 0.04  # one token back (30 a second)
    await bot.send_message(3030, "digest")
    assert flood is not None and flood.refused == {"overall": 1} and flood.peak(window=1.0) == 31
    api.enforce_limits(None)
    await bot.send_message(3030, "again")  # off again
