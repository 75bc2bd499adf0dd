/*
 * mx: what every component shares (GOV.UK Frontend's habits). A page loads its scripts deferred, in
 * this order (hooks/pages/components.py): this file, kit.js where a component uses it, the mapping's
 * data where one reads it (window.mxMetaphorData), then each component's file, which calls
 * mx.define("mx-name", start). start(root, { data }) runs once for each element marked
 * data-module="mx-name"; the page is parsed by then, and everything the component needs has run.
 */
(() => {
  "use strict";

  const mx = (window.mx = {});

  /** Return the element matching `selector` inside `root`, or throw an error that names it. */
  mx.part = (root, selector) => {
    const element = root.querySelector(selector);
    if (!element) {
      const name = root.closest("[data-module]")?.dataset.module || "mx";
      throw new Error(`${name}: no element matches ${selector}`);
    }
    return element;
  };

  /** Start a component on each of its roots; an error stops that root only, and is reported. */
  mx.define = (name, start) => {
    for (const root of document.querySelectorAll(`[data-module="${name}"]`)) {
      try {
        start(root, { data: window.mxMetaphorData });
        root.dataset.started = "true";
        performance.mark(`${name}:ready`);
      } catch (error) {
        window.reportError(error);
      }
    }
  };
})();
