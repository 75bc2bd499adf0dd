/*
 * mx-agenda: the agenda for the session (the guide page): its pairings, scenarios and buffer, laid
 * out by mx.agenda(), the same arithmetic as the build's ready agendas; the session line inside it
 * (session.js) says which session it is. Ships `hidden`; started by mx.js. A link to it (the
 * planning page's "Agenda": guide/?m=...#agenda-custom) lands on it once shown.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part, session, agenda, total, clock } = mx;

  mx.define("mx-agenda", (root, { data }) => {
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
    part(root, "[data-agenda-total]").textContent = String(total(items));
    root.hidden = false;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && root.contains(target)) target.scrollIntoView();
  });
})();
