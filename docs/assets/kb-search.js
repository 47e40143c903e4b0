/* The header search box: one script and one index, on the published site and
 * in the offline bundle opened from file://.
 *
 * - The index (search/, built by kb.search.index) is a set of script
 *   files that hand their data to kbSearchData(key, data): a page can load a
 *   script from file://, where it cannot fetch. Only what a query needs is
 *   loaded: core.js (dictionary, Traditional → Simplified table), then the
 *   index shards of the query's tokens, then the cases shown.
 * - A query is split exactly as the index was built (kb/search/tokens.py
 *   is the other half of this contract, and defines its constants): NFKC, lower case, Traditional →
 *   Simplified, quotes dropped; then dictionary terms longest first and
 *   character pairs for the rest; ASCII words (pinyin too) whole. A case is a
 *   result when it has every token. Of the cases shown, those holding the query's
 *   terms side by side come first (closeness): “155”工程 before 155 … 工程.
 * - Results: title, region, model, status and the passage with the query
 *   highlighted, all built with textContent; none of the data becomes markup.
 * - ?q=词 opens the search with results, so a search can be shared.
 * - ↑/↓ move through the results, Enter opens one, Esc closes. Enter in the
 *   box searches at once (no wait for the pause after typing) and moves to the
 *   first result.
 */
