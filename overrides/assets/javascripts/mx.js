/*
 * mx: what every component shares (GOV.UK Frontend's habits). A component file queues itself,
 * (mx.queue ||= []).push(["mx-name", start, { data, kit }]), and calls mx.flush?.(): Material's
 * instant navigation runs a page's scripts in the order they load, so it may run before this file
 * or kit.js, and it looks their helpers up only when it calls them. start(root, { data, signal })
 * runs once per element marked data-module="mx-name", when the page is ready (also after instant
 * navigation) and what it needs has loaded: the mapping's data, kit.js. `signal` aborts when the
 * root leaves the page: give it to every listener and timer on window or document.
 */
(() => {
  "use strict";

  const mx = (window.mx ||= {});
  if (mx.define) return;

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
    const { init, needsData, needsKit } = components.get(name);
    const data = window.mxMetaphorData;
    if (root.dataset.started || (needsData && !data) || (needsKit && !mx.agenda)) return;
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

  /** Start what can start, unless the page is still being parsed (then DOMContentLoaded will). */
  function ready() {
    if (document.readyState !== "loading") boot();
  }

  /** Register a component; a second definition of the same name (a script run again) is ignored. */
  function define(name, init, { data = false, kit = false } = {}) {
    if (components.has(name)) return;
    components.set(name, { init, needsData: data, needsKit: kit });
    ready();
  }

  /** Register the components queued so far (by files that ran before this one, or after it). */
  function flush() {
    for (const args of (mx.queue || []).splice(0)) define(...args);
  }

  Object.assign(mx, { define, part, ready, flush });
  flush();

  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  document.addEventListener("mx:metaphor-data", boot);
})();
