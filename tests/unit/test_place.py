"""Place extraction: every common way residents write an estate, building, unit and room."""

from __future__ import annotations

import pytest

from app.parse_cli import build_parser
from domain.parser import Parser

Where = tuple[str | None, int | None, int | None, str | None]

IN_MESSAGES: list[tuple[str, Where]] = [
    ("惠泽12号楼3单元501 暖气不热", ("惠泽小区", 12, 3, "501")),
    ("惠泽小区十二号楼三单元", ("惠泽小区", 12, 3, None)),
    ("惠泽小区二十六号楼楼梯间", ("惠泽小区", 26, None, None)),
    ("滨河一城12栋门口", ("滨河第一城", 12, None, None)),
    ("滨河第一城12幢2单元", ("滨河第一城", 12, 2, None)),
    ("万泉佳苑12#3单元1201室", ("万泉佳苑", 12, 3, "1201")),
    ("民馨家园8-3-1101", ("民馨家园", 8, 3, "1101")),
    ("民馨家园 8-3-1101 楼上漏水", ("民馨家园", 8, 3, "1101")),
    ("惠泽12-501", ("惠泽小区", 12, None, "501")),
    ("东阳物流小区3号楼2门", ("东阳物流小区", 3, 2, None)),
    ("惠泽小区2门口的灯", ("惠泽小区", None, None, None)),
    ("惠泽12号3单元", ("惠泽小区", 12, 3, None)),
    ("惠泽12楼3单元", ("惠泽小区", 12, 3, None)),
    ("惠泽小区3号", ("惠泽小区", 3, None, None)),
    ("我家在惠泽，12号楼，3单元，502", ("惠泽小区", 12, 3, "502")),
    ("惠泽小区12号楼302室", ("惠泽小区", 12, None, "302")),
    ("瑞兴3号楼302 找谁来看", ("瑞兴小区", 3, None, "302")),
    ("萬泉佳苑１４號樓２單元", ("万泉佳苑", 14, 2, None)),
    ("第3栋", (None, 3, None, None)),
    ("3#楼下", (None, 3, None, None)),
    ("7幢三单元", (None, 7, 3, None)),
    ("2单元楼道灯坏了", (None, None, 2, None)),
]

ENGLISH: list[tuple[str, Where]] = [
    ("Huize building 5 unit 2 room 301", ("惠泽小区", 5, 2, "301")),
    ("Building 5, Wanquan Jiayuan", ("万泉佳苑", 5, None, None)),
    ("Ruixing Estate bldg 3", ("瑞兴小区", 3, None, None)),
    ("Binhe No.1 City building 9", ("滨河第一城", 9, None, None)),
    ("binhe 10号楼", ("滨河第一城", 10, None, None)),
    ("Minxin Jiayuan apt 502", ("民馨家园", None, None, "502")),
    ("next to building 2", (None, 2, None, None)),
    # holdout_39: pinyin spelled apart, a number right after the name, the Chinese order in English words
    ("Dong Yang Logistics no.6 building, water everywhere", ("东阳物流小区", 6, None, None)),
    ("the shop at Minxin Jiayuan No.10 is too loud", ("民馨家园", 10, None, None)),
    ("stairwell light broken in Huize 21 unit 3, pitch dark", ("惠泽小区", 21, 3, None)),
    ("Minxin 4 building 2 unit, please come", ("民馨家园", 4, 2, None)),
    ("Ruixing building 8, unit 2, 302", ("瑞兴小区", 8, 2, "302")),
    ("Huize 3 people were there", ("惠泽小区", None, None, None)),
    ("Huize building 9 unit 1", ("惠泽小区", 9, 1, None)),
    # holdout_48: all three in the Chinese order, a number right after the name, the name's own number
    ("Ruixing 2 building 1 unit 501", ("瑞兴小区", 2, 1, "501")),
    ("Address Huize community 29 building 3 unit 1101 room.", ("惠泽小区", 29, 3, "1101")),
    ("the old lady in Wanquan 17 is not answering", ("万泉佳苑", 17, None, None)),
    ("The elevator in Binhe No1 City building 8 closes too fast", ("滨河第一城", 8, None, None)),
    ("Binhe 1 City building 4", ("滨河第一城", 4, None, None)),
    ("we moved to Wanquan 3 days ago", ("万泉佳苑", None, None, None)),
    # holdout_53/54: house and tower for a building, a unit-room pair later in the message, "1 unit, 202",
    # "Logistics compound", a homophone name before a gate (慧泽东门)
    ("Dongyang Logistics, house 7, entrance 1.", ("东阳物流小区", 7, 1, None)),
    ("Lift stopped in Wanquan Jiayuan tower 20, unit 2", ("万泉佳苑", 20, 2, None)),
    ("Huize building 21 - smoke coming from under the door of 3-402", ("惠泽小区", 21, 3, "402")),
    ("Gas pipe hissing. Huize No.8 building, 1 unit, 202", ("惠泽小区", 8, 1, "202")),
    ("trucks unloading near building 3 of Logistics compound at night", ("东阳物流小区", 3, None, None)),
    ("慧泽东门进来那一排路灯坏了", ("惠泽小区", None, None, None)),
]

