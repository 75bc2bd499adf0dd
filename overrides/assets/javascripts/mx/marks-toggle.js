/*
 * mx-marks-toggle: the essay's switch for the marks on passages the explorer quotes. The root is
 * the button (shipped `hidden`); aria-controls names the essay, whose data-marks="on|off" the
 * stylesheet follows. The reader's choice is remembered in localStorage (essay.html applies it
 * before the first paint, so that the page does not move when this starts). Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;

  const KEY = "mx-essay-marks"; // also read by essay.html

  mx.define("mx-marks-toggle", (button) => {
    const target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) throw new Error(`mx-marks-toggle: aria-controls names no element (#${button.getAttribute("aria-controls")})`);
    let on = true;
    try {
      on = localStorage.getItem(KEY) !== "off";
    } catch {
      /* storage unavailable: marks stay on */
    }
    const apply = () => {
      target.dataset.marks = on ? "on" : "off";
      button.setAttribute("aria-pressed", String(on));
    };
    button.addEventListener("click", () => {
      on = !on;
      try {
        localStorage.setItem(KEY, on ? "on" : "off");
      } catch {
        /* the choice lasts for this page only */
      }
      apply();
    });
    apply();
    button.hidden = false;
  });
})();
