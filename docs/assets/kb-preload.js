/* A shared search link (?q=…) should show its results as soon as possible:
   load the search script (assets/kb-search.js) now, from the page's head, so
   that it loads the index and the cases the query finds while the page is
   still being parsed; it shows them once the page is there. Without ?q= the
   search loads when the reader opens the box. A file rather than an inline
   script, so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  if (!new URLSearchParams(location.search).has("q")) return;
  var script = document.createElement("script");
  script.src = new URL("kb-search.js", document.currentScript.src).href;
  script.async = true;
  document.head.appendChild(script);
})();
