/*
 * mx-runbook: the team's runbook, for the session (its scenarios' responses, its contacts). Without
 * JavaScript it is a worksheet to print and fill in by hand. With it, each section's items and a goal
 * for each person (a name or initials optional) are kept in this browser only (localStorage, one key
 * holding versioned JSON; nothing is sent anywhere), and so is what is typed in a box and not yet
 * added: add and remove items, start an answer from a question with one click (it goes into the box),
 * add a scenario's response with one click, copy or download the whole as Markdown (named for the
 * session and the day), print it, or clear everything (after a dialog asks). Started by mx.js.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part } = mx;
  const KEY = "mx-runbook";
  const VERSION = 1;

  const texts = (list) => (Array.isArray(list) ? list.filter((text) => typeof text === "string") : []);

  /** Read the kept runbook: { version, items: { section: [text, ...] }, drafts: { section: text }, goals:
   *  [{ who, goal }] }; empty if none or unreadable. A runbook kept before goals were per person has its one
   *  goal as the first; one kept before drafts were, none. */
  function load(ids) {
    let saved = null;
    try {
      saved = JSON.parse(mx.store(KEY));
    } catch {
      /* not JSON: start empty */
    }
    if (saved?.version !== VERSION) saved = {};
    const goals = Array.isArray(saved.goals) ? saved.goals : texts([saved.goal]).map((goal) => ({ goal }));
    return {
      items: Object.fromEntries(ids.map((id) => [id, texts(saved.items?.[id])])),
      drafts: Object.fromEntries(ids.map((id) => [id, texts([saved.drafts?.[id]])[0] || ""])),
      goals: goals.map((g) => ({ who: String(g?.who || "").slice(0, 40), goal: String(g?.goal || "") })),
    };
  }

  const start = (root, { data }) => {
    const sections = [...root.querySelectorAll("[data-runbook-section]")].filter((s) => s.dataset.runbookSection !== "goal");
    const ids = sections.map((section) => section.dataset.runbookSection);
    const goals = part(root, "[data-runbook-goals]");
    const status = part(root, "[data-runbook-status]");
    const download = part(root, "[data-runbook-download]");
    const confirm = part(root, "[data-runbook-confirm]");
    const titleOf = (section) => part(section, "h2").textContent.trim();
    const goalTitle = titleOf(part(root, '[data-runbook-section="goal"]'));
    let state = load(ids);
    const chosen = mx.session(data);
    const from = mx.source().from;
    const contacts = mx.support();
    mx.showSupport(root, contacts);
    // A session's own scenarios' responses only (the rest are a click away, with "Show everything").
    if (from === "address" || from === "stored") {
      for (const group of root.querySelectorAll("[data-runbook-scenario]")) {
        group.hidden = !chosen.scenarios.includes(group.dataset.runbookScenario);
      }
    }
    const today = () => new Date().toLocaleDateString("en-CA"); // YYYY-MM-DD, in this computer's time zone

    const markdown = () => {
      const lines = [`# ${document.querySelector("h1")?.textContent.trim() || "Our team's runbook"}`, ""];
      const session = from === "address" || from === "stored" ? `Session: ${mx.describe(data, chosen)}` : "";
      const titles = data.scenarios.filter((s) => chosen.scenarios.includes(s.id)).map((s) => s.title);
      lines.push([session + (titles.length ? ` (${titles.join(", ")})` : ""), `Written on ${today()}`].filter(Boolean).join(". ") + ".", "");
      if (contacts.support) lines.push(`- Talk to someone: ${contacts.support}`);
      if (contacts.report) lines.push(`- Report sexism or harassment: ${contacts.report}`);
      if (contacts.support || contacts.report) lines.push("");
      for (const section of sections) {
        const items = state.items[section.dataset.runbookSection];
        lines.push(`## ${titleOf(section)}`, "");
        lines.push(...(items.length ? items.map((text) => `- ${text.trim().replace(/\s*\n\s*/g, "\n  ")}`) : ["_Nothing yet._"]), "");
      }
      const written = state.goals.filter((g) => g.goal.trim());
      const goal = (g) => `- ${[g.who.trim(), g.goal.trim().replace(/\s*\n\s*/g, " ")].filter(Boolean).join(": ")}`;
      lines.push(`## ${goalTitle}`, "", ...(written.length ? written.map(goal) : ["_Nothing yet._"]), "");
      return lines.join("\n");
    };

    // The download is a data: URL, which works from file:// and offline.
    const link = () => {
      download.href = `data:text/markdown;charset=utf-8,${encodeURIComponent(markdown())}`;
      download.download = `runbook-${today()}.md`;
    };

    const save = () => {
      if (!mx.store(KEY, JSON.stringify({ version: VERSION, ...state }))) {
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
      if (!state.goals.length) state.goals.push({ who: "", goal: "" });
      const row = part(root, "[data-runbook-goal-row]");
      goals.replaceChildren(
        ...state.goals.map((g, index) => {
          const item = row.content.firstElementChild.cloneNode(true);
          const n = String(index + 1); // the row's number, in place of the template's N
          for (const el of item.querySelectorAll("[id], [for], [aria-label]")) {
            for (const name of ["id", "for", "aria-label"]) {
              if (el.hasAttribute(name)) el.setAttribute(name, el.getAttribute(name).replace("N", n));
            }
            if (el.tagName === "LABEL") el.textContent = el.textContent.replace("N", n);
          }
          for (const box of item.querySelectorAll("[data-runbook-goal]")) {
            box.value = g[box.dataset.runbookGoal];
            box.nextElementSibling.textContent = box.value;
          }
          item.dataset.index = String(index);
          return item;
        }),
      );
      // What is typed in a box and not yet added is kept too (the boxes' input listener), and shown again.
      for (const section of sections) part(section, "[data-runbook-input]").value = state.drafts[section.dataset.runbookSection];
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
      const addButton = part(section, "[data-runbook-add-button]");
      input.addEventListener("input", () => {
        state.drafts[section.dataset.runbookSection] = input.value;
        save();
      });
      addButton.addEventListener("click", () => {
        if (add(section, input.value)) {
          input.value = "";
          input.dispatchEvent(new Event("input")); // the draft is done
        }
        input.focus();
      });
      // Enter adds, as in a chat box; Shift+Enter starts a new line.
      input.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
        event.preventDefault();
        addButton.click();
      });
      // The prompts to start from become buttons: a question goes into the box, to be answered under it; a
      // scenario's response, already an answer, adds itself to the section.
      for (const prompt of section.querySelectorAll("[data-runbook-prompt]")) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "mx-runbook__prompt";
        button.dataset.runbookPromptAdd = prompt.dataset.runbookPrompt;
        button.textContent = prompt.textContent.trim();
        button.setAttribute("aria-label", `${prompt.dataset.runbookPrompt === "question" ? "Answer" : "Add"}: ${button.textContent}`);
        prompt.replaceChildren(button);
      }
      section.addEventListener("click", (event) => {
        const promptButton = event.target.closest("[data-runbook-prompt-add]");
        if (promptButton?.dataset.runbookPromptAdd === "question") {
          const written = input.value.trimEnd();
          input.value = `${written ? `${written}\n` : ""}${promptButton.textContent}\n`;
          input.dispatchEvent(new Event("input")); // kept as a draft
          input.focus();
          input.setSelectionRange(input.value.length, input.value.length);
          status.textContent = `The question is in the box of “${titleOf(section)}”: write your answer under it, then Add.`;
        } else if (promptButton) add(section, promptButton.textContent);
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
    }

    goals.addEventListener("input", (event) => {
      const box = event.target.closest("[data-runbook-goal]");
      if (!box) return;
      state.goals[Number(box.closest("li").dataset.index)][box.dataset.runbookGoal] = box.value;
      box.nextElementSibling.textContent = box.value;
      save();
    });
    goals.addEventListener("click", (event) => {
      const remove = event.target.closest("[data-runbook-remove-goal]");
      if (!remove) return;
      const index = Number(remove.closest("li").dataset.index);
      state.goals.splice(index, 1);
      save();
      render();
      status.textContent = `Removed goal ${index + 1}.`;
      const rows = goals.querySelectorAll("[data-runbook-goal=goal]");
      rows[Math.min(index, rows.length - 1)].focus();
    });
    const addGoal = part(root, "[data-runbook-add-goal]");
    addGoal.addEventListener("click", () => {
      state.goals.push({ who: "", goal: "" });
      save();
      render();
      status.textContent = `Added goal ${state.goals.length}.`;
      goals.querySelector("li:last-child [data-runbook-goal=who]").focus();
    });
    addGoal.parentElement.hidden = false;

    part(root, "[data-runbook-copy]").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(markdown());
        status.textContent = "Copied the runbook as Markdown.";
      } catch {
        status.textContent = "This browser did not let the page copy: use “Download Markdown” instead.";
      }
    });
    download.addEventListener("click", () => {
      status.textContent = `The runbook is downloading as ${download.download}.`;
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
      mx.store(KEY, null);
      state = load(ids);
      render();
      status.textContent = "Everything is cleared: this browser keeps nothing from this page now.";
    });
    // Another tab of this page changed the runbook: show what it kept.
    window.addEventListener("storage", (event) => {
      if (event.key !== KEY && event.key !== null) return;
      state = load(ids);
      render();
    });

    render();
    part(root, "[data-runbook-tools]").hidden = false;
    part(root, "[data-runbook-privacy-js]").hidden = false;
  };
  mx.define("mx-runbook", start);
})();
