"""Turning tickets into the words and buttons people see (no I/O)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.org import Place
from domain.outgoing import Buttons
from domain.texts import label, t
from domain.tickets import Ticket
from services.env import Env

EXCERPT = 120


def place_label(env: Env, place: Place, lang: str) -> str:
    if not place.known:
        return label(lang, "no_place")
    if lang != "en":
        return place.label()
    c = env.district.communities.get(place.community or "")
    return place.label(c.en if c else str(place.community))


def tier_name(lang: str, tier: int) -> str:
    return label(lang, f"tier_{int(tier)}")


def status_name(lang: str, status: str) -> str:
    return label(lang, f"status_{status}")


def card_text(env: Env, tk: Ticket, lang: str, extra: str = "", *, group: bool = False) -> str:
    """The worker's card: parsed fields plus the resident's own words.

    A group card leaves out the room: a grid's group may hold more than the staff.
    """
    words = tk.text if len(tk.text) <= EXCERPT else tk.text[:EXCERPT] + "…"
    place = replace(tk.place, room=None) if group else tk.place
    return t(lang, "card", flag=label(lang, "urgent" if tk.urgent else "new"), id=tk.id,
             category=env.category_name(tk.category, lang), triage=label(lang, tk.triage),
             place=place_label(env, place, lang), text=words, extra=extra,
             affected=t(lang, "card_affected", n=tk.affected) if tk.affected > 1 else "")


def claim_buttons(tk: Ticket, lang: str) -> Buttons:
    return (((label(lang, "btn_claim"), f"claim:{tk.id}"),),)


def work_buttons(tk: Ticket, lang: str) -> Buttons:
    done = label(lang, "btn_visited" if tk.care_id else "btn_resolve")
    return (
        ((done, f"done:{tk.id}"), (label(lang, "btn_transfer"), f"xfer:{tk.id}")),
        ((label(lang, "btn_escalate"), f"up:{tk.id}"), (label(lang, "btn_extend"), f"ext:{tk.id}")),
        *([] if tk.contacted_at or tk.care_id else [((label(lang, "btn_contacted"), f"contact:{tk.id}"),)]),
    )


def resident_buttons(tk: Ticket, lang: str) -> Buttons:
    return ((
        (label(lang, "btn_recategorize"), f"cat:{tk.id}"),
        (label(lang, "btn_withdraw"), f"wd:{tk.id}"),
    ),)


def rating_buttons(tk: Ticket, lang: str) -> Buttons:
    return ((
        (label(lang, "btn_satisfied"), f"rate:{tk.id}:s"),
        (label(lang, "btn_mostly"), f"rate:{tk.id}:m"),
        (label(lang, "btn_unsatisfied"), f"rate:{tk.id}:u"),
    ),)


def category_buttons(env: Env, tk: Ticket, lang: str, codes: list[str]) -> Buttons:
    """Categories as buttons, three to a row."""
    cells = [(env.category_name(c, lang), f"setcat:{tk.id}:{c}") for c in codes]
    return tuple(tuple(cells[i:i + 3]) for i in range(0, len(cells), 3))


def duplicate_buttons(tk: Ticket, lang: str) -> Buttons:
    return ((
        (f"{label(lang, 'btn_follow')} #{tk.id}", f"dupf:{tk.id}"),
        (label(lang, "btn_new_anyway"), f"dupn:{tk.id}"),
    ),)


def scope_name(env: Env, scope: str, lang: str) -> str:
    """A scope key in words: 惠泽一网格, 惠泽社区党委, 民馨路街道党工委, 惠泽小区12号楼."""
    kind, _, rest = scope.partition(":")
    if kind in ("committee", "admin"):
        return env.district.committee_en if lang == "en" else env.district.committee
    if kind == "grid":
        g = env.district.grids.get(rest)
        return (g.en if g and lang == "en" else rest)
    if kind == "branch":
        b = env.district.branches.get(rest)
        return (b.en if b and lang == "en" else rest)
    community, _, num = rest.rpartition(":")
    return f"{community}{num}号楼" if lang != "en" else f"{community} building {num}"


def local_time(env: Env, at: datetime | None) -> str:
    """A deadline as people read it: local month-day and time, "—" when there is none."""
    return at.astimezone(env.tz).strftime("%m-%d %H:%M") if at else "—"
