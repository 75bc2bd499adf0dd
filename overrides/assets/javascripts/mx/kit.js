/*
 * kit: what the facilitator kit's components share, added to window.mx (in whatever order the page's
 * scripts run; the components marked `kit` start once it is here). The facilitator's session (the
 * pairings, scenarios, buffer and contacts chosen on the planning page) lives in the address and in
 * this browser's storage (never sent anywhere): source() says where this page's session comes from,
 * session() reads it, keep() remembers it and carries it in every link to a kit page, query() writes
 * it, describe() says it in words. selection() (its pairings), support() and showSupport() (its
 * contacts), showContentNote() (its sensitive topics), agenda() and total() (the same blocks as
 * hooks/model/metaphor_model.py agenda(); a test keeps them equal) and clock(). Pages without a kit
 * component (essay, explorer, runbook) do not load it.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;

  const STORE = "mx-session"; // this browser's session: the query the address would carry
  const SESSION = ["m", "s", "b", "preset", "ok"]; // the address's parameters that name a session
  const EVERYTHING = "all"; // ?all=1 shows a page's everything, without forgetting the session

  // Without storage (some file:// pages, private windows), the address alone carries the session.
  const stored = () => mx.store(STORE) || "";
  const remember = (search) => mx.store(STORE, search);

  /** Where this page's session comes from: the address ("address"), this browser ("stored"), nowhere ("none"),
   *  or nowhere on purpose ("all": the page shows everything); `search` is the session's query. */
  function source(search = location.search) {
    const params = new URLSearchParams(search);
    if (params.has(EVERYTHING)) return { from: "all", search: "" };
    if (SESSION.some((name) => params.has(name))) return { from: "address", search };
    const kept = stored();
    return kept ? { from: "stored", search: kept } : { from: "none", search: "" };
  }

  /** The session: pairings (?m=a,b; all if none), scenarios (?s=a,b in order; one whose review is pending only
   *  if ?ok= names it), buffer (?b=5), or ?preset=id's; `from` says where it came from (source()). */
  function session(data, search) {
    const origin = search === undefined ? source() : { from: "address", search };
    const params = new URLSearchParams(origin.search);
    const list = (name) => params.getAll(name).flatMap((value) => value.split(",")).filter(Boolean);
    const preset = data.workshop.presets.find((p) => p.id === params.get("preset")) || {};
    const order = data.phases.flatMap((phase) => data.entries.filter((e) => e.phase === phase.id).map((e) => e.id));
    const wanted = params.has("m") ? list("m") : preset.entries;
    const confirmed = list("ok");
    const usable = new Set(data.scenarios.filter((s) => !s.pending || confirmed.includes(s.id)).map((s) => s.id));
    const scenarios = [...new Set(params.has("s") ? list("s") : preset.scenarios || [])].filter((id) => usable.has(id));
    return {
      from: origin.from,
      ids: wanted ? order.filter((id) => wanted.includes(id)) : order,
      scenarios,
      ok: confirmed.filter((id) => scenarios.includes(id)),
      buffer: Math.max(0, (params.has("b") ? Number.parseInt(params.get("b"), 10) : preset.buffer) || 0),
    };
  }

  const selection = (data, search) => session(data, search).ids;

  /** The session's support contacts (from the planning page, in the URL). */
  const SUPPORT_FIELDS = ["support", "report"];

  function support(search = source().search) {
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

  /** Return the query that carries a session and its contacts: "?m=a,b&s=c&ok=c&b=5&support=...". */
  function query({ ids, scenarios = [], ok = [], buffer = 0 }, contacts = support()) {
    const joined = (list) => list.map(encodeURIComponent).join(",");
    const params = [`m=${joined(ids)}`, `s=${joined(scenarios)}`];
    if (ok.length) params.push(`ok=${joined(ok)}`);
    if (buffer) params.push(`b=${buffer}`);
    for (const name of SUPPORT_FIELDS) if (contacts[name]) params.push(`${name}=${encodeURIComponent(contacts[name])}`);
    return `?${params.join("&")}`;
  }

  /** Point every link to a kit page (`pages`: their addresses, relative to this page) at `search`: links
   *  without a query of their own, or ones this function pointed before. */
  function carry(pages, search) {
    const paths = new Set(pages.map((href) => new URL(href, location.href).pathname));
    for (const link of document.querySelectorAll("a[href]")) {
      const url = new URL(link.href);
      if (!paths.has(url.pathname) || (url.search && !("mxCarried" in link.dataset))) continue;
      url.search = search;
      if (url.href !== link.href) link.href = url.href; // an unchanged link is left alone: a new href restyles it
      link.dataset.mxCarried = "";
    }
  }

  /** On a kit page: remember the session the address names, or put the remembered one in the address;
   *  then carry it in every link to a kit page. Return where it came from (source()). */
  function keep(data, pages) {
    const origin = source();
    let { search } = origin;
    if (origin.from === "address") {
      search = query(session(data), support(search));
      remember(search);
    }
    if (origin.from === "stored") {
      const own = location.search.replace("?", "&"); // the page's own settings (?print=large, ?groups=4) stay
      mx.address(search + own);
    }
    carry(pages, origin.from === "all" ? stored() : search);
    return { ...origin, search, kept: stored() };
  }

  const total = (items) => items.reduce((sum, item) => sum + item.minutes, 0);
  const counted = (n, one, many) => `${n === 0 ? "no" : n} ${n === 1 ? one : many}`;

  /** Say a session in words: "6 pairings, 2 scenarios, 90 minutes". */
  function describe(data, { ids, scenarios, buffer }) {
    const minutes = total(agenda(data, ids, scenarios, buffer));
    const pairings = counted(ids.length, "pairing", "pairings");
    return `${pairings}, ${counted(scenarios.length, "scenario", "scenarios")}, ${minutes} minutes`;
  }

  /** The sensitive topics (ids) of a session's pairings and scenarios. */
  function topics(data, { ids, scenarios }) {
    const named = [
      ...data.entries.filter((e) => ids.includes(e.id)),
      ...data.scenarios.filter((s) => scenarios.includes(s.id)),
    ];
    return new Set(named.flatMap((item) => item.topics || []));
  }

  /** Show, in each content note inside `root`, the topics of the session and no other. */
  function showContentNote(root, data, chosen) {
    const shown = topics(data, chosen);
    for (const note of root.querySelectorAll("[data-content-note]")) {
      for (const item of note.querySelectorAll("[data-topic]")) item.hidden = !shown.has(item.dataset.topic);
      part(note, "[data-content-note-topics]").hidden = shown.size === 0;
    }
  }


  /** Lay out a session as hooks/model/metaphor_model.py agenda() does (a test keeps them equal). */
  function agenda(data, ids, scenarioIds = [], buffer = 0) {
    const { agenda_titles: titles, workshop } = data;
    const block = (kind, minutes, title = titles[kind], ref = "") => ({ kind, title, minutes, ref });
    const items = [block("opening", workshop.opening.minutes), block("passages", workshop.passages.minutes)];
    for (const phase of data.phases) {
      const entries = data.entries.filter((e) => e.phase === phase.id && ids.includes(e.id));
      if (!entries.length) continue;
      items.push(...entries.map((e) => block("entry", e.minutes, e.title, e.id)));
      items.push(block("discussion", phase.minutes, titles.discussion.replace("{title}", phase.title), phase.id));
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
        const after = data.agenda_break_after.includes(item.kind);
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

  Object.assign(mx, {
    source,
    session,
    selection,
    support,
    showSupport,
    query,
    remember,
    carry,
    keep,
    describe,
    topics,
    showContentNote,
    agenda,
    total,
    clock,
  });
  mx.ready?.();
})();
