"""Which community a message names: exact alias, homophone typo (慧泽→惠泽), or near miss.

Residents type with pinyin keyboards, so most misspellings are homophones. At start-up every
character that sounds like a character of a community name is mapped to it (from pypinyin's
table, read once); a message is then keyed with one `str.translate` and searched for the keyed
names. Near misses that are not exact homophones (瑞新小区, 滨河第城) are tried with rapidfuzz
only next to an anchor such as 小区 and only when nothing else matched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from domain.normalize import normalize, package_file
from domain.org import District

TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")
DIGITS = {ord(d): c for d, c in zip("0123456789", "零一二三四五六七八九", strict=True)}
NUMBER_CHARS = set("0123456789零〇一二两三四五六七八九十")
# pinyin syllables that are English words: "bin he" spelled apart would find 滨河 in "the bin he left"
ENGLISH_WORDS = {"he", "bin", "min", "an", "men", "fan", "pin", "tan", "ten", "long", "sun", "gun", "bang", "hang",
                 "ban", "dun", "ran", "pen", "den", "hen", "wan"}


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@cache
def pinyin_table() -> dict[str, str]:
    """pypinyin's character readings ('12295' → 'líng,yuán'), read without importing pypinyin."""
    path = package_file("pypinyin", "pinyin_dict.json")
    if path is None:
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def loose(reading: str) -> str:
    """A toneless reading with the sounds northern and southern typists confuse folded together."""
    r = reading.translate(TONES)
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ing", "in"), ("eng", "en")):
        r = r.replace(a, b)
    return "l" + r[1:] if r.startswith("n") else r


def sound_tables(chars: Iterable[str]) -> tuple[dict[int, str], dict[int, str], dict[str, str]]:
    """(homophone table, loose-homophone table, toneless pinyin of each name character)."""
    raw = pinyin_table()
    exact: dict[str, str] = {}
    fuzzy: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for ch in sorted(set(chars)):
        readings = raw.get(str(ord(ch)), "").split(",")
        if readings[0]:
            spelled[ch] = readings[0].translate(TONES)
        for r in filter(None, readings):
            exact.setdefault(r, ch)
            fuzzy.setdefault(loose(r), ch)
    table: dict[int, str] = dict(DIGITS)
    loose_table: dict[int, str] = dict(DIGITS)
    for code, readings in raw.items():
        rs = readings.split(",")
        hit = next((exact[r] for r in rs if r in exact), None)
        if hit:
            table[int(code)] = hit
        hit = next((fuzzy[k] for k in map(loose, rs) if k in fuzzy), None)
        if hit:
            loose_table[int(code)] = hit
    return table, loose_table, spelled


class CommunityFinder:
    """Finds the canonical community named in a normalised message, and where the name ends."""

    def __init__(self, district: District, spec: Mapping[str, Any]) -> None:
        names: dict[str, str] = {}
        for c in district.communities.values():
            for name in (c.name, c.en, *c.aliases):
                names[normalize(name)] = c.name
        chinese = [n for n in names if not n.isascii()]
        self.table, self.loose_table, spelled = sound_tables("".join(chinese))
        for name in chinese:  # pinyin spellings: huize, huizexiaoqu, and syllable by syllable (dong yang)
            if all(ch in spelled for ch in name):
                syllables = [spelled[ch] for ch in name]
                names.setdefault("".join(syllables), names[name])
                if len(syllables) > 1 and not ENGLISH_WORDS.intersection(syllables):
                    names.setdefault(" ".join(syllables), names[name])
        self.names = names
        keyed: dict[str, list[str]] = {}
        for n in names:
            keyed.setdefault(n.translate(self.table), []).append(n)
        self.keyed = keyed
        alternatives = sorted(keyed, key=len, reverse=True)  # longest first at each position
        self.pattern = re.compile("(?=(" + "|".join(map(re.escape, alternatives)) + "))")
        self.suffixes = set(spec.get("suffix_chars") or "小社家佳花") | NUMBER_CHARS
        self.stop_after: tuple[str, ...] = tuple(spec.get("stop_after") or ())
        self.never_after: tuple[str, ...] = tuple(spec.get("never_after") or ())  # 东阳物流公司
        anchors = tuple(spec.get("anchors") or ("小区",))
        self.anchors = tuple(a.translate(self.loose_table) for a in anchors)  # keyed like text
        self.near = [(n, n.translate(self.loose_table)) for n in chinese if n.endswith(anchors)]
        self.distance = _levenshtein()

    def __getstate__(self) -> dict[str, object]:
        """Picklable (the built parser is cached between start-ups): rapidfuzz's function is not."""
        return {k: v for k, v in self.__dict__.items() if k != "distance"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.distance = _levenshtein()

    def find(self, text: str) -> tuple[str | None, int]:
        """(canonical name or None, index just after the name in `text`)."""
        for m in self.pattern.finditer(text.translate(self.table)):
            start, end = m.start(), m.end(1)
            if start and text[start].isascii() and _word_char(text[start - 1]):
                continue  # inside an English word
            for name in self.keyed[m[1]]:
                if self._plausible(text, start, end, name):
                    return self.names[name], end
        return self._near_miss(text)

    def _plausible(self, text: str, start: int, end: int, name: str) -> bool:
        """A sound-alike match counts if half its characters are exact; a short one needs a
        suffix (瑞星小区, 瑞星3号楼), an exact short one must not be a street (滨河路), and no
        name may be the start of a company's (东阳物流公司)."""
        exact = sum(a == b for a, b in zip(text[start:end], name, strict=False))
        if exact * 2 < len(name):
            return False
        after = text[end:end + 2]
        if exact == len(name):
            return not after.startswith(self.stop_after if len(name) <= 2 else self.never_after)
        return len(name) > 2 or (after[:1] in self.suffixes)

    def _near_miss(self, text: str) -> tuple[str | None, int]:
        """Loosely sound-alike or one-edit-off names, tried only where an anchor (小区) ends
        (the first few of each: a message names an estate once or twice, not hundreds of times)."""
        keyed = text.translate(self.loose_table)
        for anchor in self.anchors:
            end = keyed.find(anchor)
            for _ in range(4):
                if end < 0:
                    break
                end += len(anchor)
                for name, key in self.near:
                    if key.endswith(anchor) and self._close(text, keyed, end, name, key):
                        return self.names[name], end
                end = keyed.find(anchor, end)
        return None, 0

    def _close(self, text: str, keyed: str, end: int, name: str, key: str) -> bool:
        """Same loose sound with half the characters exact, or (long names) one edit away."""
        size = len(key)
        if keyed[max(end - size, 0):end] == key:
            return sum(a == b for a, b in zip(text[end - size:end], name, strict=False)) * 2 >= size
        if size < 5:
            return False
        return any(self.distance(keyed[max(end - w, 0):end], key) <= 1
                   for w in (size - 1, size, size + 1))


def _levenshtein() -> Callable[[str, str], int]:
    from rapidfuzz.distance import Levenshtein  # lazily: only a parser needs it

    return Levenshtein.distance  # type: ignore[no-any-return]
