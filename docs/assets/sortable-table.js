/* Sortable tables for the 基层党建创新案例库 site (no dependencies, no other hosts).
 *
 * Progressive enhancement: tables inside an element with class "kb-sortable"
 * stay plain, readable tables without JavaScript. With it, every header cell
 * gets a <button>; pressing it sorts the rows (numbers numerically, text in
 * Chinese collation) and sets aria-sort on the header so screen readers
 * announce the order. Pressing again reverses the order. Each cell also gets
 * its column name in data-label, so that on a phone the CSS can show every
 * row as a small card ("县：兴山县 / 指标：…") instead of a wide table.
 *
 * A container with data-kb-filter="<column name>" also gets a choice of that
 * column's values ("只看：县（单位）自述（18）"); choosing one hides the other rows
 * and says how many rows are shown. A container with class "kb-filterable" gets the
 * same choice without sorting; every table in it with that column is filtered (the
 * case list: one table per province, a province with no row left is hidden), and
 * data-kb-filter-order="a|b|c" gives the values' order (the review states).
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
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        cell.setAttribute("data-label", labels[column] || "");
      });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort-button";
      button.textContent = th.textContent;
      button.title = "按“" + th.textContent + "”排序";
      th.textContent = "";
      th.appendChild(button);
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
    if (container.querySelector(".kb-table-filter")) return;
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
    var counts = {};
    tables.forEach(function (entry) {
      entry.rows.forEach(function (row) {
        var value = row.cells[entry.column].textContent.trim();
        counts[value] = (counts[value] || 0) + 1;
        total += 1;
      });
    });
    // data-kb-filter-order: the values in the order the page gives (e.g. review states), else sorted
    var order = container.getAttribute("data-kb-filter-order");
    var values = order ? order.split("|").filter(function (value) { return counts[value]; })
      : Object.keys(counts).sort(collator.compare);
    var box = document.createElement("p");
    box.className = "kb-table-filter";
    var label = document.createElement("label");
    var select = document.createElement("select");
    var status = document.createElement("span");
    status.className = "kb-table-filter__status";
    status.setAttribute("aria-live", "polite");
    label.textContent = "只看" + name + "：";
    label.appendChild(select);
    [["", "全部（" + total + "）"]].concat(values.map(function (value) {
      return [value, value + "（" + counts[value] + "）"];
    })).forEach(function (item) {
      var option = document.createElement("option");
      option.value = item[0];
      option.textContent = item[1];
      select.appendChild(option);
    });
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
    box.appendChild(label);
    box.appendChild(status);
    container.insertBefore(box, container.firstChild);
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
