/* The header search box: Pagefind's JS API behind Material's search markup.
 *
 * - Everything is loaded on first use, from this site only: Pagefind's
 *   index (built by `python -m kb.site.search_index` after `mkdocs build`) and
 *   the domain dictionary search/terms.json (written by `kb generate`).
 * - Dictionary terms in a query (户联理事会, 一肩挑 …) are required whole,
 *   through the page filter "term" that kb.site.render.search_facets gives each
 *   case; the rest of the query goes to Pagefind's own segmentation.
 * - /?q=词 opens the search with results, so a search can be shared.
 * - The first results are re-ranked by literal occurrences of the query; a
 *   query Pagefind finds nothing for is retried by its longest known start.
 * - ↑/↓ move through the results, Enter opens one, Esc closes.
 */
(function () {
  "use strict";

  const MAX_TERM_LENGTH = 12;
  const RESULT_LIMIT = 10;
  const RERANK_DEPTH = 16;  // results whose text is loaded to check literal matches
  const FACETS = ["province", "category", "status"];

  const root = document.querySelector("[data-kb-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const input = root.querySelector(".md-search__input");
  const form = root.querySelector(".md-search__form");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const facetBox = root.querySelector(".kb-search__facets");
  const facetSelects = Object.fromEntries(
    FACETS.map((name) => [name, root.querySelector(`[data-kb-facet="${name}"]`)]));

  const config = JSON.parse(document.getElementById("__config").textContent);
  const siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);

  let engine = null;
  function loadEngine() {
    if (!engine) {
      engine = Promise.all([
        import(new URL("pagefind/pagefind.js", siteRoot).href),
        fetch(new URL("search/terms.json", siteRoot)).then((r) => r.json()),
      ]).then(async ([pagefind, terms]) => {
        await pagefind.options({ baseUrl: siteRoot.pathname });
        return { pagefind, dictionary: new Set(terms) };
      });
    }
    return engine;
  }

  /* Longest dictionary terms first, left to right, not overlapping. */
  function dictionaryTerms(query, dictionary) {
    const found = [];
    for (let start = 0; start < query.length;) {
      let match = "";
      for (let length = Math.min(MAX_TERM_LENGTH, query.length - start); length >= 2; length--) {
        const piece = query.substr(start, length);
        if (dictionary.has(piece)) { match = piece; break; }
      }
      if (match) { found.push(match); start += match.length; } else { start += 1; }
    }
    return found;
  }

  /* Pagefind ranks segmented words without their order; a case that contains
   * the query's words literally (户联理事会, not 户…联…理事…会) comes first. */
  function byLiteralMatches(pages, query) {
    const parts = query.split(/\s+/).filter(Boolean);
    const count = (text, part) => text.split(part).length - 1;
    const scored = pages.map((page, rank) => {
      const text = page.content.replace(/\s+/g, "");
      const counts = parts.map((part) => count(text, part));
      return { page, rank, all: counts.every((n) => n > 0), total: counts.reduce((a, b) => a + b, 0) };
    });
    scored.sort((a, b) => (b.all - a.all) || (b.total - a.total) || (a.rank - b.rank));
    return scored.map((entry) => entry.page);
  }

  function selectedFacets() {
    const filters = {};
    for (const [name, select] of Object.entries(facetSelects)) {
      if (select.value) filters[name] = select.value;
    }
    return filters;
  }

  let generation = 0;
  async function runSearch() {
    const query = input.value.trim();
    const current = ++generation;
    if (!query) { showMessage("输入关键词搜索案例"); list.replaceChildren(); return; }
    const { pagefind, dictionary } = await loadEngine();
    const terms = dictionaryTerms(query, dictionary);
    const filters = selectedFacets();
    if (terms.length) filters.term = { all: terms };
    let search = await pagefind.search(query, { filters });
    if (!search.results.length && terms.length) {
      // Pagefind's segmentation of the query can differ from the page's; the
      // filter alone still guarantees every case contains the terms whole.
      search = await pagefind.search(null, { filters });
    }
    if (!search.results.length && !terms.length) {
      // Pagefind cut the query differently from the pages (业委会 → 业 + 委会,
      // while the pages hold the word 业委会): words match by their start, so
      // look for the longest start of the query that some page has, and let
      // the literal re-ranking below put the pages with the whole query first.
      const compact = query.replace(/\s+/g, "");
      for (let length = compact.length - 1; length >= 1 && !search.results.length; length--) {
        search = await pagefind.search(compact.slice(0, length), { filters });
      }
    }
    if (current !== generation) return;
    const candidates = await Promise.all(search.results.slice(0, RERANK_DEPTH).map((r) => r.data()));
    if (current !== generation) return;
    const top = byLiteralMatches(candidates, query).slice(0, RESULT_LIMIT);
    renderResults(top, search.results.length);
    renderFacets(await facetCounts(pagefind, search));
  }

  /* Counts for the current results; before any facet is chosen Pagefind may
   * not have loaded the filter lists yet, so load them after the results show. */
  let allFilters = null;
  async function facetCounts(pagefind, search) {
    if (FACETS.some((name) => Object.keys(search.filters?.[name] || {}).length)) return search.filters;
    allFilters = allFilters || await pagefind.filters();
    return allFilters;
  }

  function showMessage(text) { meta.textContent = text; }

  function renderResults(pages, total) {
    showMessage(total ? `找到 ${total} 个案例` + (total > pages.length ? `，显示前 ${pages.length} 个` : "") : "没有找到相关案例");
    list.replaceChildren(...pages.map(resultItem));
  }

  function resultItem(page) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = page.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = page.meta.title || page.url;
    const county = document.createElement("p");
    county.className = "kb-search__county";
    county.textContent = page.meta.county || "";
    const excerpt = document.createElement("p");
    excerpt.append(...safeExcerpt(page.excerpt));
    article.append(title, county, excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  /* Pagefind's excerpt as text nodes and <mark>s only: nothing else from it
   * is ever turned into markup. */
  function safeExcerpt(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const nodes = [];
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    }
    return nodes;
  }

  function renderFacets(counts) {
    for (const [name, select] of Object.entries(facetSelects)) {
      const chosen = select.value;
      const values = Object.entries(counts[name] || {}).filter(([value, n]) => n > 0 || value === chosen);
      const options = [select.options[0]];
      for (const [value, n] of values.sort()) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value}（${n}）`;
        option.selected = value === chosen;
        options.push(option);
      }
      select.replaceChildren(...options);
    }
    facetBox.hidden = !FACETS.some((name) => facetSelects[name].options.length > 1);
  }

  let timer = null;
  function scheduleSearch() {
    clearTimeout(timer);
    timer = setTimeout(runSearch, 120);
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    loadEngine();
    setTimeout(() => input.focus(), 0);
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() { return [...list.querySelectorAll(".md-search-result__link")]; }

  function moveFocus(step) {
    const all = links();
    if (!all.length) return;
    const index = all.indexOf(document.activeElement);
    const next = index < 0 ? (step > 0 ? 0 : all.length - 1) : (index + step + all.length) % all.length;
    all.forEach((link) => link.classList.remove("kb-search__focus"));
    all[next].classList.add("kb-search__focus");
    all[next].focus();
  }

  input.addEventListener("input", scheduleSearch);
  input.addEventListener("keyup", scheduleSearch);
  input.addEventListener("focus", () => { if (!toggle.checked) toggle.checked = true; loadEngine(); });
  form.addEventListener("submit", (event) => { event.preventDefault(); moveFocus(1); });
  form.addEventListener("reset", () => { setTimeout(runSearch, 0); input.focus(); });
  for (const select of Object.values(facetSelects)) select.addEventListener("change", runSearch);
  toggle.addEventListener("change", () => { if (toggle.checked) open(); });

  document.addEventListener("keydown", (event) => {
    if (toggle.checked) {
      if (event.key === "ArrowDown") { event.preventDefault(); moveFocus(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); moveFocus(-1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      return;
    }
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName || "");
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
    }
  });

  const shared = new URLSearchParams(location.search).get("q");
  if (shared) {
    input.value = shared;
    open();
    runSearch();
  }
})();
