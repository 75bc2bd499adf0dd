/*
 * mx-plan: the planning page. The page is a plain GET form that works without JavaScript; this adds
 * the presets (each sets the pairings, the scenarios and the buffer), the running total (in a status
 * region), the session's content note (the sensitive topics of what is ticked), the gate on a
 * scenario whose review is pending (its box stays disabled until the facilitator confirms), and keeps
 * the choice: in this page's address (clean: ?m=a,b&s=c&b=5), in this browser once the facilitator
 * changes it, and in every link and button to a kit page. Started by mx.js once the mapping's data
 * and kit.js have run.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;

  mx.define("mx-plan", (root, { data }) => {
    const form = part(root, "[data-plan-form]");
    const boxes = (name) => [...form.querySelectorAll(`input[type="checkbox"][name="${name}"]`)];
    const pairings = boxes("m");
    const scenarios = boxes("s");
    const confirms = boxes("ok");
    const buffer = part(form, 'select[name="b"]');
    const runs = part(form, 'input[type="hidden"][name="s"]'); // submitted first: it keeps the scenarios' order
    const totalLine = part(root, "[data-plan-total]");
    const ending = part(root, "[data-plan-ending]");
    const bar = part(root, "[data-plan-bar]");
    const presets = part(root, "[data-plan-presets]");
    const contactInputs = ["support", "report"].map((name) => part(form, `[name="${name}"]`));
    const pages = root.dataset.sessionPages.split(" ");
    const none = { ids: [], scenarios: [], ok: [], buffer: 0 };
    const presetSession = (name) => {
      if (name === "all") return { ...none, ids: pairings.map((box) => box.value) };
      const preset = data.workshop.presets.find((p) => p.id === name);
      return preset ? mx.session(data, `?preset=${encodeURIComponent(name)}`) : none;
    };
    const ticked = (list) => list.filter((box) => box.checked).map((box) => box.value);
    const scenarioBox = (id) => scenarios.find((box) => box.value === id);
    /** A pending scenario's box is usable only once its confirmation is ticked. */
    const gate = () => {
      for (const confirm of confirms) {
        const box = scenarioBox(confirm.value);
        box.disabled = !confirm.checked;
        if (!confirm.checked) box.checked = false;
      }
    };
    let order = []; // the scenarios in the order they run: a preset's or the address's, then each as ticked
    const chosen = () => {
      const on = ticked(scenarios);
      order = [...order.filter((id) => on.includes(id)), ...on.filter((id) => !order.includes(id))];
      runs.value = order.join(",");
      return { ids: ticked(pairings), scenarios: order, ok: ticked(confirms), buffer: Number(buffer.value) };
    };
    const contacts = () => Object.fromEntries(contactInputs.map((input) => [input.name, input.value.trim()]));
    const apply = ({ ids, scenarios: run, ok, buffer: minutes }) => {
      for (const box of pairings) box.checked = ids.includes(box.value);
      for (const box of confirms) box.checked = ok.includes(box.value);
      gate();
      for (const box of scenarios) box.checked = !box.disabled && run.includes(box.value);
      order = [...run];
      const options = [...buffer.options];
      if (!options.some((option) => Number(option.value) === minutes)) {
        buffer.add(new Option(minutes), options.find((option) => Number(option.value) > minutes)); // in order
      }
      buffer.value = String(minutes);
    };
    const same = (a, b) => a.length === b.length && a.every((id) => b.includes(id));
    // The page leaves the bar's height free below whatever has focus (plan.css: scroll-padding), however
    // many lines the total takes; a control the grown bar now covers is brought back into view.
    const html = document.documentElement;
    const room = () => html.style.setProperty("--mx-plan-bar", `${bar.offsetHeight}px`);
    new ResizeObserver(room).observe(bar);
    const keepClear = () => {
      room();
      const focused = document.activeElement;
      if (form.contains(focused) && !bar.contains(focused)) focused.scrollIntoView({ block: "nearest" });
    };
    /** Name the session's last pairing or scenario if it touches on a sensitive topic: nothing sensitive comes last. */
    const lastItem = (now) => {
      const items = mx.agenda(data, now.ids, now.scenarios, now.buffer);
      const last = items.filter((item) => item.kind === "entry" || item.kind === "scenario").at(-1);
      const source = last && [...data.entries, ...data.scenarios].find((item) => item.id === last.ref);
      return source?.topics?.length ? last : null;
    };
    // Print for the room: a group per four people (three to five each); the links carry the session and the groups.
    const people = part(root, "[data-plan-people]");
    const printList = (search) => {
      const count = Math.min(120, Math.max(1, Number.parseInt(people.value, 10) || 1));
      const groups = Math.max(1, Math.round(count / 4));
      part(root, "[data-plan-groups]").textContent =
        groups === 1 ? "1 group" : `${groups} groups of three to five`;
      for (const copies of root.querySelectorAll("[data-plan-copies]")) {
        copies.textContent = String(copies.dataset.planCopies === "groups" ? groups : count);
      }
      for (const link of root.querySelectorAll("[data-plan-print-link]")) {
        const url = new URL(link.href);
        const own = { groups: `groups=${groups}`, "print=large": "print=large" }[link.dataset.planPrintLink];
        url.search = own ? `${search}&${own}` : search;
        link.href = url.href;
      }
    };
    people.addEventListener("input", () => printList(mx.query(chosen(), contacts())));
    const update = ({ remember = false } = {}) => {
      const now = chosen();
      const items = mx.agenda(data, now.ids, now.scenarios, now.buffer);
      const extras = [];
      if (items.some((item) => item.kind === "break")) extras.push(`a ${data.workshop.pause.minutes}-minute break`);
      if (now.buffer) extras.push(`${now.buffer} minutes kept free`);
      const also = extras.length ? `, with ${extras.join(" and ")}` : "";
      totalLine.textContent =
        `${now.ids.length} of ${pairings.length} pairings and ${now.scenarios.length} of ${scenarios.length} ` +
        `scenarios chosen: the session takes ${mx.total(items)} minutes${also}.`;
      mx.showContentNote(root, data, now);
      const last = lastItem(now);
      ending.hidden = !last;
      ending.textContent = last
        ? `Your session ends with ${last.title}, which touches on a topic in the content note: ` +
          "add a scenario or pairing after it, so that nobody leaves the room on it."
        : "";
      const search = mx.query(now, contacts());
      mx.address(search);
      if (remember) mx.remember(search);
      mx.carry(pages, search);
      printList(search);
      // Only what the session uses: no cards without pairings, no scenario sheets without scenarios.
      for (const item of root.querySelectorAll("[data-plan-print-needs]")) item.hidden = !now[item.dataset.planPrintNeeds].length;
      for (const button of presets.querySelectorAll("[data-plan-preset]")) {
        const target = presetSession(button.dataset.planPreset);
        const pressed =
          same(target.ids, now.ids) && `${target.scenarios}` === `${now.scenarios}` && target.buffer === now.buffer;
        button.setAttribute("aria-pressed", String(pressed));
      }
      keepClear();
    };
    const kept = mx.support();
    for (const input of contactInputs) input.value = kept[input.name];
    apply(mx.session(data));
    presets.addEventListener("click", (event) => {
      const button = event.target.closest("[data-plan-preset]");
      if (!button) return;
      apply(presetSession(button.dataset.planPreset));
      update({ remember: true });
    });
    form.addEventListener("change", (event) => {
      if (confirms.includes(event.target)) gate();
      update({ remember: true });
    });
    form.addEventListener("input", (event) => {
      if (contactInputs.includes(event.target)) update({ remember: true });
    });
    // Each button opens its page with the session's clean query (the plain form would send ?m=&s=a&m=x...).
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const action = new URL(event.submitter?.formAction || form.action);
      action.search = mx.query(chosen(), contacts());
      mx.remember(action.search);
      location.assign(action.href);
    });
    presets.hidden = false;
    totalLine.hidden = false;
    update();
  });
})();
