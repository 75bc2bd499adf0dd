/*
 * mx-scenarios: the practice scenarios page. Without JavaScript every scenario reads whole. With
 * it: "Draw a scenario" picks one not drawn yet from the session's scenarios (or, without a session,
 * from every scenario whose review is done; one whose review is pending is never drawn), until all
 * have been, then starts over; it says which pool it draws from, scrolls to the one drawn and puts
 * "Draw another" and the count just below its heading. Each scenario runs as a drill: its steps
 * collapse, and "Reveal" shows them one at a time (the setting, each inject, then the responses to
 * weigh, then the debrief), each with a countdown of its minutes (a timer that is not read out; a
 * status says when time is up, and the controls, kept in view while the drill runs, change shape). Started by mx.js once the mapping's data and kit.js (its clock) are here.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part, clock } = mx;
  const named = (title) => (/[.?!]$/.test(title) ? title : `${title}.`); // "Whose failure?", never "?."

  /** One scenario's drill: its steps (setting, injects, responses, debrief) revealed one by one, each timed. */
  function drill(article) {
    const controls = part(article, "[data-drill-controls]");
    const begin = part(controls, "[data-drill-start]");
    const next = part(controls, "[data-drill-next]");
    const timer = part(controls, "[data-drill-timer]");
    const reset = part(controls, "[data-drill-reset]");
    const status = part(controls, "[data-drill-status]");
    const steps = [...article.querySelectorAll("[data-drill-step]")];
    const injects = steps.filter((step) => step.matches("[data-inject]")).length;
    const title = part(article, "h2").textContent;
    let drilling = false;
    let shown = 0; // while drilling: the steps revealed
    let deadline = 0;
    let ticking = 0;

    const stop = () => clearInterval(ticking);

    const tick = () => {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      timer.dataset.state = left > 0 ? "running" : "up";
      controls.dataset.state = timer.dataset.state;
      timer.textContent = left > 0 ? `${clock(left)} left` : "Time is up";
      if (left > 0) return;
      stop();
      status.textContent = `Time is up for step ${shown} of ${named(title)}`;
    };

    const labels = ["Reveal what happens next", "Reveal the responses to weigh", "Reveal the debrief"];
    const render = () => {
      steps.forEach((step, index) => {
        step.hidden = drilling && index >= shown;
      });
      begin.hidden = drilling;
      reset.hidden = !drilling;
      next.hidden = !drilling || shown >= steps.length;
      timer.hidden = !drilling;
      next.textContent = labels[Math.max(0, shown - injects)] || labels[0];
      controls.classList.toggle("is-drilling", drilling);
      stop();
      if (!drilling) return;
      const step = steps[shown - 1];
      deadline = Date.now() + Number(step.dataset.minutes) * 60_000;
      ticking = setInterval(tick, 250);
      tick();
      const heading = part(step, "h3, strong").textContent.replace(/\s+/g, " ").trim();
      status.textContent = `${heading} revealed; the timer runs for ${step.dataset.minutes} minutes.`;
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
      const step = steps[shown - 1];
      if (shown < steps.length) {
        step.scrollIntoView({ block: "nearest" }); // the button keeps the focus, for the next press
        return;
      }
      const heading = part(step, "h3"); // the last step: the button is gone, so focus goes to what appeared
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

  /** "Draw a scenario": from the session's scenarios, or every reviewed one; each once before any repeats. */
  function draw(root, data) {
    const articles = [...root.querySelectorAll("article[data-scenario]")];
    const pending = new Set(data.scenarios.filter((s) => s.pending).map((s) => s.id));
    const chosen = mx.session(data);
    const mine = chosen.from === "address" || chosen.from === "stored";
    const ids = mine && chosen.scenarios.some((id) => !pending.has(id)) ? chosen.scenarios : null;
    const pool = articles.filter((a) => !pending.has(a.dataset.scenario) && (!ids || ids.includes(a.dataset.scenario)));
    const many = pool.length === 1 ? "scenario" : `${pool.length} scenarios`;
    const from = ids ? `your session's ${many}` : `${pool.length} of the ${articles.length} scenarios`;
    const waiting = articles.filter((a) => pending.has(a.dataset.scenario)).map((a) => part(a, "h2").textContent);
    part(root, "[data-scenarios-pool]").textContent =
      `Draws from ${from}, each once before any repeats.` +
      waiting.map((title) => ` ${title} is never drawn: its review is pending.`).join("");
    const drawn = part(root, "[data-scenarios-drawn]");
    const count = part(drawn, "[data-scenarios-count]");
    let left = [];
    const pick = () => {
      if (!left.length) left = [...pool];
      const article = left.splice(Math.floor(Math.random() * left.length), 1)[0];
      const heading = part(article, "h2");
      heading.after(drawn);
      drawn.hidden = false;
      heading.tabIndex = -1;
      article.scrollIntoView({ block: "start" }); // its scroll margin keeps it below the theme's header
      heading.focus({ preventScroll: true });
      const of = `${pool.length - left.length} of ${pool.length}${ids ? " in your session" : ""}`;
      count.textContent = `Drawn: ${heading.textContent} (${of}).`;
      root.dataset.drawn = article.dataset.scenario;
    };
    part(root, "[data-scenarios-draw]").addEventListener("click", pick);
    part(drawn, "[data-scenarios-again]").addEventListener("click", pick);
    part(root, "[data-scenarios-draw-controls]").hidden = false;
  }

  const start = (root, { data }) => {
    for (const article of root.querySelectorAll("article[data-scenario]")) drill(article);
    draw(root, data);
  };
  mx.define("mx-scenarios", start);
})();
