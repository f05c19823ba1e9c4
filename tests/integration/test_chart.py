"""The digest chart through real matplotlib and the real CJK font file: a PNG that decodes, and no tofu."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from app import chart
from app.chart import DayCount, GridRates, render_digest_chart

PIL = pytest.importorskip("PIL.Image")  # matplotlib depends on Pillow, so it is there whenever the chart can run
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parents[2]
TITLE = "惠泽社区 每日简报 11月22日"
DAYS = [DayCount(date(2026, 11, 9) + timedelta(days=i), new, done)
        for i, (new, done) in enumerate(zip([12, 9, 15, 11, 8, 6, 14, 17, 13, 10, 9, 7, 16, 12],
                                            [10, 11, 12, 9, 10, 7, 9, 13, 15, 11, 8, 9, 11, 13], strict=True))]
GRIDS = [GridRates("惠泽一网格", 0.96, 0.88, 0.92), GridRates("惠泽二网格", 0.91, 0.79, 0.85),
         GridRates("惠泽三网格", 0.83, 0.71, None), GridRates("民馨一网格", None, None, None)]


@contextmanager
def matplotlib_complaints(caplog: pytest.LogCaptureFixture) -> Iterator[list[str]]:
    """Every warning and log record matplotlib raises meanwhile: missing glyphs warn, font fallbacks log."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.INFO, logger="matplotlib"):
        warnings.simplefilter("always")
        yield found
    found += [str(w.message) for w in caught]
    found += [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib") and r.levelno >= logging.WARN]


def size(png: bytes) -> tuple[int, int]:
    """Width and height as a real decoder sees them; it raises on a broken file."""
    with PIL.open(BytesIO(png)) as image:
        image.load()
        return image.size


def expected_height(grids: int) -> int:
    """The layout's promise: a fixed trend panel plus a band per grid, at 1080 px wide."""
    return int(chart.height_in(grids) * chart.DPI)


@pytest.fixture(scope="module")
def sample() -> bytes:
    return render_digest_chart(TITLE, DAYS, GRIDS)


def test_the_chart_is_a_phone_sized_png_that_decodes(sample: bytes) -> None:
    assert sample.startswith(PNG_SIGNATURE)
    assert size(sample) == (1080, expected_height(len(GRIDS)))


def test_chinese_labels_render_without_a_missing_glyph(caplog: pytest.LogCaptureFixture) -> None:
    with matplotlib_complaints(caplog) as complaints:
        render_digest_chart(TITLE, DAYS, GRIDS, lang="zh")
    assert complaints == []


def test_the_complaint_check_would_catch_a_glyph_the_font_lacks(caplog: pytest.LogCaptureFixture) -> None:
    """Mongolian script is not in Noto Sans CJK SC: proof the check above can fail (and a known limit)."""
    with matplotlib_complaints(caplog) as complaints:
        render_digest_chart("ᠮᠣᠩᠭᠣᠯ", [], [])
    assert any("missing from font" in c for c in complaints)


def test_text_is_set_in_the_font_file_mplfonts_ships_not_a_system_font(sample: bytes) -> None:
    from matplotlib import font_manager

    path = chart.font_path()
    assert path.name == chart.FONT_FILE and path.parent.parent.name == "mplfonts"
    family = font_manager.FontProperties(family=chart._font_family())
    assert Path(font_manager.findfont(family, fallback_to_default=False)) == path


def test_no_days_and_no_grids_still_give_a_no_data_picture(caplog: pytest.LogCaptureFixture) -> None:
    with matplotlib_complaints(caplog) as complaints:
        png = render_digest_chart(TITLE, [], [])
    assert size(png) == (1080, expected_height(0))
    assert complaints == []


def test_missing_rates_render_as_a_dash_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    with matplotlib_complaints(caplog) as complaints:
        png = render_digest_chart(TITLE, DAYS[-2:], [GridRates("民馨二网格", None, 0.5, None)])
    assert png.startswith(PNG_SIGNATURE)
    assert complaints == []


def test_english_labels_render_too(caplog: pytest.LogCaptureFixture) -> None:
    with matplotlib_complaints(caplog) as complaints:
        png = render_digest_chart("Huize: daily digest", DAYS, GRIDS, lang="en")
    assert size(png)[0] == 1080
    assert complaints == []


@pytest.mark.parametrize("call", [
    lambda: render_digest_chart(TITLE, DAYS, [GridRates("惠泽一网格", 96.0, 0.88, 0.92)]),
    lambda: render_digest_chart(TITLE, DAYS, GRIDS, lang="mn"),
], ids=["a percent passed as a fraction", "an unknown language"])
def test_a_callers_mistake_is_refused_loudly(call: Callable[[], bytes]) -> None:
    with pytest.raises(ValueError):
        call()


def test_a_missing_font_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart, "FONT_FILE", "NoSuchFont.otf")
    with pytest.raises(RuntimeError, match=r"NoSuchFont\.otf is missing"):
        chart.font_path()


def test_renders_leave_matplotlib_settings_and_pyplot_alone(sample: bytes) -> None:
    """Only the keys we set: reading rcParams["backend"] would itself import pyplot."""
    import matplotlib

    touched = list(chart._style())
    before = {key: matplotlib.rcParams[key] for key in touched}
    render_digest_chart(TITLE, [], GRIDS[:1])
    assert {key: matplotlib.rcParams[key] for key in touched} == before
    assert "matplotlib.pyplot" not in sys.modules


def test_concurrent_renders_give_the_same_picture_as_one_alone(sample: bytes) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        pictures = list(pool.map(lambda _: render_digest_chart(TITLE, DAYS, GRIDS), range(3)))
    assert all(p == sample for p in pictures)


def test_importing_the_module_does_not_import_matplotlib() -> None:
    """The bot's start-up and `bot.py parse` must not pay ~0.4 s for a chart they never draw."""
    code = "import sys, app.chart; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
