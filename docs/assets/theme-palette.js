/* The colour-scheme toggle in the header (overrides/partials/palette.html).

   It does what the theme's palette component did, with the same stored choice
   (__md_get("__palette")) and the same body attributes, but without its cost:
   the theme's component marked the whole page for a new style calculation and
   then read computed styles, twice, while the page was loading. Here the
   scheme is chosen while the header is parsed, before anything is painted, and
   a whole-page change happens only when the reader switches.

   Runs in the header, after its row of buttons (a file, not an inline script, so
   the Content-Security-Policy can forbid inline script). */
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
  if (!inputs.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var themeColor = meta("theme-color");
  var colorScheme = meta("color-scheme");

  function meta(name) {
    var element = document.createElement("meta");
    element.name = name;
    document.head.appendChild(element);
    return element;
  }

  function colorOf(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }

  /* "(prefers-color-scheme)" follows the system: take the colours of the option for the system's scheme. */
  function resolved(color) {
    if (color.media !== "(prefers-color-scheme)") return color;
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var match = form.querySelector(light
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    var result = colorOf(match);
    result.media = color.media;
    return result;
  }

  function apply(index, color) {
    var body = document.body;
    KEYS.forEach(function (key) {
      /* only a real change: setting an attribute to its value still costs a style pass */
      if (body.getAttribute("data-md-color-" + key) !== color[key]) body.setAttribute("data-md-color-" + key, color[key]);
    });
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
  }

  /* The browser's bar takes the header's colour. */
  function updateBrowserColors() {
    var style = getComputedStyle(document.querySelector("header"));
    colorScheme.content = style.colorScheme;
    var rgb = style.backgroundColor.match(/\d+/g) || [];
    themeColor.content = "#" + rgb.slice(0, 3).map(function (c) { return (+c).toString(16).padStart(2, "0"); }).join("");
  }

  function choose(index, save) {
    var color = resolved(colorOf(inputs[index]));
    apply(index, color);
    if (save) __md_set("__palette", { index: index, color: color });
  }

  var stored = __md_get("__palette");
  var initial = stored && typeof stored.index === "number" ? stored.index
    : inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
  choose(Math.max(0, Math.min(initial, inputs.length - 1)), false);
  /* the browser's colours can wait until the page is idle: read earlier, the computed style
     would cost a style pass of its own while the page loads */
  (window.requestIdleCallback || setTimeout)(updateBrowserColors);

  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () {
      /* the theme's stylesheet turns transitions off while this attribute is set */
      document.body.setAttribute("data-md-color-switching", "");
      choose(index, true);
      updateBrowserColors();
      requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
    });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(inputs.findIndex(function (input) { return input.checked; }) + 1) % inputs.length];
    next.click();
    next.focus();
  });
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
    var current = __md_get("__palette");
    if (current && current.color && current.color.media === "(prefers-color-scheme)") choose(current.index, true);
  });
})();
