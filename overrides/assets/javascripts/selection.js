/*
 * mx-selection: a printable (the handout) shows only the pairings and the practice scenarios of the
 * session (the scenarios in the order they run; none when none), the content note for its topics,
 * and the session's support contacts written in as text. Without JavaScript it shows every pairing, no scenario and blank
 * lines for the contacts. Started by mx.js once the mapping's data has run.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  const session = (...args) => mx.session(...args);
  const showSupport = (...args) => mx.showSupport(...args);

  (mx.queue ||= []).push([
    "mx-selection",
    (root, { data }) => {
      showSupport(root);
      const chosen = session(data);
      mx.showContentNote(root, data, chosen);
      const ids = new Set(chosen.ids);
      for (const item of root.querySelectorAll("[data-entry-id]")) item.hidden = !ids.has(item.dataset.entryId);
      for (const group of root.querySelectorAll("tbody[data-phase]")) {
        group.hidden = ![...group.querySelectorAll("[data-entry-id]")].some((row) => !row.hidden);
      }
      const scenarios = root.querySelector("[data-handout-scenarios]");
      if (!scenarios) return;
      const items = new Map([...scenarios.querySelectorAll("li[data-scenario]")].map((li) => [li.dataset.scenario, li]));
      for (const [id, item] of items) item.hidden = !chosen.scenarios.includes(id);
      for (const id of chosen.scenarios) items.get(id)?.parentElement.append(items.get(id));
      scenarios.hidden = !chosen.scenarios.length;
    },
    { data: true, kit: true },
  ]);
  mx.flush?.();
})();
