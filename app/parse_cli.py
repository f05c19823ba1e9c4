"""`python bot.py parse`: one JSON object per input line (shared/spec/intake.md §3)."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
from collections.abc import Iterator
from typing import IO

from app import seeds
from app.lexicon import lexicon
from domain.org import Place
from domain.parser import Parsed, Parser, contract_json

EMPTY = Parsed("other", False, None, Place(), 0.0, ("other",))
# Lines per write. Output to a pipe is block-buffered anyway; bigger writes mean fewer system calls
# and context switches with the reader (faster in every round of an A/B through a pipe).
CHUNK = 256

_parser: Parser | None = None  # the worker processes' parser: built once, before they fork


def build_parser() -> Parser:
    """The parser over the demo district and lexicon in seeds/."""
    return Parser(seeds.district(), lexicon())


def workers() -> int:
    """How many processes parse a long input: every core (GRIDBOT_PARSE_WORKERS to choose; 1 = this one)."""
    raw = os.environ.get("GRIDBOT_PARSE_WORKERS", "")
    return max(1, int(raw)) if raw.isdigit() else (os.cpu_count() or 1)


def render(parser: Parser, lines: list[str]) -> str:
    """Each line's contract JSON, one per line; a line the parser cannot take still gets one."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(**kw) builds one per call
    out = []
    for text in lines:
        try:
            parsed = parser.parse(text)
        except Exception:  # never lose a line's place in the output
            parsed = EMPTY
        out.append(encode(contract_json(parsed)))
    return "\n".join(out) + "\n"


def _render_in_worker(lines: list[str]) -> str:
    assert _parser is not None
    return render(_parser, lines)


def _chunks(stdin: IO[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in stdin:
        chunk.append(line.rstrip("\r\n"))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def main(stdin: IO[str], stdout: IO[str], processes: int | None = None) -> int:
    """Read lines until EOF; every line, even empty or odd, yields exactly one JSON line, in order.

    A long input (more than one chunk) is parsed by `processes` forked workers, each holding the
    parser built here once, while this process reads and writes: on this project's 2-core machine
    that nearly doubles the lines per second (bench/intake_speed.py). Someone typing at a terminal,
    or a short input, is answered by this process alone.
    """
    global _parser
    for stream, options in ((stdin, {"errors": "replace", "newline": "\n"}),
                            (stdout, {"errors": "replace"})):
        if hasattr(stream, "reconfigure"):  # real files: UTF-8, undecodable bytes replaced
            stream.reconfigure(encoding="utf-8", **options)
    parser = build_parser()
    size = 1 if stdin.isatty() else CHUNK  # someone typing at a terminal gets each answer at once
    chunks = _chunks(stdin, size)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None and size > 1 else None
    processes = workers() if processes is None else processes
    if second is None or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in itertools.chain(filter(None, [first, second]), chunks):
            stdout.write(render(parser, chunk))
            if size == 1:
                stdout.flush()
    else:
        _parser = parser
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for out in pool.imap(_render_in_worker, itertools.chain([first, second], chunks)):
                stdout.write(out)
    stdout.flush()
    return 0
