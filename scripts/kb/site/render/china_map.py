"""An inline SVG tile-grid map of China's provinces, shaded by number of cases.

One equal square per provincial-level division, placed roughly where it lies
(``vocab/province-grid.yml``): robust at any size, needs no map data, tiles or
scripts from other hosts. Every province is a link to its page; every tile carries
a ``<title>`` and the whole map a ``<desc>`` text alternative. The page that
embeds it also shows the same numbers as a table.
"""

from __future__ import annotations

from html import escape

from kb.model import vocab
from kb.model.provincegrid import province_tiles

TILE = 56
GAP = 4
SHADES = 4  # CSS classes kb-map-l1 … kb-map-l4, darker means more cases


def shade(count: int, most: int) -> str:
    if count == 0:
        return "kb-map-l0"
    return f"kb-map-l{1 + (count - 1) * SHADES // max(most, 1)}" if most > 1 else "kb-map-l4"


def render_map(counts: dict[str, int], href_of: dict[str, str]) -> str:
    """Raw HTML (no blank lines, so Markdown leaves it alone) of the map."""
    tiles = province_tiles()
    rows = 1 + max(t.row for t in tiles.values())
    cols = 1 + max(t.col for t in tiles.values())
    most = max(counts.values(), default=0)
    width, height = cols * (TILE + GAP), rows * (TILE + GAP)
    parts = [f'<div class="kb-map"><svg viewBox="0 0 {width} {height}" width="100%" role="group" '
             'aria-labelledby="kb-map-title kb-map-desc" xmlns="http://www.w3.org/2000/svg">',
             '<title id="kb-map-title">各省份案例数量方格地图</title>',
             f'<desc id="kb-map-desc">{escape(describe(counts))}</desc>']
    for name, tile in tiles.items():
        count = counts.get(name, 0)
        # The accessible name starts with the tile's visible text (WCAG 2.5.3).
        label = f"{short_name(name)} {count} 个案例（{name}）" if count else f"{short_name(name)}：暂无案例（{name}）"
        x, y = tile.col * (TILE + GAP), tile.row * (TILE + GAP)
        body = (f'<title>{escape(label)}</title>'
                f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" class="{shade(count, most)}"/>'
                f'<text x="{x + TILE / 2:g}" y="{y + 24}" text-anchor="middle">{escape(short_name(name))}</text>')
        if count:
            body += f'<text x="{x + TILE / 2:g}" y="{y + 44}" text-anchor="middle" class="kb-map-count">{count}</text>'
        if name in href_of:
            parts.append(f'<a href="{escape(href_of[name])}" aria-label="{escape(label)}">{body}</a>')
        else:
            parts.append(f"<g>{body}</g>")
    parts.append("</svg></div>")
    return "".join(parts)


def short_name(province: str) -> str:
    return vocab.provinces().get(province, (province,))[0]


def describe(counts: dict[str, int]) -> str:
    with_cases = [f"{name} {count} 个" for name, count in sorted(counts.items(), key=lambda i: (-i[1], i[0])) if count]
    listed = "，".join(with_cases) if with_cases else "暂无"
    return (f"每个方格代表一个省级行政区，颜色越深案例越多。有案例的省份：{listed}；其余省份暂无案例。"
            "地图下方的表格列出同样的数据。")
