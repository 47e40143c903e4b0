/* 引用本案例: the citation's date of access is the reader's (kb.site.render.citation). */
(function () {
  "use strict";
  function fill() {
    var now = new Date();
    var today = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
    document.querySelectorAll("[data-kb-today]").forEach(function (span) { span.textContent = today; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
