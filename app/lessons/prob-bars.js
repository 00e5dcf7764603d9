// Class probabilities as horizontal bars with percentages and their sum (lessons 6 and 8).
import { el } from "../ui/controls.js";

/**
 * probBars("Predicted probabilities", ["0", "1", ...]) -> {node, set(p, {mark})}
 * p: an array (or typed array) of probabilities; mark: the index to highlight (e.g. the
 * predicted or the true class). Non-finite values are shown as "–", never as NaN.
 */
export function probBars(caption, labels) {
  const rows = labels.map((label) => {
    const fill = el("span", { class: "pbar-fill" });
    const value = el("span", { class: "pbar-value", text: "–" });
    const row = el("div", { class: "pbar" }, el("span", { class: "pbar-label", text: label }),
      el("span", { class: "pbar-track" }, fill), value);
    return { row, fill, value };
  });
  const sum = el("p", { class: "pbar-sum", "aria-live": "polite", text: "Sum: –" });
  // The bars are one picture (role img) whose name says every value, so they can be a part's main figure.
  // (so its rows are plain boxes: a picture has no list items).
  const list = el("div", { class: "pbar-list", role: "img", "aria-label": caption }, ...rows.map((r) => r.row));
  const node = el("figure", { class: "pbars" }, el("figcaption", { text: caption }), list, sum);

  function set(p, { mark = -1 } = {}) {
    let total = 0;
    rows.forEach((r, i) => {
      const v = p && i < p.length ? p[i] : null;
      const ok = v != null && Number.isFinite(v);
      if (ok) total += v;
      r.fill.style.width = ok ? `${(100 * Math.min(Math.max(v, 0), 1)).toFixed(2)}%` : "0";
      r.value.textContent = ok ? percent(v) : "–";
      r.row.classList.toggle("marked", i === mark);
    });
    sum.textContent = p ? `Sum: ${percent(total)}` : "Sum: –";
    list.setAttribute("aria-label", p
      ? `${caption}: ${labels.map((label, i) => `${label} ${rows[i].value.textContent}`).join(", ")}` : caption);
  }
  return { node, set, rows };
}

/** 0.4567 -> "45.67%"; tiny non-zero values keep a significant digit. */
export function percent(v) {
  const x = 100 * v;
  if (x !== 0 && Math.abs(x) < 0.01) return `${x.toExponential(1)}%`;
  return `${x.toFixed(2)}%`;
}
