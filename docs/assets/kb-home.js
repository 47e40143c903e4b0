/* The home page's 搜索案例 button opens the one search box in the header (the
   online search of kb-search.js, or the offline bundle's): the page has no
   second search input. */
(function () {
  "use strict";
  var button = document.querySelector("[data-kb-open-search]");
  if (!button) return;
  button.addEventListener("click", function () {
    var offline = document.querySelector(".kb-offline-search input");
    if (offline) { offline.focus(); return; }
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    var input = document.querySelector(".md-search__input");
    if (input) input.focus();
  });
})();