MISSPELT: list[tuple[str, Where]] = [
    ("慧泽12号楼", ("惠泽小区", 12, None, None)),
    ("瑞星3号楼", ("瑞兴小区", 3, None, None)),
    ("瑞新小区3号楼", ("瑞兴小区", 3, None, None)),
    ("宾河第一城", ("滨河第一城", None, None, None)),
    ("滨河第城3号楼", ("滨河第一城", 3, None, None)),
    ("滨河1城12号楼", ("滨河第一城", 12, None, None)),
    ("万全佳苑的凉亭", ("万泉佳苑", None, None, None)),
    ("万泉家苑2号楼", ("万泉佳苑", 2, None, None)),
    ("东洋物流小区", ("东阳物流小区", None, None, None)),
    ("民鑫家园", ("民馨家园", None, None, None)),
    ("民心家园", ("民馨家园", None, None, None)),
]

NOT_A_PLACE: list[tuple[str, Where]] = [
    ("我家住五楼 电梯坏了", (None, None, None, None)),
    ("put the rubbish in the bin he said", (None, None, None, None)),
    # a parking bay's code, an emergency number said after the address (holdout_33)
    ("万泉佳苑地下车库B2-115车位被占了", ("万泉佳苑", None, None, None)),
    ("惠泽小区5号楼3单元 120已经叫了", ("惠泽小区", 5, 3, None)),
    ("滨河一城2号楼1单元，110马上到", ("滨河第一城", 2, 1, None)),
    ("惠泽小区5楼电梯坏了", ("惠泽小区", None, None, None)),
    ("3层的灯坏了", (None, None, None, None)),
    ("3月5号开始就没水了", (None, None, None, None)),
    ("从3号开始暖气就不热", (None, None, None, None)),
    ("惠泽小区3号停水", ("惠泽小区", None, None, None)),
    ("电话13847121234 惠泽小区", ("惠泽小区", None, None, None)),
    ("等了3天了 惠泽小区", ("惠泽小区", None, None, None)),
    ("楼道里停着三辆电动车", (None, None, None, None)),
    ("三栋楼都停水了", (None, None, None, None)),
    ("惠泽两栋楼都没暖气", ("惠泽小区", None, None, None)),
    ("100户居民", (None, None, None, None)),
    ("卖了500块 惠泽", ("惠泽小区", None, None, None)),
    ("12号楼 2024年装的电梯", (None, 12, None, None)),
    ("It's been 20 minutes, for 3 days", (None, None, None, None)),
    ("惠泽小区88号楼", ("惠泽小区", None, None, None)),
    ("瑞兴小区11号楼", ("瑞兴小区", None, None, None)),
    ("和平小区3号楼", (None, 3, None, None)),
    ("东门口有垃圾", (None, None, None, None)),
    ("民馨路街道办", (None, None, None, None)),
    ("滨河路上有个坑", (None, None, None, None)),
    ("物流公司的车", (None, None, None, None)),
    ("万一着火了", (None, None, None, None)),
    ("万全之策", (None, None, None, None)),
]

