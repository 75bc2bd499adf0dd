/*
 * mx-stopwatch: a stopwatch for the session's blocks. The start button's label says what it will
 * do (Start, Pause); it is not a toggle button, so it has no aria-pressed. The running state is
 * announced in a status region; the time itself is a timer that is not read out every second.
 * Ships `hidden`; started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part, clock } = mx;

  mx.define("mx-stopwatch", (root) => {
    const time = part(root, "[data-stopwatch-time]");
    const toggle = part(root, "[data-stopwatch-toggle]");
    const status = part(root, "[data-stopwatch-status]");
    let since = 0;
    let banked = 0;
    let timer = 0;
    const elapsed = () => banked + (since ? Date.now() - since : 0);
    const paint = () => {
      time.textContent = clock(elapsed() / 1000);
    };
    const stopTimer = () => clearInterval(timer);
    toggle.addEventListener("click", () => {
      if (since) {
        banked += Date.now() - since;
        since = 0;
        stopTimer();
        status.textContent = `Stopwatch paused at ${clock(banked / 1000)}.`;
      } else {
        since = Date.now();
        timer = setInterval(paint, 250);
        status.textContent = "Stopwatch running.";
      }
      toggle.textContent = since ? "Pause" : "Start";
      paint();
    });
    part(root, "[data-stopwatch-reset]").addEventListener("click", () => {
      banked = 0;
      since = since ? Date.now() : 0;
      status.textContent = since ? "Stopwatch reset; running." : "Stopwatch reset.";
      paint();
    });
    root.hidden = false;
  });
})();
