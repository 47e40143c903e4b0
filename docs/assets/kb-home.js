/* The home page's 搜索案例 button opens the one search box in the header
   (kb-search.js, online and in the offline bundle): the page has no second
   search input. */
(function () {
  "use strict";
  var button = document.querySelector("[data-kb-open-search]");
  if (!button) return;
  button.addEventListener("click", function () {
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    var input = document.querySelector(".md-search__input");
    if (input) input.focus();
  });
})();
