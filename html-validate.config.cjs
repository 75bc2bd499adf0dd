/*
 * html-validate settings for the built site (run by tests/test_html.py over every page).
 * The standard preset, with one rule off, for markup that comes from the theme, not from us, and one
 * rule narrowed (no-redundant-role, below):
 *
 * - valid-autocomplete: Material for MkDocs puts autocomplete="off" on its hidden drawer and search
 *   checkboxes (partials in material/templates/base.html) so that browsers do not restore their
 *   open state on back navigation. The attribute is harmless there; copying base.html to remove it
 *   would make the theme drift (see STYLE: extend blocks, do not copy partials).
 */
module.exports = {
  extends: ["html-validate:standard"],
  rules: {
    "valid-autocomplete": "off",
    // role="list" on a list styled without markers is not redundant: Safari with VoiceOver stops
    // announcing such a list as a list unless the role is written (the site's lists with list-style: none).
    "no-redundant-role": ["error", { exclude: ["list"] }],
  },
};
