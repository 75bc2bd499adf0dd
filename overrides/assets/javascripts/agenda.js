/*
 * mx-agenda: the agenda for the session in the page's URL (the guide page): its pairings, scenarios
 * and buffer, laid out by mx.agenda(), the same arithmetic as the build's ready agendas. Ships
 * `hidden`; started by mx.js.
 */
(() => {
  "use strict";

  const { part, session, agenda, total, clock, query } = window.mx;

  window.mx.define(
    "mx-agenda",
    (root, { data }) => {
      const chosen = session(data);
      const items = agenda(data, chosen.ids, chosen.scenarios, chosen.buffer);
      const rows = part(root, "[data-agenda-rows]");
      let start = 0;
      for (const item of items) {
        const row = document.createElement("tr");
        row.dataset.kind = item.kind;
        if (item.ref) row.dataset.ref = item.ref;
        for (const text of [clock(start), item.title, String(item.minutes)]) {
          const cell = document.createElement("td");
          cell.textContent = text;
          row.append(cell);
        }
        rows.append(row);
        start += item.minutes;
      }
      const runs = chosen.scenarios.length;
      part(root, "[data-agenda-total]").textContent = String(total(items));
      part(root, "[data-agenda-summary]").textContent =
        `${chosen.ids.length} of ${data.entries.length} pairings and ${runs} ${runs === 1 ? "scenario" : "scenarios"}, ` +
        `${total(items)} minutes in all.`;
      const plan = part(root, "[data-agenda-plan]");
      plan.href = plan.getAttribute("href").split(/[?#]/)[0] + query(chosen);
      root.hidden = false;
    },
    { data: true },
  );
})();
