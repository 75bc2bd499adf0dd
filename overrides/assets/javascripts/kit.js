/*
 * kit: what the facilitator kit's components share, added to window.mx (in whatever order the page's
 * scripts run; the components marked `kit` start once it is here): selection() (the pairings the URL
 * names), support() and showSupport() (the session's contacts), query(), agenda() and total() (the
 * same blocks as hooks/metaphor_model.py agenda(); a test keeps them equal) and clock(). Pages
 * without a kit component (essay, explorer) do not load it.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  if (mx.agenda) return;

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

  Object.assign(mx, { selection, support, showSupport, query, agenda, total, clock });
  mx.ready?.();
})();
