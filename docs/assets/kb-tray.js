/* The comparison tray (对照) in the header, and the 加入对照 buttons.
 *
 * - The chosen cases ({id, title}, at most four) are kept in localStorage, so
 *   the choice survives other pages and later visits; pages in other tabs
 *   follow along (the "storage" event). Where storage is refused, the choice
 *   lasts for the page.
 * - Buttons with data-kb-case (case pages, the case list) are shown and kept
 *   in step with the tray; search results get a button each as they appear
 *   (a MutationObserver on the header, where the result lists are; the search
 *   scripts are not touched).
 * - The tray (overrides/partials/kb-tray.html) lists the cases with a 移出
 *   button each and links to the comparison and the reading packet, with the
 *   chosen ids in the address (?cases=a,b), so the link can be shared.
 * - Every change is announced in a polite live region.
 * window.kbTray lets the comparison page read and change the same choice.
 */
(function () {
  "use strict";

  var KEY = "kb-compare-tray";
  var MAX = 4;

  var tray = document.querySelector("[data-kb-tray]");
  if (!tray) return;
  // The id pattern of kb.model.case (ID_PATTERN), from the page: this file holds no copy.
  var idPattern = tray.getAttribute("data-kb-id-pattern");
  var ID_RE = new RegExp(idPattern);
  var CASE_PATH_RE = new RegExp("/cases/(" + idPattern.replace(/^\^|\$$/g, "") + ")(?:/|\\.html)$");
  var count = tray.querySelector("[data-kb-tray-count]");
  var list = tray.querySelector("[data-kb-tray-list]");
  var compareLink = tray.querySelector("[data-kb-tray-compare]");
  var packetLink = tray.querySelector("[data-kb-tray-packet]");
  var clear = tray.querySelector("[data-kb-tray-clear]");
  var status = tray.querySelector("[data-kb-tray-status]");
  var details = tray.querySelector("details");
  var directoryUrls = tray.getAttribute("data-kb-directory-urls") === "true";
  var root = new URL((tray.getAttribute("data-kb-root") || ".").replace(/\/?$/, "/"), location.href);
  var compareBase = compareLink.getAttribute("href");
  var packetBase = packetLink.getAttribute("href");
  var memory = [];

  function valid(item) {
    return item && typeof item.id === "string" && ID_RE.test(item.id) && typeof item.title === "string";
  }

  function items() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? stored.filter(valid).slice(0, MAX) : [];
    } catch (e) {
      return memory.slice();
    }
  }

  function save(next) {
    memory = next.slice();
    try { localStorage.setItem(KEY, JSON.stringify(next)); } catch (e) { /* private mode, file:// limits */ }
    render();
  }

  function has(id) {
    return items().some(function (item) { return item.id === id; });
  }

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function add(id, title) {
    var current = items();
    if (current.some(function (item) { return item.id === id; })) return true;
    if (current.length >= MAX) {
      announce("对照最多 " + MAX + " 个案例，请先在“对照”中移出一个。");
      return false;
    }
    current.push({ id: id, title: title || id });
    save(current);
    announce("已加入对照：" + (title || id) + "。共 " + current.length + " 个案例。");
    return true;
  }

  function remove(id) {
    var current = items();
    var gone = current.filter(function (item) { return item.id === id; })[0];
    save(current.filter(function (item) { return item.id !== id; }));
    if (gone) announce("已移出对照：" + gone.title + "。还有 " + (current.length - 1) + " 个案例。");
  }

  function withIds(base, ids) {
    return ids.length ? base + "?cases=" + ids.join(",") : base;
  }

  function caseUrl(id) {
    return new URL(directoryUrls ? "cases/" + id + "/" : "cases/" + id + ".html", root).href;
  }

  function render() {
    var current = items();
    var ids = current.map(function (item) { return item.id; });
    count.textContent = String(current.length);
    compareLink.href = withIds(compareBase, ids);
    packetLink.href = withIds(packetBase, ids);
    clear.hidden = current.length === 0;
    list.replaceChildren.apply(list, current.map(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = caseUrl(item.id);
      link.textContent = item.title;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-tray__remove";
      button.textContent = "移出";
      button.setAttribute("aria-label", "移出对照：" + item.title);
      button.addEventListener("click", function () {
        var next = button.parentNode.nextElementSibling || button.parentNode.previousElementSibling;
        remove(item.id);
        (next ? next.querySelector("button") : compareLink).focus();
      });
      entry.append(link, " ", button);
      return entry;
    }));
    document.querySelectorAll(".kb-tray-toggle").forEach(syncToggle);
  }

  function syncToggle(button) {
    var chosen = has(button.getAttribute("data-kb-case"));
    var title = button.getAttribute("data-kb-title") || "";
    button.textContent = chosen ? "移出对照" : "加入对照";
    button.setAttribute("aria-label", (chosen ? "移出对照：" : "加入对照：") + title);
    button.classList.toggle("kb-tray-toggle--chosen", chosen);
  }

  function onToggle(event) {
    var button = event.target.closest(".kb-tray-toggle");
    if (!button) return;
    var id = button.getAttribute("data-kb-case");
    if (has(id)) remove(id);
    else add(id, button.getAttribute("data-kb-title"));
  }

  /* Search results: one button per result that links to a case page (kb-search.js,
     online and in the offline bundle). */
  var RESULT_ITEMS = "li.md-search-result__item";

  function decorateResults(resultList) {
    resultList.querySelectorAll(RESULT_ITEMS).forEach(function (item) {
      if (item.querySelector(".kb-tray-toggle")) return;
      var link = item.querySelector("a[href]");
      var match = link && CASE_PATH_RE.exec(new URL(link.getAttribute("href"), location.href).pathname);
      if (!match) return;
      var heading = item.querySelector("h1, h2, h3");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-tray-toggle kb-tray-toggle--result";
      button.setAttribute("data-kb-case", match[1]);
      button.setAttribute("data-kb-title", (heading || link).textContent.trim());
      item.append(button);
      syncToggle(button);
    });
  }

  function watchSearchResults() {
    var header = document.querySelector(".md-header");
    if (!header) return;
    decorateResults(header);
    new MutationObserver(function () { decorateResults(header); }).observe(header, { childList: true, subtree: true });
  }

  function closeOnEscape(event) {
    if (event.key === "Escape" && details.open) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  }

  function closeOnOutsideClick(event) {
    if (details.open && !tray.contains(event.target)) details.open = false;
  }

  function init() {
    render();
    document.addEventListener("click", onToggle);
    document.addEventListener("click", closeOnOutsideClick);
    details.addEventListener("keydown", closeOnEscape);
    clear.addEventListener("click", function () {
      save([]);
      announce("已清空对照。");
      details.querySelector("summary").focus();
    });
    window.addEventListener("storage", function (event) { if (event.key === KEY) render(); });
    watchSearchResults();
    window.kbTray = { items: items, add: add, remove: remove, has: has, max: MAX, caseUrl: caseUrl };
    document.dispatchEvent(new CustomEvent("kb-tray-ready"));
  }

  init();
})();
