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

  /** This browser's storage, where it has any (some file:// pages and private windows have none):
   *  store(key) reads a value (null: none), store(key, value) keeps it and store(key, null) forgets
   *  it, each returning false when the browser keeps nothing. */
  mx.store = (key, ...value) => {
    try {
      if (!value.length) return localStorage.getItem(key);
      if (value[0] === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value[0]);
      return true;
    } catch {
      return value.length ? false : null;
    }
  };

  /** Put `search` ("?a=1", or "") in the address bar without a reload; some browsers refuse to change
   *  a file:// address, and then the page's links and forms still carry what it would have said. */
  mx.address = (search) => {
    try {
      history.replaceState(history.state, "", search + location.hash);
    } catch {
      /* the address stays as it was */
    }
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
