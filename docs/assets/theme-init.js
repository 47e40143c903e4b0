/* Material for MkDocs' start-up helpers, which the theme writes inline into
   every page (partials/javascripts/base.html and content.html). Moved into
   this file so that the Content-Security-Policy (overrides/partials/csp.html)
   can forbid inline script. Loaded in <head> before Material's bundle, which
   calls these globals.

   __md_scope is the site root (the theme derives it from base_url; this file
   sits one folder below the root), so settings such as the colour scheme are
   stored per site, as the theme stores them. */
(function () {
  "use strict";
  /* Script runs: the controls only script can work (data-kb-script-only: 加入对照, 投影模式, 朗读) are
     laid out from the first frame, so that nothing jumps when their scripts wire them (kb.css). */
  document.documentElement.setAttribute("data-kb-script", "");
  /* The theme's own mark of the same (its bundle swaps it at the end of the body, after the first
     frame): its search button and search box, hidden under no-js, took their place a frame late and
     the header's other buttons jumped aside. */
  document.documentElement.classList.replace("no-js", "js");
  var scope = new URL("..", document.currentScript.src);
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, character) {
      return (hash << 5) - hash + character.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (error) { /* storage full or blocked */ }
  };
  /* content.html: a link to a tab of a tabbed block opens that tab. */
  document.addEventListener("DOMContentLoaded", function () {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  });
})();
