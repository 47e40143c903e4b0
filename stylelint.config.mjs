// stylelint for the project's own CSS (docs/assets/css/, docs/assets/handout.css), run by
// tests/test_stylesheets.py through scripts/quality/stylelint.py. The standard rules, changed
// only where the project's style is deliberate; each change says why.
export default {
  extends: ["stylelint-config-standard"],
  rules: {
    // Class names in the theme's BEM (.md-content__inner, .md-button--primary) and ours after it
    // (.kb-submit__definitions, .kb-tray-toggle--chosen): kebab-case blocks, __elements, --modifiers.
    "selector-class-pattern": [
      "^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:__[a-z0-9]+(?:-[a-z0-9]+)*)?(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$",
      { message: (selector) => `Expected class selector "${selector}" to be kebab-case BEM (block__element--modifier)` },
    ],
    // The theme's custom properties, which these styles set: --md-primary-fg-color--light.
    "custom-property-pattern": [
      "^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)*$",
      { message: (name) => `Expected custom property name "${name}" to be kebab-case, with --modifiers` },
    ],
    // Small rules of a component on one line each, grouped without blank lines, so they read as a table.
    "declaration-block-single-line-max-declarations": null,
    "rule-empty-line-before": null,
    // A rule's phone or print variant follows it directly, as does the comment on the rules below it.
    "at-rule-empty-line-before": null,
    "comment-empty-line-before": null,
    // Rules are ordered by component, on top of the theme's; they style different elements, and the
    // order of the parts is the cascade's (scripts/kb/site/stylesheet.py).
    "no-descending-specificity": null,
    // Breakpoints as min-/max-width, the theme's own (59.984375em = 959.75 px): the range syntax
    // (width <= …) is dropped by browsers before Chrome 104, older Android WebViews among them.
    "media-feature-range-notation": "prefix",
    "number-max-precision": 6,
    // rgba(0, 0, 0, 0.74) as in the theme's stylesheet: the space-separated rgb(0 0 0 / 74%) is
    // dropped by the same older browsers, and the colour with it.
    "color-function-notation": "legacy",
    "alpha-value-notation": "number",
    "color-function-alias-notation": "with-alpha",
    // Paper sizes as CSS Paged Media writes them (size: A4 landscape).
    "value-keyword-case": ["lower", { ignoreKeywords: ["A3", "A4", "A5"] }],
    // clip: rect(0 0 0 0) in the visually-hidden pattern, for browsers without clip-path; in the
    // handouts page-break-* beside break-*, for print engines that know only the older names.
    "property-no-deprecated": [true, { ignoreProperties: ["clip", "page-break-after", "page-break-inside"] }],
  },
};
