/*
 * mx-plan: the planning page. The page is a plain GET form that works without JavaScript; this adds
 * the presets, the running total (in a status region) and keeps the URL's query in step with the
 * choice, so the page can be bookmarked or shared. Started by mx.js once the mapping's data has run.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  const part = (...args) => mx.part(...args);
  const selection = (...args) => mx.selection(...args);
  const support = (...args) => mx.support(...args);
  const query = (...args) => mx.query(...args);
  const agenda = (...args) => mx.agenda(...args);
  const total = (...args) => mx.total(...args);

  (mx.queue ||= []).push([
    "mx-plan",
    (root, { data }) => {
      const form = part(root, "[data-plan-form]");
      const boxes = [...form.querySelectorAll('input[type="checkbox"][name="m"]')];
      const totalLine = part(root, "[data-plan-total]");
      const presets = part(root, "[data-plan-presets]");
      const contactInputs = ["support", "report"].map((name) => part(form, `[name="${name}"]`));
      const every = boxes.map((box) => box.value);
      const presetIds = (name) => data.workshop.presets.find((p) => p.id === name)?.entries ?? (name === "all" ? every : []);
      const apply = (ids) => {
        for (const box of boxes) box.checked = ids.includes(box.value);
      };
      const update = () => {
        const ids = boxes.filter((box) => box.checked).map((box) => box.value);
        const contacts = Object.fromEntries(contactInputs.map((input) => [input.name, input.value.trim()]));
        const items = agenda(data, ids);
        const pause = items.some((item) => item.kind === "break") ? `, with a ${data.workshop.pause.minutes}-minute break` : "";
        totalLine.textContent = `${ids.length} of ${boxes.length} pairings chosen: the session takes ${total(items)} minutes${pause}.`;
        try {
          history.replaceState(null, "", query(ids, contacts) + location.hash);
        } catch {
          /* some browsers refuse to change a file:// URL's query; the form still carries it */
        }
        for (const button of presets.querySelectorAll("[data-plan-preset]")) {
          const target = presetIds(button.dataset.planPreset);
          const same = target.length === ids.length && target.every((id) => ids.includes(id));
          button.setAttribute("aria-pressed", String(same));
        }
      };
      const contacts = support();
      for (const input of contactInputs) input.value = contacts[input.name];
      apply(selection(data));
      presets.addEventListener("click", (event) => {
        const button = event.target.closest("[data-plan-preset]");
        if (!button) return;
        apply(presetIds(button.dataset.planPreset));
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
    { data: true, kit: true },
  ]);
  mx.flush?.();
})();
