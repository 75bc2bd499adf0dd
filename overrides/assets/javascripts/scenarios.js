/*
 * mx-scenarios: the practice scenarios page. Without JavaScript every scenario reads whole. With
 * it: "Draw a scenario" picks one not drawn yet (until all have been, then starts over), scrolls to
 * it and says which; and each scenario runs as a drill: its injects collapse, "Reveal what happens
 * next" shows them one at a time, each with a countdown of its minutes (a timer that is not read out;
 * a status says when time is up), then the responses and the debrief. Started by mx.js.
 */
(() => {
  "use strict";

  const { part, clock } = window.mx;

  /** One scenario's drill: the injects revealed one by one, each timed. */
  function drill(article, signal) {
    const controls = part(article, "[data-drill-controls]");
    const begin = part(controls, "[data-drill-start]");
    const next = part(controls, "[data-drill-next]");
    const timer = part(controls, "[data-drill-timer]");
    const reset = part(controls, "[data-drill-reset]");
    const status = part(controls, "[data-drill-status]");
    const injects = [...article.querySelectorAll("[data-inject]")];
    const after = part(article, "[data-drill-after]");
    const title = part(article, "h2").textContent;
    let drilling = false;
    let shown = 0; // while drilling: the injects revealed, one more once the responses and debrief are
    let deadline = 0;
    let ticking = 0;

    const stop = () => clearInterval(ticking);
    signal.addEventListener("abort", stop);

    const tick = () => {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      timer.dataset.state = left > 0 ? "running" : "up";
      timer.textContent = left > 0 ? `${clock(left)} left` : "Time is up";
      if (left > 0) return;
      stop();
      status.textContent = `Time is up for step ${shown} of ${title}.`;
    };

    const render = () => {
      const done = !drilling || shown > injects.length;
      injects.forEach((inject, index) => {
        inject.hidden = drilling && index >= shown;
      });
      after.hidden = !done;
      begin.hidden = drilling;
      reset.hidden = !drilling;
      next.hidden = done;
      timer.hidden = done;
      next.textContent = shown === injects.length ? "Reveal the responses and debrief" : "Reveal what happens next";
      stop();
      if (done) return;
      const inject = injects[shown - 1];
      deadline = Date.now() + Number(inject.dataset.minutes) * 60_000;
      ticking = setInterval(tick, 250);
      tick();
      const heading = part(inject, "h3").textContent.replace(/\s+/g, " ").trim();
      status.textContent = `${heading} revealed; the timer runs for ${inject.dataset.minutes} minutes.`;
    };

    begin.addEventListener("click", () => {
      drilling = true;
      shown = 1;
      render();
      next.focus();
    });
    next.addEventListener("click", () => {
      shown += 1;
      render();
      if (shown <= injects.length) {
        injects[shown - 1].scrollIntoView({ block: "nearest" }); // the button keeps the focus
        return;
      }
      status.textContent = `The responses to weigh and the debrief of ${title} are shown.`;
      const heading = part(after, "h3");
      heading.tabIndex = -1;
      heading.focus();
    });
    reset.addEventListener("click", () => {
      drilling = false;
      render();
      begin.focus();
      status.textContent = `The whole of ${title} is shown.`;
    });
    controls.hidden = false;
  }

  window.mx.define("mx-scenarios", (root, { signal }) => {
    const articles = [...root.querySelectorAll("article[data-scenario]")];
    for (const article of articles) drill(article, signal);

    const count = part(root, "[data-scenarios-count]");
    let left = [];
    part(root, "[data-scenarios-draw]").addEventListener("click", () => {
      if (!left.length) left = [...articles];
      const article = left.splice(Math.floor(Math.random() * left.length), 1)[0];
      const heading = part(article, "h2");
      heading.tabIndex = -1;
      article.scrollIntoView({ block: "start" }); // its scroll margin keeps it below the theme's header
      heading.focus({ preventScroll: true });
      count.textContent = `Drawn: ${heading.textContent} (${articles.length - left.length} of ${articles.length}).`;
      root.dataset.drawn = article.dataset.scenario;
    });
    part(root, "[data-scenarios-draw-controls]").hidden = false;
  });
})();
