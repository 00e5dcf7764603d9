// A confusion matrix as a table: rows are the true class, columns the predicted one.
import { el } from "./controls.js";

/** counts: {data, shape: [k, k]} (Int32); colour(c, k) gives a class's colour. */
export function confusionTable(counts, k, colour) {
  const cell = (i, j) => counts.data[i * k + j];
  const total = counts.data.reduce((a, b) => a + b, 0);
  const right = Array.from({ length: k }, (_, i) => cell(i, i)).reduce((a, b) => a + b, 0);
  const swatch = (c) => el("span", { class: "swatch", style: `background:${colour(c, k)}`, "aria-hidden": "true" });
  return el("table", { class: "confusion-table" },
    el("caption", { text: `Confusion matrix (test set): ${right} of ${total} right. Rows: true class; columns: predicted.` }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "true \\ predicted" }),
      ...Array.from({ length: k }, (_, j) => el("th", { scope: "col" }, swatch(j), ` ${j}`)))),
    el("tbody", {}, ...Array.from({ length: k }, (_, i) => el("tr", {},
      el("th", { scope: "row" }, swatch(i), ` ${i}`),
      ...Array.from({ length: k }, (_, j) => el("td", { class: i === j ? "diag" : cell(i, j) ? "off" : "", text: String(cell(i, j)) }))))));
}
