"""Building, unit and room in the forms residents write them, validated against the district.

12号楼 · 十二号楼 · 12栋 · 12幢 · 12# · 12-3-501 · 惠泽4-3 (after a name) · 3单元 · 2门 (12号楼2门口) · 1502室 ·
三单元五零一 (幺 = 1) · 2门302 · Building 5 · unit 2 · room 301.
Floors (五楼, 3层), dates (3号), phone numbers, durations and counts are never
taken: every form needs its own marker, and numbers glued to longer digit runs are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from domain.community import CommunityFinder
from domain.normalize import cn_number
from domain.org import District, Place

CN = "[零〇一二三四五六七八九十]{1,3}"
NUM = rf"(?<![\d.])(\d{{1,2}}|{CN})"
DIGITS = r"(?<![\d.:/a-z])(\d{1,2})"  # not a parking bay's code (b1-127)
ROOM = r"(\d{3,4})(?![\d年月日元块米平度天次个分万斤号线路%])"
# a room read out digit by digit (五零一, 三〇二, 幺零幺): never with 十/百, never part of a longer run
SPOKEN = "零〇一二三四五六七八九幺"
CN_ROOM = rf"([{SPOKEN}]{{3,4}})(?![{SPOKEN}十百千万两\d年月日元块米平度天次个分号楼层栋单元岁斤点])"
SEP = r"\s*[-_]\s*"

TRIPLE = re.compile(rf"{DIGITS}{SEP}(\d{{1,2}}){SEP}(\d{{3,4}})(?![\d-])")
PAIR = re.compile(rf"{DIGITS}{SEP}{ROOM}")
BUILDING = re.compile(
    rf"{NUM}\s*(?:号楼|栋(?!楼?都)|幢|座楼|#)"
    rf"|{NUM}\s*[号楼](?=\s*(?:\d{{1,2}}|{CN})\s*(?:单元|门))"
    r"|\b(?:building|bldg|blk|block|house|tower)\.?\s*(?:no\.?\s*|#\s*)?(\d{1,2})\b"
    # "4 building", "no.3 building": the Chinese order in English words
    r"|(?<![\d.])(?:no\.?\s*)?(\d{1,2})\s*(?:building|bldg)\b(?!\s*(?:no\.?\s*|#\s*)?\d)")
END = r"(?=$|[\s,.!?;的]|\d)"
AFTER_NAME = re.compile(rf"\s*的?\s*(?:(\d{{1,2}})\s*(?:号楼|[号楼]{END})|({CN})\s*号楼)"
                        # English: Huize No.10 · Huize 21 unit 3 · Huize 22 stay on… (not a count: Huize 3 people)
                        r"|[\s,]*(?:community\s+|estate\s+)?(?:no\.?\s*(\d{1,2})\b(?![-\d])|(\d{1,2})(?=\s|[,;!?]|\.(?!\d)|$)(?!\s*(?:"
                        r"people|persons|households|families|years?|months?|weeks?|days?|hours?|minutes?|mins?|floors?|storeys?"
                        r"|stories|times|yuan|rmb|kg|cm|m|meters|metres|am|pm|degrees?|cars?|dogs?|cats?|kids?|children|percent"
                        r"|th|st|nd|rd|of)\b))")
# Chinglish order, all three: Ruixing 2 building 1 unit 501 (room) = 2号楼1单元501
CHINGLISH = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:building|bldg)\.?\s*(\d{1,2})\s*unit\s*(\d{3,4})\b")
UNIT = re.compile(
    rf"{NUM}\s*单元|{DIGITS}\s*门(?![卫禁岗店面诊市外前口])"
    rf"|(?:号楼|栋|幢|#)\s*(\d{{1,2}}|{CN})\s*门(?=[口前])"  # 12号楼2门口: right after a building, a unit's door
    rf"|(?:号楼|栋|幢)\s*({CN})\s*门(?![卫禁岗店面诊市外前口])"  # 三号楼二门: a unit said in Chinese numerals
    r"|\b(?:unit|entrance|stairwell)\s*(?:no\.?\s*|#\s*)?(\d{1,2})\b"
    r"|(?<![\d.])(\d{1,2})\s*unit\b(?!\s*(?:no\.?\s*|#\s*)?\d)")
# right after the estate's name only: 惠泽4-3 / Huize 4-3 is building 4, unit 3 (not a date: 3-15)
NAME_PAIR = re.compile(r"[\s,:]*(\d{1,2})\s*-\s*(\d{1,2})(?![\d-]|\s*[号日月点:放假节])")
UNIT_ROOM = re.compile(r"(?:号楼|栋|幢|#)\s*(\d{1,2})\s*-\s*(\d{3,4})(?![\d-])")  # 12栋2-301
# …in English: building 21 … 3-402
UNIT_ROOM_EN = re.compile(r"\b(?:building|bldg|block|house|tower)\s*\d{1,2}\b[^\d]{0,80}?"
                          r"(?<![\d.])(\d{1,2})\s*-\s*(\d{3,4})(?![\d-])")
# …or after a unit written as a door (5号楼2门302), not a gate (东门 302路)
# …and not an emergency number said next (3单元，120已经打了)
CALLED = r"(?!(?:110|119|120|122)\s*(?:已|打|叫|拨|电话|急救|救护|来|也|还|马上|都|到))"
ROOM_AFTER = re.compile(rf"(?:单元|号楼|栋|幢|#|(?<=[\d一二三四五六七八九十])[门楼](?![卫禁岗店面诊市外前口道梯顶])"
                        rf"|\bunit\s*\d{{1,2}}\b|\d\s*unit\b)[\s,]*{CALLED}(?:{ROOM}|{CN_ROOM})")
ROOM_MARKED = re.compile(
    rf"(?<!\d)(\d{{3,4}})\s*(?:室|号房|房间)|\b(?:room|rm|apt|apartment|flat)\.?\s*#?\s*{ROOM}"
    rf"|(?<![{SPOKEN}十百])([{SPOKEN}]{{3,4}})\s*(?:室|号房|房间)")
BARE = re.compile(r"^\s*(\d{1,2})(?:\s*[-\s]\s*(\d{1,2}))?(?:\s*[-\s]\s*(\d{3,4}))?\s*$")


def _first(pattern: re.Pattern[str], text: str, ok: Callable[[int], bool]) -> int | None:
    """The first number a pattern finds that passes `ok`."""
    for m in pattern.finditer(text):
        raw = next((g for g in m.groups() if g), None)
        value = cn_number(raw) if raw else None
        if value is not None and ok(value):
            return value
    return None


# Cheap tests before a form's regex: does any marker of the form occur at all?
BUILDING_MARKS = re.compile("号|栋|幢|#|楼|b|house|tower")
UNIT_MARKS = re.compile("单元|门|unit|entrance|stairwell")
ROOM_MARKS = re.compile("室|房|room|rm|ap|flat")


def _room(value: int) -> bool:
    floor, number = divmod(value, 100)
    return 1 <= floor <= 40 and 1 <= number <= 30


def _unit(value: int) -> bool:
    return 1 <= value <= 12


class PlaceFinder:
    """Community, building, unit and room of a normalised message."""

    def __init__(self, district: District, spec: Mapping[str, Any]) -> None:
        self.district = district
        self.communities = CommunityFinder(district, spec)
        self.max_building = max((c.buildings for c in district.communities.values()), default=0)

    def find(self, text: str, answer: bool = False) -> Place:
        """`answer=True` reads a reply to "哪个小区几号楼?", where bare numbers are a building."""
        community, name_end = self.communities.find(text)
        size = self.district.communities[community].buildings if community else self.max_building

        def building_ok(b: int) -> bool:
            return 1 <= b <= size

        dashed = "-" in text or "_" in text
        m = TRIPLE.search(text) if dashed else None
        if m and building_ok(int(m[1])) and _unit(int(m[2])) and _room(int(m[3])):
            return Place(community, int(m[1]), int(m[2]), m[3])
        m = CHINGLISH.search(text) if "unit" in text else None
        if m and building_ok(int(m[1])) and _unit(int(m[2])) and _room(int(m[3])):
            return Place(community, int(m[1]), int(m[2]), m[3])
        building = None
        if community:
            after = AFTER_NAME.match(text, name_end)
            if after:
                value = cn_number(next(g for g in after.groups() if g))
                building = value if value is not None and building_ok(value) else None
        if building is None and BUILDING_MARKS.search(text):
            building = _first(BUILDING, text, building_ok)
        unit = _first(UNIT, text, _unit) if UNIT_MARKS.search(text) else None
        number = _first(ROOM_MARKED, text, _room) if ROOM_MARKS.search(text) else None
        if number is None and (building or unit):
            number = _first(ROOM_AFTER, text, _room)
        room = str(number) if number else None
        if building and unit is None and room is None and dashed:
            pair = UNIT_ROOM.search(text) or UNIT_ROOM_EN.search(text)
            if pair and _unit(int(pair[1])) and _room(int(pair[2])):
                unit, room = int(pair[1]), pair[2]
        if building is None and community and dashed:
            pair = PAIR.search(text, name_end)
            if pair and building_ok(int(pair[1])) and _room(int(pair[2])):
                building, room = int(pair[1]), pair[2]
        if building is None and community and dashed:
            pair = NAME_PAIR.match(text, name_end)
            if pair and building_ok(int(pair[1])) and _unit(int(pair[2])):
                building, unit = int(pair[1]), unit or int(pair[2])
        if answer and building is None:
            bare = BARE.match(text[name_end:] if community else text)
            if bare and building_ok(int(bare[1])):
                building = int(bare[1])
                unit = int(bare[2]) if bare[2] and _unit(int(bare[2])) else unit
                room = bare[3] if bare[3] and _room(int(bare[3])) else room
        return Place(community, building, unit, room)
