"""The digest chart: plain numbers in, PNG bytes out; no database, no Telegram.

matplotlib is imported inside the functions: it costs ~0.4 s and only the daily digest needs it,
so `bot.py` start-up and `bot.py parse` stay fast. The CJK font is the file the mplfonts package
ships, registered by path, so the picture does not depend on what fonts the machine happens to have.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from domain.rates import DayCount, GridRates

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FONT_FILE = "NotoSansCJKsc-Regular.otf"
WIDTH_PX, DPI = 1080, 180  # 6 in wide: text stays large once a phone shrinks the photo to ~400 css px
TOP_IN, PER_GRID_IN, BOTTOM_BASE_IN = 3.9, 0.76, 1.5  # panel heights in inches
INK, MUTED, RULE = "#2B2B2B", "#6B6B6B", "#E3E3E3"
TREND_COLOURS = ("#3E6FA8", "#4F9A6A")  # new, resolved: blue and green, also told apart by marker and dash
RATE_COLOURS = ("#6C9BC7", "#7FB38C", "#E0A45E")  # response, resolution, satisfaction

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "new": "新诉求", "resolved": "办结",
        "response": "响应率", "resolution": "解决率", "satisfaction": "满意率",
        "daily": "每日新诉求与办结", "trend": "近{n}天：新诉求 {new} 件，办结 {resolved} 件",
        "rates": "各网格三率（%）", "empty": "暂无数据",
        "none": "— 暂无", "note": "“—” 表示暂无可统计的诉求",
    },
    "en": {
        "new": "New", "resolved": "Resolved",
        "response": "Response", "resolution": "Resolution", "satisfaction": "Satisfaction",
        "daily": "New vs resolved by day", "trend": "Last {n} days: {new} new, {resolved} resolved",
        "rates": "Rates by grid (%)", "empty": "No data",
        "none": "— none", "note": "“—” means nothing to rate yet",
    },
}

_render_lock = threading.Lock()  # rc_context edits matplotlib's global rcParams: one render at a time



def font_path() -> Path:
    """The CJK font file shipped by mplfonts; found without importing it (its import pulls in matplotlib)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the digest chart needs the 'mplfonts' package (pip install mplfonts)")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"CJK font {FONT_FILE} is missing from mplfonts: {path}")
    return path


