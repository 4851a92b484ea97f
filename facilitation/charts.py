"""Small charts drawn as inline SVG on the server: no script, readable by screen readers."""
from markupsafe import Markup, escape

BAR_HEIGHT = 28
GAP = 12
LABEL_WIDTH = 130
PLOT_WIDTH = 300
COUNT_WIDTH = 50


def bar_chart(bars, title, description, chart_id="chart"):
    """Return a horizontal bar chart as SVG markup; `bars` is [(label, count), …].

    The SVG is an image with a title and a description (role="img",
    aria-labelledby); the page shows the same figures in a table too.
    """
    largest = max((count for _label, count in bars), default=0) or 1
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + COUNT_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, count) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(PLOT_WIDTH * count / largest)
        middle = y + BAR_HEIGHT / 2
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" fill="#231c17" font-size="15">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 2)}" height="{BAR_HEIGHT}" '
            f'rx="4" fill="#7a3b12"/>',
            f'<text x="{LABEL_WIDTH + max(length, 2) + 6}" y="{middle}" '
            f'dominant-baseline="middle" fill="#231c17" font-size="15" '
            f'font-weight="bold">{int(count)}</text>',
        ]
    parts.append("</svg>")
    return Markup("\n".join(parts))
