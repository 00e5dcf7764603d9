// Lesson 4's shared drawing helpers: number formats, weight matrices in TeX, small pictures of one
// neuron, polygons over a heatmap, and SVG nodes for the network diagrams.
import { el } from "../../ui/controls.js";
import { Heatmap } from "../../ui/heatmap.js";
import { cssScale } from "../../ui/fit.js";
import { isProjector } from "../logic.js";

export const DOMAIN = 2;

export const fix = (v, d = 2) => (Math.abs(v) < 0.005 ? 0 : v).toFixed(d);
export const sign = (v) => (v >= 0 ? `+ ${fix(v)}` : `- ${fix(-v)}`);

/** TeX for a matrix given as rows of numbers. */
export function matrix(rows, d = 2) {
  return `\\begin{pmatrix}${rows.map((r) => r.map((v) => fix(v, d)).join(" & ")).join(" \\\\ ")}\\end{pmatrix}`;
}

/** TeX for a layer's weights: W (shown transposed when it is tall) and b. */
export function layerTex(i, { W, b }, d = 2) {
  const tall = W.length > W[0].length;
  const shown = tall ? W[0].map((_, c) => W.map((row) => row[c])) : W;
  return `W^{(${i})${tall ? "\\top" : ""}} = ${matrix(shown, d)}, \\quad b^{(${i})} = ${matrix([b], d)}`;
}

/** A small picture of one neuron's output with a caption. */
export function smallMultiple(caption) {
  const canvas = el("canvas", { width: 120, height: 120, class: "small-plane", role: "img", "aria-label": caption });
  const text = el("figcaption", {});
  return { node: el("figure", { class: "multiple" }, canvas, text), canvas, text, heatmap: new Heatmap(canvas, DOMAIN) };
}

/** Draw polygons over a heatmap: outlines, and (optionally) vertex handles with one selected. */
export function drawPolygons(heatmap, polygons, { handles = false, selected = -1, highlight = null } = {}) {
  heatmap.draw();
  const ctx = heatmap.canvas.getContext("2d");
  const w = heatmap.canvas.width;
  const px = cssScale(heatmap.canvas);   // canvas px per CSS px: handles, labels and lines keep their CSS size
  const projector = isProjector();
  for (const P of polygons) {
    ctx.beginPath();
    P.forEach((p, i) => { const [x, y] = heatmap.toCanvas(p); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
    ctx.closePath();
    ctx.strokeStyle = "#111";
    ctx.lineWidth = Math.max((projector ? 3 : 1.5) * px, w / 180);
    ctx.stroke();
    if (handles) {
      P.forEach((p, i) => {
        const [x, y] = heatmap.toCanvas(p);
        ctx.beginPath();
        ctx.arc(x, y, (i === selected ? 9 : 7) * (projector ? 1.5 : 1) * px, 0, 2 * Math.PI);
        ctx.fillStyle = i === selected ? "#e8710a" : "#fff";
        ctx.strokeStyle = "#111";
        ctx.lineWidth = 2 * px;
        ctx.fill();
        ctx.stroke();
        ctx.fillStyle = "#111";
        ctx.font = `bold ${Math.ceil((projector ? 20 : 14) * px)}px system-ui, sans-serif`;
        ctx.fillText(String(i + 1), x + (projector ? 14 : 10) * px, y - (projector ? 14 : 10) * px);
      });
    }
  }
  if (highlight) {   // one edge, thick
    const [a, b] = highlight.map((p) => heatmap.toCanvas(p));
    ctx.beginPath();
    ctx.moveTo(...a);
    ctx.lineTo(...b);
    ctx.strokeStyle = "#111";
    ctx.lineWidth = Math.max(3 * px, w / 40);
    ctx.stroke();
  }
}


/** Secondary pictures and formulas: below the demo in the article, in More settings when the part is alone. */
export function extras(p, ...nodes) {
  if (p.alone) p.addMore(...nodes);
  else p.node.append(...nodes);
}

const SVG = "http://www.w3.org/2000/svg";
/** An SVG element with attributes and, optionally, its text. */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}
