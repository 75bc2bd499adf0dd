/*
 * mx-deck: the slide deck and its presenter view (a second window). The URL keeps the place ("#7.2":
 * slide 7, step 2), the session and the view (?view=presenter). The stylesheet decides whether slides
 * read as a scroll or one at a time (fitted). The windows post only to each other (postMessage works
 * from file://); the presenter asks for the audience's place every second, so either may reload.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  const part = (...args) => mx.part(...args);
  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", "n", "N"]);
  const PREV = new Set(["ArrowLeft", "ArrowUp", "PageUp", "p", "P"]);
  const MESSAGE = "mx-deck";

  const minutes = (els, key = "minutes") => els.reduce((sum, el) => sum + Number(el.dataset[key] || 0), 0);

  class Deck {
    constructor(root, data, signal) {
      this.root = root;
      this.data = data;
      this.signal = signal;
      this.presenter = new URLSearchParams(location.search).get("view") === "presenter";
      this.slides = this.choose();
      this.index = 0;
      this.step = 0;
      this.blank = false;
      this.changes = 0; // local moves so far: a reply to an older request for the audience's place is stale
      this.peer = this.presenter ? window.opener : null;
      this.status = part(root, "[data-deck-status]");
      this.blankCover = part(root, "[data-deck-blank]");
      this.progress = part(root, "[data-deck-progress]");
      this.progressBar = part(root, "[data-deck-progress-bar]");
      this.bar = part(root, "[data-deck-bar]");
      this.count = part(root, "[data-deck-count]");
      this.overview = part(root, "[data-deck-overview]");
      this.help = part(root, "[data-deck-help]");
      this.panel = part(root, "[data-deck-presenter]");
      this.planned = minutes(this.slides) + this.buffer;
      this.clockKey = `mx-deck-started:${location.pathname}`;
      this.started = this.presenter ? this.restoreClock() : Date.now();
    }

    /** Show the session's slides (its scenarios in its order) and its break; return the slides shown. */
    choose() {
      const { ids: chosen, scenarios, buffer } = mx.session(this.data);
      const ids = new Set(chosen);
      const items = mx.agenda(this.data, chosen, scenarios, buffer);
      const pause = items.findIndex((item) => item.kind === "break");
      const breakAfter = pause > 0 ? items[pause - 1].ref : null;
      const close = [...this.root.querySelectorAll("[data-slide]")].at(-1);
      for (const id of scenarios) {
        close.before(...this.root.querySelectorAll(`[data-scenario-slide="${id}"], [data-break-after="${id}"]`));
      }
      this.buffer = buffer;
      const slides = [...this.root.querySelectorAll("[data-slide]")];
      for (const slide of slides) {
        if (slide.dataset.scenarioSlide) slide.hidden = !scenarios.includes(slide.dataset.scenarioSlide);
        if (slide.dataset.entry) slide.hidden = !ids.has(slide.dataset.entry);
        if (slide.dataset.discussion) {
          const prompts = [...slide.querySelectorAll("[data-prompt-entry]")];
          for (const prompt of prompts) prompt.hidden = !ids.has(prompt.dataset.promptEntry);
          slide.hidden = prompts.every((prompt) => prompt.hidden);
        }
        if (slide.dataset.breakAfter) slide.hidden = slide.dataset.breakAfter !== breakAfter;
      }
      return slides.filter((slide) => !slide.hidden);
    }

    start() {
      const { signal } = this;
      this.root.classList.add("mx-deck--js");
      this.root.classList.toggle("mx-deck--presenter", this.presenter);
      this.bar.hidden = false;
      this.progress.hidden = false;
      this.panel.hidden = !this.presenter;
      for (const [number, slide] of this.slides.entries()) {
        slide.setAttribute("aria-roledescription", "slide");
        slide.setAttribute("aria-label", `${number + 1} of ${this.slides.length}: ${slide.dataset.title}`);
      }
      document.addEventListener("keydown", (event) => this.onKey(event), { signal });
      this.root.addEventListener("click", (event) => this.onClick(event));
      window.addEventListener("hashchange", () => this.fromHash(), { signal });
      window.addEventListener("message", (event) => this.onMessage(event), { signal });
      window.addEventListener("resize", () => this.fit(), { signal });
      document.addEventListener("fullscreenchange", () => this.fit(), { signal });
      mx.showSupport(this.root);
      mx.showContentNote(this.root, this.data, mx.session(this.data));
      this.buildOverview();
      this.fromHash();
      if (this.presenter) {
        this.ask();
        const timer = setInterval(() => {
          this.tick();
          this.ask();
        }, 1000);
        signal.addEventListener("abort", () => clearInterval(timer));
      }
    }

    steps(slide) {
      return Math.max(0, ...[...slide.querySelectorAll("[data-step]")].map((el) => Number(el.dataset.step)));
    }

    fromHash() {
      const match = /^#(\d+)(?:\.(\d+))?$/.exec(location.hash);
      this.go(match ? Number(match[1]) - 1 : 0, match && match[2] ? Number(match[2]) : 0, { share: false });
    }

    go(index, step = 0, { share = true } = {}) {
      this.index = Math.min(Math.max(index, 0), this.slides.length - 1);
      this.step = Math.min(Math.max(step, 0), this.steps(this.slides[this.index]));
      this.render();
      const revealed = this.step ? `.${this.step}` : "";
      const hash = `#${this.index + 1}${revealed}`;
      if (location.hash !== hash) history.replaceState(null, "", hash);
      if (share) this.share();
    }

    next() {
      if (this.step < this.steps(this.slides[this.index])) this.go(this.index, this.step + 1);
      else if (this.index < this.slides.length - 1) this.go(this.index + 1, 0);
    }

    prev() {
      if (this.step > 0) this.go(this.index, this.step - 1);
      else if (this.index > 0) this.go(this.index - 1, this.steps(this.slides[this.index - 1]));
    }

    render() {
      for (const [number, slide] of this.slides.entries()) {
        const current = number === this.index;
        slide.classList.toggle("is-current", current);
        slide.classList.toggle("is-off", !current);
        for (const el of slide.querySelectorAll("[data-step], [data-step-notes]")) {
          const step = Number(el.dataset.step ?? el.dataset.stepNotes);
          el.classList.toggle("is-later", current && step > this.step);
          el.classList.toggle("is-now", current && step === this.step);
        }
      }
      const total = this.slides.length;
      this.count.textContent = `${this.index + 1} / ${total}`;
      this.progressBar.style.width = `${((this.index + 1) / total) * 100}%`;
      this.blankCover.hidden = this.presenter || !this.blank;
      this.status.textContent = `Slide ${this.index + 1} of ${total}: ${this.slides[this.index].dataset.title}`;
      for (const item of this.overview.querySelectorAll("[data-goto]")) {
        item.toggleAttribute("aria-current", Number(item.dataset.goto) === this.index);
      }
      this.fit();
      if (this.presenter) this.renderPresenter();
    }

    /** Shrink the current slide's type just enough to fit the screen it is shown on now. */
    fit() {
      const slide = this.slides[this.index];
      slide.style.fontSize = "";
      if (getComputedStyle(slide).position !== "fixed") return; // read as a scroll: nothing to fit
      const body = part(slide, ".mx-slide__body");
      const room = slide.clientHeight * 0.88;
      if (body.offsetHeight > room) {
        const size = parseFloat(getComputedStyle(slide).fontSize);
        slide.style.fontSize = `${Math.floor(size * (room / body.offsetHeight) * 10) / 10}px`;
      }
    }

    renderPresenter() {
      const slide = this.slides[this.index];
      const upcoming = this.slides[this.index + 1];
      const notes = slide.querySelector("[data-notes]");
      part(this.panel, "[data-presenter-notes]").replaceChildren(...(notes?.cloneNode(true).childNodes || []));
      part(this.panel, "[data-presenter-blank]").hidden = !this.blank;
      const next = part(this.panel, "[data-presenter-next]");
      next.replaceChildren();
      if (upcoming) {
        const copy = part(upcoming, ".mx-slide__body").cloneNode(true);
        for (const el of copy.querySelectorAll("[id]")) el.removeAttribute("id");
        next.append(copy);
      } else {
        next.textContent = "End of the deck.";
      }
      this.tick();
    }

    /** Read when this presenter view's clock started: it survives a reload of the window. */
    restoreClock() {
      try {
        const saved = Number(sessionStorage.getItem(this.clockKey));
        if (saved > 0) return saved;
      } catch {
        /* storage unavailable: the clock starts now */
      }
      return this.resetClock();
    }

    resetClock() {
      this.started = Date.now();
      try {
        sessionStorage.setItem(this.clockKey, String(this.started));
      } catch {
        /* the clock lasts as long as this page */
      }
      return this.started;
    }

    /** Return the planned start and end (minutes) of the current slide, or of a scenario's current inject. */
    span() {
      const slide = this.slides[this.index];
      const injects = [...slide.querySelectorAll("[data-step-minutes]")];
      const shown = injects.slice(0, this.step);
      const start =
        minutes(this.slides.slice(0, this.index)) +
        (slide === this.slides.at(-1) ? this.buffer : 0) + // the buffer comes just before the close
        minutes(shown.slice(0, -1), "stepMinutes");
      return [start, start + (injects.length ? minutes(shown.slice(-1), "stepMinutes") : minutes([slide]))];
    }

    /** Update the presenter's clock, and the pacing against the plan. */
    tick() {
      const elapsed = Date.now() - this.started;
      const [plannedStart, plannedEnd] = this.span();
      const spent = elapsed / 60000;
      let pace = "On time";
      if (spent > plannedEnd + 0.5) pace = `Behind by ${Math.round(spent - plannedEnd)} min`;
      else if (spent < plannedStart - 0.5) pace = `Ahead by ${Math.round(plannedStart - spent)} min`;
      part(this.panel, "[data-presenter-elapsed]").textContent = mx.clock(elapsed / 1000);
      part(this.panel, "[data-presenter-planned]").textContent = `${this.planned} min planned`;
      const paceNode = part(this.panel, "[data-presenter-pace]");
      paceNode.textContent = pace;
      paceNode.dataset.pace = pace.split(" ")[0].toLowerCase();
    }

    buildOverview() {
      const list = part(this.overview, "[data-deck-overview-list]");
      for (const [number, slide] of this.slides.entries()) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.goto = String(number);
        button.textContent = `${number + 1}. ${slide.dataset.title}`;
        item.append(button);
        list.append(item);
      }
    }

    /** Open or close the overview; closing returns focus to where it was when it opened. */
    toggleOverview(show = this.overview.hidden) {
      if (show) this.opener = document.activeElement;
      this.overview.hidden = !show;
      this.root.classList.toggle("mx-deck--overview", show);
      if (show) this.overview.querySelector(`[data-goto="${this.index}"]`)?.focus();
      else if (this.opener?.isConnected) this.opener.focus();
    }

    toggleBlank() {
      this.blank = !this.blank;
      this.render();
      this.share();
    }

    toggleFullScreen() {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen?.().catch(() => {});
    }

    openPresenter() {
      const url = new URL(location.href);
      url.searchParams.set("view", "presenter");
      const child = window.open(url.href, "mx-deck-presenter", "popup,width=1200,height=760");
      if (child) this.peer = child;
    }

    // ------------------------------------------------------------------ the two windows in step

    /** Send to the other window only; from file://, where origins are opaque, no origin can be named. */
    post(message) {
      if (!this.peer || this.peer.closed) return;
      this.peer.postMessage({ source: MESSAGE, ...message }, location.protocol === "file:" ? "*" : location.origin);
    }

    place() {
      return { index: this.index, step: this.step, blank: this.blank };
    }

    share() {
      this.changes += 1;
      this.post({ type: "goto", ...this.place() });
    }

    /** Ask the audience window for its place (the presenter, at start and every second). */
    ask() {
      this.post({ type: "hello", seq: this.changes });
    }

    known(event) {
      const { source } = event;
      if (!source || source === window) return false;
      if (location.protocol !== "file:" && event.origin !== location.origin) return false;
      if (source === this.peer) return true;
      if (this.presenter) return false;
      try {
        return source.opener === window; // a presenter view this window opened before it reloaded
      } catch {
        return false;
      }
    }

    onMessage(event) {
      const { data } = event;
      if (!data || data.source !== MESSAGE || !this.known(event)) return;
      this.peer = event.source;
      if (data.type === "hello") {
        this.post({ type: "goto", ...this.place(), reply: data.seq });
      } else if (data.type === "goto") {
        if ("reply" in data && data.reply !== this.changes) return; // answers a request made before a move here
        const moved = data.index !== this.index || data.step !== this.step || data.blank !== this.blank;
        this.blank = Boolean(data.blank);
        if (moved) this.go(data.index, data.step, { share: false });
      }
    }

    // ------------------------------------------------------------------ input

    onClick(event) {
      const goto = event.target.closest("[data-goto]");
      if (goto) {
        this.toggleOverview(false);
        this.go(Number(goto.dataset.goto));
        return;
      }
      const button = event.target.closest("[data-deck-action]");
      const actions = {
        prev: () => this.prev(),
        next: () => this.next(),
        overview: () => this.toggleOverview(),
        presenter: () => this.openPresenter(),
        help: () => this.help.showModal(),
        "reset-timer": () => {
          this.resetClock();
          this.tick();
        },
        "print-notes": () => {
          const on = this.root.classList.toggle("mx-deck--print-notes");
          button.setAttribute("aria-pressed", String(on));
        },
      };
      actions[button?.dataset.deckAction]?.();
    }

    onKey(event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : document.body;
      if (this.help.open || target.closest("input, textarea, select")) return;
      const { key } = event;
      if (!this.overview.hidden) {
        if (key === "Escape" || key === "o" || key === "O") {
          event.preventDefault();
          this.toggleOverview(false);
        }
        return;
      }
      const keys = {
        Home: () => this.go(0),
        End: () => this.go(this.slides.length - 1),
        o: () => this.toggleOverview(true),
        b: () => this.toggleBlank(),
        ".": () => this.toggleBlank(),
        f: () => this.toggleFullScreen(),
        s: () => this.openPresenter(),
        "?": () => this.help.showModal(),
      };
      let action = keys[key.length === 1 ? key.toLowerCase() : key];
      if (key === " " && !target.closest("button")) action = () => (event.shiftKey ? this.prev() : this.next());
      else if (NEXT.has(key)) action = () => this.next();
      else if (PREV.has(key)) action = () => this.prev();
      if (!action) return;
      event.preventDefault();
      action();
    }
  }

  const start = (root, { data, signal }) => new Deck(root, data, signal).start();
  (mx.queue ||= []).push(["mx-deck", start, { data: true, kit: true }]);
  mx.flush?.();
})();
