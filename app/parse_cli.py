"""`python bot.py parse`: one JSON object per input line (shared/spec/intake.md §3)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import json
import logging
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
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
log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent


def build_parser() -> Parser:
    """The parser over the demo district and lexicon in seeds/."""
    return Parser(seeds.district(), lexicon())


def cache_dir() -> Path:
    """GRIDBOT_CACHE_DIR, else the user's cache directory (XDG)."""
    given = os.environ.get("GRIDBOT_CACHE_DIR")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(given) if given else base / "gridbot"


def parser_key() -> str:
    """What the built parser depends on: the seeds, the code that reads them and builds it, the
    libraries whose objects it holds, and this Python; any change means a new key."""
    digest = hashlib.sha256(sys.version.encode())
    for name in ("pyahocorasick", "pypinyin", "rapidfuzz", "opencc-python-reimplemented", "PyYAML"):
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(name.encode())
    code = [*sorted((ROOT / "domain").glob("*.py")), ROOT / "app" / "seeds.py", ROOT / "app" / "lexicon.py"]
    for base, paths in ((seeds.SEEDS_DIR, sorted(seeds.SEEDS_DIR.rglob("*"))), (ROOT, code)):
        for path in paths:
            if path.is_file():
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def cached_parser() -> Parser:
    """The built parser, pickled between start-ups: counting the ~14,000 examples and building the
    sound tables is most of a cold start (~0.6 s); loading them is ~0.14 s. The key covers everything
    the parser is built from, so a changed seed or line of code builds afresh. A cache that cannot be
    read or written is only slower, never an error."""
    try:
        path = cache_dir() / f"parser-{parser_key()}.pickle"
    except Exception as e:  # no home directory, an unreadable seed: no cache, the same parser
        log.info("no parser cache (%s)", e)
        return build_parser()
    try:
        with open(path, "rb") as f:
            loaded = pickle.load(f)
        if isinstance(loaded, Parser):
            return loaded
    except FileNotFoundError:
        pass
    except Exception as e:  # a torn or foreign file: build afresh and replace it
        log.warning("parser cache %s unreadable (%s); building afresh", path, e)
    parser = build_parser()
    partial: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".parser-", delete=False) as f:
            partial = f.name
            pickle.dump(parser, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # whole or not at all, even with two processes starting at once
        partial = None
        for old in path.parent.glob("parser-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as e:  # a read-only or full disk: only slower
        log.info("parser cache not written (%s)", e)
    except Exception as e:  # a parser that no longer pickles: a bug to hear of, not a failed parse
        log.warning("parser cache not written (%s)", e)
    finally:
        if partial is not None:  # a disk that filled up mid-write leaves nothing behind
            Path(partial).unlink(missing_ok=True)
    return parser


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
    parser = cached_parser()
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
