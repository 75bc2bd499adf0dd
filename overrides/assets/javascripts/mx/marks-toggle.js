/*
 * mx-marks-toggle: the essay's switch for the marks on passages the explorer quotes. The root is
 * the button (shipped `hidden`); aria-controls names the essay, whose data-marks="off" the
 * stylesheet follows (no attribute, or "on": the marks show). The reader's choice is remembered in localStorage (essay.html applies it
 * before the first paint, so that the page does not move when this starts). Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;

  const KEY = "mx-essay-marks"; // also read by essay.html

  mx.define("mx-marks-toggle", (button) => {
    const target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) throw new Error(`mx-marks-toggle: aria-controls names no element (#${button.getAttribute("aria-controls")})`);
    let on = mx.store(KEY) !== "off";
    // Marks show unless the essay says data-marks="off". The attribute is touched only when the choice
    // changes it: a change restyles the whole essay, which on a slow phone is a long task at start.
    const apply = () => {
      if (on === (target.dataset.marks === "off")) target.dataset.marks = on ? "on" : "off";
      button.setAttribute("aria-pressed", String(on));
    };
    button.addEventListener("click", () => {
      on = !on;
      mx.store(KEY, on ? "on" : "off"); // without storage, the choice lasts for this page only
      apply();
    });
    apply();
    button.hidden = false;
  });
})();
