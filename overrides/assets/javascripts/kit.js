/*
 * The facilitator kit's small components, each started from its data-module root:
 *   mx-plan       the planning page: presets, running total, links that carry the selection
 *   mx-agenda     the agenda for the URL's selection (guide page)
 *   mx-selection  the handout and the cards show only the URL's selection
 *   mx-tools      a discussion-card picker that does not repeat, and a stopwatch
 * The selection travels in the URL as ?m=a,b (or ?m=a&m=b from the plain form, or ?preset=id).
 * No framework and no build step; a classic deferred script so that file:// works.
 */
(() => {
  "use strict";

  function part(root, selector) {
    const element = root.querySelector(selector);
    if (!element) throw new Error(`mx-kit: no element matches ${selector}`);
    return element;
  }

  /** Return the selected entry ids from the URL, in the mapping's display order, or every id. */
  function selected(data, search = location.search) {
    const params = new URLSearchParams(search);
    const known = orderedIds(data);
    if (params.has("m")) {
      const wanted = new Set(params.getAll("m").flatMap((v) => v.split(",")));
      return known.filter((id) => wanted.has(id));
    }
    const preset = data.workshop.presets.find((p) => p.id === params.get("preset"));
    return preset ? known.filter((id) => preset.entries.includes(id)) : known;
  }

  function orderedIds(data) {
    return data.phases.flatMap((phase) => data.entries.filter((e) => e.phase === phase.id).map((e) => e.id));
  }

  /** The same blocks as agenda() in hooks/metaphor_model.py (a test keeps the two equal). */
  function agenda(data, ids) {
    const chosen = new Set(ids);
    const titles = data.agenda_titles;
    const workshop = data.workshop;
    const items = [
      { kind: "opening", title: titles.opening, minutes: workshop.opening.minutes },
      { kind: "passages", title: titles.passages, minutes: workshop.passages.minutes },
    ];
    for (const phase of data.phases) {
      const entries = data.entries.filter((e) => e.phase === phase.id && chosen.has(e.id));
      if (!entries.length) continue;
      for (const e of entries) items.push({ kind: "entry", title: `${e.outage.term} ↔ ${e.sexism.term}`, minutes: e.minutes, ref: e.id });
      items.push({ kind: "discussion", title: `${phase.title}: discussion`, minutes: phase.minutes, ref: phase.id });
    }
    items.push({ kind: "closing", title: titles.closing, minutes: workshop.closing.minutes });
    const length = total(items);
    if (length > workshop.pause.over) {
      let elapsed = 0;
      let best = null;
      items.forEach((item, index) => {
        elapsed += item.minutes;
        const distance = Math.abs(2 * elapsed - length);
        if (item.kind === "discussion" && (best === null || distance < best.distance)) best = { distance, index };
      });
      if (best) items.splice(best.index + 1, 0, { kind: "break", title: titles.break, minutes: workshop.pause.minutes });
    }
    return items;
  }

  const total = (items) => items.reduce((sum, item) => sum + item.minutes, 0);

  /** The session's support contacts, entered on the planning page, travel in the URL with the selection. */
  const SUPPORT_FIELDS = ["support", "report"];

  function support(search = location.search) {
    const params = new URLSearchParams(search);
    return Object.fromEntries(SUPPORT_FIELDS.map((name) => [name, (params.get(name) || "").trim().slice(0, 200)]));
  }

  function query(ids, contacts = support()) {
    const params = [`m=${ids.map(encodeURIComponent).join(",")}`];
    for (const name of SUPPORT_FIELDS) if (contacts[name]) params.push(`${name}=${encodeURIComponent(contacts[name])}`);
    return `?${params.join("&")}`;
  }

  function withSelection(href, ids, contacts) {
    const [path, hash] = href.split("#");
    return path.split("?")[0] + query(ids, contacts) + (hash ? `#${hash}` : "");
  }

  /** Write the support contacts into [data-support-field] elements, as text. */
  function showSupport(root, contacts = support()) {
    for (const field of root.querySelectorAll("[data-support-field]")) {
      field.textContent = contacts[field.dataset.supportField] || "";
    }
  }

  function startPlan(root, data) {
    const form = part(root, "[data-plan-form]");
    const boxes = [...form.querySelectorAll('input[type="checkbox"][name="m"]')];
    const totalLine = part(root, "[data-plan-total]");
    const presets = part(root, "[data-plan-presets]");
    const apply = (ids) => {
      for (const box of boxes) box.checked = ids.includes(box.value);
    };
    const contactInputs = SUPPORT_FIELDS.map((name) => form.querySelector(`[name="${name}"]`)).filter(Boolean);
    for (const input of contactInputs) input.value = support()[input.name];
    const update = () => {
      const ids = boxes.filter((b) => b.checked).map((b) => b.value);
      const contacts = Object.fromEntries(contactInputs.map((input) => [input.name, input.value.trim()]));
      const items = agenda(data, ids);
      const minutes = total(items);
      const pause = items.some((item) => item.kind === "break") ? `, with a ${data.workshop.pause.minutes}-minute break` : "";
      totalLine.textContent = `${ids.length} of ${boxes.length} pairings chosen: the session takes ${minutes} minutes${pause}.`;
      try {
        history.replaceState(null, "", query(ids, contacts) + location.hash);
      } catch {
        /* some browsers refuse to change a file:// URL's query; the links below still carry it */
      }
      for (const button of presets.querySelectorAll("[data-plan-preset]")) {
        const preset = data.workshop.presets.find((p) => p.id === button.dataset.planPreset);
        const target = preset ? preset.entries : button.dataset.planPreset === "all" ? boxes.map((b) => b.value) : [];
        const same = target.length === ids.length && target.every((id) => ids.includes(id));
        button.setAttribute("aria-pressed", String(same));
      }
    };
    apply(selected(data));
    presets.addEventListener("click", (event) => {
      const button = event.target.closest("[data-plan-preset]");
      if (!button) return;
      const preset = data.workshop.presets.find((p) => p.id === button.dataset.planPreset);
      apply(preset ? preset.entries : button.dataset.planPreset === "all" ? boxes.map((b) => b.value) : []);
      update();
    });
    form.addEventListener("change", update);
    form.addEventListener("input", (event) => {
      if (contactInputs.includes(event.target)) update();
    });
    presets.hidden = false;
    totalLine.hidden = false;
    update();
  }

  function startAgenda(root, data) {
    const ids = selected(data);
    const items = agenda(data, ids);
    const rows = part(root, "[data-agenda-rows]");
    let start = 0;
    for (const item of items) {
      const row = document.createElement("tr");
      row.dataset.kind = item.kind;
      if (item.ref) row.dataset.ref = item.ref;
      for (const text of [`${Math.floor(start / 60)}:${String(start % 60).padStart(2, "0")}`, item.title, String(item.minutes)]) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
      rows.append(row);
      start += item.minutes;
    }
    part(root, "[data-agenda-total]").textContent = String(total(items));
    part(root, "[data-agenda-summary]").textContent =
      `${ids.length} of ${data.entries.length} pairings, ${total(items)} minutes in all.`;
    const plan = part(root, "[data-agenda-plan]");
    plan.href = withSelection(plan.getAttribute("href"), ids);
    root.hidden = false;
  }

  function startSelection(root, data) {
    showSupport(root);
    const params = new URLSearchParams(location.search);
    if (!params.has("m") && !params.has("preset")) return;
    const ids = new Set(selected(data));
    for (const item of root.querySelectorAll("[data-entry-id]")) item.hidden = !ids.has(item.dataset.entryId);
    for (const group of root.querySelectorAll("tbody[data-phase]")) {
      group.hidden = ![...group.querySelectorAll("[data-entry-id]")].some((row) => !row.hidden);
    }
  }

  function startTools(root, data) {
    const card = part(root, "[data-picker-card]");
    const count = part(root, "[data-picker-count]");
    const ids = selected(data);
    let left = [...ids];
    const show = () => {
      count.textContent = `${ids.length - left.length} of ${ids.length} drawn`;
    };
    part(root, "[data-picker-draw]").addEventListener("click", () => {
      if (!left.length) left = [...ids];
      const id = left.splice(Math.floor(Math.random() * left.length), 1)[0];
      const entry = data.entries.find((e) => e.id === id);
      const title = document.createElement("p");
      title.className = "mx-tool__card-title";
      title.dataset.pickerEntry = id;
      title.textContent = `${entry.outage.term} ↔ ${entry.sexism.term}`;
      const list = document.createElement("ul");
      for (const prompt of entry.prompts) {
        const item = document.createElement("li");
        item.textContent = prompt;
        list.append(item);
      }
      card.replaceChildren(title, list);
      show();
    });
    part(root, "[data-picker-reset]").addEventListener("click", () => {
      left = [...ids];
      show();
    });
    show();

    const time = part(root, "[data-stopwatch-time]");
    const toggle = part(root, "[data-stopwatch-toggle]");
    let since = 0;
    let banked = 0;
    let timer = 0;
    const paint = () => {
      const ms = banked + (since ? Date.now() - since : 0);
      time.textContent = `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, "0")}`;
    };
    toggle.addEventListener("click", () => {
      if (since) {
        banked += Date.now() - since;
        since = 0;
        clearInterval(timer);
      } else {
        since = Date.now();
        timer = setInterval(paint, 250);
      }
      toggle.textContent = since ? "Pause" : "Start";
      toggle.setAttribute("aria-pressed", String(Boolean(since)));
      paint();
    });
    part(root, "[data-stopwatch-reset]").addEventListener("click", () => {
      banked = 0;
      since = since ? Date.now() : 0;
      paint();
    });
    root.hidden = false;
  }

  const MODULES = { "mx-plan": startPlan, "mx-agenda": startAgenda, "mx-selection": startSelection, "mx-tools": startTools };

  function startAll() {
    const data = window.mxMetaphorData;
    if (!data) {
      document.addEventListener("mx:metaphor-data", startAll, { once: true });
      return;
    }
    for (const [name, start] of Object.entries(MODULES)) {
      for (const root of document.querySelectorAll(`[data-module="${name}"]`)) {
        if (root.dataset.started) continue;
        root.dataset.started = "true";
        start(root, data);
      }
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(startAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
