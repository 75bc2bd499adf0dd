/*
 * mx-picker: draws discussion cards from the URL's selection at random, never repeating one until
 * every card has been drawn. Ships `hidden`; started by mx.js once the mapping's data has run.
 */
(() => {
  "use strict";

  const { mx } = window;
  const { part, selection } = mx;

  mx.define("mx-picker", (root, { data }) => {
    const card = part(root, "[data-picker-card]");
    const count = part(root, "[data-picker-count]");
    const ids = selection(data);
    let left = [...ids];
    const show = () => {
      count.textContent = `${ids.length - left.length} of ${ids.length} drawn`;
    };
    part(root, "[data-picker-draw]").addEventListener("click", () => {
      if (!left.length) left = [...ids];
      const id = left.splice(Math.floor(Math.random() * left.length), 1)[0];
      const entry = data.entries.find((e) => e.id === id);
      const title = document.createElement("p");
      title.className = "mx-tool__card-title";
      title.dataset.pickerEntry = id;
      title.textContent = entry.title;
      const list = document.createElement("ul");
      for (const prompt of entry.prompts) {
        const item = document.createElement("li");
        item.textContent = prompt;
        list.append(item);
      }
      card.replaceChildren(title, list);
      show();
    });
    part(root, "[data-picker-reset]").addEventListener("click", () => {
      left = [...ids];
      show();
    });
    show();
    root.hidden = false;
  });
})();
