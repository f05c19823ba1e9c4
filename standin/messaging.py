"""Bot-side methods that create, change or remove messages, with Telegram's checks.

Each check mirrors a real refusal (too long, not modified, bad button data...) because
those are exactly the failures a bot must survive in production. With flood limits enforced
(`api.enforce_limits()`, standin/flood.py) a message over Telegram's pace is refused with 429.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from . import errors
from .errors import bad
from .flood import Flood
from .formatting import parse
from .media import extension, photo_sizes
from .params import Params
from .records import MessageRecord, StoredFile
from .state import World

TEXT_LIMIT, CAPTION_LIMIT, DATA_LIMIT = 4096, 1024, 64
_BUTTON_ACTIONS = (
    "callback_data", "url", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip


# The flood limits enforced per world (a bot's whole Telegram), when a test turned them on: kept
# beside the World rather than in it, since enforcement is an opt-in of the test, not Telegram state.
_POLICED: WeakKeyDictionary[World, Flood] = WeakKeyDictionary()


def police(world: World, flood: Flood | None) -> None:
    """Enforce `flood` on every message this world's bot sends or edits (None: stop)."""
    if flood is None:
        _POLICED.pop(world, None)
    else:
        _POLICED[world] = flood


def _paced(world: World, chat: dict[str, Any]) -> None:
    """One message to this chat, or the 429 Telegram answers a bot over its limits."""
    flood = _POLICED.get(world)
    if flood is not None:
        flood.admit(int(chat["id"]))


def _text(p: Params, field: str, limit: int, too_long: str) -> tuple[str, list[dict[str, Any]]]:
    raw = p.string(field, "") or ""
    text, entities = parse(raw, p.string("parse_mode"))
    explicit = p.obj("entities" if field == "text" else "caption_entities")
    if len(text) > limit:
        raise bad(too_long)
    return text, explicit if isinstance(explicit, list) else entities


