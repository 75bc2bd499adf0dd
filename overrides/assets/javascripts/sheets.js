/*
 * mx-sheets: the printable scenario sheets show only the scenarios of the session (?s=a,b or
 * ?preset=id in the address, or the one kept in this browser), in the order they run: none if it has
 * none; every scenario when there is no session, or with ?all=1. Without JavaScript every sheet prints. The print stylesheet puts each part on a page of its own. Started by mx.js.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  const session = (...args) => mx.session(...args);

  (mx.queue ||= []).push([
    "mx-sheets",
    (root, { data }) => {
      const { from, scenarios } = session(data);
      const all = from === "none" || from === "all";
      const sheets = [...root.querySelectorAll("section[data-scenario]")];
      for (const sheet of sheets) sheet.hidden = !all && !scenarios.includes(sheet.dataset.scenario);
      for (const id of all ? [] : scenarios) root.append(sheets.find((sheet) => sheet.dataset.scenario === id));
    },
    { data: true, kit: true },
  ]);
  mx.flush?.();
})();
