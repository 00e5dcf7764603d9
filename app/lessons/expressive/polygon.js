// Lesson 4, part "polygon": two layers of threshold neurons cut out a convex polygon (one neuron
// per edge, AND at the output). The vertices can be dragged, or moved with the sliders.
import { el, slider, select } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { Heatmap } from "../../ui/heatmap.js";
import { sharpCanvas } from "../../ui/fit.js";
import { figBox } from "../logic.js";
import { DOMAIN, fix, sign, layerTex, smallMultiple, drawPolygons, extras } from "./shared.js";

const LIMIT = 1.9;    // vertices stay inside [-1.9, 1.9]^2
const STEP = 0.05;    // and on a 0.05 grid (the URL keeps them in hundredths)
export const PRESETS = {     // same vertices as POLYGONS in expressive.py, in hundredths
  triangle: [-120, -100, 130, -80, 0, 130],
  square: [-100, -100, 100, -100, 100, 100, -100, 100],
  hexagon: [130, 0, 65, 113, -65, 113, -130, 0, -65, -113, 65, -113],
};
const snap = (v) => Math.max(-LIMIT, Math.min(LIMIT, Math.round(v / STEP) * STEP));
const pairs = (flat) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i] / 100, flat[2 * i + 1] / 100]);
const flatten = (P) => P.flatMap(([x, y]) => [Math.round(x * 100), Math.round(y * 100)]);

