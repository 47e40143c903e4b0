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
  /* Script runs: the theme's mark (class "js" on <html>) is set here, in <head>, before the first
     frame, and it is the site's one mark of it too. The theme's bundle swaps no-js for js only at the
     end of the body: its search button and box took their place a frame late and the header's other
     buttons jumped aside; the site's controls only script can work (data-kb-script-only: 加入对照,
     投影模式, 朗读, sorting and filtering; kb.css), its header reading aids and its phone table layout
     take their place from the first frame too, so that nothing jumps when their scripts wire them. */
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");
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
