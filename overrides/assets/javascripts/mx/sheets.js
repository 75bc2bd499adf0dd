/*
 * mx-sheets: the printable scenario sheets show only the scenarios of the session (?s=a,b or
 * ?preset=id in the address, or the one kept in this browser), in the order they run: none if it has
 * none; every scenario when there is no session, or with ?all=1. Without JavaScript every sheet prints. The print stylesheet puts each part on a page of its own.
 * With ?groups=N (the planning page's print list) it prints N sets, each part marked "Group k of N":
 * the page's own sheets are the first set, the others copies without ids, printed only. Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { session } = mx;

  mx.define("mx-sheets", (root, { data }) => {
    const { from, scenarios } = session(data);
    const all = from === "none" || from === "all";
    const sheets = [...root.querySelectorAll("section[data-scenario]")];
    for (const sheet of sheets) sheet.hidden = !all && !scenarios.includes(sheet.dataset.scenario);
    for (const id of all ? [] : scenarios) root.append(sheets.find((sheet) => sheet.dataset.scenario === id));
    const groups = Math.min(30, Number.parseInt(new URLSearchParams(location.search).get("groups"), 10) || 1);
    const shown = sheets.filter((sheet) => !sheet.hidden);
    mx.part(root, "[data-sheets-none]").hidden = shown.length > 0;
    const mark = (sheet, group) => {
      for (const el of sheet.querySelectorAll("[data-sheet-group]")) {
        el.textContent = ` · Group ${group} of ${groups}`;
        el.hidden = groups === 1;
      }
    };
    for (const sheet of shown) mark(sheet, 1);
    for (let group = 2; group <= groups; group += 1) {
      for (const sheet of shown) {
        const copy = sheet.cloneNode(true);
        for (const el of [copy, ...copy.querySelectorAll("[id]")]) el.removeAttribute("id");
        copy.removeAttribute("aria-labelledby");
        copy.classList.add("mx-sheet--copy");
        mark(copy, group);
        root.append(copy);
      }
    }
  });
})();
