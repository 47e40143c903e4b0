/* The comparison (/compare/?cases=a,b) and the tray's reading packet
 * (print/compare/packet/?cases=a,b), built in the reader's browser.
 *
 * Each case's data is a script file, compare/data/<id>.js (written by
 * kb.site.render.compare), loaded with a <script> element: unlike fetch(),
 * that works from the unzipped offline bundle (file://) as well. An id that is
 * not a case id, or whose file does not load, is listed as 未找到. Every text
 * is set with textContent; nothing from the data becomes markup.
 * Without ?cases= the page shows the cases in the tray (kb-tray.js) and puts
 * their ids into the address, so it can be shared as it is.
 */
(function () {
  "use strict";

  // The id pattern of kb.model.case (ID_PATTERN), from the page's comparison or packet: no copy here.
  var idHolder = document.querySelector("[data-kb-compare], [data-kb-packet]");
  var ID_RE = new RegExp(idHolder ? idHolder.getAttribute("data-kb-id-pattern") : "^(?!)");
  var TRAY_KEY = "kb-compare-tray";
  var NUMERALS = "一二三四五六七八九十";
  var root = new URL("../", document.currentScript.src);

  /* ---- choosing and loading ---- */

  function trayIds() {
    if (window.kbTray) return window.kbTray.items().map(function (item) { return item.id; });
    try {
      var stored = JSON.parse(localStorage.getItem(TRAY_KEY) || "[]");
      return Array.isArray(stored) ? stored.map(function (item) { return item && item.id; }) : [];
    } catch (e) {
      return [];
    }
  }

  /* The ids asked for, in order, without repeats; "fromTray" when the address named none. */
  function requested() {
    var param = new URLSearchParams(location.search).get("cases");
    var raw = param === null ? trayIds() : param.split(",");
    var seen = {};
    var ids = [];
    raw.forEach(function (id) {
      id = String(id || "").trim();
      if (id && !seen[id]) { seen[id] = true; ids.push(id); }
    });
    return { ids: ids, fromTray: param === null };
  }

  function load(id) {
    return new Promise(function (resolve) {
      var data = window.kbCaseData || {};
      if (!ID_RE.test(id)) { resolve(null); return; }
      if (Object.prototype.hasOwnProperty.call(data, id)) { resolve(data[id]); return; }
      var script = document.createElement("script");
      script.src = new URL("compare/data/" + id + ".js", root).href;
      script.onload = function () {
        var loaded = window.kbCaseData || {};
        resolve(Object.prototype.hasOwnProperty.call(loaded, id) ? loaded[id] : null);
      };
      script.onerror = function () { resolve(null); };
      document.head.appendChild(script);
    });
  }

  function loadAll(ids) {
    return Promise.all(ids.map(load)).then(function (records) {
      var found = [];
      var missing = [];
      records.forEach(function (record, index) {
        if (record) found.push(record); else missing.push(ids[index]);
      });
      return { found: found, missing: missing };
    });
  }

  /* ---- small DOM helpers: text only ---- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function list(tag, items, render) {
    var node = el(tag);
    items.forEach(function (item) {
      var entry = el("li");
      render(entry, item);
      node.append(entry);
    });
    return node;
  }

  function textList(tag, items) {
    return list(tag, items, function (entry, text) { entry.textContent = text; });
  }

  function caseLink(record) {
    var link = el("a", "", record.title);
    link.href = new URL(record.url, root).href;
    return link;
  }

  function label(record) {
    return record.county + "：" + record.model;
  }

  function numbered(index) {
    return "案例" + (index < NUMERALS.length ? NUMERALS[index] : String(index + 1));
  }

  function missingNotice(missing) {
    var box = el("div", "kb-compare__missing");
    box.append(el("p", "", "以下编号没有对应的案例："));
    box.append(list("ul", missing, function (entry, id) {
      entry.append(el("code", "", id), "：未找到");
    }));
    return box;
  }

  function withIds(base, ids) {
    return base + "?cases=" + ids.map(encodeURIComponent).join(",");
  }

  /* ---- the comparison table ---- */

  function figureList(record) {
    return list("ul", record.results, function (entry, result) {
      entry.append(result.indicator + "：", el("strong", "", result.figure), " ",
                   el("span", "kb-compare__evidence", result.evidence_label));
    });
  }

  function practiceList(practices) {
    return list("ul", practices, function (entry, practice) {
      entry.append(el("strong", "", practice.name), "：" + practice.summary);
    });
  }

  function empty(text) {
    return el("p", "kb-compare__empty", text);
  }

  /* Rows: [heading, cell builder]; practices get one row per category any case has. */
  function rows(records, order) {
    var categories = {};
    records.forEach(function (record) {
      record.practices.forEach(function (practice) { categories[practice.category] = practice.category_label; });
    });
    var keys = order.filter(function (key) { return categories[key]; })
      .concat(Object.keys(categories).filter(function (key) { return order.indexOf(key) < 0; }));
    var table = [
      ["地区", "region", function (r) { return document.createTextNode(r.region); }],
      ["模式", "model", function (r) { return document.createTextNode(r.model); }],
      ["整理状态", "status", function (r) {
        var cell = document.createDocumentFragment();
        cell.append(el("p", "", r.status_label));
        if (r.notice) cell.append(el("p", "kb-compare__notice", r.notice));
        return cell;
      }],
      ["背景", "background", function (r) { return r.background.length ? textList("ul", r.background) : empty("来源中没有背景部分"); }],
    ];
    keys.forEach(function (key) {
      table.push(["做法：" + categories[key], "practice-" + key, function (r) {
        var mine = r.practices.filter(function (practice) { return practice.category === key; });
        return mine.length ? practiceList(mine) : empty("无此类做法");
      }]);
    });
    table.push(["关键数据", "results", function (r) { return r.results.length ? figureList(r) : empty("来源中没有可列出的成效数据"); }]);
    table.push(["启示", "lessons", function (r) {
      if (r.lessons.length) return textList("ul", r.lessons);
      return empty(r.status === "incomplete" ? "来源不完整，缺少这一部分" : "来源中没有启示部分");
    }]);
    table.push(["讨论题", "questions", function (r) { return r.questions.length ? textList("ol", r.questions) : empty("暂无讨论题"); }]);
    return table;
  }

  function compareTable(records, order, onRemove) {
    var table = el("table", "kb-compare__table");
    table.style.setProperty("--kb-compare-columns", String(records.length));
    var caption = el("caption", "kb-visually-hidden", "案例对照：" + records.map(label).join("；"));
    var head = el("thead");
    var headRow = el("tr");
    headRow.append(el("td", "kb-compare__corner"));
    records.forEach(function (record) {
      var th = el("th", "kb-compare__case");
      th.scope = "col";
      var remove = el("button", "kb-compare__remove", "移出");
      remove.type = "button";
      remove.setAttribute("aria-label", "从对照中移出：" + record.title);
      remove.addEventListener("click", function () { onRemove(record.id); });
      th.append(caseLink(record), el("span", "kb-compare__place", label(record)), remove);
      headRow.append(th);
    });
    head.append(headRow);
    var body = el("tbody");
    rows(records, order).forEach(function (row) {
      var tr = el("tr");
      tr.setAttribute("data-kb-row", row[1]);
      var th = el("th", "", row[0]);
      th.scope = "row";
      tr.append(th);
      records.forEach(function (record) {
        var td = el("td");
        td.setAttribute("data-kb-case", label(record));
        td.append(row[2](record));
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(caption, head, body);
    return table;
  }

  function renderCompare(container) {
    var max = Number(container.getAttribute("data-kb-max")) || 4;
    var order = (container.getAttribute("data-kb-categories") || "").split(" ");
    var status = container.querySelector(".kb-compare__status") || el("p", "kb-compare__status");
    status.setAttribute("role", "status");

    function show(ids) {
      var shown = ids.slice(0, max);
      status.textContent = shown.length ? "正在载入 " + shown.length + " 个案例……" : "";
      return loadAll(shown).then(function (result) {
        var parts = [status];
        if (ids.length > max) {
          parts.push(el("p", "kb-compare__note", "一次最多对照 " + max + " 个案例，这里只显示前 " + max + " 个。"));
        }
        if (result.missing.length) parts.push(missingNotice(result.missing));
        if (result.found.length < 2) {
          parts.push(el("p", "kb-compare__note", result.found.length
            ? "再选一个案例才能对照：在案例页、全部案例列表或搜索结果中点“加入对照”。"
            : "还没有选择案例：在案例页、全部案例列表或搜索结果中点“加入对照”，选 2—" + max + " 个案例。"));
        }
        if (result.found.length) {
          var found = result.found.map(function (record) { return record.id; });
          parts.push(actions(found));
          var wrap = el("div", "kb-compare__scroll");
          wrap.append(compareTable(result.found, order, function (id) {
            if (window.kbTray) window.kbTray.remove(id);
            var rest = found.filter(function (other) { return other !== id; });
            history.replaceState(null, "", withIds(location.pathname, rest));
            show(rest).then(function () { status.textContent = "已移出一个案例，现在对照 " + rest.length + " 个。"; });
          }));
          parts.push(wrap);
        }
        status.textContent = result.found.length > 1 ? "正在对照 " + result.found.length + " 个案例。" : "";
        container.replaceChildren.apply(container, parts);
      });
    }

    var asked = requested();
    if (asked.fromTray && asked.ids.length) history.replaceState(null, "", withIds(location.pathname, asked.ids));
    show(asked.ids);
  }

  function actions(ids) {
    var bar = el("p", "kb-compare__actions");
    var print = el("button", "md-button", "打印（A4 横向）");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    var packet = el("a", "md-button", "生成阅读材料");
    packet.href = withIds(new URL("print/compare/packet/index.html", root).href, ids);
    bar.append(print, " ", packet);
    return bar;
  }

  /* ---- the reading packet: cover, contents, handouts, questions ---- */

  function today() {
    var now = new Date();
    return now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
  }

  function field(text, name, value, placeholder) {
    var wrap = el("label", "", text);
    var input = el("input");
    input.type = "text";
    input.name = name;
    if (value) input.value = value;
    if (placeholder) input.placeholder = placeholder;
    wrap.append(input);
    return wrap;
  }

  function cover(records) {
    var box = el("div", "kb-packet__cover");
    var lines = el("p");
    lines.append("案例：" + records.map(label).join("；"), el("br"),
                 field("日期：", "date", today()), el("br"),
                 field("主讲：", "trainer", "", "在此填写主讲人姓名"));
    box.append(el("p", "kb-packet__kind", "阅读材料"), el("h1", "", "案例阅读材料"), lines);
    return box;
  }

  function contents(records) {
    var entries = records.map(function (record, index) {
      return [numbered(index) + "：" + record.title, "case-" + (index + 1)];
    }).concat([["讨论题", "questions"]]);
    var box = el("nav", "kb-packet__contents");
    box.setAttribute("aria-labelledby", "contents");
    var heading = el("h2", "", "目录");
    heading.id = "contents";
    box.append(heading, list("ol", entries, function (entry, item) {
      var link = el("a", "", item[0]);
      link.href = "#" + item[1];
      entry.append(link);
    }));
    return box;
  }

  /* HTML the build made of the case's handout (kb.site.render.handout.render_packet_parts, the
     printed handout's own renderer and escaping): parsed inert in a template, never run. */
  function built(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function handout(record, index) {
    var section = el("section", "kb-packet__case");
    var parts = built(record.handout);
    var prefix = "case-" + (index + 1);
    /* each handout was converted alone, so its headings' ids repeat from case to case: made its own */
    parts.querySelectorAll("[id]").forEach(function (element) { element.id = prefix + "-" + element.id; });
    parts.querySelectorAll('a[href^="#"]').forEach(function (link) {
      link.setAttribute("href", "#" + prefix + "-" + link.getAttribute("href").slice(1));
    });
    var heading = parts.querySelector("h2");
    heading.id = prefix;
    heading.textContent = numbered(index) + "：" + record.title;
    section.append(parts);
    return section;
  }

  function questions(records) {
    var section = el("section", "kb-packet__questions");
    var heading = el("h2", "", "讨论题");
    heading.id = "questions";
    section.append(heading);
    records.forEach(function (record, index) {
      section.append(el("h3", "", numbered(index) + "：" + record.title));
      section.append(record.questions_html ? built(record.questions_html) : empty("这个案例还没有讨论题。"));
    });
    return section;
  }

  function renderPacket(container) {
    var max = Number(container.getAttribute("data-kb-max")) || 4;
    var asked = requested();
    var status = container.querySelector(".kb-compare__status") || el("p", "kb-compare__status");
    status.textContent = "正在载入……";
    loadAll(asked.ids.slice(0, max)).then(function (result) {
      var parts = [];
      if (result.missing.length) parts.push(missingNotice(result.missing));
      if (!result.found.length) {
        status.textContent = "还没有选择案例：在案例页、全部案例列表或搜索结果中点“加入对照”，再从“对照”打开阅读材料。";
        container.replaceChildren.apply(container, [status].concat(parts));
        return;
      }
      document.title = "阅读材料：" + result.found.map(label).join("；");
      status.textContent = "";
      parts.unshift(status, cover(result.found), contents(result.found));
      result.found.forEach(function (record, index) { parts.push(handout(record, index)); });
      parts.push(questions(result.found));
      container.replaceChildren.apply(container, parts);
    });
  }

  function init() {
    var compare = document.querySelector("[data-kb-compare]");
    if (compare) renderCompare(compare);
    var packet = document.querySelector("[data-kb-packet]");
    if (packet) renderPacket(packet);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
