// Lesson 4, part "depth": depth against width. The tent map composed k times (k hidden layers of
// 2 ReLUs) is a sawtooth with 2^k linear pieces; one hidden layer needs a unit per kink to match it.
// Python builds both nets, runs them, and counts their units and pieces; the page plots and draws them.
import { el, slider } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { sharpCanvas } from "../../ui/fit.js";
import { plot } from "../cybenko/shared.js";
import { svg } from "./shared.js";

export const DEPTH_SCHEMA = { k: { type: "int", min: 1, max: 8, default: 3 } };
const INK = "#1b1b1f";
const NET = "#1967d2";
const key = (colour, text, dashed) => el("span", { class: "saw-key" },
  el("span", { class: `saw-swatch${dashed ? " dashed" : ""}`, style: `border-color: ${colour}` }), text);

export function depthPart(page, p) {
  const s = page.state;
  const frame = page.framer();
  p.tex("t(x) = 2\\,\\mathrm{relu}(x) - 4\\,\\mathrm{relu}\\big(x - \\tfrac12\\big), \\qquad f_k = \\underbrace{t \\circ t \\circ \\dots \\circ t}_{k \\text{ times}}");
  p.text("Two ReLUs make a tent: $t$ climbs from 0 to 1 on $[0, \\tfrac12]$ and falls back on $[\\tfrac12, 1]$. Feed the tent into another tent and each half of $[0, 1]$ is folded again, so the number of teeth doubles with every layer. A net of $k$ hidden layers, two ReLUs each, therefore computes a sawtooth with $2^k$ linear pieces using only $2k$ units.");
  p.text("Now try one hidden layer. A ReLU unit $\\mathrm{relu}(wx + b)$ bends its line at one point only, so a sum of $m$ of them bends at $m$ points at most and has at most $m + 1$ linear pieces. To match the sawtooth, one layer needs at least $2^k - 1$ units. The page builds such a layer: a unit $\\mathrm{relu}(x - j/2^k)$ at every kink, with output weights that flip the slope between $+2^k$ and $-2^k$. It uses $2^k$ units, one more than the bound, because the first one only starts the slope at $x = 0$. Python counts the pieces of both functions from their values on 16,385 points, not from a formula.");
  p.text("So some functions that a deep net computes with a few units need exponentially many units when the net has one hidden layer. Width can do what depth does, at an exponential price.");

  const canvas = el("canvas", { width: 640, height: 300, class: "curve saw-plot", role: "img",
    "aria-label": "The deep and the shallow net's functions on [0, 1]" });
  const legend = el("p", { class: "legend" }, key(INK, "deep net (k layers of 2)"), key(NET, "shallow net (1 layer)", true));
  const nets = el("figure", { class: "saw-nets" });
  const kSlider = slider("Compositions k (hidden layers of the deep net)", { min: 1, max: 8, step: 1, value: s.k },
    (v) => { page.set("k", v); update(); });
  kSlider.input.addEventListener("input", () => { s.k = Number(kSlider.input.value); update(); });
  const cells = {};
  const row = (name, label) => el("tr", {}, el("th", { scope: "row", text: label }),
    ...["layers", "units", "pieces"].map((c) => (cells[`${name}-${c}`] = el("td", {}))));
  const counts = el("table", { class: "truth saw-counts", "aria-live": "polite" },
    el("caption", { text: "Hidden layers, ReLU units and linear pieces, counted by Python from each net" }),
    el("thead", {}, el("tr", {}, ...["net", "layers", "ReLUs", "pieces"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, row("deep", "deep"), row("shallow", "shallow")));
  const gap = el("p", { class: "stat-line", "aria-live": "polite" });
  const bound = el("p", { class: "bound" });
  const live = el("div", { class: "formula live" });
  const takeaway = el("p", { class: "summary takeaway" });
  p.figure.append(canvas, legend, nets);
  p.numbers.append(counts, gap, takeaway);
  p.controls.append(kSlider.node);
  if (p.alone) p.addMore(bound, live);
  else p.numbers.append(bound, live);
  p.python(["sawtooth", "deep_net", "shallow_net", "relu_forward", "linear_pieces"]);

  let last = null;
  const draw = () => {
    if (!last) return;
    plot(canvas, [{ x: last.x.data, y: last.deep.data, colour: INK, width: 3 },
      { x: last.x.data, y: last.shallow.data, colour: NET, width: 2, dash: [7, 5] }],
    { ylim: [-0.08, 1.08], yticks: [0, 0.5, 1], xticks: [0, 0.25, 0.5, 0.75, 1], xfmt: (v) => String(v), xlabel: "x" });
  };
  const unwatch = sharpCanvas(canvas, () => frame(draw));

  const update = page.follow("sawtooth", () => ({ k: s.k }), (out) => {
    last = out;
    for (const name of ["deep", "shallow"]) {
      cells[`${name}-layers`].textContent = String(out.layers[name]);
      cells[`${name}-units`].textContent = String(out.units[name]);
      cells[`${name}-pieces`].textContent = String(out.pieces[name]);
    }
    const k = out.k;
    gap.textContent = `Largest gap between the two on ${out.points.toLocaleString("en")} points: ${out.max_gap === 0 ? "0" : out.max_gap.toExponential(1)}`;
    bound.textContent = `One hidden layer of m units has at most m + 1 pieces, so ${out.pieces.deep} pieces need at least ${out.pieces.deep - 1} units; this one uses ${out.units.shallow}.`;
    takeaway.textContent = `Same function: ${out.units.deep} units in ${k} layer${k > 1 ? "s" : ""} against ${out.units.shallow} in one.`;
    renderTex(live, `f_{${k}}(x) = ${2 ** k}\\,\\mathrm{relu}(x) + \\sum_{j=1}^{${2 ** k - 1}} (-1)^j\\, ${2 ** (k + 1)}\\, \\mathrm{relu}\\big(x - \\tfrac{j}{${2 ** k}}\\big)`);
    nets.replaceChildren(netsDiagram(k, out.units.shallow));
    frame(draw);
  });
  update();
  return unwatch;
}

/** Both nets side by side: the deep one as k layers of 2 units, the shallow one as a single column
 *  (each unit drawn up to 16, a bar with its count beyond). Edges: blue positive, orange dashed negative. */
function netsDiagram(k, wide) {
  const [W, H, top] = [640, 190, 44];
  const mid = (top + H - 10) / 2;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `The deep net: ${k} hidden layers of 2 ReLUs; the shallow net: 1 hidden layer of ${wide} ReLUs` });
  root.append(svg("title", {}, "The deep and the shallow net"));
  // deep: x, k layers of (relu(s), relu(s - 1/2)), y
  const deepRight = 390;
  const step = (deepRight - 40) / (k + 1);
  const cols = [[[40, mid]], ...Array.from({ length: k }, (_, l) => [[40 + (l + 1) * step, mid - 30], [40 + (l + 1) * step, mid + 30]]), [[deepRight, mid]]];
  for (let l = 0; l + 1 < cols.length; l++) {
    for (const [i, [x1, y1]] of cols[l].entries()) {
      for (const [x2, y2] of cols[l + 1]) {
        const negative = l > 0 && i === 1;   // the second unit of a layer feeds the next with -4
        root.append(svg("line", { x1, y1, x2, y2, class: negative ? "edge negative" : "edge" }));
      }
    }
  }
  cols.flat().forEach(([x, y], i, all) => {
    const end = i === 0 || i === all.length - 1;
    root.append(svg("circle", { cx: x, cy: y, r: end ? 15 : Math.min(11, step / 3), class: end ? "node io" : "node" }));
  });
  root.append(svg("text", { x: 40, y: mid + 5, class: "io-label" }, "x"));
  root.append(svg("text", { x: deepRight, y: mid + 5, class: "io-label" }, "y"));
  root.append(svg("text", { x: (40 + deepRight) / 2, y: 24, class: "net-title" }, `deep: ${k} × 2 = ${2 * k} ReLUs`));
  // shallow: x, one column of `wide` units, y
  const [sx, cx, ex] = [450, 520, 590];
  const y0 = top + 4;
  const y1 = H - 14;
  root.append(svg("text", { x: cx, y: 24, class: "net-title" }, `shallow: ${wide} ReLUs`));
  if (wide <= 16) {
    const gapY = (y1 - y0) / wide;
    for (let j = 0; j < wide; j++) {
      const y = y0 + (j + 0.5) * gapY;
      root.append(svg("line", { x1: sx, y1: mid, x2: cx, y2: y, class: "edge" }));
      root.append(svg("line", { x1: cx, y1: y, x2: ex, y2: mid, class: j % 2 ? "edge negative" : "edge" }));
    }
    for (let j = 0; j < wide; j++) root.append(svg("circle", { cx, cy: y0 + (j + 0.5) * gapY, r: Math.min(11, gapY / 2.4), class: "node" }));
  } else {
    root.append(svg("line", { x1: sx, y1: mid, x2: cx, y2: mid, class: "edge" }));
    root.append(svg("line", { x1: cx, y1: mid, x2: ex, y2: mid, class: "edge" }));
    root.append(svg("rect", { x: cx - 16, y: y0, width: 32, height: y1 - y0, rx: 10, class: "node bar" }));
    root.append(svg("text", { x: cx, y: mid + 5, class: "bar-count", transform: `rotate(-90 ${cx} ${mid})` }, `${wide} units`));
  }
  for (const [x, label] of [[sx, "x"], [ex, "y"]]) {
    root.append(svg("circle", { cx: x, cy: mid, r: 15, class: "node io" }));
    root.append(svg("text", { x, y: mid + 5, class: "io-label" }, label));
  }
  return root;
}