# A second battery written for issue 3: spacing, Traditional, typos, English, out-of-range buildings,
# unit-room pairs, and numbers that are floors, dates, phones, prices, temperatures or streets.
HARDER: list[tuple[str, Where]] = [
    ("惠泽小区12号楼3单元501室 暖气不热", ("惠泽小区", 12, 3, "501")),
    ("惠泽12号楼三单元五零一", ("惠泽小区", 12, 3, "501")),  # read since holdout_12 (was left None)
    ("滨河第一城12栋2-301", ("滨河第一城", 12, 2, "301")),
    ("滨河一城12栋2单元301", ("滨河第一城", 12, 2, "301")),
    ("万泉12幢3单元1102 漏水", ("万泉佳苑", 12, 3, "1102")),
    ("第12栋楼下", (None, 12, None, None)),
    ("12座楼下的垃圾", (None, 12, None, None)),
    ("惠泽12 号楼 3 单元", ("惠泽小区", 12, 3, None)),
    ("惠澤12號樓3單元", ("惠泽小区", 12, 3, None)),
    ("萬泉佳苑３號樓", ("万泉佳苑", 3, None, None)),
    ("濱河第一城5棟", ("滨河第一城", 5, None, None)),
    ("民馨家园15号楼", ("民馨家园", None, None, None)),
    ("物流小区九号楼", ("东阳物流小区", None, None, None)),
    ("东阳物流小区8号楼1单元", ("东阳物流小区", 8, 1, None)),
    ("瑞兴10号楼", ("瑞兴小区", 10, None, None)),
    ("3单元501 楼道灯坏了", (None, None, 3, "501")),
    ("501室的邻居", (None, None, None, "501")),
    ("住五楼 电梯坏了", (None, None, None, None)),
    ("我家5楼 水压小", (None, None, None, None)),
    ("3月5号开始就不热", (None, None, None, None)),
    ("从3号开始停水", (None, None, None, None)),
    ("电话13812345678", (None, None, None, None)),
    ("打了三天电话 12点多还没来", (None, None, None, None)),
    ("等了20分钟", (None, None, None, None)),
    ("一平米28块 100平米", (None, None, None, None)),
    ("第3次报修了", (None, None, None, None)),
    ("屋里才12度", (None, None, None, None)),
    ("8点半到10点", (None, None, None, None)),
    ("2023年买的房", (None, None, None, None)),
    ("打119 打120", (None, None, None, None)),
    ("滨河路上的路灯", (None, None, None, None)),
    ("东阳物流公司的车", (None, None, None, None)),
    ("慧泽小区3号楼", ("惠泽小区", 3, None, None)),
    ("瑞星小区", ("瑞兴小区", None, None, None)),
    ("万全佳苑", ("万泉佳苑", None, None, None)),
    ("宾河第一城", ("滨河第一城", None, None, None)),
    ("民心家园", ("民馨家园", None, None, None)),
    ("东洋物流小区", ("东阳物流小区", None, None, None)),
    ("huize building 3", ("惠泽小区", 3, None, None)),
    ("Ruixing bldg 2 unit 1 room 302", ("瑞兴小区", 2, 1, "302")),
    ("Binhe No.1 City, Building 12, Unit 2, Room 1501", ("滨河第一城", 12, 2, "1501")),
    ("Wanquan Jiayuan block 7", ("万泉佳苑", 7, None, None)),
    ("apt 502 in building 4", (None, 4, None, "502")),
    ("I live on the 5th floor of building 8", (None, 8, None, None)),
    ("Minxin building 3, 2nd floor", ("民馨家园", 3, None, None)),
    ("惠泽小区的12号楼", ("惠泽小区", 12, None, None)),
    ("惠泽这边12号楼", ("惠泽小区", 12, None, None)),
    ("我家在万泉 十一栋二单元", ("万泉佳苑", 11, 2, None)),
    ("万泉11-2-1201", ("万泉佳苑", 11, 2, "1201")),
    ("11-2-1201 万泉佳苑", ("万泉佳苑", 11, 2, "1201")),
    ("滨河1城7号楼", ("滨河第一城", 7, None, None)),
    ("滨河小区7号楼", ("滨河第一城", 7, None, None)),
    ("惠泽社区26号楼", ("惠泽小区", 26, None, None)),
    ("惠泽26号院", ("惠泽小区", None, None, None)),
    ("12号楼2门", (None, 12, 2, None)),
    ("12号楼2门口的灯", (None, 12, 2, None)),  # right after a building: unit 2's door
    ("12栋三门前面停满了车", (None, 12, 3, None)),
    ("3号楼东边", (None, 3, None, None)),
    ("三号楼和四号楼中间", (None, 3, None, None)),
    ("三楼的住户", (None, None, None, None)),
    ("十八楼", (None, None, None, None)),
    ("顶楼六楼", (None, None, None, None)),
    ("1#楼", (None, 1, None, None)),
    ("惠泽1#2单元", ("惠泽小区", 1, 2, None)),
    ("两个单元", (None, None, None, None)),
    ("老人七十多了", (None, None, None, None)),
    ("八十八岁", (None, None, None, None)),
    ("交了500块", (None, None, None, None)),
    ("1502室", (None, None, None, "1502")),
    ("1502 房间", (None, None, None, "1502")),
    ("民馨7栋2单元1502室", ("民馨家园", 7, 2, "1502")),
    ("民馨7栋1502", ("民馨家园", 7, None, "1502")),
    ("惠泽二十号楼", ("惠泽小区", 20, None, None)),
    ("惠泽小区卅号楼", ("惠泽小区", None, None, None)),
    ("惠泽小区三十七号楼", ("惠泽小区", 37, None, None)),
    ("惠泽小区38号楼", ("惠泽小区", None, None, None)),
    ("万泉佳苑南门", ("万泉佳苑", None, None, None)),
    ("万泉路", (None, None, None, None)),
    ("瑞兴路口", (None, None, None, None)),
    ("民馨路街道", (None, None, None, None)),
]

