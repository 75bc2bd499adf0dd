/*
 * kit: what the facilitator kit's components share, added to window.mx (in whatever order the page's
 * scripts run; the components marked `kit` start once it is here): session() (the pairings,
 * scenarios and buffer the URL names) and selection() (its pairings), support() and showSupport()
 * (the session's contacts), query(), agenda() and total() (the same blocks as
 * hooks/metaphor_model.py agenda(); a test keeps them equal) and clock(). Pages without a kit
 * component (essay, explorer, runbook) do not load it.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  if (mx.agenda) return;

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

  Object.assign(mx, { session, selection, support, showSupport, query, agenda, total, clock });
  mx.ready?.();
})();
