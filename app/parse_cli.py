"""`python bot.py parse`: one JSON object per input line (shared/spec/intake.md §3)."""

from __future__ import annotations

import json
from typing import IO

from app import seeds
from app.lexicon import lexicon
from domain.org import Place
from domain.parser import Parsed, Parser, contract_json

EMPTY = Parsed("other", False, None, Place(), 0.0, ("other",))
# Lines per write. Output to a pipe is block-buffered anyway; bigger writes mean fewer system calls
# and context switches with the reader (faster in every round of an A/B through a pipe).
CHUNK = 256


def build_parser() -> Parser:
    """The parser over the demo district and lexicon in seeds/."""
    return Parser(seeds.district(), lexicon())


def main(stdin: IO[str], stdout: IO[str]) -> int:
    """Read lines until EOF; every line, even empty or odd, yields exactly one JSON line."""
    for stream, options in ((stdin, {"errors": "replace", "newline": "\n"}),
                            (stdout, {"errors": "replace"})):
        if hasattr(stream, "reconfigure"):  # real files: UTF-8, undecodable bytes replaced
            stream.reconfigure(encoding="utf-8", **options)
    parser = build_parser()
    encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(**kw) builds one per call
    size = 1 if stdin.isatty() else CHUNK  # someone typing at a terminal gets each answer at once
    chunk: list[str] = []
    for line in stdin:
        text = line.rstrip("\r\n")
        try:
            parsed = parser.parse(text)
        except Exception:  # never lose a line's place in the output
            parsed = EMPTY
        chunk.append(encode(contract_json(parsed)))
        if len(chunk) >= size:
            stdout.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        stdout.write("\n".join(chunk) + "\n")
    stdout.flush()
    return 0
