"""kb.site.mdext.sortable_tables: the controls docs/assets/sortable-table.js wires are in the built
page (so that nothing jumps when the script starts), shown only where script runs."""

import markdown

SOURCE = """<div class="kb-sortable" data-kb-filter="出处" markdown>

| 县 | 数值 | 出处 |
| --- | --- | --- |
| 兴山县 | 42840 | 县（单位）自述 |
| 翁源县 | 152 | 未注明 |
| 翁源县 | <b>5</b> | 县（单位）自述 |

</div>

| 普通表格 | 不排序 |
| --- | --- |
| 甲 | 乙 |
"""


def render(source: str) -> str:
    return markdown.markdown(source, extensions=["tables", "md_in_html", "kb.site.mdext.sortable_tables"])


def test_headers_hold_script_only_sort_buttons_and_cells_their_column_name():
    page = render(SOURCE)
    assert ('<th data-kb-label="数值"><button class="kb-sort-button" data-kb-script-only="" title="按“数值”排序" '
            'type="button">数值</button></th>') in page
    assert '<td data-label="县">兴山县</td>' in page and '<td data-label="数值"><b>5</b></td>' in page
    assert page.count("kb-sort-button") == 3  # the table outside .kb-sortable is left alone
    assert "<th>普通表格</th>" in page and "<td>甲</td>" in page


def test_the_filter_choice_counts_each_value_and_is_script_only():
    page = render(SOURCE)
    assert page.index('<p class="kb-table-filter" data-kb-script-only="">') < page.index("<table>")
    assert ('<label>只看出处：<select><option value="">全部（3）</option>'
            '<option value="县（单位）自述">县（单位）自述（2）</option><option value="未注明">未注明（1）</option>'
            '</select></label><span aria-live="polite" class="kb-table-filter__status"></span>') in page


def test_the_page_order_of_values_is_kept_and_a_missing_column_adds_no_choice():
    ordered = SOURCE.replace('data-kb-filter="出处"', 'data-kb-filter="出处" data-kb-filter-order="未注明|已核实|县（单位）自述"')
    page = render(ordered)
    assert page.index(">未注明（1）<") < page.index(">县（单位）自述（2）<") and "已核实" not in page.split("</select>")[0].split("<select>")[1]
    assert "kb-table-filter" not in render(SOURCE.replace('data-kb-filter="出处"', 'data-kb-filter="审核"'))
