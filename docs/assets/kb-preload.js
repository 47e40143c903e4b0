/* A shared search link (/?q=…) needs the search engine at once: start its
   downloads while the page is still being parsed, instead of after the page's
   scripts have run (kb-search.js then finds them cached). A file rather than
   an inline script, so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  if (!new URLSearchParams(location.search).has("q")) return;
  var root = new URL("..", document.currentScript.src);
  [["pagefind/pagefind.js", "modulepreload", ""],
   ["pagefind/wasm.unknown.pagefind", "preload", "fetch"],
   ["search/terms.json", "preload", "fetch"]].forEach(function (item) {
    var link = document.createElement("link");
    link.rel = item[1];
    link.href = new URL(item[0], root).href;
    if (item[2]) { link.as = item[2]; link.crossOrigin = "anonymous"; }
    document.head.appendChild(link);
  });
})();