ANSWERS: list[tuple[str, Where]] = [
    ("惠泽12号楼3单元", ("惠泽小区", 12, 3, None)),
    ("12栋", (None, 12, None, None)),
    ("惠泽 12", ("惠泽小区", 12, None, None)),
    ("12", (None, 12, None, None)),
    ("惠泽小区 12-3-501", ("惠泽小区", 12, 3, "501")),
    ("12 3 501", (None, 12, 3, "501")),
    ("惠泽", ("惠泽小区", None, None, None)),
    ("瑞兴 88", ("瑞兴小区", None, None, None)),
    ("不知道", (None, None, None, None)),
    ("", (None, None, None, None)),
]


@pytest.fixture(scope="module")
def parser() -> Parser:
    return build_parser()


def _where(parser: Parser, text: str, answer: bool = False) -> Where:
    p = parser.parse_place(text) if answer else parser.parse(text).place
    return p.community, p.building, p.unit, p.room


@pytest.mark.parametrize(("text", "where"), IN_MESSAGES)
def test_building_unit_and_room_are_read_in_every_common_form(
        parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


@pytest.mark.parametrize(("text", "where"), ENGLISH)
def test_english_and_pinyin_names_and_numbers_are_read(
        parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


@pytest.mark.parametrize(("text", "where"), MISSPELT)
def test_misspelt_and_homophone_estate_names_are_recognised(
        parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


@pytest.mark.parametrize(("text", "where"), NOT_A_PLACE)
def test_floors_dates_phones_counts_and_unknown_buildings_are_not_places(
        parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


@pytest.mark.parametrize(("text", "where"), ANSWERS)
def test_answers_to_which_estate_and_building_are_read(
        parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text, answer=True) == where


@pytest.mark.parametrize(("text", "where"), HARDER)
def test_harder_forms_and_traps_are_read_or_refused(parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


# Forms and traps from tests/unit/data/holdout_6..9.jsonl (written blind, issue 3).
FROM_NEW_SETS: list[tuple[str, Where]] = [
    ("宾河第一城12号楼3门前面 有辆车天天停在单元门正前方", ("滨河第一城", 12, 3, None)),  # 3门前 after a building
    ("惠泽小区9#2门 楼道里好大的焦糊味", ("惠泽小区", 9, 2, None)),
    ("万泉佳苑12号楼２单元的声控灯", ("万泉佳苑", 12, 2, None)),
    ("惠泽30栋2单元1502室 门禁对讲不响", ("惠泽小区", 30, 2, "1502")),
    ("东阳物流4-1-201 楼上天天往下扔烟头", ("东阳物流小区", 4, 1, "201")),
    ("minxin 3栋楼下的烧烤店", ("民馨家园", 3, None, None)),
    ("蕙泽7幢电梯停了两天了", ("惠泽小区", 7, None, None)),
    ("东洋物流6号楼的暖气阀门坏了", ("东阳物流小区", 6, None, None)),
    ("万全佳苑15#楼今天又停水", ("万泉佳苑", 15, None, None)),
    ("汇泽小区门口的公厕", ("惠泽小区", None, None, None)),
    ("The dog in 6-2-401 barks all day", (None, 6, 2, "401")),
    ("Huize Estate, Building 5, Unit 2, Room 301 - the kitchen drain is blocked", ("惠泽小区", 5, 2, "301")),
    ("Wanquan Jiayuan Bldg 8, the elevator doors don't close", ("万泉佳苑", 8, None, None)),
    ("The power goes off every time it rains. Ruixing building 8 unit 1.", ("瑞兴小区", 8, 1, None)),
    ("惠泽小区12层的消防栓箱子是空的", ("惠泽小区", None, None, None)),  # a floor after the name
    ("1楼到6楼楼道灯都不亮 3单元的", (None, None, 3, None)),
    ("电梯到12楼就不走了", (None, None, None, None)),
    ("12路公交站那段路全是坑", (None, None, None, None)),
    ("车牌蒙A·12345 电话打了没人接", (None, None, None, None)),
    ("3月5号去社区办居住证 我电话13847112345", (None, None, None, None)),
    ("暖气费一平米多少钱 我家120平", (None, None, None, None)),
    ("有个人在滨河路边上遛狗不拴绳", (None, None, None, None)),  # a street, not the estate
    ("东阳物流公司门口的垃圾堆了一个礼拜了", (None, None, None, None)),  # a company
]


@pytest.mark.parametrize(("text", "where"), FROM_NEW_SETS)
def test_forms_and_traps_from_the_newer_held_out_sets(parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


# Forms from tests/unit/data/holdout_12.jsonl (elderly, dialect): a room read out digit by digit
# in Chinese numerals after a unit or building (五零一, 〇, 幺 for one), and what must stay no room.
SPOKEN_ROOMS: list[tuple[str, Where]] = [
    ("惠泽小区七号楼二单元六零三 暖气不热", ("惠泽小区", 7, 2, "603")),
    ("瑞兴小区五号楼一单元三〇二", ("瑞兴小区", 5, 1, "302")),
    ("万泉佳苑十四号楼三单元幺零幺室 楼上漏水", ("万泉佳苑", 14, 3, "101")),
    ("民馨家园九号楼四单元一二零一 电梯坏了", ("民馨家园", 9, 4, "1201")),
    ("滨河一城3号楼2单元七零二 门口堆的东西", ("滨河第一城", 3, 2, "702")),
    ("东阳物流6号楼二零一室", ("东阳物流小区", 6, None, "201")),
    ("惠泽小区八号楼三单元五楼", ("惠泽小区", 8, 3, None)),  # a floor, not a room
    ("惠泽小区八号楼三单元一二三四五六都停水了", ("惠泽小区", 8, 3, None)),  # a list, not a room
    ("瑞兴小区二单元三零零", ("瑞兴小区", None, 2, None)),  # no such room number
]


@pytest.mark.parametrize(("text", "where"), SPOKEN_ROOMS)
def test_a_room_read_out_in_chinese_numerals_is_read(parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


# holdout_14: building-unit written "4-3" right after the estate's name (English or Chinese);
# a date after the name, or a pair elsewhere, is no place.
NAME_PAIRS: list[tuple[str, Where]] = [
    ("Huize 4-3. The stairwell light is out", ("惠泽小区", 4, 3, None)),
    ("Ruixing 6-2, the drain is blocked again", ("瑞兴小区", 6, 2, None)),
    ("万泉佳苑 9-1 楼道灯坏了", ("万泉佳苑", 9, 1, None)),
    ("惠泽12-2的电梯停了", ("惠泽小区", 12, 2, None)),
    ("惠泽 3-15停水了吗", ("惠泽小区", None, None, None)),  # no unit 15: a date
    ("万泉佳苑 5-1放假吗", ("万泉佳苑", None, None, None)),  # May Day
    ("滨河一城 8-3号开始维修", ("滨河第一城", None, None, None)),
]


@pytest.mark.parametrize(("text", "where"), NAME_PAIRS)
def test_building_and_unit_as_a_pair_after_the_estate_name(parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


@pytest.mark.parametrize(("text", "where"), [
    ("單元門口停著一輛車 5號樓2單元", (None, 5, 2, None)),
])
def test_traditional_zhe_is_read_as_the_particle(parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


# holdout_15: a room right after a unit written as "2门" (the dev set's 单元 by another name);
# a 门 that is a gate, or a number that is no room, stays out.
ROOM_AFTER_MEN: list[tuple[str, Where]] = [
    # holdout_41: a unit and a door in Chinese numerals
    ("民馨三号楼二门 水压低", ("民馨家园", 3, 2, None)),
    ("5号楼二门302漏水", (None, 5, 2, "302")),
    # holdout_46: a room right after its floor
    ("暴雨倒灌 我家一楼101 民馨家园5号楼1单元", ("民馨家园", 5, 1, "101")),
    ("惠泽小区12号楼3门501 暖气不热", ("惠泽小区", 12, 3, "501")),
    ("瑞兴小区6号楼1门 402 楼上漏水", ("瑞兴小区", 6, 1, "402")),
    ("万泉佳苑9栋2门1102的住户", ("万泉佳苑", 9, 2, "1102")),
    ("东阳物流小区3号楼2门 300块的维修费", ("东阳物流小区", 3, 2, None)),  # money, not a room
    ("惠泽小区东门 302路公交站旁边", ("惠泽小区", None, None, None)),  # a gate and a bus line
]


@pytest.mark.parametrize(("text", "where"), ROOM_AFTER_MEN)
def test_a_room_right_after_a_unit_written_as_men(parser: Parser, text: str, where: Where) -> None:
    assert _where(parser, text) == where


def test_a_business_park_named_like_an_estate_is_not_the_estate() -> None:
    """holdout_23: 物流园 (a logistics park) is not 东阳物流小区, whose short name is 物流."""
    parser = build_parser()
    assert parser.parse("我在物流园干了五年 失业金咋领").place.community is None
    assert parser.parse("物流小区5号楼停水了").place.community == "东阳物流小区"
