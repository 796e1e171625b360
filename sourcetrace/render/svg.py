"""Draw a provenance graph as inline SVG: a small deterministic layered layout, no network, no scripts.

Columns, left to right: the articles; the sources they relay through; the innermost sources (nodes
that cite nobody further). A node's middle column is its longest distance from an article (at most two
middle columns), so a chain ``article → CNN → officials`` reads left to right. Within a column, nodes
are ordered by the mean row of their neighbours (a few barycentre sweeps), which keeps edges from
crossing much for the 5-30 nodes a story usually has. Everything is sized in pixels at its natural
size; the page scrolls it sideways on small screens rather than shrinking the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ..model import Edge, Node

FONT_SIZE = 12
CHAR_WIDTH = (
    7.4  # a generous average advance of a 12px sans-serif glyph (DejaVu is wide), to size boxes unmeasured
)
NODE_HEIGHT = 26
ROW_GAP = 14
COLUMN_GAP = 96
MARGIN = 44  # room on the left for same-column arcs ("copies" between articles)
HEADER = 28
MAX_LABEL = 30
MIN_NODE_WIDTH = 64
MAX_NODE_WIDTH = 250
MAX_MIDDLE_COLUMNS = 2

EDGE_STYLES: dict[str, tuple[str, str]] = {
    # kind -> (stroke colour, dash pattern)
    "cites": ("#57606a", ""),
    "relays": ("#0969da", ""),
    "denies": ("#cf222e", "6 4"),
    "copies": ("#8250df", "2 3"),
    "shares text with": ("#8250df", "1 4"),
}
OTHER_EDGE = ("#8c959f", "")
# Edges to and from copied passages: listed beside the graph, not drawn in it.
PASSAGE_EDGES = frozenset({"copies passage", "first appears in", "shares passage", "also appears in"})

NODE_STYLES: dict[str, tuple[str, str]] = {
    # kind -> (fill, stroke)
    "article": ("#f6f8fa", "#8c959f"),
    "outlet": ("#ddf4ff", "#54aeff"),
    "person": ("#fff8c5", "#d4a72c"),
    "organisation": ("#dafbe1", "#4ac26b"),
    "unnamed": ("#ffffff", "#8c959f"),
    "document": ("#fbefff", "#c297ff"),
}
OTHER_NODE = ("#ffffff", "#afb8c1")

COLUMN_TITLES = ("Articles", "Relayed through", "Innermost sources")


@dataclass(frozen=True, slots=True)
class Placed:
    node: Node
    column: int
    row: int
    x: float
    y: float
    width: float
    label: str


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _width(label: str) -> float:
    return min(MAX_NODE_WIDTH, max(MIN_NODE_WIDTH, round(len(label) * CHAR_WIDTH) + 22))


def _columns(nodes: Sequence[Node], edges: Sequence[Edge]) -> dict[str, int]:
    """Column per node id: 0 articles, then relays by longest distance from an article, sinks last."""
    ids = {n.id for n in nodes}
    is_article = {n.id: n.kind == "article" for n in nodes}
    flow = [e for e in edges if e.kind != "copies" and e.source in ids and e.target in ids]
    outgoing: dict[str, list[str]] = defaultdict(list)
    for e in flow:
        if not is_article[e.target]:
            outgoing[e.source].append(e.target)
    depth: dict[str, int] = {n.id: 0 for n in nodes if is_article[n.id]}
    # Longest path by relaxation, capped so that a cycle (A cites B, B cites A) cannot run away.
    cap = len(nodes)
    for _ in range(len(nodes)):
        changed = False
        for e in flow:
            if e.source in depth and not is_article[e.target]:
                proposed = min(cap, depth[e.source] + 1)
                if proposed > depth.get(e.target, 0):
                    depth[e.target] = proposed
                    changed = True
        if not changed:
            break
    middle = {n.id for n in nodes if not is_article[n.id] and outgoing.get(n.id)}
    middle_depths = sorted({max(1, depth.get(n, 1)) for n in middle})
    # Renumber middle depths densely so that there are no empty columns, and fold long chains into at most
    # MAX_MIDDLE_COLUMNS: a chain of five relays then reads as arcs inside the last middle column instead
    # of stretching the drawing far beyond a laptop screen.
    dense = {d: min(i + 1, MAX_MIDDLE_COLUMNS) for i, d in enumerate(middle_depths)}
    last = min(len(middle_depths), MAX_MIDDLE_COLUMNS) + 1
    columns: dict[str, int] = {}
    for n in nodes:
        if is_article[n.id]:
            columns[n.id] = 0
        elif n.id in middle:
            columns[n.id] = dense[max(1, depth.get(n.id, 1))]
        else:
            columns[n.id] = last
    return columns


def _order(nodes: Sequence[Node], edges: Sequence[Edge], columns: dict[str, int]) -> list[list[str]]:
    """Rows within each column, by barycentre of neighbours; ties keep the input order."""
    count = max(columns.values(), default=0) + 1
    layers: list[list[str]] = [[] for _ in range(count)]
    for n in nodes:
        layers[columns[n.id]].append(n.id)
    initial = {n.id: i for i, n in enumerate(nodes)}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.source in columns and e.target in columns and e.source != e.target:
            neighbours[e.source].append(e.target)
            neighbours[e.target].append(e.source)

    def sweep(order: range, towards: int) -> None:
        for c in order:
            ref = c + towards
            if not 0 <= ref < count:
                continue
            position = {ident: i for i, ident in enumerate(layers[ref])}
            current = {ident: i for i, ident in enumerate(layers[c])}

            def key(
                ident: str, position: dict[str, int] = position, current: dict[str, int] = current
            ) -> tuple:
                rows = [position[m] for m in neighbours[ident] if m in position]
                centre = sum(rows) / len(rows) if rows else float(current[ident])
                return (centre, current[ident], initial[ident])

            layers[c].sort(key=key)

    for _ in range(3):
        sweep(range(1, count), -1)
        sweep(range(count - 2, -1, -1), +1)
    return layers


def layout(nodes: Sequence[Node], edges: Sequence[Edge]) -> tuple[dict[str, Placed], float, float, int]:
    """Positions of every node, and the drawing's width, height and number of columns."""
    columns = _columns(nodes, edges)
    layers = _order(nodes, edges, columns)
    by_id = {n.id: n for n in nodes}
    labels = {n.id: _short(n.label) for n in nodes}
    widths = {n.id: _width(labels[n.id]) for n in nodes}
    column_width = [max((widths[i] for i in layer), default=MIN_NODE_WIDTH) for layer in layers]
    tallest = max((len(layer) for layer in layers), default=0)
    pitch = NODE_HEIGHT + ROW_GAP
    placed: dict[str, Placed] = {}
    x = float(MARGIN)
    for c, layer in enumerate(layers):
        # Short columns are centred against the tallest, so edges fan out evenly.
        offset = (tallest - len(layer)) * pitch / 2
        for row, ident in enumerate(layer):
            y = HEADER + offset + row * pitch
            placed[ident] = Placed(by_id[ident], c, row, x, y, widths[ident], labels[ident])
        x += column_width[c] + COLUMN_GAP
    width = x - COLUMN_GAP + 16
    height = HEADER + tallest * pitch + 8
    return placed, max(width, 240.0), max(height, 80.0), len(layers)


