/*
 * mx-runbook: the team's runbook. Without JavaScript it is a worksheet to print and fill in by hand.
 * With it, each section's items and the goal are kept in this browser only (localStorage, one key
 * holding versioned JSON; nothing is sent anywhere): add and remove items, add a prompt with one
 * click, copy or download the whole as Markdown, print it, or clear everything (after a dialog asks).
 * Started by mx.js.
 */
(() => {
  "use strict";

  const { part } = window.mx;
  const KEY = "mx-runbook";
  const VERSION = 1;

  /** Read the kept runbook: { version, items: { section: [text, ...] }, goal }; empty if none or unreadable. */
  function load(ids) {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(KEY));
    } catch {
      /* nothing kept, storage off, or not JSON: start empty */
    }
    const items = saved?.version === VERSION && saved.items ? saved.items : {};
    return {
      items: Object.fromEntries(
        ids.map((id) => [id, Array.isArray(items[id]) ? items[id].filter((text) => typeof text === "string") : []]),
      ),
      goal: saved?.version === VERSION && typeof saved.goal === "string" ? saved.goal : "",
    };
  }

  window.mx.define("mx-runbook", (root, { signal }) => {
    const sections = [...root.querySelectorAll("[data-runbook-section]")].filter((s) => s.dataset.runbookSection !== "goal");
    const ids = sections.map((section) => section.dataset.runbookSection);
    const goal = part(root, "[data-runbook-goal]");
    const status = part(root, "[data-runbook-status]");
    const download = part(root, "[data-runbook-download]");
    const confirm = part(root, "[data-runbook-confirm]");
    const titleOf = (section) => part(section, "h2").textContent.trim();
    const goalTitle = titleOf(part(root, '[data-runbook-section="goal"]'));
    let state = load(ids);

    // On paper, the goal prints as text rather than as a box that may cut it off.
    const goalPrint = document.createElement("p");
    goalPrint.className = "mx-runbook__goal-print";
    goal.after(goalPrint);

    const markdown = () => {
      const lines = [`# ${document.querySelector("h1")?.textContent.trim() || "Our team's runbook"}`, ""];
      for (const section of sections) {
        const items = state.items[section.dataset.runbookSection];
        lines.push(`## ${titleOf(section)}`, "");
        lines.push(...(items.length ? items.map((text) => `- ${text.trim().replace(/\s*\n\s*/g, "\n  ")}`) : ["_Nothing yet._"]), "");
      }
      lines.push(`## ${goalTitle}`, "", state.goal.trim() || "_Nothing yet._", "");
      return lines.join("\n");
    };

    // The download is a data: URL, which works from file:// and offline.
    const link = () => {
      download.href = `data:text/markdown;charset=utf-8,${encodeURIComponent(markdown())}`;
    };

    const save = () => {
      try {
        localStorage.setItem(KEY, JSON.stringify({ version: VERSION, ...state }));
      } catch {
        status.textContent = "This browser is not keeping what you write here: copy or download it before you leave.";
      }
      link();
    };

    const render = () => {
      for (const section of sections) {
        const list = part(section, "[data-runbook-items]");
        list.replaceChildren(
          ...state.items[section.dataset.runbookSection].map((text, index) => {
            const item = document.createElement("li");
            item.className = "mx-runbook__item";
            const words = document.createElement("span");
            words.className = "mx-runbook__text";
            words.textContent = text;
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "md-button mx-button mx-runbook__remove";
            remove.dataset.runbookRemove = String(index);
            remove.textContent = "Remove";
            remove.setAttribute("aria-label", `Remove: ${text}`);
            item.append(words, remove);
            return item;
          }),
        );
      }
      goal.value = state.goal;
      goalPrint.textContent = state.goal;
      link();
    };

    const add = (section, text) => {
      const items = state.items[section.dataset.runbookSection];
      const title = titleOf(section);
      if (!text.trim()) {
        status.textContent = `Write something to add to “${title}” first.`;
        return false;
      }
      if (items.includes(text.trim())) {
        status.textContent = `“${title}” already has that item.`;
        return false;
      }
      items.push(text.trim());
      save();
      render();
      status.textContent = `Added to “${title}”: ${text.trim()}`;
      return true;
    };

    for (const section of sections) {
      const input = part(section, "[data-runbook-input]");
      part(section, "[data-runbook-add-button]").addEventListener("click", () => {
        if (add(section, input.value)) input.value = "";
        input.focus();
      });
      // The prompts to start from become buttons that add themselves to the section.
      for (const prompt of section.querySelectorAll("[data-runbook-prompt]")) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "mx-runbook__prompt";
        button.dataset.runbookPromptAdd = "";
        button.textContent = prompt.textContent.trim();
        button.setAttribute("aria-label", `Add: ${button.textContent}`);
        prompt.replaceChildren(button);
      }
      section.addEventListener("click", (event) => {
        const promptButton = event.target.closest("[data-runbook-prompt-add]");
        if (promptButton) add(section, promptButton.textContent);
        const remove = event.target.closest("[data-runbook-remove]");
        if (!remove) return;
        const items = state.items[section.dataset.runbookSection];
        const index = Number(remove.dataset.runbookRemove);
        const [text] = items.splice(index, 1);
        save();
        render();
        status.textContent = `Removed from “${titleOf(section)}”: ${text}`;
        const buttons = section.querySelectorAll("[data-runbook-remove]");
        (buttons[Math.min(index, buttons.length - 1)] || input).focus();
      });
      part(section, "[data-runbook-add]").hidden = false;
      part(section, "[data-runbook-lines]").hidden = true;
    }

    goal.addEventListener("input", () => {
      state.goal = goal.value;
      goalPrint.textContent = goal.value;
      save();
    });

    part(root, "[data-runbook-copy]").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(markdown());
        status.textContent = "Copied the runbook as Markdown.";
      } catch {
        status.textContent = "This browser did not let the page copy: use “Download Markdown” instead.";
      }
    });
    download.addEventListener("click", () => {
      status.textContent = "The runbook is downloading as runbook.md.";
    });
    part(root, "[data-runbook-print]").addEventListener("click", () => window.print());
    part(root, "[data-runbook-clear]").addEventListener("click", () => {
      confirm.returnValue = "";
      confirm.showModal();
    });
    confirm.addEventListener("close", () => {
      if (confirm.returnValue !== "clear") {
        status.textContent = "Nothing was cleared.";
        return;
      }
      try {
        localStorage.removeItem(KEY);
      } catch {
        /* nothing was kept */
      }
      state = load(ids);
      render();
      status.textContent = "Everything is cleared: this browser keeps nothing from this page now.";
    });
    // Another tab of this page changed the runbook: show what it kept.
    window.addEventListener(
      "storage",
      (event) => {
        if (event.key !== KEY && event.key !== null) return;
        state = load(ids);
        render();
      },
      { signal },
    );

    render();
    part(root, "[data-runbook-tools]").hidden = false;
    part(root, "[data-runbook-privacy-js]").hidden = false;
  });
})();
