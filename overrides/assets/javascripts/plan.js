/*
 * mx-plan: the planning page. The page is a plain GET form that works without JavaScript; this adds
 * the presets (each sets the pairings, the scenarios and the buffer), the running total (in a status
 * region) and keeps the URL's query in step with the choice, so the page can be bookmarked or shared.
 * Started by mx.js once the mapping's data has run.
 */
(() => {
  "use strict";

  const { part, session, support, query, agenda, total } = window.mx;

  window.mx.define(
    "mx-plan",
    (root, { data }) => {
      const form = part(root, "[data-plan-form]");
      const boxes = (name) => [...form.querySelectorAll(`input[type="checkbox"][name="${name}"]`)];
      const pairings = boxes("m");
      const scenarios = boxes("s");
      const buffer = part(form, 'select[name="b"]');
      const runs = part(form, 'input[type="hidden"][name="s"]'); // submitted first: it keeps the scenarios' order
      const totalLine = part(root, "[data-plan-total]");
      const presets = part(root, "[data-plan-presets]");
      const contactInputs = ["support", "report"].map((name) => part(form, `[name="${name}"]`));
      const none = { ids: [], scenarios: [], buffer: 0 };
      const presetSession = (name) => {
        if (name === "all") return { ...none, ids: pairings.map((box) => box.value) };
        const preset = data.workshop.presets.find((p) => p.id === name);
        return preset ? session(data, `?preset=${encodeURIComponent(name)}`) : none;
      };
      const ticked = (list) => list.filter((box) => box.checked).map((box) => box.value);
      let order = []; // the scenarios in the order they run: a preset's or the URL's, then each as ticked
      const chosen = () => {
        const on = ticked(scenarios);
        order = [...order.filter((id) => on.includes(id)), ...on.filter((id) => !order.includes(id))];
        runs.value = order.join(",");
        return { ids: ticked(pairings), scenarios: order, buffer: Number(buffer.value) };
      };
      const apply = ({ ids, scenarios: run, buffer: minutes }) => {
        for (const box of pairings) box.checked = ids.includes(box.value);
        for (const box of scenarios) box.checked = run.includes(box.value);
        order = [...run];
        const options = [...buffer.options];
        if (!options.some((option) => Number(option.value) === minutes)) {
          buffer.add(new Option(minutes), options.find((option) => Number(option.value) > minutes)); // in order
        }
        buffer.value = String(minutes);
      };
      const same = (a, b) => a.length === b.length && a.every((id) => b.includes(id));
      const update = () => {
        const now = chosen();
        const contacts = Object.fromEntries(contactInputs.map((input) => [input.name, input.value.trim()]));
        const items = agenda(data, now.ids, now.scenarios, now.buffer);
        const extras = [];
        if (items.some((item) => item.kind === "break")) extras.push(`a ${data.workshop.pause.minutes}-minute break`);
        if (now.buffer) extras.push(`${now.buffer} minutes kept free`);
        totalLine.textContent =
          `${now.ids.length} of ${pairings.length} pairings and ${now.scenarios.length} of ${scenarios.length} ` +
          `scenarios chosen: the session takes ${total(items)} minutes${extras.length ? `, with ${extras.join(" and ")}` : ""}.`;
        try {
          history.replaceState(null, "", query(now, contacts) + location.hash);
        } catch {
          /* some browsers refuse to change a file:// URL's query; the form still carries it */
        }
        for (const button of presets.querySelectorAll("[data-plan-preset]")) {
          const target = presetSession(button.dataset.planPreset);
          const pressed =
            same(target.ids, now.ids) && `${target.scenarios}` === `${now.scenarios}` && target.buffer === now.buffer;
          button.setAttribute("aria-pressed", String(pressed));
        }
      };
      const contacts = support();
      for (const input of contactInputs) input.value = contacts[input.name];
      apply(session(data));
      presets.addEventListener("click", (event) => {
        const button = event.target.closest("[data-plan-preset]");
        if (!button) return;
        apply(presetSession(button.dataset.planPreset));
        update();
      });
      form.addEventListener("change", update);
      form.addEventListener("input", (event) => {
        if (contactInputs.includes(event.target)) update();
      });
      presets.hidden = false;
      totalLine.hidden = false;
      update();
    },
    { data: true },
  );
})();
