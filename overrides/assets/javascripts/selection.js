/*
 * mx-selection: a printable (the handout) shows only the pairings the URL names, and the session's
 * support contacts written in as text. Without JavaScript it shows every pairing and blank lines
 * for the contacts. Started by mx.js once the mapping's data has run.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  const selection = (...args) => mx.selection(...args);
  const showSupport = (...args) => mx.showSupport(...args);

  (mx.queue ||= []).push([
    "mx-selection",
    (root, { data }) => {
      showSupport(root);
      const ids = new Set(selection(data));
      for (const item of root.querySelectorAll("[data-entry-id]")) item.hidden = !ids.has(item.dataset.entryId);
      for (const group of root.querySelectorAll("tbody[data-phase]")) {
        group.hidden = ![...group.querySelectorAll("[data-entry-id]")].some((row) => !row.hidden);
      }
    },
    { data: true, kit: true },
  ]);
  mx.flush?.();
})();
