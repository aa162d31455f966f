"""The report's two pictures, drawn by matplotlib (Agg, no display): the theme × informant
matrix (how many quotes each informant gives each theme) and the quotes per theme. PNG
bytes, 150 dpi, for the HTML and Word reports. Labels come translated from the caller."""

from __future__ import annotations

import io
import textwrap
import warnings

_ANNOTATED = 25          # informants up to which each cell shows its count


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    with warnings.catch_warnings():         # a glyph the font lacks (an emoji) is drawn as a box, silently
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _short(label: str, width: int = 28) -> str:
    """At most two lines of the label, without control characters (and "$": mathtext)."""
    label = "".join(ch for ch in label if ch.isprintable()).replace("$", r"\$")
    return "\n".join(textwrap.wrap(label, width)[:2]) or label


def theme_informant_png(themes: list[str], informants: list[str], counts: list[list[int]],
                        informant_label: str, quotes_label: str) -> bytes:
    """A heat map: a row per theme, a column per informant, the count in each cell."""
    from matplotlib.figure import Figure
    many = len(informants) > _ANNOTATED
    # A page's width at most: with many informants the cells narrow and lose their numbers.
    fig = Figure(figsize=(min(11.0, max(4.0, 1.0 + 0.7 * len(informants))), max(2.5, 0.8 + 0.6 * len(themes))))
    ax = fig.add_subplot()
    image = ax.imshow(counts, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(informants)), [_short(i, 14) for i in informants], rotation=45 if not many else 90,
                  ha="right" if not many else "center", fontsize=None if not many else 5)
    ax.set_yticks(range(len(themes)), [_short(t) for t in themes])
    ax.set_xlabel(informant_label)
    top = max((max(row) for row in counts if row), default=0)
    for y, row in enumerate(counts if not many else []):
        for x, n in enumerate(row):
            ax.text(x, y, str(n), ha="center", va="center", color="white" if n > top / 2 else "black")
    fig.colorbar(image, ax=ax, label=quotes_label)
    return _png(fig)


def quotes_per_theme_png(themes: list[str], counts: list[int], quotes_label: str) -> bytes:
    """Horizontal bars, the first theme on top."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(6.0, max(2.0, 0.8 + 0.5 * len(themes))))
    ax = fig.add_subplot()
    ax.barh(range(len(themes)), counts, color="#4a6fa5")
    ax.set_yticks(range(len(themes)), [_short(t) for t in themes])
    ax.invert_yaxis()
    ax.set_xlabel(quotes_label)
    for y, n in enumerate(counts):
        ax.text(n, y, f" {n}", va="center")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
