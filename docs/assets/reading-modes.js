/* Reading aids (适老化): 长辈模式 (large type) and 高对比 (high contrast).

   Loaded in <head> so the stored choice applies before the first paint: the
   modes are attributes on <html> (data-kb-large, data-kb-contrast) that the
   "Reading aids" section of kb.css styles. The choice is kept in localStorage
   (also under file:// in the offline bundle). Until the reader chooses a
   contrast, the system setting prefers-contrast: more decides.

   Also makes Material's label-buttons in the header (menu, search on phones)
   reachable and operable by keyboard: the theme renders them as <label>s,
   which Tab skips. */
(function () {
  "use strict";
  var KEY = "kb-reading-modes";
  var root = document.documentElement;
  var moreContrast = window.matchMedia ? matchMedia("(prefers-contrast: more)") : null;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(modes) {
    try { localStorage.setItem(KEY, JSON.stringify(modes)); } catch (e) { /* storage blocked: the mode lasts for this page */ }
  }
  function effective(modes) {
    return {
      large: modes.large === true,
      contrast: typeof modes.contrast === "boolean" ? modes.contrast : !!(moreContrast && moreContrast.matches)
    };
  }
  function apply(modes) {
    var on = effective(modes);
    if (on.large) root.setAttribute("data-kb-large", ""); else root.removeAttribute("data-kb-large");
    if (on.contrast) root.setAttribute("data-kb-contrast", ""); else root.removeAttribute("data-kb-contrast");
    var buttons = document.querySelectorAll("[data-kb-mode]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on[buttons[i].getAttribute("data-kb-mode")] ? "true" : "false");
    }
  }

  root.classList.add("kb-js");
  apply(load());
  if (moreContrast && moreContrast.addEventListener) {
    moreContrast.addEventListener("change", function () { apply(load()); });
  }

  var LABEL_NAMES = { __drawer: "打开导航菜单", __search: "打开搜索" };

  function operableByKeyboard(label) {
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (!label.hasAttribute("aria-label")) label.setAttribute("aria-label", LABEL_NAMES[label.htmlFor] || label.title || "");
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    apply(load());
    var buttons = document.querySelectorAll("[data-kb-mode]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        var mode = event.currentTarget.getAttribute("data-kb-mode");
        var modes = load();
        modes[mode] = !effective(modes)[mode];
        save(modes);
        apply(modes);
      });
    }
    var labels = document.querySelectorAll("label.md-header__button[for='__drawer'], label.md-header__button[for='__search']");
    for (var j = 0; j < labels.length; j++) operableByKeyboard(labels[j]);
  });
})();
