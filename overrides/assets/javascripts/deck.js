/*
 * The workshop slide deck: keyboard and clicker control, overview, blank screen, full screen,
 * help, progress, and a presenter view in a second window kept in step with the audience view.
 *
 * The URL keeps the place: "#7" is slide 7, "#7.2" its third step; "?m=a,b" or "?preset=short"
 * picks the pairings (as the planning page writes them); "?view=presenter" is the presenter view.
 * The windows talk by postMessage to each other (works from file://, where BroadcastChannel does
 * not cross files) and by BroadcastChannel where it can (two tabs on one site).
 * No framework and no build step; a classic deferred script so that file:// works.
 */
(() => {
  "use strict";

  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", "n", "N"]);
  const PREV = new Set(["ArrowLeft", "ArrowUp", "PageUp", "p", "P"]);

  function part(root, selector) {
    const element = root.querySelector(selector);
    if (!element) throw new Error(`mx-deck: no element matches ${selector}`);
    return element;
  }

  /** Return the selected entry ids from the URL (?m=a,b or ?m=a&m=b, or ?preset=id), or null for all. */
  function selection(data) {
    const params = new URLSearchParams(location.search);
    if (params.has("m")) return new Set(params.getAll("m").flatMap((v) => v.split(",")).filter(Boolean));
    const preset = data?.workshop.presets.find((p) => p.id === params.get("preset"));
    return preset ? new Set(preset.entries) : null;
  }

  const clock = (ms) => {
    const minutes = Math.floor(Math.max(0, ms) / 60000);
    const seconds = Math.floor((Math.max(0, ms) % 60000) / 1000);
    return `${minutes}:${String(seconds).padStart(2, "0")}`;
  };

  class Deck {
    constructor(root) {
      this.root = root;
      this.presenter = new URLSearchParams(location.search).get("view") === "presenter";
      this.chosen = selection(window.mxMetaphorData);
      this.slides = this.filter([...root.querySelectorAll("[data-slide]")]);
      this.index = 0;
      this.step = 0;
      this.blank = false;
      this.peers = new Set();
      this.status = part(root, "[data-deck-status]");
      this.blankCover = part(root, "[data-deck-blank]");
      this.progress = part(root, "[data-deck-progress]");
      this.progressBar = part(root, "[data-deck-progress-bar]");
      this.bar = part(root, "[data-deck-bar]");
      this.count = part(root, "[data-deck-count]");
      this.overview = part(root, "[data-deck-overview]");
      this.help = part(root, "[data-deck-help]");
      this.panel = part(root, "[data-deck-presenter]");
      this.planned = this.slides.reduce((sum, s) => sum + Number(s.dataset.minutes || 0), 0);
      this.started = Date.now();
    }

    /** Hide the slides and prompts of pairings that are not in the selection; return the rest. */
    filter(slides) {
      if (this.chosen) {
        for (const slide of slides) {
          if (slide.dataset.entry) slide.hidden = !this.chosen.has(slide.dataset.entry);
          if (slide.dataset.discussion) {
            const prompts = [...slide.querySelectorAll("[data-prompt-entry]")];
            for (const prompt of prompts) prompt.hidden = !this.chosen.has(prompt.dataset.promptEntry);
            slide.hidden = prompts.every((prompt) => prompt.hidden);
          }
        }
      }
      this.placeBreak(slides);
      return slides.filter((slide) => !slide.hidden);
    }

    /** Show the break slide after the discussion nearest the session's middle, if the session is long. */
    placeBreak(slides) {
      const pause = window.mxMetaphorData?.workshop.pause;
      const breaks = slides.filter((slide) => slide.dataset.breakAfter);
      if (!pause || !breaks.length) return;
      const shown = slides.filter((slide) => !slide.hidden && !slide.dataset.breakAfter);
      const length = shown.reduce((sum, slide) => sum + Number(slide.dataset.minutes || 0), 0);
      let elapsed = 0;
      let best = null;
      for (const slide of shown) {
        elapsed += Number(slide.dataset.minutes || 0);
        const distance = Math.abs(2 * elapsed - length);
        if (slide.dataset.discussion && (best === null || distance < best.distance)) best = { distance, phase: slide.dataset.discussion };
      }
      const after = length > pause.over && best ? best.phase : null;
      for (const slide of breaks) slide.hidden = slide.dataset.breakAfter !== after;
    }

    /** Write the session's support contacts (from the planning page, in the URL) onto the closing slide. */
    showSupport() {
      const params = new URLSearchParams(location.search);
      for (const block of this.root.querySelectorAll("[data-support]")) {
        let any = false;
        for (const field of block.querySelectorAll("[data-support-field]")) {
          field.textContent = (params.get(field.dataset.supportField) || "").trim().slice(0, 200);
          field.parentElement.hidden = !field.textContent;
          any = any || Boolean(field.textContent);
        }
        block.hidden = !any;
      }
    }

    start() {
      this.root.classList.add("mx-deck--js");
      this.root.classList.toggle("mx-deck--presenter", this.presenter);
      this.bar.hidden = false;
      this.progress.hidden = false;
      this.panel.hidden = !this.presenter;
      for (const [number, slide] of this.slides.entries()) {
        slide.setAttribute("aria-roledescription", "slide");
        slide.setAttribute("aria-label", `${number + 1} of ${this.slides.length}: ${slide.dataset.title}`);
      }
      document.addEventListener("keydown", (event) => this.onKey(event));
      this.root.addEventListener("click", (event) => this.onClick(event));
      window.addEventListener("hashchange", () => this.fromHash());
      window.addEventListener("message", (event) => this.onMessage(event.data, event.source));
      if ("BroadcastChannel" in window && location.protocol !== "file:") {
        this.channel = new BroadcastChannel(`mx-deck:${location.pathname}`);
        this.channel.onmessage = (event) => this.onMessage(event.data, null);
      }
      if (window.opener && !window.opener.closed) this.peers.add(window.opener);
      this.showSupport();
      this.buildOverview();
      this.fromHash();
      if (this.presenter) {
        this.send({ type: "hello" });
        setInterval(() => this.tick(), 1000);
        this.tick();
      }
      performance.mark("mx-deck:ready");
    }

    steps(slide) {
      return Math.max(0, ...[...slide.querySelectorAll("[data-step]")].map((el) => Number(el.dataset.step)));
    }

    fromHash() {
      const match = /^#(\d+)(?:\.(\d+))?$/.exec(location.hash);
      const index = match ? Number(match[1]) - 1 : 0;
      this.go(index, match && match[2] ? Number(match[2]) : 0, { share: false });
    }

    go(index, step = 0, { share = true } = {}) {
      this.index = Math.min(Math.max(index, 0), this.slides.length - 1);
      this.step = Math.min(Math.max(step, 0), this.steps(this.slides[this.index]));
      this.render();
      const hash = `#${this.index + 1}${this.step ? `.${this.step}` : ""}`;
      if (location.hash !== hash) history.replaceState(null, "", hash);
      if (share) this.send({ type: "goto", index: this.index, step: this.step, blank: this.blank });
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
        slide.setAttribute("aria-hidden", String(!current));
        for (const el of slide.querySelectorAll("[data-step]")) {
          el.classList.toggle("is-later", current && Number(el.dataset.step) > this.step);
        }
      }
      const total = this.slides.length;
      this.count.textContent = `${this.index + 1} / ${total}`;
      this.progressBar.style.width = `${((this.index + 1) / total) * 100}%`;
      this.blankCover.hidden = !this.blank;
      this.status.textContent = `Slide ${this.index + 1} of ${total}: ${this.slides[this.index].dataset.title}`;
      for (const item of this.overview.querySelectorAll("[data-goto]")) {
        item.toggleAttribute("aria-current", Number(item.dataset.goto) === this.index);
      }
      this.fit(this.slides[this.index]);
      if (this.presenter) this.renderPresenter();
    }

    /** Shrink a slide's type just enough that a long pairing still fits the screen. */
    fit(slide) {
      slide.style.fontSize = "";
      if (getComputedStyle(slide).position !== "fixed") return; // the phone's scroll view: no fitting
      const body = slide.querySelector(".mx-slide__body");
      const room = slide.clientHeight * 0.88;
      if (body.offsetHeight > room) {
        const size = parseFloat(getComputedStyle(slide).fontSize);
        slide.style.fontSize = `${Math.floor(size * (room / body.offsetHeight) * 10) / 10}px`;
      }
    }

    renderPresenter() {
      const slide = this.slides[this.index];
      const upcoming = this.slides[this.index + 1];
      part(this.panel, "[data-presenter-notes]").textContent = slide.querySelector("[data-notes]")?.textContent.trim() || "";
      const next = part(this.panel, "[data-presenter-next]");
      next.replaceChildren();
      if (upcoming) {
        const copy = upcoming.querySelector(".mx-slide__body").cloneNode(true);
        for (const el of copy.querySelectorAll("[id]")) el.removeAttribute("id");
        next.append(copy);
      } else {
        next.textContent = "End of the deck.";
      }
      this.tick();
    }

    /** Update the presenter's clock and pacing: elapsed time against the minutes planned so far. */
    tick() {
      if (!this.presenter) return;
      const elapsed = Date.now() - this.started;
      const plannedStart = this.slides.slice(0, this.index).reduce((sum, s) => sum + Number(s.dataset.minutes || 0), 0);
      const plannedEnd = plannedStart + Number(this.slides[this.index].dataset.minutes || 0);
      const minutes = elapsed / 60000;
      let pace = "On time";
      if (minutes > plannedEnd + 0.5) pace = `Behind by ${Math.round(minutes - plannedEnd)} min`;
      else if (minutes < plannedStart - 0.5) pace = `Ahead by ${Math.round(plannedStart - minutes)} min`;
      part(this.panel, "[data-presenter-elapsed]").textContent = clock(elapsed);
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

    toggleOverview(show = this.overview.hidden) {
      this.overview.hidden = !show;
      this.root.classList.toggle("mx-deck--overview", show);
      if (show) this.overview.querySelector(`[data-goto="${this.index}"]`)?.focus();
    }

    toggleBlank() {
      this.blank = !this.blank;
      this.render();
      this.send({ type: "goto", index: this.index, step: this.step, blank: this.blank });
    }

    openPresenter() {
      const url = new URL(location.href);
      url.searchParams.set("view", "presenter");
      const child = window.open(url.href, "mx-deck-presenter", "popup,width=1200,height=760");
      if (child) this.peers.add(child);
    }

    send(message) {
      const payload = { source: "mx-deck", ...message };
      for (const peer of this.peers) {
        if (peer.closed) this.peers.delete(peer);
        else peer.postMessage(payload, "*");
      }
      this.channel?.postMessage(payload);
    }

    onMessage(data, source) {
      if (!data || data.source !== "mx-deck") return;
      if (source && source !== window) this.peers.add(source);
      if (data.type === "hello") {
        this.send({ type: "goto", index: this.index, step: this.step, blank: this.blank });
      } else if (data.type === "goto") {
        const moved = data.index !== this.index || data.step !== this.step || data.blank !== this.blank;
        this.blank = Boolean(data.blank);
        if (moved) this.go(data.index, data.step, { share: false });
      }
    }

    onClick(event) {
      const goto = event.target.closest("[data-goto]");
      if (goto) {
        this.toggleOverview(false);
        this.go(Number(goto.dataset.goto));
        return;
      }
      const action = event.target.closest("[data-deck-action]")?.dataset.deckAction;
      const actions = {
        prev: () => this.prev(),
        next: () => this.next(),
        overview: () => this.toggleOverview(),
        presenter: () => this.openPresenter(),
        help: () => this.help.showModal(),
        "reset-timer": () => {
          this.started = Date.now();
          this.tick();
        },
        "print-notes": () => {
          const on = !this.root.classList.contains("mx-deck--print-notes");
          this.root.classList.toggle("mx-deck--print-notes", on);
          event.target.setAttribute("aria-pressed", String(on));
        },
      };
      actions[action]?.();
    }

    onKey(event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : document.body;
      if (this.help.open || target.closest("input, textarea, select")) return;
      const key = event.key;
      if (!this.overview.hidden) {
        if (key === "Escape" || key === "o" || key === "O") {
          event.preventDefault();
          this.toggleOverview(false);
        }
        return;
      }
      const onButton = target.closest("button");
      if (key === " " && !onButton) {
        event.preventDefault();
        if (event.shiftKey) this.prev();
        else this.next();
      } else if (NEXT.has(key)) {
        event.preventDefault();
        this.next();
      } else if (PREV.has(key)) {
        event.preventDefault();
        this.prev();
      } else if (key === "Home") {
        event.preventDefault();
        this.go(0);
      } else if (key === "End") {
        event.preventDefault();
        this.go(this.slides.length - 1);
      } else if (key === "o" || key === "O") {
        this.toggleOverview(true);
      } else if (key === "b" || key === "B" || key === ".") {
        this.toggleBlank();
      } else if (key === "f" || key === "F") {
        if (document.fullscreenElement) document.exitFullscreen();
        else document.documentElement.requestFullscreen?.().catch(() => {});
      } else if (key === "s" || key === "S") {
        this.openPresenter();
      } else if (key === "?") {
        this.help.showModal();
      }
    }
  }

  function startDeck(root) {
    if (root.dataset.started) return;
    root.dataset.started = "true";
    new Deck(root).start();
  }

  const startAll = () => document.querySelectorAll('[data-module="mx-deck"]').forEach(startDeck);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
