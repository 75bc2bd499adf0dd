/*
 * mx-cards: the discussion cards for the URL's selection, six to a printed sheet and numbered from
 * one. The build groups every card into sheets of six; a selection regroups the chosen cards into
 * new sheets (so no sheet prints half empty or blank) and renumbers them. Started by mx.js.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  const part = (...args) => mx.part(...args);
  const selection = (...args) => mx.selection(...args);
  const PER_SHEET = 6;

  (mx.queue ||= []).push([
    "mx-cards",
    (root, { data }) => {
      const grid = part(root, "[data-cards-grid]");
      const template = part(grid, "[data-cards-sheet]");
      const cards = new Map([...grid.querySelectorAll("[data-entry-id]")].map((card) => [card.dataset.entryId, card]));
      const chosen = selection(data).filter((id) => cards.has(id)).map((id) => cards.get(id));
      const built = [...cards.values()];
      // Every card in the build's order is what the build printed: nothing to regroup or renumber.
      if (chosen.length === built.length && chosen.every((card, index) => card === built[index])) return;
      const sheets = [];
      chosen.forEach((card, index) => {
        if (index % PER_SHEET === 0) sheets.push(template.cloneNode(false));
        sheets[sheets.length - 1].append(card);
        for (const number of card.querySelectorAll("[data-card-number]")) number.textContent = String(index + 1);
      });
      grid.replaceChildren(...sheets);
    },
    { data: true, kit: true },
  ]);
  mx.flush?.();
})();
