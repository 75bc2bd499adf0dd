/*
 * mx-cards: the discussion cards for the URL's selection, six to a printed sheet and numbered from
 * one, printed as several sets so that a few cards fill a sheet: one set per group (?groups=N, which
 * the planning page passes, or the "Sets to print" number), else as many as fill one sheet. Each card
 * is marked with its set ("Set 2 of 4") so cut cards can be sorted. The first set is the page's own
 * cards; the others are copies without ids, shown only in print. The build groups every card into
 * sheets of six; the script regroups the chosen cards into new sheets (so no sheet prints half empty
 * or blank). Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part, selection } = mx;
  const PER_SHEET = 6;
  const MOST = 30; // sets: as many groups as a large room holds

  const clamp = (value) => Math.min(MOST, Math.max(1, value));

  /** A copy of `card` for another set: no ids, no references to them, printed only. */
  function copy(card) {
    const clone = card.cloneNode(true);
    for (const element of [clone, ...clone.querySelectorAll("[id]")]) element.removeAttribute("id");
    clone.removeAttribute("aria-labelledby");
    clone.removeAttribute("data-entry-id");
    clone.dataset.cardCopy = card.dataset.entryId;
    clone.classList.add("mx-card--copy");
    return clone;
  }

  mx.define("mx-cards", (root, { data }) => {
    const grid = part(root, "[data-cards-grid]");
    const template = part(grid, "[data-cards-sheet]").cloneNode(false);
    const input = part(root, "[data-cards-sets-input]");
    const status = part(root, "[data-cards-sets-status]");
    const cards = new Map([...grid.querySelectorAll("[data-entry-id]")].map((card) => [card.dataset.entryId, card]));
    const chosen = selection(data).filter((id) => cards.has(id)).map((id) => cards.get(id));
    const built = [...cards.values()];
    const groups = Number.parseInt(new URLSearchParams(location.search).get("groups"), 10);
    input.value = String(clamp(groups || Math.floor(PER_SHEET / Math.max(1, chosen.length))));

    /** Lay out the chosen cards `sets` times, six to a sheet, each set numbered from one and marked. */
    function layOut(sets) {
      const printed = [];
      for (let set = 1; set <= sets; set += 1) {
        chosen.forEach((card, index) => {
          const shown = set === 1 ? card : copy(card);
          for (const number of shown.querySelectorAll("[data-card-number]")) number.textContent = String(index + 1);
          const mark = part(shown, "[data-card-set]");
          mark.textContent = ` · Set ${set} of ${sets}`;
          mark.hidden = sets === 1;
          printed.push(shown);
        });
      }
      const sheets = [];
      printed.forEach((card, index) => {
        if (index % PER_SHEET === 0) sheets.push(template.cloneNode(false));
        sheets[sheets.length - 1].append(card);
      });
      grid.replaceChildren(...sheets);
    }

    function render() {
      const sets = clamp(Number.parseInt(input.value, 10) || 1);
      input.value = String(sets);
      // One set of every card in the build's order is what the build laid out: nothing to regroup (slow on a phone).
      const asBuilt =
        sets === 1 &&
        !grid.querySelector("[data-card-copy]") &&
        chosen.length === built.length &&
        chosen.every((card, index) => card === built[index]);
      if (!asBuilt) layOut(sets);
      const count = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
      const sheets = count(grid.children.length, "sheet");
      status.textContent = chosen.length
        ? `Prints ${count(sets, "set")} of ${count(chosen.length, "card")}: ${sheets}. The page shows one set.`
        : "This session has no pairings, so there are no cards to print.";
    }

    input.addEventListener("change", () => {
      render();
      const params = new URLSearchParams(location.search);
      params.set("groups", input.value);
      mx.address(`?${params}`);
    });
    render();
    part(root, "[data-cards-sets]").hidden = false;
  });
})();
