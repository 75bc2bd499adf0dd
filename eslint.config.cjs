/*
 * ESLint settings for the site's scripts (overrides/assets/javascripts), run by tests/test_lint.py.
 * Classic browser scripts (not modules: Chromium refuses module scripts from file://), each an IIFE
 * that reads the shared module from window.mx. The recommended rules, plus a few that catch the
 * slips of hand-written DOM code.
 */
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    ignores: ["overrides/assets/javascripts/metaphor-data.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      strict: ["error", "function"],
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "no-use-before-define": ["error", { functions: false, classes: true }],
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='matchMedia']",
          message: "Do not copy a breakpoint into JavaScript: read the layout the stylesheet made.",
        },
      ],
    },
  },
];
