/* Sortable tables for the 基层党建创新案例库 site (no dependencies, no other hosts).
 *
 * Progressive enhancement: tables inside an element with class "kb-sortable"
 * stay plain, readable tables without JavaScript. The build writes the controls
 * into the page (kb.site.mdext.sortable_tables), so that nothing jumps when this
 * script starts: every header cell holds a sort <button> with its text, shown only
 * where script runs (data-kb-script-only; elsewhere the cell shows the same text
 * from data-kb-label); each cell carries its column name in
 * data-label, so that on a phone the CSS can show every row as a small card
 * ("县：兴山县 / 指标：…") instead of a wide table. This script wires them:
 * pressing a header's button sorts the rows (numbers numerically, text in
 * Chinese collation) and sets aria-sort on the header so screen readers
 * announce the order. Pressing again reverses the order.
 *
 * A container with data-kb-filter="<column name>" starts with a choice of that
 * column's values ("只看：县（单位）自述（18）", p.kb-table-filter); choosing one hides
 * the other rows and says how many rows are shown. A container with class
 * "kb-filterable" gets the same choice without sorting; every table in it with that
 * column is filtered (the case list: one table per province, a province with no row
 * left is hidden), and data-kb-filter-order="a|b|c" gives the values' order (the
 * review states); else the values are sorted here in Chinese collation.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function sortKey(cell) {
    var text = cell.textContent.trim();
    var number = Number(text.replace(/,/g, ""));
    return text !== "" && !isNaN(number) ? number : text;
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return collator.compare(a, b);
  }

  function sortBy(table, column, direction) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = direction === "ascending" ? 1 : -1;
    rows.sort(function (r1, r2) {
      return sign * compare(sortKey(r1.cells[column]), sortKey(r2.cells[column]));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.setAttribute("aria-sort", index === column ? direction : "none");
    });
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length || table.getAttribute("data-kb-sortable")) return;
    table.setAttribute("data-kb-sortable", "on");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = th.querySelector(".kb-sort-button");
      if (!button) return;
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(table, column, next);
      });
    });
  }

  // The section a table belongs to: its wrapper (Material wraps tables) and the heading before it.
  function sectionOf(table) {
    var block = table;
    while (block.parentElement && block.parentElement.children.length === 1 && !block.parentElement.hasAttribute("data-kb-filter")) {
      block = block.parentElement;
    }
    var heading = block.previousElementSibling;
    return { block: block, heading: heading && /^H[2-6]$/.test(heading.tagName) ? heading : null };
  }

  function addFilter(container) {
    var name = container.getAttribute("data-kb-filter");
    var box = container.querySelector(".kb-table-filter");
    var select = box && box.querySelector("select");
    if (!select || select.getAttribute("data-kb-ready")) return;
    select.setAttribute("data-kb-ready", "on");
    var status = box.querySelector(".kb-table-filter__status");
    // Every table of the container with that column (the case list has one table per province).
    var tables = Array.prototype.filter.call(container.querySelectorAll("table"), function (table) {
      return table.tHead && table.tBodies.length;
    }).map(function (table) {
      var column = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
        return th.textContent.trim();
      }).indexOf(name);
      return { table: table, column: column, rows: Array.prototype.slice.call(table.tBodies[0].rows) };
    }).filter(function (entry) { return entry.column >= 0; });
    if (!tables.length) return;
    var total = 0;
    tables.forEach(function (entry) { total += entry.rows.length; });
    // The build lists the values in the page's order or sorted by code point: Chinese collation here.
    if (!container.getAttribute("data-kb-filter-order")) {
      var options = Array.prototype.slice.call(select.options, 1);
      options.sort(function (a, b) { return collator.compare(a.value, b.value); });
      options.forEach(function (option) { select.appendChild(option); });
    }
    select.addEventListener("change", function () {
      var shown = 0;
      tables.forEach(function (entry) {
        var visible = 0;
        entry.rows.forEach(function (row) {
          row.hidden = select.value !== "" && row.cells[entry.column].textContent.trim() !== select.value;
          visible += row.hidden ? 0 : 1;
        });
        shown += visible;
        if (tables.length > 1) {  // a section with no row left is hidden with its heading
          var section = sectionOf(entry.table);
          section.block.hidden = visible === 0;
          if (section.heading) section.heading.hidden = visible === 0;
        }
      });
      status.textContent = select.value ? "显示 " + shown + " 项，共 " + total + " 项" : "";
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-sortable table"), enhance);
    Array.prototype.forEach.call(document.querySelectorAll(".kb-sortable[data-kb-filter], .kb-filterable[data-kb-filter]"),
      addFilter);
  }

  // Material's instant navigation replaces pages without reloading; document$ announces each one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
