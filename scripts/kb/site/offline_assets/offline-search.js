/* Offline search for the file:// bundle (make offline).
   window.KB_OFFLINE_INDEX comes from assets/offline-index.js, built with jieba
   and the site's domain dictionary. A query is split into index terms by
   forward maximum matching; pages holding every term rank by term counts. */
(function () {
  "use strict";
  var MAX_TERM = 12, MAX_RESULTS = 10;

  function segment(query, terms) {
    var words = [], text = query.toLowerCase().replace(/[\s\u3000，。、；：？！“”（）《》,.;:?!()"']+/g, " ");
    text.split(" ").forEach(function (chunk) {
      var i = 0;
      while (i < chunk.length) {
        var found = "";
        for (var len = Math.min(MAX_TERM, chunk.length - i); len > 0; len--) {
          var candidate = chunk.substr(i, len);
          if (terms[candidate]) { found = candidate; break; }
        }
        if (found) { words.push(found); i += found.length; } else { i += 1; }
      }
    });
    return words;
  }

  function search(query, index) {
    var words = segment(query, index.terms), scores = {}, hits = {};
    words.forEach(function (word) {
      index.terms[word].forEach(function (posting) {
        scores[posting[0]] = (scores[posting[0]] || 0) + posting[1];
        hits[posting[0]] = (hits[posting[0]] || 0) + 1;
      });
    });
    var all = Object.keys(scores).filter(function (doc) { return hits[doc] === words.length; });
    var ranked = (all.length ? all : Object.keys(scores)).sort(function (a, b) {
      return (hits[b] - hits[a]) || (scores[b] - scores[a]);
    });
    return ranked.slice(0, MAX_RESULTS).map(function (doc) { return index.docs[doc]; });
  }

  function base() {
    var config = document.getElementById("__config");
    try { return JSON.parse(config.textContent).base || "."; } catch (e) { return "."; }
  }

  function render(results, list, query) {
    list.textContent = "";
    if (!query) { list.hidden = true; return; }
    list.hidden = false;
    if (!results.length) {
      var none = document.createElement("li");
      none.textContent = "没有找到与“" + query + "”相关的页面";
      list.appendChild(none);
      return;
    }
    results.forEach(function (doc) {
      var item = document.createElement("li"), link = document.createElement("a"), summary = document.createElement("p");
      link.href = base() + "/" + doc.u;
      link.textContent = doc.t;
      link.className = "kb-offline-result";
      summary.textContent = doc.s;
      item.appendChild(link);
      item.appendChild(summary);
      list.appendChild(item);
    });
  }

  function init() {
    var index = window.KB_OFFLINE_INDEX, header = document.querySelector(".md-header__inner");
    if (!index || !header) return;
    var style = document.createElement("style");
    style.textContent = ".kb-offline-search{margin-left:auto;position:relative}" +
      ".kb-offline-search input{font:inherit;font-size:.8rem;padding:.3em .6em;border:0;border-radius:.2rem;width:12rem}" +
      ".kb-offline-results{position:absolute;right:0;top:2.2rem;width:min(28rem,90vw);max-height:70vh;overflow:auto;" +
      "margin:0;padding:.4rem .8rem;list-style:none;background:var(--md-default-bg-color);color:var(--md-default-fg-color);" +
      "box-shadow:0 .2rem .6rem rgba(0,0,0,.3);border-radius:.2rem;font-size:.75rem;line-height:1.5;z-index:10}" +
      ".kb-offline-results a{color:var(--md-typeset-a-color);font-weight:bold}.kb-offline-results p{margin:.1rem 0 .6rem}";
    document.head.appendChild(style);
    var form = document.createElement("form"), input = document.createElement("input"), list = document.createElement("ol");
    form.className = "kb-offline-search";
    form.setAttribute("role", "search");
    input.type = "search";
    input.placeholder = "搜索（离线）";
    input.setAttribute("aria-label", "搜索");
    list.className = "kb-offline-results";
    list.hidden = true;
    form.appendChild(input);
    form.appendChild(list);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    input.addEventListener("input", function () {
      var query = input.value.trim();
      render(query ? search(query, index) : [], list, query);
    });
    header.appendChild(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