export function polygonPart(page, p) {
  const s = page.state;
  const frame = page.framer();
  let vertices = pairs(s.v);
  let selected = 0;
  p.tex("h_j = \\big[\\langle w_j, x \\rangle + b_j > 0\\big], \\qquad a(x) = \\Big[\\sum_{j=1}^{k} h_j - \\big(k - \\tfrac12\\big) > 0\\Big]");
  p.text("Each hidden neuron $h_j$ looks after one edge $p_j \\to p_{j+1}$ of the polygon. Its weight vector $w_j$ is the edge's unit normal pointing inwards, and $b_j = -\\langle w_j, p_j \\rangle$ puts its line exactly on the edge, so $h_j = 1$ on the inner side. The output neuron is an AND: with $k$ inputs of weight 1 and bias $-(k - \\tfrac12)$ it fires only when every $h_j$ does.");
  p.text("A point is inside a convex polygon exactly when it is on the inner side of every edge, which is why this works. Drag the vertices (or pick one and move it with the sliders) and watch the picture, which is the network's own output on a 120 × 120 grid. Bend the polygon inwards and the AND of half-planes no longer matches it: that region is not convex, and an AND of half-planes is always convex. One hidden layer is not the limit, the AND is: with an OR at the output instead, the same two layers give a union of half-planes, which can be non-convex (an L-shape's outside, say), though not every region; the next part ORs convex pieces with a third layer.");

  const canvas = el("canvas", { width: 360, height: 360, class: "plane drag", role: "img",
    "aria-label": "The two-layer network's output over the plane, with the draggable polygon" });
  const heatmap = new Heatmap(canvas, DOMAIN);
  const problem = el("p", { class: "problem", role: "alert" });
  const legend = el("p", { class: "legend" });
  const shapeSel = select("Preset polygon", [["triangle", "triangle"], ["square", "square"], ["hexagon", "hexagon"]],
    s.shape, (v) => { page.set("shape", v); vertices = pairs(PRESETS[v]); selected = 0; moved(true); });
  const vertexSel = select("Vertex to move", [], "0", (v) => { selected = Number(v); syncSliders(); redraw(); });
  const xSlider = slider("Vertex x1", { min: -LIMIT, max: LIMIT, step: STEP, value: 0, format: (v) => fix(v) }, () => moved(true));
  const ySlider = slider("Vertex x2", { min: -LIMIT, max: LIMIT, step: STEP, value: 0, format: (v) => fix(v) }, () => moved(true));
  xSlider.input.addEventListener("input", () => { vertices[selected][0] = Number(xSlider.input.value); moved(false); });
  ySlider.input.addEventListener("input", () => { vertices[selected][1] = Number(ySlider.input.value); moved(false); });
  const weights = el("div", { class: "formula weights", "aria-live": "polite" });
  const hiddenBox = el("div", { class: "multiples", role: "group", "aria-label": "Hidden neurons' half-planes" });
  const hint = el("p", { class: "hint", text: "Or drag a vertex in the picture." });
  p.figure.append(figBox(p, canvas), problem, legend);
  p.controls.append(shapeSel.node, vertexSel.node, xSlider.node, ySlider.node, hint);
  extras(p, el("h3", { text: "The hidden neurons, one per edge" }), hiddenBox,
    el("h3", { text: "The weights" }), weights);
  let multiples = [];
  const unwatch = sharpCanvas(canvas, () => redraw());

  function syncVertexOptions() {
    vertexSel.input.replaceChildren(...vertices.map((_, i) => el("option", { value: String(i), text: `Vertex ${i + 1}` })));
    selected = Math.min(selected, vertices.length - 1);
    vertexSel.input.value = String(selected);
  }
  function syncSliders() {
    xSlider.set(vertices[selected][0]);
    ySlider.set(vertices[selected][1]);
  }
  function redraw() {
    frame(() => drawPolygons(heatmap, [vertices], { handles: true, selected }));
  }
  /** Vertices changed: redraw the outline now, ask Python for the net's picture, maybe store. */
  function moved(store) {
    if (store) page.set("v", flatten(vertices));
    if (vertexSel.input.options.length !== vertices.length) syncVertexOptions();
    syncSliders();
    redraw();
    update();
  }

  // Pointer dragging: grab the nearest vertex within 16 px.
  let dragging = false;
  const toPlane = (ev) => {
    const r = canvas.getBoundingClientRect();
    return [snap(((ev.clientX - r.left) / r.width) * 2 * DOMAIN - DOMAIN), snap(DOMAIN - ((ev.clientY - r.top) / r.height) * 2 * DOMAIN)];
  };
  canvas.addEventListener("pointerdown", (ev) => {
    const r = canvas.getBoundingClientRect();
    const scale = r.width / (2 * DOMAIN);
    let best = -1;
    let bestD = 16;
    vertices.forEach(([x, y], i) => {
      const d = Math.hypot(r.left + (x + DOMAIN) * scale - ev.clientX, r.top + (DOMAIN - y) * scale - ev.clientY);
      if (d < bestD) { best = i; bestD = d; }
    });
    if (best < 0) return;
    selected = best;
    vertexSel.input.value = String(best);
    dragging = true;
    canvas.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (!dragging) return;
    const pt = toPlane(ev);
    if (pt[0] === vertices[selected][0] && pt[1] === vertices[selected][1]) return;
    vertices[selected] = pt;
    moved(false);
  });
  const drop = () => { if (dragging) { dragging = false; moved(true); } };
  canvas.addEventListener("pointerup", drop);
  canvas.addEventListener("pointercancel", drop);

  const update = page.follow("polygon_map", () => ({ vertices: structuredClone(vertices) }),
    (out, sent) => show(out, sent.vertices));

  function show(out, P) {
    const k = P.length;
    heatmap.setBoundary(out.map);
    problem.textContent = out.problem ? `${out.problem} The network still takes the AND of the ${k} half-planes, ` +
      "so its region (blue) is not this polygon." : "";
    legend.textContent = `Blue: the network says inside (${(100 * out.inside).toFixed(1)}% of the square). Orange: outside.`;
    if (multiples.length !== k) {
      multiples = P.map((_, j) => smallMultiple(`Hidden neuron h${j + 1}: the inner side of edge ${j + 1}`));
      hiddenBox.replaceChildren(...multiples.map((m) => m.node));
    }
    const [L1, L2] = out.layers;
    multiples.forEach((m, j) => {
      const [rows, cols] = out.hidden.shape.slice(1);
      m.heatmap.setBoundary({ data: out.hidden.data.subarray(j * rows * cols, (j + 1) * rows * cols), shape: [rows, cols] });
      renderTex(m.text, `h_{${j + 1}} = [${fix(L1.W[0][j])}\\,x_1 ${sign(L1.W[1][j])}\\,x_2 ${sign(L1.b[j])} > 0]`, false);
    });
    renderTex(weights, `\\begin{aligned}&${layerTex(1, L1)} \\\\ &${layerTex(2, L2, 1)}\\end{aligned}`);
    frame(() => {
      drawPolygons(heatmap, [vertices], { handles: true, selected });
      multiples.forEach((m, j) => drawPolygons(m.heatmap, [P], { highlight: [P[j], P[(j + 1) % k]] }));
    });
  }

  syncVertexOptions();
  moved(false);
  return unwatch;
}
