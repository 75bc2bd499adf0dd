/*
 * mx-selection: a printable (the handout) shows only the pairings and the practice scenarios of the
 * session (the scenarios in the order they run; none when none), the content note for its topics,
 * and the session's support contacts written in as text. It prints in one size of type chosen for what it shows
 * (SIZES: the fewer pairings and scenarios, the larger; never under 9 pt), or in large print (16 pt, one column)
 * with ?print=large, which its link switches. Without JavaScript it shows every pairing in 9 pt, no scenario
 * and blank lines for the contacts. Started by mx.js once the mapping's data has run.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { session, showSupport, part } = mx;
  // Up to this many characters of pairings and scenarios shown, this size of printed type; more, 9 pt. Each
  // size fits its most on two A4 or Letter pages with some room to spare (in Chromium, 12 pt held 1,580
  // characters, 11 pt 2,230, 10 pt 2,960; 9 pt holds about 4,700).
  const SIZES = [
    [1400, 12],
    [1900, 11],
    [2700, 10],
  ];

  /** Print in the size that suits what is shown (`shown`: its length), or in large print; say which, and link the other. */
  function showPrint(root, shown) {
    const params = new URLSearchParams(location.search);
    const large = params.get("print") === "large";
    const points = large ? 16 : (SIZES.find(([most]) => shown <= most) || [0, 9])[1];
    root.dataset.print = large ? "large" : "standard";
    root.style.setProperty("--mx-handout-pt", `${points}pt`);
    if (large) params.delete("print");
    else params.set("print", "large");
    const link = part(root, "[data-handout-print-link]");
    link.href = `?${params}`;
    link.textContent = large ? "Standard print" : "Large print (16 pt)";
    part(root, "[data-handout-print-text]").textContent = `Prints in ${points} pt type${large ? ", one column" : ""}.`;
    part(root, "[data-handout-print]").hidden = false;
  }

  mx.define("mx-selection", (root, { data }) => {
    showSupport(root);
    const chosen = session(data);
    mx.showContentNote(root, data, chosen);
    const ids = new Set(chosen.ids);
    for (const item of root.querySelectorAll("[data-entry-id]")) item.hidden = !ids.has(item.dataset.entryId);
    for (const group of root.querySelectorAll("tbody[data-phase]")) {
      group.hidden = ![...group.querySelectorAll("[data-entry-id]")].some((row) => !row.hidden);
    }
    // A session of scenarios only: no empty table of pairings, and no key to their labels.
    for (const el of root.querySelectorAll("[data-handout-table], [data-origin-legend]")) el.hidden = !ids.size;
    const scenarios = root.querySelector("[data-handout-scenarios]");
    if (!scenarios) return;
    const items = new Map([...scenarios.querySelectorAll("li[data-scenario]")].map((li) => [li.dataset.scenario, li]));
    for (const [id, item] of items) item.hidden = !chosen.scenarios.includes(id);
    for (const id of chosen.scenarios) items.get(id)?.parentElement.append(items.get(id));
    scenarios.hidden = !chosen.scenarios.length;
    const shown = root.querySelectorAll("tr[data-entry-id]:not([hidden]), li[data-scenario]:not([hidden])");
    showPrint(root, [...shown].reduce((length, item) => length + item.textContent.trim().length, 0));
  });
})();
