/* 投影模式: the button on case and module pages toggles a wide, large-type layout.
   The choice is kept for the session; ?projector=1 in the address turns it on. */
(function () {
  "use strict";
  var KEY = "kb-projector";
  function stored() {
    try { return sessionStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function apply(on) {
    document.body.classList.toggle("kb-projector", on);
    document.querySelectorAll(".kb-projector-toggle").forEach(function (button) {
      button.textContent = on ? "退出投影模式" : "投影模式";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function init() {
    var on = stored() || new URLSearchParams(location.search).get("projector") === "1";
    apply(on);
    document.querySelectorAll(".kb-projector-toggle").forEach(function (button) {
      button.addEventListener("click", function () {
        var next = !document.body.classList.contains("kb-projector");
        try { sessionStorage.setItem(KEY, next ? "1" : "0"); } catch (e) { /* file:// may refuse */ }
        apply(next);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
