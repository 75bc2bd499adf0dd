/*
 * mx-deck: the slide deck and its presenter view (a second window). The URL keeps the place ("#7.2":
 * slide 7, step 2), the session and the view (?view=presenter). The stylesheet decides whether slides
 * read as a scroll or one at a time (fitted). The windows post only to each other (postMessage works
 * from file://); the presenter asks for the audience's place every second, so either may reload.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;
  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", "n", "N"]);
  const PREV = new Set(["ArrowLeft", "ArrowUp", "PageUp", "p", "P"]);
  const MESSAGE = "mx-deck";
  const LETTERS = "mx-deck-letters"; // kept "off" when the keys of one letter or sign are turned off

  const minutes = (els, key = "minutes") => els.reduce((sum, el) => sum + Number(el.dataset[key] || 0), 0);

  class Deck {
    constructor(root, data) {
      this.root = root;
      this.data = data;
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
      this.key = `mx-deck:${location.pathname}`;
      this.started = (this.presenter && this.read().started) || 0; // 0: not started yet
      this.since = Date.now(); // when the current slide or step came up
      this.heard = Date.now(); // when the other window last spoke
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
      this.root.classList.add("mx-deck--js");
      this.root.classList.toggle("mx-deck--presenter", this.presenter);
      this.bar.hidden = this.progress.hidden = false;
      this.panel.hidden = !this.presenter;
      for (const [number, slide] of this.slides.entries()) {
        slide.setAttribute("aria-roledescription", "slide");
        slide.setAttribute("aria-label", `${number + 1} of ${this.slides.length}: ${slide.dataset.title}`);
      }
      document.addEventListener("keydown", (event) => this.onKey(event));
      this.letters = part(this.help, "[data-deck-letters]");
      this.letters.checked = mx.store(LETTERS) !== "off";
      this.letters.onchange = () => mx.store(LETTERS, this.letters.checked ? null : "off");
      this.root.addEventListener("click", (event) => this.onClick(event));
      window.addEventListener("hashchange", () => this.fromHash());
      window.addEventListener("message", (event) => this.onMessage(event));
      window.addEventListener("resize", () => this.fit());
      document.addEventListener("fullscreenchange", () => this.quiet());
      // Only a real move: browsers also send one, without movement, when the page changes under a still pointer.
      document.addEventListener("mousemove", (event) => (event.movementX || event.movementY) && this.wake());
      mx.showSupport(this.root);
      mx.showContentNote(this.root, this.data, mx.session(this.data));
      this.buildOverview();
      const { place, since } = this.read();
      this.fromHash();
      if (this.presenter) {
        // A reload keeps the countdown of the slide or step on screen.
        if (place === [this.index, this.step].join()) this.since = since;
        this.save();
        this.tick();
        this.ask();
        setInterval(() => {
          this.tick();
          this.ask();
        }, 1000);
      }
    }

    steps(slide) {
      return Math.max(0, ...[...slide.querySelectorAll("[data-step]")].map((el) => Number(el.dataset.step)));
    }

    fromHash() {
      const match = /^#(\d+)(?:\.(\d+))?$/.exec(location.hash);
      this.go(match ? Number(match[1]) - 1 : 0, match && match[2] ? Number(match[2]) : 0, { share: false });
    }

    /** Show a slide and step; `moved`: the presenter moved (here, or in the audience's window). */
    go(index, step = 0, { share = true, moved = share } = {}) {
      const from = [this.index, this.step].join();
      this.index = Math.min(Math.max(index, 0), this.slides.length - 1);
      this.step = Math.min(Math.max(step, 0), this.steps(this.slides[this.index]));
      if (from !== [this.index, this.step].join()) {
        // A countdown runs per slide, or per step of a scenario (a pairing's reveals share its slide's).
        if (!from.startsWith(`${this.index},`) || this.slides[this.index].querySelector("[data-step-minutes]")) {
          this.since = Date.now();
          this.save();
        }
        // The session clock starts with Start, or on the first move on from the first slide, which then counts
        // as having taken its planned minutes.
        if (this.presenter && moved && !this.started && from === "0,0") this.setClock(this.since - this.span()[0] * 60000);
      }
      this.render();
      const hash = `#${this.index + 1}${this.step ? `.${this.step}` : ""}`;
      if (location.hash !== hash) history.replaceState(null, "", hash);
      if (share) this.share();
    }

    /** Move on; on a blank screen, the first press shows the slide again instead (as presentation programs do). */
    next() {
      if (this.blank) this.toggleBlank();
      else if (this.step < this.steps(this.slides[this.index])) this.go(this.index, this.step + 1);
      else if (this.index < this.slides.length - 1) this.go(this.index + 1, 0);
    }

    prev() {
      if (this.blank) this.toggleBlank();
      else if (this.step > 0) this.go(this.index, this.step - 1);
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
      const body = part(slide, "[data-slide-body]");
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
      // A scenario's next step comes before the next slide.
      const step = slide.querySelector(`[data-step="${this.step + 1}"][data-step-minutes]`);
      part(this.panel, "[data-presenter-next-title]").textContent = step ? "Next step" : "Next slide";
      if (step || upcoming) {
        const copy = (step || part(upcoming, "[data-slide-body]")).cloneNode(true);
        for (const el of copy.querySelectorAll("[id]")) el.removeAttribute("id");
        next.append(copy);
      } else {
        next.textContent = "End of the deck.";
      }
      this.tick();
    }

    /** Read what the presenter view keeps across a reload: when the clock started, and since when the
     *  slide or step on screen (its place, "index,step") has been up. */
    read() {
      try {
        return JSON.parse(sessionStorage.getItem(this.key)) || {};
      } catch {
        return {}; // storage unavailable: the clocks last as long as this page
      }
    }

    save() {
      if (!this.presenter) return;
      const kept = { started: this.started, place: [this.index, this.step].join(), since: this.since };
      try {
        sessionStorage.setItem(this.key, JSON.stringify(kept));
      } catch {
        /* the clocks last as long as this page */
      }
    }

    /** Start the session clock at `time`, or stop and clear it (0). */
    setClock(time) {
      this.started = time;
      this.save();
      this.tick();
    }

    /** Return the planned start and end (minutes) of the current slide, or of a scenario's current step
     *  (its setting is step 0, then each inject, the weighing and the debrief). */
    span() {
      const slide = this.slides[this.index];
      const steps = [...slide.querySelectorAll("[data-step-minutes]")];
      const start =
        minutes(this.slides.slice(0, this.index)) +
        (slide === this.slides.at(-1) ? this.buffer : 0) + // the buffer comes just before the close
        minutes(steps.slice(0, this.step), "stepMinutes");
      return [start, start + (steps.length ? minutes(steps.slice(this.step, this.step + 1), "stepMinutes") : minutes([slide]))];
    }

    /** Update the presenter's clock, the pacing against the plan, and the time left on this slide or step.
     *  Both count from when the slide or step came up, or from the clock's start if that was later. */
    tick() {
      const now = Date.now();
      const [plannedStart, plannedEnd] = this.span();
      const began = Math.max(this.since, this.started);
      const up = (now - began) / 1000;
      const spent = (now - this.started) / 60000;
      // Behind: this slide or step came up late, or has run past its planned end.
      const late = Math.max((began - this.started) / 60000 - plannedStart, spent - plannedEnd);
      let pace = "On time";
      if (!this.started) pace = "Clock not started";
      else if (late > 0.5) pace = `Behind by ${Math.round(late)} min`;
      else if (spent < plannedStart - 0.5) pace = `Ahead by ${Math.round(plannedStart - spent)} min`;
      part(this.panel, "[data-presenter-alone]").hidden = now - this.heard < 3000;
      const show = (name, text) => (part(this.panel, `[data-presenter-${name}]`).textContent = text);
      show("elapsed", this.started ? mx.clock((now - this.started) / 1000) : "0:00");
      show("planned", `${this.planned} min planned`);
      show("pace", pace);
      show("clock-action", this.started ? "Reset the clock" : "Start the clock");
      part(this.panel, "#mx-deck-clock-help").hidden = Boolean(this.started); // room for the notes once it runs
      // A countdown for the slide or step on screen; at zero it says so in words and changes its frame.
      const left = Math.ceil((plannedEnd - plannedStart) * 60 - up);
      const timer = part(this.panel, "[data-presenter-left]");
      timer.hidden = plannedEnd === plannedStart || !this.started;
      timer.classList.toggle("is-up", left <= 0);
      const unit = this.slides[this.index].querySelector("[data-step-minutes]") ? "step" : "slide";
      timer.textContent = left > 0 ? `${mx.clock(left)} left on this ${unit}` : `Time is up (${mx.clock(-left)} over)`;
    }

    buildOverview() {
      const list = part(this.overview, "[data-deck-overview-list]");
      for (const [number, slide] of this.slides.entries()) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.goto = number;
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

    /** In full screen the controls hide until the mouse moves, or a key the deck does not use is pressed. */
    quiet() {
      this.root.classList.toggle("mx-deck--full", Boolean(document.fullscreenElement));
      this.fit();
    }

    wake() {
      this.root.classList.add("mx-deck--awake");
      clearTimeout(this.sleep);
      this.sleep = setTimeout(() => this.root.classList.remove("mx-deck--awake"), 3000);
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

    /** Tell the other window where this one is: after a move here, or (`reply`) when it asked. */
    share(reply) {
      if (reply === undefined) this.changes += 1; // a move here: answers to requests made before it are stale
      this.post({ type: "goto", index: this.index, step: this.step, blank: this.blank, reply });
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
      this.heard = Date.now();
      if (data.type === "hello") {
        this.share(data.seq);
      } else if (data.type === "goto") {
        if (data.reply !== undefined && data.reply !== this.changes) return; // answers a request made before a move here
        const moved = data.index !== this.index || data.step !== this.step || data.blank !== this.blank;
        this.blank = Boolean(data.blank);
        if (moved) this.go(data.index, data.step, { share: false, moved: true });
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
        clock: () => {
          this.setClock(this.started ? 0 : Date.now());
          button.blur(); // so that Space, the next-slide key, cannot press it again
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
      // Up and down scroll the presenter's notes while they have focus; a clicker's keys still move on.
      if (target.closest("[data-presenter-notes]") && /^Arrow(Up|Down)$/.test(event.key)) return;
      const { key } = event;
      if (key.length === 1 && key !== " " && !this.letters.checked) return; // turned off in the help
      if (!this.overview.hidden) {
        // The arrows move between the slides' buttons; Home and End go to the first and last.
        const buttons = [...this.overview.querySelectorAll("[data-goto]")];
        const at = buttons.indexOf(target);
        const last = buttons.length - 1;
        const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: last }[key];
        if (at >= 0 && to !== undefined) {
          event.preventDefault();
          buttons[Math.min(Math.max(to, 0), last)].focus();
        } else if (key === "Escape" || key === "o" || key === "O") {
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
      if (!action) return this.wake();
      event.preventDefault();
      action();
      // Where the stylesheet reads the slides as a scroll (a narrow screen), a key that moves scrolls to the slide.
      const slide = this.slides[this.index];
      if (!this.presenter && getComputedStyle(slide).position !== "fixed") slide.scrollIntoView({ block: "start" });
    }
  }

  const start = (root, { data }) => new Deck(root, data).start();
  mx.define("mx-deck", start);
})();