def _markup(p: Params) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(inline keyboard echoed in the Message, any other keyboard kept aside)."""
    markup = p.obj("reply_markup")
    if markup is None:
        return None, None
    if not isinstance(markup, dict):
        raise bad("Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return None, markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad("Bad Request: can't parse inline keyboard markup JSON object")
    for button in (b for row in rows for b in row):
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= DATA_LIMIT:
            raise bad(errors.BUTTON_DATA_INVALID)
        if not any(key in button for key in _BUTTON_ACTIONS):
            raise bad(
                "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            )
    return ({"inline_keyboard": rows} if rows else None), None


def _reply_target(world: World, chat: dict[str, Any], p: Params) -> dict[str, Any] | None:
    params = p.obj("reply_parameters") or {}
    target = params.get("message_id", p.integer("reply_to_message_id"))
    if target is None:
        return None
    record = world.find(int(params.get("chat_id", chat["id"])), int(target))
    if record is None:
        lenient = params.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply")
        if lenient:
            return None
        raise bad(errors.REPLY_NOT_FOUND)
    replied = record.snapshot()
    replied.pop("reply_to_message", None)
    return replied


def _send(world: World, p: Params, fill: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """The shared path of every send: chat check, keyboard, reply target, store."""
    chat = world.writable_chat(p.values.get("chat_id"))
    _paced(world, chat)
    inline, keyboard = _markup(p)
    reply = _reply_target(world, chat, p)
    draft: dict[str, Any] = {}
    fill(draft)
    data = world.new_message(chat, world.bot)
    if reply is not None:
        data["reply_to_message"] = reply
    data |= draft
    if inline is not None:
        data["reply_markup"] = inline
    record = world.store(data, True, parse_mode=p.string("parse_mode"), keyboard=keyboard)
    return record.snapshot()


def _caption_into(draft: dict[str, Any], p: Params) -> None:
    caption, entities = _text(p, "caption", CAPTION_LIMIT, errors.CAPTION_TOO_LONG)
    if caption:
        draft["caption"] = caption
        if entities:
            draft["caption_entities"] = entities


def input_file(world: World, p: Params, field: str, folder: str, default_ext: str) -> StoredFile:
    """An uploaded part (directly or via attach://) or a known file_id."""
    value = p.string(field)
    name = value.removeprefix("attach://") if value and value.startswith("attach://") else field
    upload = p.uploads.get(name)
    if upload is not None:
        if not upload.data:
            raise bad(errors.EMPTY_FILE)
        return world.add_file(upload.data, folder, extension(upload.filename, default_ext))
    return world.file(value)


def send_message(world: World, p: Params) -> dict[str, Any]:
    def fill(draft: dict[str, Any]) -> None:
        text, entities = _text(p, "text", TEXT_LIMIT, errors.TOO_LONG)
        if not text.strip():
            raise bad(errors.EMPTY_TEXT)
        draft["text"] = text
        if entities:
            draft["entities"] = entities

    return _send(world, p, fill)


def send_photo(world: World, p: Params) -> dict[str, Any]:
    def fill(draft: dict[str, Any]) -> None:
        _caption_into(draft, p)
        draft["photo"] = photo_sizes(input_file(world, p, "photo", "photos", "jpg"))

    return _send(world, p, fill)


def send_document(world: World, p: Params) -> dict[str, Any]:
    def fill(draft: dict[str, Any]) -> None:
        _caption_into(draft, p)
        upload = p.uploads.get("document")
        stored = input_file(world, p, "document", "documents", "bin")
        draft["document"] = {
            **stored.as_json(),
            "file_name": upload.filename if upload else stored.file_path.rsplit("/", 1)[-1],
            "mime_type": upload.content_type if upload else "application/octet-stream",
        }
        draft["document"].pop("file_path")

    return _send(world, p, fill)


def _editable(world: World, p: Params) -> MessageRecord:
    if "inline_message_id" in p:
        raise bad("Bad Request: MESSAGE_ID_INVALID")
    chat = world.writable_chat(p.values.get("chat_id"))
    _paced(world, chat)
    record = world.find(chat["id"], p.integer("message_id"))
    if record is None:
        raise bad(errors.EDIT_NOT_FOUND)
    if not record.from_bot:
        raise bad(errors.CANT_EDIT)
    return record


def _apply(world: World, record: MessageRecord, changes: dict[str, Any]) -> dict[str, Any]:
    if all(record.data.get(key) == value for key, value in changes.items()):
        raise bad(errors.NOT_MODIFIED)
    world.edit(record, changes)
    return record.snapshot()


def edit_message_text(world: World, p: Params) -> dict[str, Any]:
    record = _editable(world, p)
    if record.text is None:
        raise bad(errors.NO_TEXT_TO_EDIT)
    text, entities = _text(p, "text", TEXT_LIMIT, errors.TOO_LONG)
    if not text.strip():
        raise bad(errors.EMPTY_TEXT)
    inline, _ = _markup(p)
    return _apply(world, record, {"text": text, "entities": entities or None, "reply_markup": inline})


def edit_message_caption(world: World, p: Params) -> dict[str, Any]:
    record = _editable(world, p)
    if record.text is not None:
        raise bad(errors.NO_CAPTION_TO_EDIT)
    caption, entities = _text(p, "caption", CAPTION_LIMIT, errors.CAPTION_TOO_LONG)
    inline, _ = _markup(p)
    changes = {"caption": caption or None, "caption_entities": entities or None}
    return _apply(world, record, changes | {"reply_markup": inline})


def edit_message_reply_markup(world: World, p: Params) -> dict[str, Any]:
    record = _editable(world, p)
    inline, _ = _markup(p)
    return _apply(world, record, {"reply_markup": inline})


def delete_message(world: World, p: Params) -> bool:
    chat = world.chat(p.values.get("chat_id"))
    record = world.find(chat["id"], p.integer("message_id"))
    if record is None:
        raise bad(errors.DELETE_NOT_FOUND)
    record.deleted = True
    world.touch()
    return True


METHODS: dict[str, Callable[[World, Params], Any]] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