@cache
def _font_family() -> str:
    """Register the font file with matplotlib once and return the family name to ask for."""
    from matplotlib import font_manager

    path = str(font_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def render_digest_chart(title: str, days: list[DayCount], grids: list[GridRates], lang: str = "zh") -> bytes:
    """Two panels on one phone-sized PNG: the daily trend of new vs resolved, and the three rates by grid."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, not {lang!r}")
    _check_rates(grids)
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    text = LABELS[lang]
    bottom_in = height_in(len(grids)) - TOP_IN
    with _render_lock, rc_context(_style()):
        fig = Figure(figsize=(WIDTH_PX / DPI, height_in(len(grids))), dpi=DPI, layout="constrained")
        fig.get_layout_engine().set(h_pad=0.16)  # air between the two panels
        FigureCanvasAgg(fig)
        fig.suptitle(title, fontsize=20)
        top, bottom = fig.subplots(2, 1, height_ratios=[TOP_IN, bottom_in])
        _draw_trend(top, sorted(days, key=lambda d: d.day), text)
        _draw_rates(bottom, grids, text)
        out = BytesIO()
        fig.savefig(out, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return out.getvalue()


def height_in(grids: int) -> float:
    """The picture grows a band per grid, so bars stay thick enough to read with many grids."""
    return TOP_IN + BOTTOM_BASE_IN + PER_GRID_IN * max(grids, 1)


def _style() -> dict[str, object]:
    """Our font for all text (ticks, legends too) in calm dark grey; `$` in a name stays a dollar, not maths."""
    return {"font.family": "sans-serif", "font.sans-serif": [_font_family()], "font.size": 14,
            "axes.unicode_minus": False, "text.parse_math": False, "axes.edgecolor": MUTED,
            "text.color": INK, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK}


def _check_rates(grids: list[GridRates]) -> None:
    """A rate outside 0..1 is a caller's bug (a percent passed as a fraction?): say so, don't draw it."""
    for g in grids:
        for value in (g.response, g.resolution, g.satisfaction):
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"rate for {g.grid} must be a fraction 0..1 or None, got {value!r}")


def _draw_trend(ax: Axes, days: list[DayCount], text: dict[str, str]) -> None:
    """Lines over real calendar offsets, so a missing day shows as a gap in the axis, not a squeeze."""
    if not days:
        _empty(ax, text["daily"], text)
        return
    from matplotlib.ticker import MaxNLocator

    ax.set_title(text["trend"].format(n=len(days), new=sum(d.new for d in days),
                                      resolved=sum(d.resolved for d in days)), loc="left", fontsize=15, pad=30)
    x = [(d.day - days[0].day).days for d in days]
    for key, colour, marker, style in (("new", TREND_COLOURS[0], "o", "-"),
                                       ("resolved", TREND_COLOURS[1], "s", "--")):
        ax.plot(x, [getattr(d, key) for d in days], color=colour, marker=marker, linestyle=style,
                linewidth=2.6, markersize=7, label=text[key])
    dated = list(zip(x, days, strict=True))
    shown = dated[::-1][::2][::-1] if len(dated) > 8 else dated  # every other date when crowded, always the latest
    ax.set_xticks([i for i, _ in shown], [d.day.strftime("%m/%d") for _, d in shown], fontsize=12)
    ax.set_xlim(-0.5, x[-1] + 0.5)
    ax.set_ylim(bottom=0, top=max(max(d.new, d.resolved) for d in days) * 1.08 + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.grid(axis="y", color=RULE)
    ax.spines[["top", "right"]].set_visible(False)
    _legend_on_top(ax, ncols=2)


def _draw_rates(ax: Axes, grids: list[GridRates], text: dict[str, str]) -> None:
    """Grouped horizontal bars with the percent written at each bar's end, so nobody reads the axis."""
    if not grids:
        _empty(ax, text["rates"], text)
        return
    ax.set_title(text["rates"], loc="left", fontsize=15, pad=30)
    height, missing = 0.26, False
    for k, (key, colour) in enumerate(zip(("response", "resolution", "satisfaction"), RATE_COLOURS, strict=True)):
        ys = [i + (k - 1) * height for i in range(len(grids))]
        values = [getattr(g, key) for g in grids]
        ax.barh(ys, [0 if v is None else v * 100 for v in values], height=height * 0.92, color=colour,
                label=text[key])
        for g, y, v in zip(grids, ys, values, strict=True):
            if v is not None:
                ax.text(v * 100 + 1.5, y, f"{v * 100:.0f}%", va="center", fontsize=12)
            elif k == 1 or not _unrated(g):  # a grid with nothing at all gets one dash, in the middle
                ax.text(1.5, y, text["none"], va="center", fontsize=12, color=MUTED)
            missing = missing or v is None
    ax.set_yticks(range(len(grids)), [g.grid for g in grids], fontsize=14)
    ax.set_ylim(len(grids) - 0.5, -0.5 - height)  # first grid on top, as given
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"], fontsize=12)
    ax.grid(axis="x", color=RULE)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right"]].set_visible(False)
    _legend_on_top(ax, ncols=3)
    if missing:
        ax.set_xlabel(text["note"], loc="left", fontsize=12, color=MUTED, labelpad=8)


def _unrated(g: GridRates) -> bool:
    """True when a grid had nothing to rate on any of the three counts."""
    return g.response is None and g.resolution is None and g.satisfaction is None


def _legend_on_top(ax: Axes, ncols: int) -> None:
    """The colour key between a panel's title and its plot: read before the data, never over it."""
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=ncols, frameon=False, fontsize=14,
              borderaxespad=0.1, borderpad=0.1, handlelength=2.0, handletextpad=0.5, columnspacing=1.2)


def _empty(ax: Axes, title: str, text: dict[str, str]) -> None:
    """A panel that says there is nothing yet, rather than an empty frame or an exception."""
    ax.set_title(title, fontsize=15)
    ax.text(0.5, 0.5, text["empty"], ha="center", va="center", fontsize=20, color=MUTED, transform=ax.transAxes)
    ax.set_axis_off()