(function (global) {
  "use strict";

  /* ---- Reading text: pure functions, which Node loads too (tests/js/contracts.test.mjs). ----
   * A query is split as kb/search/tokens.py reads the cases' text; every constant of that
   * contract (quotes, the ranges of Chinese characters, the shard hash, the limits) comes from
   * there, in core.text of search/core.js: this file holds no copy. */
  const searchText = (function () {
    /* What splitting needs, from the data of search/core.js. */
    function engine(core) {
      const table = new Map();
      const pairs = Array.from(core.t2s);  // by code point: a character may be outside the BMP
      for (let i = 0; i + 1 < pairs.length; i += 2) table.set(pairs[i], pairs[i + 1]);
      const { quotes, chinese } = core.text;
      return {
        core, table, dictionary: new Set(core.dictionary), quotes: new Set(quotes),
        chineseRun: new RegExp(`^[${chinese}]`),
        runs: new RegExp(`[${chinese}]+|[a-z0-9]+`, "g"),
      };
    }

    /* Step 1: NFKC, A–Z lower-cased, Traditional → Simplified, quotes dropped. */
    function normalize(text, { table, quotes }) {
      let out = "";
      for (const char of text.normalize("NFKC")) {
        if (char >= "A" && char <= "Z") out += char.toLowerCase();
        else if (!quotes.has(char)) out += table.get(char) || char;
      }
      return out;
    }

    /* Step 2: runs of Chinese characters and runs of ASCII letters and digits, of normalized text. */
    function runs(text, { runs: pattern }) {
      return text.match(pattern) || [];
    }

    /* Step 3. tokens: what every result must contain; pieces: what is highlighted. */
    function splitQuery(query, split) {
      const { core, dictionary, chineseRun } = split;
      const text = normalize(query, split).replace(/<[^>]*>/g, " ").slice(0, core.text.maxQuery);
      const tokens = [], pieces = [];
      for (const run of runs(text, split)) {
        if (!chineseRun.test(run)) {
          if (run.length >= core.text.minWord && !/^[0-9]+$/.test(run)) { tokens.push(run); pieces.push(run); }
          continue;
        }
        let start = 0;  // start of the text between dictionary terms
        const between = (end) => {
          const rest = run.slice(start, end);
          if (rest.length >= 2) {
            for (let i = 0; i + 1 < rest.length; i++) tokens.push(rest.substr(i, 2));
            pieces.push(rest);
          } else if (rest.length === 1) {
            // one character beside a term: its pair with the neighbour, which the index has
            tokens.push(run.length === 1 ? rest : start + 1 < run.length ? run.substr(start, 2) : run.substr(start - 1, 2));
            if (run.length === 1) pieces.push(rest);
          }
        };
        for (let i = 0; i < run.length;) {
          let term = "";
          for (let length = Math.min(core.maxTerm, run.length - i); length >= 2; length--) {
            if (dictionary.has(run.substr(i, length))) { term = run.substr(i, length); break; }
          }
          if (!term) { i += 1; continue; }
          between(i);
          tokens.push(term);
          pieces.push(term);
          i += term.length;
          start = i;
        }
        between(run.length);
      }
      return { text, tokens: [...new Set(tokens)].slice(0, core.text.maxTokens), pieces: [...new Set(pieces)] };
    }

    /* How closely a text holds a split query: 2 when it holds the query's runs in their order,
     * side by side (at most two spaces or punctuation marks between two of them: “155”工程 for
     * 155工程, as quotes are dropped), 1 when it holds each piece of the query as written,
     * 0 when only its character pairs, apart. */
    function closeness(text, split, engine) {
      const normalized = normalize(text, engine);
      const queryRuns = runs(split.text, engine);
      const apart = `[^${engine.core.text.chinese}a-z0-9]{0,2}`;
      if (queryRuns.length && new RegExp(queryRuns.join(apart)).test(normalized)) return 2;
      return split.pieces.every((piece) => normalized.includes(piece)) ? 1 : 0;
    }

    /* The shard of a token: 32-bit FNV-1a over code points (fnv1a() in kb/search/tokens.py). */
    function fnv1a(token, { core }) {
      let hash = core.text.fnvOffset;
      for (const char of token) hash = Math.imul(hash ^ char.codePointAt(0), core.text.fnvPrime) >>> 0;
      return hash;
    }

    function shardOf(token, split) { return fnv1a(token, split) % split.core.shards; }

    return { engine, normalize, runs, splitQuery, closeness, fnv1a, shardOf };
  })();
  if (typeof module === "object" && module.exports) module.exports = searchText;
  if (typeof document === "undefined") return;  // loaded by Node: the functions only

  const { normalize, splitQuery, shardOf } = searchText;
  const RESULT_LIMIT = 10;
  const PASSAGE = 110;    // characters of the passage shown under a result
  // The facets are the page's <select data-kb-facet> boxes, in the order facets.js lists them
  // (kb.search.index.FACETS); no facet name is repeated here.
  let FACETS = [];

  // A shared link (?q=…) has kb-preload.js load this file early, from the page's
  // head, so the index loads while the page is still parsed; the copy the page
  // itself loads at the end of the body then has nothing left to do.
  if (global.kbSearchData) return;
  const siteRoot = new URL("..", document.currentScript.src);  // this file is assets/kb-search.js
  const shared = new URLSearchParams(location.search).get("q");

  // The box; set by start() once the page has been parsed.
  let root, toggle, input, form, meta, list, facetBox, facetSelects;

  /* ---- Loading the index: script files, so that file:// works too. ---- */

  const waiting = new Map();
  const loaded = new Map();
  global.kbSearchData = function (key, data) {
    const resolve = waiting.get(key);
    if (resolve) { waiting.delete(key); resolve(data); }
  };

  function load(key) {
    if (!loaded.has(key)) {
      loaded.set(key, new Promise((resolve, reject) => {
        waiting.set(key, resolve);
        const script = document.createElement("script");
        script.src = new URL(`search/${key}.js`, siteRoot).href;
        script.async = true;
        const fail = () => {
          script.remove();
          if (waiting.has(key)) { waiting.delete(key); loaded.delete(key); reject(new Error(key)); }
        };
        script.addEventListener("load", fail);  // loaded without handing over its data
        script.addEventListener("error", fail);
        document.head.append(script);
      }));
    }
    return loaded.get(key);
  }

  let engine = null;
  function loadEngine() {
    engine = engine || load("core").then(searchText.engine);
    engine.catch(() => { engine = null; });
    return engine;
  }

  /* Lone surrogates (which a pasted or crafted text can hold) become U+FFFD. */
  function wellFormed(text) {
    return text.toWellFormed ? text.toWellFormed() : text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  }

  async function matches(split, engineData) {
    const { core } = engineData;
    const shards = await Promise.all(split.tokens.map((token) => load(`${core.v}/i${shardOf(token, engineData)}`)));
    const spelled = new Set();
    const postings = split.tokens.map((token, i) => {
      for (const term of shards[i]["~" + token] || []) spelled.add(term);
      const flat = Object.prototype.hasOwnProperty.call(shards[i], token) ? shards[i][token] : [];
      const weights = new Map();
      for (let j = 0, doc = 0; j + 1 < flat.length; j += 2) { doc += flat[j]; weights.set(doc, flat[j + 1]); }
      return weights;
    });
    if (!postings.length || postings.some((p) => !p.size)) return { docs: [], spelled };
    postings.sort((a, b) => a.size - b.size);
    const scored = [];
    for (const [doc] of postings[0]) {
      let score = 0;
      for (const weights of postings) {
        const weight = weights.get(doc);
        if (weight === undefined) { score = -1; break; }
        score += Math.log(1 + core.n / weights.size) * (1 + Math.log(weight));
      }
      if (score >= 0) scored.push({ doc, score });
    }
    scored.sort((a, b) => (b.score - a.score) || (a.doc - b.doc));
    return { docs: scored, spelled };
  }

  /* ---- Running a search. ---- */

  let generation = 0;
  async function runSearch() {
    const current = ++generation;
    const query = wellFormed(input.value).trim();
    if (!query) { showMessage("输入关键词搜索案例"); list.replaceChildren(); facetBox.hidden = true; return; }
    try {
      const engineData = await loadEngine();
      const split = splitQuery(query, engineData);
      const { docs, spelled } = split.tokens.length ? await matches(split, engineData) : { docs: [], spelled: [] };
      // the facet lists load beside the results; a chosen facet must be known first
      const facets = docs.length ? loadFacets(engineData) : Promise.resolve(null);
      const kept = chosenFacets() ? filterByFacets(docs, await facets) : docs;
      const highlight = [...split.pieces, ...spelled].sort((a, b) => b.length - a.length);
      const pages = await Promise.all(kept.slice(0, RESULT_LIMIT).map(({ doc }) => load(`${engineData.core.v}/d${doc}`)));
      if (current !== generation) return;
      if (docs.length && !kept.length) showMessage("在所选的省份、分类或状态中没有找到相关案例");
      else if (!kept.length) await showNoResults(query, split, engineData, current);
      else showMessage(`找到 ${kept.length} 个案例` + (kept.length > pages.length ? `，显示前 ${pages.length} 个` : ""));
      if (current !== generation) return;
      const ordered = byCloseness(pages, split, engineData);
      list.replaceChildren(...ordered.map((page) => resultItem(page, highlight, engineData)));
      renderFacets(docs, await facets);
    } catch (error) {
      if (current === generation) showMessage("搜索索引没有加载成功，请刷新页面后再试");
    }
  }

  /* The cases shown, the closest to the query first (closeness()); otherwise as scored. */
  function byCloseness(pages, split, engineData) {
    return pages.map((page, rank) => ({ page, rank, close: searchText.closeness(`${page.t}\n${page.m}\n${page.r}\n${page.x}`, split, engineData) }))
      .sort((a, b) => (b.close - a.close) || (a.rank - b.rank)).map((entry) => entry.page);
  }

  /* ---- Facets: province, category, status, review state (kb.search.index.FACETS). ---- */

  function loadFacets({ core }) { return load(`${core.v}/facets`); }

  function chosenFacets() { return FACETS.some((name) => facetSelects[name].value); }

  function facetValues(facets, doc) {
    const values = {};
    facets.order.forEach((name, i) => { values[name] = facets.docs[doc][i].map((k) => facets.names[name][k]); });
    return values;
  }

  function filterByFacets(docs, facets) {
    return docs.filter(({ doc }) => {
      const values = facetValues(facets, doc);
      return FACETS.every((name) => !facetSelects[name].value || values[name].includes(facetSelects[name].value));
    });
  }

  function renderFacets(docs, facets) {
    if (!facets || !docs.length) { facetBox.hidden = !chosenFacets(); return; }
    const counts = Object.fromEntries(FACETS.map((name) => [name, new Map()]));
    for (const { doc } of docs) {
      const values = facetValues(facets, doc);
      for (const name of FACETS) for (const value of values[name]) counts[name].set(value, (counts[name].get(value) || 0) + 1);
    }
    for (const [name, select] of Object.entries(facetSelects)) {
      const chosen = select.value;
      const options = [select.options[0]];
      const rank = (value) => facets.names[name].indexOf(value);  // the order facets.js gives
      for (const [value, n] of [...counts[name]].sort(([a], [b]) => rank(a) - rank(b))) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value}（${n}）`;
        option.selected = value === chosen;
        options.push(option);
      }
      if (chosen && !counts[name].has(chosen)) {
        const option = document.createElement("option");
        option.value = chosen;
        option.textContent = `${chosen}（0）`;
        option.selected = true;
        options.push(option);
      }
      select.replaceChildren(...options);
    }
    facetBox.hidden = false;
  }

  /* ---- What the reader sees. ---- */

  function showMessage(text) { meta.textContent = text; }

  /* 没有找到“…”，试试：the glossary terms, categories and models nearest the query. */
  async function showNoResults(query, split, { core }, current) {
    const shown = query.length > 20 ? `${query.slice(0, 20)}…` : query;
    showMessage(`没有找到“${shown}”的相关案例`);
    let suggestions = [];
    try { suggestions = await load(`${core.v}/suggest`); } catch (error) { return; }
    if (current !== generation) return;
    const chars = new Set(split.text);
    const nearest = suggestions
      .map((label, rank) => ({ label, rank, shared: [...new Set(label)].filter((c) => chars.has(c)).length }))
      .sort((a, b) => (b.shared - a.shared) || (a.rank - b.rank)).slice(0, 5);
    meta.append("，试试：");
    nearest.forEach(({ label }, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "kb-search__suggestion";
      button.textContent = label;
      button.addEventListener("click", () => { input.value = scheduledFor = label; searchNow(); input.focus(); });
      meta.append(...(i ? ["、", button] : [button]));
    });
  }

  function resultItem(page, highlight, engineData) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(page.u, siteRoot).href;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.append(...highlighted(page.t, highlight, engineData));
    const facts = document.createElement("p");
    facts.className = "kb-search__facts";
    const region = span("kb-search__region", page.r);
    const model = span("kb-search__model", page.m);
    const status = span("kb-search__status", page.s);
    const review = span("kb-search__review", page.v);
    facts.append(region, " · ", model, " ", status, " ", review);
    const passage = document.createElement("p");
    passage.className = "kb-search__passage";
    passage.append(...passageOf(page.x, highlight, engineData));
    article.append(title, facts, passage);
    link.append(article);
    item.append(link);
    return item;
  }

  function span(className, text) {
    const element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  /* The text normalized character by character, with where each normalized
   * character came from, so matches found on it can be marked in the original. */
  function normalizedText(text, engineData) {
    let normalized = "";
    const starts = [], ends = [];
    for (let i = 0; i < text.length;) {
      const code = text.codePointAt(i);
      const char = String.fromCodePoint(code);
      // ASCII (much of a case) needs no NFKC
      const form = code < 0x80 ? (engineData.quotes.has(char) ? "" : char.toLowerCase()) : normalize(char, engineData);
      for (let k = 0; k < form.length; k++) { starts.push(i); ends.push(i + char.length); }
      normalized += form;
      i += char.length;
    }
    return { normalized, starts, ends };
  }

  /* [start, end) in the original text of every occurrence of each piece, in order. */
  function occurrences({ normalized, starts, ends }, pieces) {
    const found = [];
    for (const piece of pieces) {
      for (let at = normalized.indexOf(piece); at >= 0 && piece; at = normalized.indexOf(piece, at + piece.length)) {
        found.push([starts[at], ends[at + piece.length - 1]]);
      }
    }
    return found.sort((a, b) => (a[0] - b[0]) || (b[1] - a[1]));
  }

  /* text[from, to) as text nodes and <mark>s (textContent only). */
  function marked(text, from, to, found) {
    const nodes = [];
    let at = from;
    for (const [start, end] of found) {
      if (start < at || end > to) continue;
      if (start > at) nodes.push(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      nodes.push(mark);
      at = end;
    }
    if (at < to) nodes.push(document.createTextNode(text.slice(at, to)));
    return nodes;
  }

  function highlighted(text, highlight, engineData) {
    return marked(text, 0, text.length, occurrences(normalizedText(text, engineData), highlight));
  }

  /* The passage around the first place the longest piece occurs. */
  function passageOf(text, highlight, engineData) {
    const index = normalizedText(text, engineData);
    const first = highlight.map((piece) => occurrences(index, [piece])[0]).find(Boolean);
    const start = first ? Math.max(0, first[0] - 30) : 0;
    const end = Math.min(text.length, start + PASSAGE);
    const nodes = marked(text, start, end, occurrences(index, highlight));
    if (start > 0) nodes.unshift(document.createTextNode("…"));
    if (end < text.length) nodes.push(document.createTextNode("…"));
    return nodes;
  }

  /* ---- The box: opening, typing, keys. ---- */

  let timer = null;
  let running = null;       // the latest search, for Enter to wait for
  let scheduledFor = null;  // the text the latest search after typing is for
  function scheduleSearch(event) {
    // a key that leaves the text as it is (Enter, the arrows) schedules nothing: a second
    // search of the same text would draw the results again, under the focus Enter moved there
    if (event && event.type === "keyup" && input.value === scheduledFor) return;
    scheduledFor = input.value;
    clearTimeout(timer);
    timer = setTimeout(searchNow, 120);
  }

  /* Every search starts here: typing (after the pause), Enter, a facet, clearing, a shared link. */
  function searchNow() {
    clearTimeout(timer);
    timer = null;
    running = runSearch();
    return running;
  }

  /* Enter in the box: a search still waiting for the pause after typing runs at once, and the
   * first result of that search (not of the text before) takes the focus. */
  async function searchAndFocusFirst() {
    if (timer !== null) searchNow();
    if (running) await running;
    moveFocus(1);
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    loadEngine().catch(() => {});
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

  function start() {
    root = document.querySelector("[data-kb-search]");
    toggle = document.getElementById("__search");
    if (!root || !toggle) return;
    input = root.querySelector(".md-search__input");
    form = root.querySelector(".md-search__form");
    meta = root.querySelector(".md-search-result__meta");
    list = root.querySelector(".md-search-result__list");
    facetBox = root.querySelector(".kb-search__facets");
    facetSelects = Object.fromEntries([...root.querySelectorAll("[data-kb-facet]")].map((select) => [select.dataset.kbFacet, select]));
    FACETS = Object.keys(facetSelects);

    input.addEventListener("input", scheduleSearch);
    input.addEventListener("keyup", scheduleSearch);
    input.addEventListener("focus", () => { if (!toggle.checked) toggle.checked = true; loadEngine().catch(() => {}); });
    form.addEventListener("submit", (event) => { event.preventDefault(); searchAndFocusFirst(); });
    form.addEventListener("reset", () => { scheduledFor = null; setTimeout(searchNow, 0); input.focus(); });
    for (const select of Object.values(facetSelects)) select.addEventListener("change", searchNow);
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

    if (shared) {
      input.value = scheduledFor = shared;
      // The facets stand above the results: shown as the search opens, not when its results come,
      // so that the results' heading does not jump down under the reader's eyes.
      facetBox.hidden = false;
      open();
      searchNow();
    }
  }

  /* A shared link: load what its results need before the page has been parsed. */
  async function prefetch(query) {
    const engineData = await loadEngine();
    const split = splitQuery(wellFormed(query).trim(), engineData);
    if (!split.tokens.length) return;
    const { docs } = await matches(split, engineData);
    for (const { doc } of docs.slice(0, RESULT_LIMIT)) load(`${engineData.core.v}/d${doc}`).catch(() => {});
  }

  if (shared) prefetch(shared).catch(() => {});
  // Not before the page is parsed: loaded early, this file may run while the
  // parser is inside the search box, whose parts are then not all there yet.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
