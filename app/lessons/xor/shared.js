// Lesson 3 (XOR): its settings and what its parts share (the unit-square planes, the summary line,
// the SVG helper).
import { el } from "../../ui/controls.js";
import { sharpCanvas } from "../../ui/fit.js";
import { SquareHeatmap } from "../logic.js";

export const ROUTE = "xor";

export const ROWS = ["00", "01", "10", "11"];

export const SCHEMA = {
  seedA: { type: "int", min: 0, max: 49, default: 0 },
  epochsA: { type: "int", min: 0, max: 300, default: 100 },
  v: { type: "number", min: -3, max: 1, default: -2 },
  row: { type: "choice", values: ROWS, default: "11" },
  seed: { type: "int", min: 0, max: 999999, default: 0 },
};

export const fix = (v, d = 3) => (v == null ? "–" : v.toFixed(d));

export const plane = (label) => el("canvas", { width: 300, height: 300, class: "plane", role: "img", "aria-label": label });

export const summaryLine = () => el("p", { class: "summary", role: "status", "aria-live": "polite" });

export const rightOf = (rows) => rows.map((r) => r.right);

/** A square plane that stays sharp: returns {heatmap, redraw(draw)} where draw(heatmap) paints it. */
export function sharpPlane(page, canvas, cleanups) {
  const heatmap = new SquareHeatmap(canvas, -0.5, 1.5);
  const frame = page.framer();
  let last = null;
  const redraw = (draw) => { if (draw) last = draw; if (last) frame(() => last(heatmap)); };
  cleanups.push(sharpCanvas(canvas, () => redraw()));
  return { heatmap, redraw };
}

export function changer(page) { return (key, value, then) => { page.set(key, value); then(); }; }

export const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}
