/*
 * mx: the small module every component shares (GOV.UK Frontend's habits). A component is one file
 * that calls mx.define("mx-name", start, { data: true }); start(root, { data, signal }) runs once for
 * each element marked data-module="mx-name" (then marked data-started="true"): when the page is ready,
 * after Material's instant navigation (document$), and, if it needs them, once the mapping's data have
 * loaded. `signal` aborts when the root leaves the page: give it to every listener and timer on window
 * or document, so that none piles up. Also: part(), selection(), support(), query(), agenda() (the
 * same blocks as hooks/metaphor_model.py agenda(); a test keeps them equal) and clock().
 * A classic script (Chromium refuses module scripts from file://); run again, the first copy stays.
 */
(() => {
  "use strict";

  if (window.mx) return;

  const components = new Map();
  const running = new Set();

  /** Return the element matching `selector` inside `root`, or throw an error that names it. */
  function part(root, selector) {
    const element = root.querySelector(selector);
    if (!element) {
      const name = root.closest("[data-module]")?.dataset.module || "mx";
      throw new Error(`${name}: no element matches ${selector}`);
    }
    return element;
  }

  function start(name, root) {
    const { init, needsData } = components.get(name);
    const data = window.mxMetaphorData;
    if (root.dataset.started || (needsData && !data)) return;
    root.dataset.started = "true";
    const controller = new AbortController();
    running.add({ root, controller });
    try {
      init(root, { data, signal: controller.signal });
      performance.mark(`${name}:ready`);
    } catch (error) {
      window.reportError(error);
    }
  }

  /** Stop the components whose roots have left the page, then start every root not yet started. */
  function boot() {
    for (const item of running) {
      if (!item.root.isConnected) {
        item.controller.abort();
        running.delete(item);
      }
    }
    for (const name of components.keys()) {
      for (const root of document.querySelectorAll(`[data-module="${name}"]`)) start(name, root);
    }
  }

  /** Register a component; a second definition of the same name (a script run again) is ignored. */
  function define(name, init, { data = false } = {}) {
    if (components.has(name)) return;
    components.set(name, { init, needsData: data });
    if (document.readyState !== "loading") boot();
  }

  /** Return the pairings the URL names (?m=a,b, ?m=a&m=b or ?preset=id) in the mapping's order; all if none. */
  function selection(data, search = location.search) {
    const params = new URLSearchParams(search);
    const order = data.phases.flatMap((phase) => data.entries.filter((e) => e.phase === phase.id).map((e) => e.id));
    let wanted = null;
    if (params.has("m")) {
      wanted = new Set(params.getAll("m").flatMap((value) => value.split(",")));
    } else {
      const preset = data.workshop.presets.find((p) => p.id === params.get("preset"));
      if (preset) wanted = new Set(preset.entries);
    }
    return wanted ? order.filter((id) => wanted.has(id)) : order;
  }

  /** The session's support contacts, entered on the planning page; they travel in the URL. */
  const SUPPORT_FIELDS = ["support", "report"];

  function support(search = location.search) {
    const params = new URLSearchParams(search);
    return Object.fromEntries(SUPPORT_FIELDS.map((name) => [name, (params.get(name) || "").trim().slice(0, 200)]));
  }

  /** Write the contacts, as text, into each [data-support] block; an optional block shows only what was given. */
  function showSupport(root, contacts = support()) {
    for (const block of root.querySelectorAll("[data-support]")) {
      const optional = "supportOptional" in block.dataset;
      for (const field of block.querySelectorAll("[data-support-field]")) {
        field.textContent = contacts[field.dataset.supportField] || "";
        if (optional) field.parentElement.hidden = !field.textContent;
      }
      if (optional) block.hidden = !SUPPORT_FIELDS.some((name) => contacts[name]);
    }
  }

  /** Return the query string that carries a selection and its contacts: "?m=a,b&support=...". */
  function query(ids, contacts = support()) {
    const params = [`m=${ids.map(encodeURIComponent).join(",")}`];
    for (const name of SUPPORT_FIELDS) if (contacts[name]) params.push(`${name}=${encodeURIComponent(contacts[name])}`);
    return `?${params.join("&")}`;
  }

  const total = (items) => items.reduce((sum, item) => sum + item.minutes, 0);

  /** Lay out a session: opening, passages, each phase's chosen pairings then its discussion, a break, close. */
  function agenda(data, ids) {
    const chosen = new Set(ids);
    const titles = data.agenda_titles;
    const { workshop } = data;
    const items = [
      { kind: "opening", title: titles.opening, minutes: workshop.opening.minutes },
      { kind: "passages", title: titles.passages, minutes: workshop.passages.minutes },
    ];
    for (const phase of data.phases) {
      const entries = data.entries.filter((e) => e.phase === phase.id && chosen.has(e.id));
      if (!entries.length) continue;
      for (const e of entries) {
        items.push({ kind: "entry", title: `${e.outage.term} ↔ ${e.sexism.term}`, minutes: e.minutes, ref: e.id });
      }
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

  /** Format a count of seconds as m:ss (the same arithmetic formats minutes as h:mm). */
  const clock = (count) => {
    const whole = Math.max(0, Math.floor(count));
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  };

  window.mx = { define, part, selection, support, showSupport, query, agenda, total, clock };

  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  document.addEventListener("mx:metaphor-data", boot);
})();
