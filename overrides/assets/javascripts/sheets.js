/*
 * mx-sheets: the printable scenario sheets show only the scenarios of the URL's session (?s=a,b or
 * ?preset=id), in the order they run; every scenario when it names none. Without JavaScript every
 * sheet prints. The print stylesheet puts each part on a page of its own. Started by mx.js.
 */
(() => {
  "use strict";

  const { session } = window.mx;

  window.mx.define(
    "mx-sheets",
    (root, { data }) => {
      const { scenarios } = session(data);
      const sheets = [...root.querySelectorAll("[data-scenario]")];
      for (const sheet of sheets) sheet.hidden = scenarios.length > 0 && !scenarios.includes(sheet.dataset.scenario);
      for (const id of scenarios) root.append(sheets.find((sheet) => sheet.dataset.scenario === id));
    },
    { data: true },
  );
})();
