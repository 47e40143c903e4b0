"""What docs/assets/sortable-table.js works, written into the page when it is built.

Tables inside ``<div class="kb-sortable" markdown>`` are sorted by pressing a header, and a
container with ``data-kb-filter="<column>"`` (``kb-sortable`` or ``kb-filterable``) offers a
choice of that column's values. The script used to add these controls after the page had been
laid out: the choice above the tables and the buttons in the headers made the page jump
(a layout shift of 0.22 on a phone's /cases/). This tree processor writes them into the HTML,
so they take their place from the first frame; the script only wires them:

* each header cell holds ``button.kb-sort-button`` with its text, marked ``data-kb-script-only``
  (shown only where script runs, docs/assets/css/10-base.css); where script does not run, the
  cell shows the same text from its ``data-kb-label`` (docs/assets/css/30-cross-index.css), so that
  a header's text content is its name once, whatever reads it;
* each body cell gets its column's name in ``data-label`` (a phone shows every row as a small
  card, "县：兴山县", docs/assets/css/30-cross-index.css);
* a container with ``data-kb-filter`` starts with ``p.kb-table-filter`` (``data-kb-script-only``):
  "只看<column>：" and a ``select`` of "全部（N）" and each value with its count, in the order of
  ``data-kb-filter-order`` or else sorted (the script sorts them again in Chinese collation: the
  same options, so the same width).

Enable with ``markdown_extensions: [kb.site.mdext.sortable_tables]``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SORTABLE = "kb-sortable"
FILTERABLE = "kb-filterable"


def text_of(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def classes(element: etree.Element) -> list[str]:
    return element.get("class", "").split()


def header_cells(table: etree.Element) -> list[etree.Element]:
    head = table.find("thead")
    row = head.find("tr") if head is not None else None
    return list(row.iter("th")) if row is not None else []


def body_rows(table: etree.Element) -> list[etree.Element]:
    body = table.find("tbody")
    return list(body.iter("tr")) if body is not None else []


def add_sort_buttons(table: etree.Element) -> None:
    """A script-only sort button with the header's text in every header cell, the text also in
    ``data-kb-label`` (shown where script does not run); the column's name on every body cell."""
    labels = []
    for th in header_cells(table):
        label = text_of(th)
        labels.append(label)
        th.text = None
        for child in list(th):
            th.remove(child)
        th.set("data-kb-label", label)
        button = etree.SubElement(th, "button", {
            "type": "button", "class": "kb-sort-button", "title": f"按“{label}”排序", "data-kb-script-only": ""})
        button.text = label
    for row in body_rows(table):
        for column, td in enumerate(row.findall("td")):
            td.set("data-label", labels[column] if column < len(labels) else "")


def filter_choice(container: etree.Element, name: str) -> etree.Element | None:
    """``p.kb-table-filter`` for the column ``name`` of the container's tables, or None when no
    table has that column."""
    counts: dict[str, int] = {}
    found = False
    for table in container.iter("table"):
        columns = [text_of(th).strip() for th in header_cells(table)]
        if name not in columns:
            continue
        found = True
        column = columns.index(name)
        for row in body_rows(table):
            cells = row.findall("td")
            if column < len(cells):
                value = text_of(cells[column])
                counts[value] = counts.get(value, 0) + 1
    if not found:
        return None
    order = container.get("data-kb-filter-order")
    values = [v for v in order.split("|") if counts.get(v)] if order else sorted(counts)
    box = etree.Element("p", {"class": "kb-table-filter", "data-kb-script-only": ""})
    label = etree.SubElement(box, "label")
    label.text = f"只看{name}："
    select = etree.SubElement(label, "select")
    for value, shown in [("", f"全部（{sum(counts.values())}）"), *((v, f"{v}（{counts[v]}）") for v in values)]:
        option = etree.SubElement(select, "option", {"value": value})
        option.text = shown
    status = etree.SubElement(box, "span", {"class": "kb-table-filter__status", "aria-live": "polite"})
    status.text = ""
    box.tail = "\n"
    return box


class SortableTablesTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for container in list(root.iter("div")):
            kinds = classes(container)
            if SORTABLE in kinds:
                for table in container.iter("table"):
                    add_sort_buttons(table)
            name = container.get("data-kb-filter")
            if name and (SORTABLE in kinds or FILTERABLE in kinds) and container.find("p[@class='kb-table-filter']") is None:
                box = filter_choice(container, name)
                if box is not None:
                    container.insert(0, box)


class SortableTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 6: after the inline step (20), so that cells hold their final text; before
        # toc (5) and the sanitizer (0).
        md.treeprocessors.register(SortableTablesTreeprocessor(md), "kb_sortable_tables", 6)


def makeExtension(**kwargs) -> SortableTablesExtension:
    return SortableTablesExtension(**kwargs)
