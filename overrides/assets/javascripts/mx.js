/*
 * mx: what every component shares. define("mx-name", start, { data }) runs start(root, { data, signal })
 * once per data-module="mx-name" root, after each instant navigation too; `signal` aborts when the root
 * leaves the page. A classic script (Chromium refuses module scripts from file://); run twice, one stays.
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

  /** Stop the components whose roots have left the page; start the roots not yet started. */
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

  /** Register a component; a second definition of a name (a script run again) is ignored. */
  function define(name, init, { data = false } = {}) {
    if (components.has(name)) return;
    components.set(name, { init, needsData: data });
    if (document.readyState !== "loading") boot();
  }

  /** The URL's session: pairings (?m=a,b; all if none), scenarios (?s=a,b in order), buffer (?b=5), or ?preset=id's. */
  function session(data, search = location.search) {
    const params = new URLSearchParams(search);
    const list = (name) => params.getAll(name).flatMap((value) => value.split(",")).filter(Boolean);
    const preset = data.workshop.presets.find((p) => p.id === params.get("preset")) || {};
    const order = data.phases.flatMap((phase) => data.entries.filter((e) => e.phase === phase.id).map((e) => e.id));
    const wanted = params.has("m") ? list("m") : preset.entries;
    const known = data.scenarios.map((s) => s.id);
    const scenarios = params.has("s") ? list("s") : preset.scenarios || [];
    return {
      ids: wanted ? order.filter((id) => wanted.includes(id)) : order,
      scenarios: [...new Set(scenarios)].filter((id) => known.includes(id)),
      buffer: Math.max(0, (params.has("b") ? Number.parseInt(params.get("b"), 10) : preset.buffer) || 0),
    };
  }

  const selection = (data, search) => session(data, search).ids;

  /** The session's support contacts (from the planning page, in the URL). */
  const SUPPORT_FIELDS = ["support", "report"];

  function support(search = location.search) {
    const params = new URLSearchParams(search);
    return Object.fromEntries(SUPPORT_FIELDS.map((name) => [name, (params.get(name) || "").trim().slice(0, 200)]));
  }

  /** Write the contacts as text into each [data-support] block (an optional one shows only those given). */
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

  /** Return the query that carries a session and its contacts: "?m=a,b&s=c&b=5&support=...". */
  function query({ ids, scenarios = [], buffer = 0 }, contacts = support()) {
    const params = [`m=${ids.map(encodeURIComponent).join(",")}`, `s=${scenarios.map(encodeURIComponent).join(",")}`];
    if (buffer) params.push(`b=${buffer}`);
    for (const name of SUPPORT_FIELDS) if (contacts[name]) params.push(`${name}=${encodeURIComponent(contacts[name])}`);
    return `?${params.join("&")}`;
  }

  const total = (items) => items.reduce((sum, item) => sum + item.minutes, 0);

  /** Lay out a session as hooks/metaphor_model.py agenda() does (a test keeps them equal). */
  function agenda(data, ids, scenarioIds = [], buffer = 0) {
    const { agenda_titles: titles, workshop } = data;
    const block = (kind, minutes, title = titles[kind], ref = "") => ({ kind, title, minutes, ref });
    const items = [block("opening", workshop.opening.minutes), block("passages", workshop.passages.minutes)];
    for (const phase of data.phases) {
      const entries = data.entries.filter((e) => e.phase === phase.id && ids.includes(e.id));
      if (!entries.length) continue;
      items.push(...entries.map((e) => block("entry", e.minutes, `${e.outage.term} ↔ ${e.sexism.term}`, e.id)));
      items.push(block("discussion", phase.minutes, `${phase.title}: discussion`, phase.id));
    }
    for (const s of scenarioIds.map((id) => data.scenarios.find((x) => x.id === id)).filter(Boolean)) {
      items.push(block("scenario", s.minutes, titles.scenario.replace("{title}", s.title), s.id));
    }
    if (buffer) items.push(block("buffer", buffer));
    items.push(block("closing", workshop.closing.minutes));
    const length = total(items);
    if (length > workshop.pause.over) {
      let elapsed = 0;
      let best = null;
      items.forEach((item, index) => {
        elapsed += item.minutes;
        const distance = Math.abs(2 * elapsed - length);
        const after = item.kind === "discussion" || item.kind === "scenario";
        if (after && (best === null || distance < best.distance)) best = { distance, index };
      });
      if (best) items.splice(best.index + 1, 0, block("break", workshop.pause.minutes));
    }
    return items;
  }

  /** Format seconds as m:ss (or minutes as h:mm). */
  const clock = (count) => {
    const whole = Math.max(0, Math.floor(count));
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  };

  window.mx = { define, part, session, selection, support, showSupport, query, agenda, total, clock };

  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  document.addEventListener("mx:metaphor-data", boot);
})();
