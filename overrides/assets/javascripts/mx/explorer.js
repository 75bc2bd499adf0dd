/*
 * mx-explorer: the metaphor explorer. Choose a concept on either side to see its counterpart;
 * filter by phase, search, read either way round, share a link.
 *
 * The state lives in the URL hash, "#<entry>&dir=sexism&phase=learn&q=word" (defaults left out),
 * so a pasted link restores the view and Back/Forward walk it. Without JavaScript the page is the
 * complete list; the controls ship `hidden` and are revealed here. The entries wait in <noscript>
 * (as its text, while scripts run) and are built when one is first chosen.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;
  const DIRECTIONS = ["outage", "sexism"];
  const SIDE_NAMES = { outage: "outage", sexism: "sexism at work" };
  /** Return a function that lower-cases text, types the essay's typography as a keyboard would (the
   *  data's `typography` table) and drops apostrophes ("dont" finds "don’t"). */
  function folder(typography) {
    const characters = Object.keys(typography).sort((a, b) => b.length - a.length);
    const pattern = new RegExp(characters.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|") || "(?!)", "g");
    return (text) => text.toLowerCase().replace(pattern, (c) => typography[c]).replace(/'/g, "");
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

  /** Return a row's two concept buttons, in the order shown. */
  const buttons = (row) => (row ? row.querySelectorAll("button[data-entry]") : []);

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
    constructor(root, data) {
      this.root = root;
      this.data = data;
      this.fold = folder(data.typography);
      this.entries = new Map(data.entries.map((e) => [e.id, e]));
      this.haystacks = new Map(
        data.entries.map((e) => [
          e.id,
          this.fold(
            [e.outage.term, e.outage.meaning, e.sexism.term, e.sexism.meaning, e.breaks_down,
              ...e.prompts, ...e.quotes.map((q) => q.text)].join("\n"),
          ),
        ]),
      );
      for (const name of ["controls", "index", "detail", "status", "search", "empty", "hint", "back", "source"]) {
        this[name] = part(root, `[data-explorer-${name}]`);
      }
      this.rows = [...root.querySelectorAll("[data-explorer-row][data-entry]")];
      this.rowById = new Map(this.rows.map((row) => [row.dataset.entry, row]));
      this.articles = new Map();
      this.seen = new Set();
      this.domDirection = "outage";
      this.state = { id: "", dir: "outage", phase: "", q: "" };
      this.visible = this.rows.length;
      this.announceTimer = 0;
    }

    start() {
      this.controls.hidden = false;
      this.index.hidden = false;
      part(this.root, "[data-explorer-detail-title]").hidden = false;
      this.root.addEventListener("click", (event) => this.onClick(event));
      this.controls.addEventListener("change", (event) => this.onChoice(event.target));
      this.index.addEventListener("keydown", (event) => this.onIndexKey(event));
      this.root.addEventListener("keydown", (event) => this.onEscape(event));
      this.search.addEventListener("input", () => this.update({ q: this.search.value }, { push: false }));
      window.addEventListener("popstate", () => this.restore());
      window.addEventListener("hashchange", () => this.restore());
      this.restore();
      // Shown only now, already in the link's state: the stylesheet kept their place until here.
      this.root.classList.add("mx-explorer--enhanced");
      delete this.root.dataset.filtered;
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
      this.lastChoice = null;
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
      const matched = this.visible;
      this.state = next;
      if (next.dir !== this.domDirection) this.renderDirection(next.dir);
      if (next.phase !== previous.phase || next.q !== previous.q || !this.rendered) this.renderFilter();
      this.renderSelection();
      this.rendered = true;
      if (announce === "selection" && this.shown) this.announce(this.pairText(this.shown), 0);
      // While typing, the count waits for a pause; "no match", and its end, are said at once.
      else this.announce(this.countText(), next.q && next.q !== previous.q && matched && this.visible ? 500 : 0);
    }

    renderDirection(dir) {
      this.domDirection = dir;
      this.root.dataset.direction = dir;
      for (const radio of this.root.querySelectorAll("[data-explorer-direction]")) radio.checked = radio.dataset.explorerDirection === dir;
      for (const row of this.root.querySelectorAll("[data-explorer-row]")) this.orderSides(row);
      for (const article of this.articles.values()) this.orderSides(article);
    }

    /** Put the reading direction's side first: in a row of the list, or in an entry's pair and heading. */
    orderSides(element) {
      const first = this.domDirection;
      for (const box of element.dataset.entryId ? element.querySelectorAll("[data-pair]") : [element]) {
        const side = box.querySelector(`:scope > [data-side="${first}"]`);
        if (side) box.prepend(side);
      }
      const entry = this.entries.get(element.dataset.entryId);
      const title = entry && element.querySelector(`[id="${element.getAttribute("aria-labelledby")}"] a`);
      if (!title) return;
      const terms = [...title.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.data.trim());
      const [a, b] = first === "outage" ? DIRECTIONS : [...DIRECTIONS].reverse();
      terms[0].data = `${entry[a].term} `;
      terms[terms.length - 1].data = ` ${entry[b].term}`;
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
      for (const radio of this.root.querySelectorAll("[data-explorer-phase]")) radio.checked = radio.dataset.explorerPhase === phase;
      if (this.search.value !== q) this.search.value = q;
    }

    /** Show the chosen pair, unless the filter hides it from the list too. */
    renderSelection() {
      const { id } = this.state;
      const row = this.rowById.get(id);
      if (row !== this.pressed) {
        // The chosen pair's two concepts are "current" (a second press does not undo a choice, so no aria-pressed).
        for (const button of buttons(this.pressed)) button.removeAttribute("aria-current");
        for (const button of buttons(row)) button.setAttribute("aria-current", "true");
        this.pressed = row;
      }
      this.shown = row && !row.hidden ? id : "";
      const article = this.shown ? this.article(this.shown) : null;
      if (article !== this.current) {
        this.current?.remove();
        if (article) this.detail.append(article);
        this.current = article;
      }
      this.hint.hidden = Boolean(article);
      this.back.hidden = !article;
      if (article) {
        this.seen.add(id);
        this.updateCitation(id);
      }
      this.setTabStop(this.shown ? row : this.rows.find((r) => !r.hidden));
    }

    /** Return the entry's article, from the <noscript> list (read once, when an entry is first chosen). */
    article(id) {
      let article = this.articles.get(id);
      if (article) return article;
      if (!this.list) {
        const template = document.createElement("template");
        template.innerHTML = this.source.textContent;
        this.list = template.content;
      }
      article = this.list.querySelector(`[data-entry-id="${CSS.escape(id)}"]`);
      if (!article) return null;
      for (const tools of article.querySelectorAll("[data-explorer-tools]")) tools.hidden = false;
      this.orderSides(article);
      this.articles.set(id, article);
      return article;
    }

    /** Keep the grid's one Tab stop in `row` (the selected concept if shown, else the first shown),
     *  on the side it was on. */
    setTabStop(row, side = this.tabStop?.dataset.side || this.domDirection) {
      const button = row && [...buttons(row)].find((b) => b.dataset.side === side);
      if (button === this.tabStop) return;
      if (this.tabStop) this.tabStop.tabIndex = -1;
      if (button) button.tabIndex = 0;
      this.tabStop = button;
    }

    /** Cite the address the reader has open (the built one may be another host's, or none). */
    updateCitation(id) {
      const address = this.articles.get(id)?.querySelector("[data-citation-address]");
      if (address && /^https?:$/.test(location.protocol)) address.textContent = ` ${location.href.split("#")[0]}#${id}`;
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
        if (this.status.textContent !== text) this.status.textContent = text;
      };
      if (delay) this.announceTimer = setTimeout(say, delay);
      else say();
    }

    onClick(event) {
      const target = event.target.closest("button, a");
      if (!target || !this.root.contains(target)) return;
      const { dataset } = target;
      if (dataset.entry && this.index.contains(target)) {
        this.choose(dataset.entry);
      } else if ("explorerSurprise" in dataset) {
        this.surprise();
      } else if ("explorerClear" in dataset) {
        this.update({ phase: "", q: "" });
        this.search.focus();
      } else if ("explorerToList" in dataset) {
        this.toList();
      } else if (dataset.explorerCopy) {
        this.copy(dataset.explorerCopy, target);
      } else if (target.matches('a[href^="#"]') && this.entries.has(target.getAttribute("href").slice(1))) {
        event.preventDefault();
        this.choose(target.getAttribute("href").slice(1), { focus: true });
      }
    }

    /** Select an entry and bring its heading into view below the header: on a phone, where the
     *  pair sits below the list; beside it, only when the list's end has pushed it up. */
    choose(id, { focus = false } = {}) {
      this.update({ id });
      this.detail.scrollTop = 0;
      const below = this.stacked();
      if (below || focus) this.detail.focus({ preventScroll: true });
      if (below) this.land(this.detail, "start");
      else if (this.detail.getBoundingClientRect().top < parseFloat(getComputedStyle(this.detail).scrollMarginTop)) {
        this.detail.scrollIntoView({ block: "start" });
      }
    }

    /** Take the reader back to the chosen concept in the list (or to the search if it is filtered out). */
    toList() {
      const row = this.rowById.get(this.shown);
      const target = row ? buttons(row)[0] : this.search;
      target.focus({ preventScroll: true });
      this.land(target, "center");
    }

    /** Scroll `element` into view and keep it there while rows laid out only once in view
     *  (content-visibility) settle to heights other than their estimate. */
    land(element, block) {
      this.settle?.disconnect();
      const settle = new ResizeObserver(() => element.scrollIntoView({ block }));
      settle.observe(this.index);
      setTimeout(() => settle.disconnect(), 1000);
      this.settle = settle;
    }

    /** Tell whether the detail sits below the list (the stylesheet's narrow layout) rather than beside it. */
    stacked() {
      return this.detail.getBoundingClientRect().top >= this.index.getBoundingClientRect().bottom;
    }

    /** A radio button of the reading direction or the phase was chosen (its value is in its data: the
     *  minifier drops an empty value="", and a radio without one has the value "on"). Choices made one
     *  after another in the same group, as arrow keys make them, are one step of the history. */
    onChoice({ dataset, name }) {
      const change = dataset.explorerDirection
        ? { dir: dataset.explorerDirection }
        : "explorerPhase" in dataset ? { phase: dataset.explorerPhase } : null;
      if (!change) return; // the search box's change event: its input events did the work
      this.update(change, { push: this.lastChoice !== name });
      this.lastChoice = name; // update() forgets it: any other change ends the run
    }

    onIndexKey(event) {
      const button = event.target.closest("button[data-entry]");
      if (!button) return;
      const shown = this.rows.filter((row) => !row.hidden);
      const row = button.closest("[data-explorer-row]");
      const at = shown.indexOf(row);
      const sideIndex = [...buttons(row)].indexOf(button);
      let targetRow = row;
      let targetIndex = sideIndex;
      // Where the stylesheet stacks a pair's two concepts (a narrow screen), up and down go through every
      // concept in the order shown.
      const [first, second] = buttons(row);
      const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (step && second.getBoundingClientRect().top >= first.getBoundingClientRect().bottom) {
        const order = shown.flatMap((r) => [...buttons(r)]);
        const next = order[Math.min(Math.max(order.indexOf(button) + step, 0), order.length - 1)];
        const nextRow = next.closest("[data-explorer-row]");
        event.preventDefault();
        this.moveTo(nextRow, [...buttons(nextRow)].indexOf(next));
        return;
      }
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
      this.moveTo(targetRow, targetIndex);
    }

    /** Move the focus, and the grid's one Tab stop, to a row's concept (0: the one shown first). */
    moveTo(row, index) {
      const target = buttons(row)[index];
      this.setTabStop(row, target.dataset.side);
      target.focus();
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
      this.choose(fresh[Math.floor(Math.random() * fresh.length)]);
    }

    async copy(kind, button) {
      const article = button.closest("article[data-entry-id]");
      const text = kind === "link" ? location.href : article.querySelector("[data-explorer-citation]").textContent;
      const copied = await copyText(text);
      this.announce(copied ? `${kind === "link" ? "Link" : "Citation"} copied.` : `Copy failed: ${text}`, 0);
    }
  }

  const start = (root, { data }) => new Explorer(root, data).start();
  mx.define("mx-explorer", start);
})();