def _path(a: Placed, b: Placed) -> str:
    ay, by = a.y + NODE_HEIGHT / 2, b.y + NODE_HEIGHT / 2
    if b.column > a.column:
        x1, x2 = a.x + a.width, b.x - 2
        bend = (x2 - x1) / 2
        return f"M{x1:.1f},{ay:.1f} C{x1 + bend:.1f},{ay:.1f} {x2 - bend:.1f},{by:.1f} {x2:.1f},{by:.1f}"
    if b.column == a.column:
        # An arc out to the left of the column and back.
        x1, x2 = a.x, b.x - 2
        reach = min(MARGIN - 6, 18 + abs(by - ay) / 6)
        return f"M{x1:.1f},{ay:.1f} C{x1 - reach:.1f},{ay:.1f} {x2 - reach:.1f},{by:.1f} {x2:.1f},{by:.1f}"
    # Backwards (a source cites one further left): leave from the left, arrive at the right side.
    x1, x2 = a.x, b.x + b.width + 2
    return f"M{x1:.1f},{ay:.1f} C{x1 - 40:.1f},{ay:.1f} {x2 + 40:.1f},{by:.1f} {x2:.1f},{by:.1f}"


def provenance_svg(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    id_prefix: str = "pg",
    title: str = "Provenance graph",
    href: Callable[[Node], str | None] | None = None,
) -> str:
    """The graph as one ``<svg>`` element. Every label is escaped; ``href`` may link nodes to page anchors.

    ``id_prefix`` keeps marker ids unique when a page holds several graphs.
    """
    prefix = escape(id_prefix, quote=True)
    # Copied passages are listed beside the graph; the article-to-article "copies" arc stands for them.
    nodes = [n for n in nodes if n.kind != "passage"]
    kept = {n.id for n in nodes}
    edges = [e for e in edges if e.source in kept and e.target in kept]
    placed, width, height, column_count = layout(nodes, edges)
    kinds = sorted({e.kind for e in edges if e.source in placed and e.target in placed})
    out: list[str] = [
        f'<svg class="provenance" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="{prefix}-title" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        "<defs>",
    ]
    for kind in kinds:
        colour, _ = EDGE_STYLES.get(kind, OTHER_EDGE)
        out.append(
            f'<marker id="{prefix}-arrow-{_slug(kind)}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")

    titles = _column_titles(column_count)
    column_x: dict[int, float] = {}
    for p in placed.values():
        column_x.setdefault(p.column, p.x)
    for c, text in enumerate(titles):
        if text and c in column_x:
            out.append(
                f'<text class="col-title" x="{column_x[c]:.1f}" y="16" fill="#57606a" font-weight="600">'
                f"{escape(text)}</text>"
            )

    # Short, escape-free handles tie edges to their nodes for the page's hover highlighting.
    handle = {
        ident: f"n{i}"
        for i, ident in enumerate(sorted(placed, key=lambda i: (placed[i].column, placed[i].row)))
    }
    out.append('<g class="edges" fill="none">')
    for e in edges:
        if e.source not in placed or e.target not in placed:
            continue
        colour, dash = EDGE_STYLES.get(e.kind, OTHER_EDGE)
        weight = 1.3 + min(2.4, 0.5 * max(0, len(e.claims) - 1))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        a, b = placed[e.source], placed[e.target]
        tip = f"{a.node.label} {e.kind} {b.node.label}"
        if e.claims:
            tip += f" (claims {', '.join(e.claims)})"
        out.append(
            f'<path class="edge edge-{_slug(e.kind)}" '
            f'data-from="{handle[e.source]}" data-to="{handle[e.target]}" '
            f'd="{_path(a, b)}" stroke="{colour}" '
            f'stroke-width="{weight:.1f}"{dash_attr} marker-end="url(#{prefix}-arrow-{_slug(e.kind)})">'
            f"<title>{escape(tip)}</title></path>"
        )
    out.append("</g>")

    out.append('<g class="nodes">')
    for ident in sorted(placed, key=lambda i: (placed[i].column, placed[i].row)):
        p = placed[ident]
        fill, stroke = NODE_STYLES.get(p.node.kind, OTHER_NODE)
        unnamed = p.node.kind == "unnamed"
        dash = ' stroke-dasharray="4 3"' if unnamed else ""
        italic = ' font-style="italic"' if unnamed else ""
        baseline = p.y + NODE_HEIGHT / 2 + FONT_SIZE / 2 - 2
        link = href(p.node) if href is not None else None
        body = (
            f"<title>{escape(p.node.label)} ({escape(p.node.kind)})</title>"
            f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{p.width:.0f}" height="{NODE_HEIGHT}" rx="5" '
            f'fill="{fill}" stroke="{stroke}"{dash}/>'
            f'<text x="{p.x + 10:.1f}" y="{baseline:.1f}" fill="#1f2328"{italic}>'
            f"{escape(p.label)}</text>"
        )
        if link is not None:
            out.append(
                f'<a class="node" data-node="{handle[ident]}" href="{escape(link, quote=True)}">{body}</a>'
            )
        else:
            out.append(f'<g class="node" data-node="{handle[ident]}" tabindex="0">{body}</g>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def legend_items(edges: Sequence[Edge]) -> list[tuple[str, str, str]]:
    """(kind, colour, dash) for each edge kind present, for a legend drawn beside the graph."""
    drawn = [e for e in edges if e.kind not in PASSAGE_EDGES]
    present = sorted({e.kind for e in drawn})
    return [(kind, *EDGE_STYLES.get(kind, OTHER_EDGE)) for kind in present]


def _column_titles(count: int) -> list[str]:
    if count <= 1:
        return [COLUMN_TITLES[0]]
    if count == 2:
        return [COLUMN_TITLES[0], COLUMN_TITLES[2]]
    return [COLUMN_TITLES[0], COLUMN_TITLES[1], *([""] * (count - 3)), COLUMN_TITLES[2]]


def _slug(kind: str) -> str:
    """An edge kind as a class and id fragment: ASCII letters and digits only, so it needs no escaping."""
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in kind.lower()) or "edge"
