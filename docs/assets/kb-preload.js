/* A shared search link (?q=…) needs the search index at once: start loading
   its first file (search/core.js: dictionary and character table) while the
   page is still being parsed, instead of after the page's scripts have run
   (kb-search.js then finds it cached). A file rather than an inline script, so
   the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  if (!new URLSearchParams(location.search).has("q")) return;
  var link = document.createElement("link");
  link.rel = "preload";
  link.as = "script";
  link.href = new URL("../search/core.js", document.currentScript.src).href;
  document.head.appendChild(link);
})();
