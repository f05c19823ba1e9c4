"""Gridbot (网格通) command line: run, demo, seed, parse, invite, users."""

from __future__ import annotations

import argparse
import logging
import os
import sys

# Opt in now to PTB's coming timedelta values (RetryAfter.retry_after…): no deprecation noise.
os.environ.setdefault("PTB_TIMEDELTA", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot.py", description="网格通 Gridbot")
    verbs = parser.add_subparsers(dest="verb", required=True)
    run = verbs.add_parser("run", help="serve Telegram (polling, or a webhook with --webhook)")
    run.add_argument("--webhook", metavar="URL", help="the public https:// URL Telegram posts updates to "
                     "(default: TELEGRAM_WEBHOOK_URL; unset: long polling)")
    run.add_argument("--listen", metavar="HOST:PORT", help="where the webhook server binds "
                     "(default: GRIDBOT_LISTEN or 127.0.0.1:8080)")
    verbs.add_parser("demo", help="play the whole loop offline against the local Bot API stand-in")
    verbs.add_parser("seed", help="load seeds/ into the database (idempotent)")
    verbs.add_parser("parse", help="one JSON line per message line on stdin (shared/spec/intake.md)")
    inv = verbs.add_parser("invite", help="make a single-use invite link for a role")
    inv.add_argument("role", help="building_lead | grid_worker | branch | committee | admin | group")
    inv.add_argument("scope", nargs="*", help="e.g. 惠泽小区 12 · 惠泽一网格 · 惠泽社区党委 · committee")
    verbs.add_parser("users", help="who holds which role")
    args = parser.parse_args(argv)

    if args.verb == "parse":
        from app.parse_cli import main as parse_main

        return parse_main(sys.stdin, sys.stdout)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from app import cli
    from app.settings import SettingsError

    try:
        return cli.VERBS[args.verb](args)
    except SettingsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
