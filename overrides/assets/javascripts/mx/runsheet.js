/*
 * mx-runsheet: the session's run sheet. Each block of mx.agenda() (the same as the guide's agendas)
 * becomes a row: its start (from 0:00, or the clock time entered, kept in the address as ?at=14:00),
 * its title, minutes, what to say and do and what to have ready (the page's cue for its kind); a
 * scenario lists its steps and their minutes. Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;

  mx.define("mx-runsheet", (root, { data }) => {
    const chosen = mx.session(data);
    const items = mx.agenda(data, chosen.ids, chosen.scenarios, chosen.buffer);
    const rows = part(root, "[data-runsheet-rows]");
    const at = part(root, "[data-runsheet-at]");
    const cue = (kind, name) => root.querySelector(`[data-${name}="${kind}"]`)?.textContent || "";
    const params = new URLSearchParams(location.search);
    at.value = /^\d\d:\d\d$/.test(params.get("at") || "") ? params.get("at") : "";

    // h:mm from the start of the session, or the clock time from the one entered.
    const time = (minutes) => {
      const [hours, mins] = (at.value || "0:0").split(":").map(Number);
      return mx.clock((hours * 60 + mins + minutes) % (24 * 60));
    };

    const render = () => {
      let start = 0;
      rows.replaceChildren(
        ...items.map((item) => {
          const row = document.createElement("tr");
          row.dataset.kind = item.kind;
          const scenario = item.kind === "scenario" && data.scenarios.find((s) => s.id === item.ref);
          const steps = scenario ? scenario.steps.map((step) => step.join(" ")).join(" · ") : "";
          const what = cue(item.kind, "cue") + (steps ? ` Steps: ${steps}.` : "");
          for (const text of [time(start), item.title, String(item.minutes), what, cue(item.kind, "ready")]) {
            const cell = document.createElement("td");
            cell.textContent = text;
            row.append(cell);
          }
          start += item.minutes;
          return row;
        }),
      );
      part(root, "[data-runsheet-end]").textContent = `${time(start)} (${start} minutes)`;
    };

    at.addEventListener("change", () => {
      render();
      const query = new URLSearchParams(location.search);
      if (at.value) query.set("at", at.value);
      else query.delete("at");
      mx.address(`?${query}`);
    });
    render();
    part(root, "[data-runsheet-session]").textContent = `Session: ${mx.describe(data, chosen)}.`;
    part(root, "[data-runsheet-heading]").hidden = false;
    part(root, "[data-runsheet-table]").hidden = false;
    part(root, "[data-runsheet-controls]").hidden = false;
    mx.showSupport(root);
  });
})();
