/*
 * mx-explorer: the metaphor explorer. Choose a concept on either side to see its counterpart;
 * filter by phase, search, read either way round, share a link.
 *
 * The state lives in the URL hash, "#<entry>&dir=sexism&phase=learn&q=word" (defaults left out),
 * so a pasted link restores the view and Back/Forward walk it. Without JavaScript the page is the
 * complete list; the controls ship `hidden` and are revealed here. Started by mx.js.
 */
(() => {
  "use strict";

  const { part } = window.mx;
  const DIRECTIONS = ["outage", "sexism"];
  const SIDE_NAMES = { outage: "outage", sexism: "sexism at work" };
  /** Used when the data has no `typography` table (what a keyboard types for ’ “ ” — –). */
  const TYPOGRAPHY = { "’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-" };

  /** Return a function that lower-cases text and types the essay's typography as a keyboard would. */
  function folder(typography = TYPOGRAPHY) {
    const characters = Object.keys(typography).sort((a, b) => b.length - a.length);
    if (!characters.length) return (text) => text.toLowerCase();
    const pattern = new RegExp(characters.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
    return (text) => text.toLowerCase().replace(pattern, (c) => typography[c]);
  }

  function parseHash(hash) {
    const state = { id: "", dir: "outage", phase: "", q: "" };
    for (const piece of hash.replace(/^#/, "").split("&")) {
      if (!piece) continue;
      const eq = piece.indexOf("=");
      let value;
      try {
        value = decodeURIComponent((eq < 0 ? piece : piece.slice(eq + 1)).replace(/\+/g, " "));
      } catch {
        continue;
      }
      if (eq < 0) state.id = value;
      else if (piece.startsWith("dir=") && DIRECTIONS.includes(value)) state.dir = value;
      else if (piece.startsWith("phase=")) state.phase = value;
      else if (piece.startsWith("q=")) state.q = value;
    }
    return state;
  }

  function formatHash(state) {
    const pieces = [];
    if (state.id) pieces.push(encodeURIComponent(state.id));
    if (state.dir !== "outage") pieces.push(`dir=${state.dir}`);
    if (state.phase) pieces.push(`phase=${encodeURIComponent(state.phase)}`);
    if (state.q) pieces.push(`q=${encodeURIComponent(state.q)}`);
    return pieces.length ? `#${pieces.join("&")}` : "";
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const copied = document.execCommand("copy");
      area.remove();
      return copied;
    }
  }

  class Explorer {
    constructor(root, data, signal) {
      this.root = root;
      this.data = data;
      this.signal = signal;
      this.fold = folder(data.typography || TYPOGRAPHY);
      this.entries = new Map(this.data.entries.map((e) => [e.id, e]));
      this.haystacks = new Map(
        this.data.entries.map((e) => [
          e.id,
          this.fold(
            [e.outage.term, e.outage.meaning, e.sexism.term, e.sexism.meaning, e.breaks_down,
              ...e.prompts, ...e.quotes.map((q) => q.text)].join("\n"),
          ),
        ]),
      );
      this.controls = part(root, "[data-explorer-controls]");
      this.index = part(root, "[data-explorer-index]");
      this.detail = part(root, "[data-explorer-detail]");
      this.status = part(root, "[data-explorer-status]");
      this.search = part(root, "[data-explorer-search]");
      this.empty = part(root, "[data-explorer-empty]");
      this.hint = part(root, "[data-explorer-hint]");
      this.rows = [...root.querySelectorAll("li[data-explorer-row]")];
      this.rowById = new Map(this.rows.map((row) => [row.dataset.entry, row]));
      this.articles = new Map(
        [...this.detail.querySelectorAll("article[data-entry-id]")].map((a) => [a.dataset.entryId, a]),
      );
      this.seen = new Set();
      this.domDirection = "outage";
      this.state = { id: "", dir: "outage", phase: "", q: "" };
      this.visible = this.rows.length;
      this.announceTimer = 0;
    }

    start() {
      this.root.classList.add("mx-explorer--enhanced");
      this.controls.hidden = false;
      this.index.hidden = false;
      for (const button of this.index.querySelectorAll("button[data-entry]")) button.tabIndex = -1;
      for (const tools of this.root.querySelectorAll("[data-explorer-tools], [data-explorer-detail-title]")) {
        tools.hidden = false;
      }
      this.root.addEventListener("click", (event) => this.onClick(event));
      this.index.addEventListener("keydown", (event) => this.onIndexKey(event));
      this.root.addEventListener("keydown", (event) => this.onEscape(event));
      this.search.addEventListener("input", () => this.update({ q: this.search.value }, { push: false }));
      window.addEventListener("popstate", () => this.restore(), { signal: this.signal });
      window.addEventListener("hashchange", () => this.restore(), { signal: this.signal });
      this.restore();
    }

    /** Read the state from the URL and show it, without adding a history step. */
    restore() {
      const next = parseHash(location.hash);
      if (formatHash(next) === formatHash(this.state) && this.started) return;
      this.started = true;
      this.render(next, { announce: "selection" });
    }

    /** Change part of the state, record it in the URL, and show it. */
    update(change, { push = true } = {}) {
      const next = { ...this.state, ...change };
      const url = formatHash(next) || location.pathname + location.search;
      if (push && formatHash(next) !== formatHash(this.state)) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
      this.render(next, { announce: "id" in change || "dir" in change ? "selection" : "count" });
    }

    render(next, { announce }) {
      if (next.id && !this.entries.has(next.id)) next.id = "";
      if (next.phase && !this.data.phases.some((p) => p.id === next.phase)) next.phase = "";
      const previous = this.state;
      this.state = next;
      if (next.dir !== this.domDirection) this.renderDirection(next.dir);
      if (next.phase !== previous.phase || next.q !== previous.q || !this.rendered) this.renderFilter();
      this.renderSelection();
      this.rendered = true;
      if (announce === "selection" && next.id) this.announce(this.pairText(next.id), 0);
      else this.announce(this.countText(), next.q !== previous.q ? 500 : 0);
    }

    renderDirection(dir) {
      this.domDirection = dir;
      this.root.dataset.direction = dir;
      for (const button of this.root.querySelectorAll("[data-explorer-direction]")) {
        button.setAttribute("aria-pressed", String(button.dataset.explorerDirection === dir));
      }
      const order = dir === "outage" ? DIRECTIONS : [...DIRECTIONS].reverse();
      for (const container of this.root.querySelectorAll("[data-explorer-row], [data-pair]")) {
        for (const side of order) {
          const child = container.querySelector(`:scope > [data-side="${side}"]`);
          if (child) container.append(child);
        }
      }
    }

    renderFilter() {
      const { phase, q } = this.state;
      const words = this.fold(q).split(/\s+/).filter(Boolean);
      let visible = 0;
      for (const row of this.rows) {
        const haystack = this.haystacks.get(row.dataset.entry);
        const show = (!phase || row.dataset.phase === phase) && words.every((w) => haystack.includes(w));
        if (row.hidden === show) row.hidden = !show;
        if (show) visible += 1;
      }
      this.visible = visible;
      this.empty.hidden = visible > 0;
      for (const button of this.root.querySelectorAll("[data-explorer-phase]")) {
        button.setAttribute("aria-pressed", String(button.dataset.explorerPhase === phase));
      }
      if (this.search.value !== q) this.search.value = q;
      this.updateTabStops();
    }

    renderSelection() {
      const { id } = this.state;
      for (const button of this.index.querySelectorAll("button[data-entry]")) {
        button.setAttribute("aria-pressed", String(button.dataset.entry === id));
      }
      for (const [entryId, article] of this.articles) article.hidden = entryId !== id;
      this.hint.hidden = Boolean(id);
      if (id) {
        this.seen.add(id);
        this.updateCitation(id);
      }
      this.updateTabStops();
    }

    /** Keep one Tab stop per column: the selected concept if shown, else the first shown. */
    updateTabStops() {
      const selected = this.rowById.get(this.state.id);
      this.setTabStop(selected && !selected.hidden ? selected : this.rows.find((row) => !row.hidden));
    }

    setTabStop(row) {
      if (row === this.tabStop) return;
      for (const button of this.tabStop?.children || []) button.tabIndex = -1;
      for (const button of row?.children || []) button.tabIndex = 0;
      this.tabStop = row;
    }

    updateCitation(id) {
      const citation = this.articles.get(id)?.querySelector("[data-explorer-citation]");
      if (!citation || !/^https?:$/.test(location.protocol)) return;
      const entry = this.entries.get(id);
      const { author, title, year } = this.data.essay;
      const url = `${location.href.split("#")[0]}#${id}`;
      citation.textContent = `“${entry.outage.term} ↔ ${entry.sexism.term}”, in the companion to ${author}, “${title}” (${year}). ${url}`;
    }

    countText() {
      const total = this.rows.length;
      if (this.visible === 0) return "No concepts match. Clear the search or choose another phase.";
      return this.visible === total ? `All ${total} concept pairs shown.` : `${this.visible} of ${total} concept pairs shown.`;
    }

    pairText(id) {
      const entry = this.entries.get(id);
      const [first, second] = this.state.dir === "outage" ? DIRECTIONS : [...DIRECTIONS].reverse();
      return `Selected: ${entry[first].term} (${SIDE_NAMES[first]}), paired with ${entry[second].term} (${SIDE_NAMES[second]}).`;
    }

    announce(text, delay) {
      clearTimeout(this.announceTimer);
      const say = () => {
        this.status.textContent = text;
      };
      if (delay) this.announceTimer = setTimeout(say, delay);
      else say();
    }

    onClick(event) {
      const target = event.target.closest("button, a");
      if (!target || !this.root.contains(target)) return;
      const { dataset } = target;
      if (dataset.entry && this.index.contains(target)) {
        this.update({ id: dataset.entry });
        if (event.detail > 0 && this.stacked()) this.detail.scrollIntoView({ block: "start" });
      } else if (dataset.explorerDirection) {
        this.update({ dir: dataset.explorerDirection });
      } else if ("explorerPhase" in dataset) {
        this.update({ phase: dataset.explorerPhase });
      } else if ("explorerSurprise" in dataset) {
        this.surprise();
      } else if ("explorerClear" in dataset) {
        this.update({ phase: "", q: "" });
        this.search.focus();
      } else if (dataset.explorerCopy) {
        this.copy(dataset.explorerCopy, target);
      } else if (target.matches('a[href^="#"]') && this.entries.has(target.getAttribute("href").slice(1))) {
        event.preventDefault();
        this.update({ id: target.getAttribute("href").slice(1) });
        this.detail.focus();
      }
    }

    /** Tell whether the detail sits below the list (the stylesheet's narrow layout) rather than beside it. */
    stacked() {
      return this.detail.getBoundingClientRect().top >= this.index.getBoundingClientRect().bottom;
    }

    onIndexKey(event) {
      const button = event.target.closest("button[data-entry]");
      if (!button) return;
      const shown = this.rows.filter((row) => !row.hidden);
      const row = button.parentElement;
      const at = shown.indexOf(row);
      const sideIndex = [...row.children].indexOf(button);
      let targetRow = row;
      let targetIndex = sideIndex;
      switch (event.key) {
        case "ArrowDown": targetRow = shown[Math.min(at + 1, shown.length - 1)]; break;
        case "ArrowUp": targetRow = shown[Math.max(at - 1, 0)]; break;
        case "Home": targetRow = shown[0]; break;
        case "End": targetRow = shown[shown.length - 1]; break;
        case "ArrowRight": targetIndex = 1; break;
        case "ArrowLeft": targetIndex = 0; break;
        default: return;
      }
      event.preventDefault();
      this.setTabStop(targetRow);
      targetRow.children[targetIndex].focus();
    }

    onEscape(event) {
      if (event.key !== "Escape") return;
      if (event.target === this.search && this.search.value) {
        this.update({ q: "" }, { push: false });
      } else if (this.state.id || this.state.q || this.state.phase) {
        const focused = event.target.closest("button[data-entry]");
        this.update({ id: "", q: "", phase: "" });
        if (focused) focused.focus();
        else if (!this.root.contains(document.activeElement) || this.detail.contains(event.target)) this.search.focus();
      }
    }

    surprise() {
      const shown = this.rows.filter((row) => !row.hidden).map((row) => row.dataset.entry);
      const pool = shown.length ? shown : [...this.entries.keys()];
      let fresh = pool.filter((id) => !this.seen.has(id));
      if (!fresh.length) {
        for (const id of pool) this.seen.delete(id);
        fresh = pool.filter((id) => id !== this.state.id);
      }
      if (!fresh.length) fresh = pool;
      this.update({ id: fresh[Math.floor(Math.random() * fresh.length)] });
    }

    async copy(kind, button) {
      const article = button.closest("article[data-entry-id]");
      const text = kind === "link" ? location.href : article.querySelector("[data-explorer-citation]").textContent;
      const copied = await copyText(text);
      this.announce(copied ? `${kind === "link" ? "Link" : "Citation"} copied.` : `Copy failed: ${text}`, 0);
    }
  }

  window.mx.define("mx-explorer", (root, { data, signal }) => new Explorer(root, data, signal).start(), { data: true });
})();
