/*
 * stylelint settings for the site's CSS (overrides/assets/stylesheets/*.css, one file a component),
 * run by tests/test_lint.py on the sources and on each page's combined stylesheet as built.
 *
 * - stylelint-config-standard, with BEM class names under our prefix (mx-block__element--modifier)
 *   and Material's own (md-...), and media features written as Material writes them (min-width).
 * - Indentation is checked (@stylistic): a rule pasted into the middle of a selector list, as once
 *   happened in the print rules, no longer lines up.
 * - Widths in media queries are Material's breakpoints only (STYLE.md): 30em, 45em, 60em, 76.25em
 *   and 100em, and the maxima one pixel (0.0625em) below them.
 * - A selector defined twice in one file (or in one page's stylesheet, where the components meet)
 *   is an error.
 */
const MINIMA = ["30em", "45em", "60em", "76.25em", "100em"];
const MAXIMA = ["29.9375em", "44.9375em", "59.9375em", "76.1875em", "99.9375em"];

module.exports = {
  extends: ["stylelint-config-standard"],
  plugins: ["@stylistic/stylelint-plugin"],
  rules: {
    "@stylistic/indentation": 2,
    "@stylistic/no-extra-semicolons": true,
    "@stylistic/declaration-colon-space-after": "always",
    "@stylistic/block-opening-brace-space-before": "always",
    "selector-class-pattern": [
      "^(mx|md)-[a-z0-9]+(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+(-[a-z0-9]+)*)?$|^is-[a-z]+(-[a-z]+)*$",
      { message: "Use BEM names with the mx- prefix (mx-block__element--modifier), or Material's md- classes" },
    ],
    "custom-property-pattern": [
      "^(mx|md)-[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+)?$",
      { message: "Custom properties start with --mx- (ours) or --md- (Material's)" },
    ],
    "media-feature-range-notation": "prefix",
    "media-feature-name-value-allowed-list": {
      "min-width": MINIMA,
      "max-width": MAXIMA,
    },
    "no-duplicate-selectors": true,
    "declaration-no-important": null,
    "no-descending-specificity": null,
  },
};
