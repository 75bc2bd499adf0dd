/*
 * mx-session: the line at the top of a kit page that says what the page shows. It keeps the session
 * (mx.keep: the address's is remembered in this browser, or the remembered one is put in the address)
 * and carries it in every link to a kit page, then says it in words: "Your session: 6 pairings, 2
 * scenarios, 90 minutes", with links to change it on the planning page and to show everything. With
 * ?all=1 the page shows everything, and the line leads back to the session. Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;

  mx.define("mx-session", (root, { data }) => {
    const kept = mx.keep(data, root.dataset.sessionPages.split(" "));
    const text = part(root, "[data-session-text]");
    const change = part(root, "[data-session-change]");
    const more = part(root, "[data-session-more]");
    const other = part(root, "[data-session-all]");
    const plan = change.getAttribute("href").split(/[?#]/)[0];
    const everything = root.dataset.sessionEverything;
    if (kept.from === "address" || kept.from === "stored") {
      text.textContent = `Your session: ${mx.describe(data, mx.session(data))}.`;
      change.textContent = "Change";
      change.href = plan + kept.search;
      other.textContent = "Show everything";
      other.href = `?all=1${location.hash}`;
      more.hidden = false;
    } else if (kept.from === "all" && kept.kept) {
      text.textContent = `Showing ${everything}, not your session.`;
      change.href = plan + kept.kept;
      other.textContent = "Back to your session";
      other.href = kept.kept + location.hash;
      more.hidden = false;
    } else {
      text.textContent = `This page shows ${everything}.`;
    }
  });
})();
