"""Text as Telegram stores it: HTML parse_mode resolved into plain text plus entities.

Telegram never echoes markup back: a message sent as `<b>hi</b>` comes back as text "hi"
with a bold entity, and offsets count UTF-16 code units. Tests that read the bot's replies
must see the same. Markdown modes are passed through unparsed (no Gridbot code uses them).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from .errors import bad

_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "code": "code", "pre": "pre",
    "blockquote": "blockquote", "a": "text_link", "span": "spoiler",
    "tg-emoji": "custom_emoji",
}  # fmt: skip
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?")


def utf16_len(text: str) -> int:
    """Length as Telegram counts entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _entity_error(detail: str) -> Exception:
    return bad(f"Bad Request: can't parse entities: {detail}")


class _Html(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.text: list[str] = []
        self.units = 0
        self.open: list[tuple[str, int, dict[str, Any]]] = []
        self.entities: list[dict[str, Any]] = []

    def _byte_offset(self) -> int:
        line, col = self.getpos()
        lines = self.source.split("\n")
        before = sum(len(x.encode()) + 1 for x in lines[: line - 1])
        return before + len(lines[line - 1][:col].encode())

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        self.units += utf16_len(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = _SIMPLE.get(tag)
        values = dict(attrs)
        if kind is None or (tag == "span" and values.get("class") != "tg-spoiler"):
            raise _entity_error(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        extra: dict[str, Any] = {}
        if tag == "a":
            extra["url"] = values.get("href") or ""
        elif tag == "tg-emoji":
            extra["custom_emoji_id"] = values.get("emoji-id") or ""
        elif tag == "blockquote" and "expandable" in values:
            kind = "expandable_blockquote"
        elif tag == "code" and self.open and self.open[-1][0] == "pre":
            language = (values.get("class") or "").removeprefix("language-")
            if language:
                self.open[-1][2]["language"] = language
            kind = ""  # a <code> inside <pre> only names the language
        self.open.append((tag, self.units, {"type": kind, **extra}))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            expected = f'"</{self.open[-1][0]}>"' if self.open else "no end tag"
            raise _entity_error(
                f'Unmatched end tag at byte offset {self._byte_offset()}, expected {expected}, found "</{tag}>"'
            )
        _, start, entity = self.open.pop()
        if entity["type"] and self.units > start:
            self.entities.append({**entity, "offset": start, "length": self.units - start})


def parse(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities for a text sent with `parse_mode`."""
    if (parse_mode or "").lower() != "html":
        return text, []
    parser = _Html(text)
    parser.feed(text)
    parser.close()
    if parser.open:
        raise _entity_error(f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"')
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.text), entities


def command_entities(text: str) -> list[dict[str, Any]]:
    """The `bot_command` entity Telegram adds to a message starting with /command[@bot]."""
    match = _COMMAND.match(text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]
