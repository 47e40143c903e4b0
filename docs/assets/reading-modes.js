/* Reading aids (适老化): 长辈模式 (large type) and 高对比 (high contrast).

   Loaded in <head> so the stored choice applies before the first paint: the
   modes are attributes on <html> (data-kb-large, data-kb-contrast) that the
   docs/assets/css/50-reading-aids.css styles. The choice is kept in localStorage
   (also under file:// in the offline bundle). Until the reader chooses a
   contrast, the system setting prefers-contrast: more decides.

   Also gives the header's menu and phone search buttons a real <button>, so
   the keyboard reaches them (see headerButtonFor). */
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

  apply(load());
  if (moreContrast && moreContrast.addEventListener) {
    moreContrast.addEventListener("change", function () { apply(load()); });
  }

  var TOGGLE_NAMES = { __drawer: "打开导航菜单", __search: "打开搜索" };

  /* The theme's menu and (on phones) search buttons are <label>s for hidden
     checkboxes: Tab skips them and they have no button role. With script, a
     real <button> takes each one's place and clicks the same checkbox; the
     label stays in the page, hidden, for the theme's own code. */
  function headerButtonFor(label) {
    var box = document.getElementById(label.htmlFor);
    if (!box) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " kb-header-toggle";
    button.setAttribute("data-kb-for", label.htmlFor);
    button.setAttribute("aria-label", TOGGLE_NAMES[label.htmlFor]);
    button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    for (var i = 0; i < label.children.length; i++) button.appendChild(label.children[i].cloneNode(true));
    button.addEventListener("click", function () { box.click(); });
    box.addEventListener("change", function () { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); });
    label.parentNode.insertBefore(button, label.nextSibling);
    label.classList.add("kb-header-replaced");  // hidden from now on (kb.css): the button has its place
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
    for (var j = 0; j < labels.length; j++) headerButtonFor(labels[j]);
  });
})();
