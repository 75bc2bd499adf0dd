/*
 * mx: the small module every component shares (GOV.UK Frontend's habits). A component is one file
 * that calls mx.define("mx-name", start, { data: true }); start(root, { data, signal }) runs once for
 * each element marked data-module="mx-name" (then marked data-started="true"): when the page is ready,
 * after Material's instant navigation (document$), and, if it needs them, once the mapping's data have
 * loaded. `signal` aborts when the root leaves the page: give it to every listener and timer on window
 * or document, so that none piles up. Also part(); the facilitator kit's helpers are in kit.js.
 * A classic script (Chromium refuses module scripts from file://); run again, the first copy stays.
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

  /** Register a component; a second definition of the same name (a script run again) is ignored. */
  function define(name, init, { data = false } = {}) {
    if (components.has(name)) return;
    components.set(name, { init, needsData: data });
    if (document.readyState !== "loading") boot();
  }

  window.mx = { define, part };

  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  document.addEventListener("mx:metaphor-data", boot);
})();
