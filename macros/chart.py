"""The Index071 chart: one bar per Index edition on a value axis from 0, with the base year's
value (base year = 100) as a labelled dashed line. Bars start at 0, so a rise of 3 points looks
like 3 points and not like a doubling.

Pure Python that writes SVG text, so the site and the print edition draw the same chart without
a plotting library. Every text is escaped; the chart names itself with <title> and <desc>, and
the page shows the same numbers as a table for readers who cannot see it.
"""

from __future__ import annotations

import math
from html import escape

from macros import formatting as fmt
from macros.model import Index071

WIDTH, HEIGHT = 400, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 36, 32
BAR_COLOUR = "#0a4a6e"
BASE_COLOUR = "#b3261e"
TEXT_COLOUR = "#1d2a33"
GRID_COLOUR = "#c9d6df"
WEB_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def nice_step(span: float, ticks: int = 5) -> int:
    """A round tick distance (1, 2, 5, 10, 20, ...) giving about `ticks` grid lines."""
    raw = max(span / ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def scale(index: Index071) -> tuple[int, int, int]:
    """The axis' lowest value (always 0), highest value and tick step; the base value is inside."""
    values = [e.score for e in index.editions] + [index.base_value]
    step = nice_step(max(values))
    low = 0
    high = math.ceil(max(values) / step) * step
    if high == max(values):
        high += step  # room for the label above the highest bar
    return low, high, step


def describe(index: Index071) -> str:
    """The chart's text alternative: what it shows and the latest figure."""
    latest = index.latest
    parts = [
        f"Staafdiagram van het indexcijfer van {index.name} per editie, gemeten vanaf het "
        f"basisjaar {index.base_year} = {fmt.number(index.base_value)}."
    ]
    parts.append(
        "; ".join(f"editie {e.edition}: {fmt.number(e.score)}" for e in index.editions) + "."
    )
    parts.append(
        f"De nieuwste editie, {latest.edition}, staat op {fmt.number(latest.score)}: "
        f"{fmt.signed(index.growth)} punten ten opzichte van het basisjaar."
    )
    return " ".join(parts)


def index_chart_svg(
    index: Index071, id_prefix: str = "index071-grafiek", fonts: str = WEB_FONTS
) -> str:
    """The chart as an inline <svg> element (a string of markup)."""
    low, high, step = scale(index)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (high - value) / (high - low)

    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    title = f"{index.name} per editie (basisjaar {index.base_year} = {index.base_value})"
    out = [
        f'<svg class="e071-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(describe(index))}</desc>',
        f'<g font-family="{fonts}" font-size="14" fill="{TEXT_COLOUR}">',
    ]
    for tick in range(low, high + 1, step):
        ty = y(tick)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">'
            f"{escape(fmt.number(tick))}</text>"
        )

    count = len(index.editions)
    slot = plot_w / count
    bar_w = min(slot * 0.6, 72)
    base_y = y(index.base_value)
    for number, edition in enumerate(index.editions):
        cx = LEFT + slot * (number + 0.5)
        top = y(edition.score)
        out.append(
            f'<rect x="{cx - bar_w / 2:.1f}" y="{top:.1f}" width="{bar_w:.1f}" '
            f'height="{max(y(low) - top, 1):.1f}" fill="{BAR_COLOUR}"/>'
        )
        label_y = top - 6
        out.append(
            f'<text x="{cx:.1f}" y="{label_y:.1f}" text-anchor="middle" font-weight="700">'
            f"{escape(fmt.number(edition.score))}</text>"
        )
        out.append(
            f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">'
            f"{escape(edition.edition)}</text>"
        )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base_y:.1f}" y2="{base_y:.1f}" '
        f'stroke="{BASE_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    # Legend for the base line: a short dashed sample and its meaning, top left.
    legend_y = 14
    out.append(
        f'<line x1="{LEFT}" x2="{LEFT + 24}" y1="{legend_y - 5}" y2="{legend_y - 5}" '
        f'stroke="{BASE_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    out.append(
        f'<text x="{LEFT + 30}" y="{legend_y}">'
        f"{escape(f'basisjaar {index.base_year} = {fmt.number(index.base_value)}')}</text>"
    )
    out.append("</g></svg>")
    return "\n".join(out)
