// Lesson 4: expressive power. A two-layer net of threshold neurons separates a convex polygon
// (one neuron per edge, AND at the output); a three-layer net separates unions of such pieces.
import { el, slider, select } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { Heatmap } from "../ui/heatmap.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";
import { figBox, isProjector } from "./logic.js";

const ROUTE = "expressive";
const DOMAIN = 2;
const LIMIT = 1.9;    // vertices stay inside [-1.9, 1.9]^2
const STEP = 0.05;    // and on a 0.05 grid (the URL keeps them in hundredths)
const PRESETS = {     // same vertices as POLYGONS in expressive.py, in hundredths
  triangle: [-120, -100, 130, -80, 0, 130],
  square: [-100, -100, 100, -100, 100, 100, -100, 100],
  hexagon: [130, 0, 65, 113, -65, 113, -130, 0, -65, -113, 65, -113],
};
const SCHEMA = {
  shape: { type: "choice", values: Object.keys(PRESETS), default: "triangle" },
  v: { type: "ints", min: -190, max: 190, minLength: 6, maxLength: 16, default: PRESETS.triangle },
  region: { type: "choice", values: ["two-triangles", "l-shape"], default: "two-triangles" },
};

const fix = (v, d = 2) => (Math.abs(v) < 0.005 ? 0 : v).toFixed(d);
const snap = (v) => Math.max(-LIMIT, Math.min(LIMIT, Math.round(v / STEP) * STEP));
const pairs = (flat) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i] / 100, flat[2 * i + 1] / 100]);
const flatten = (P) => P.flatMap(([x, y]) => [Math.round(x * 100), Math.round(y * 100)]);

/** TeX for a matrix given as rows of numbers. */
function matrix(rows, d = 2) {
  return `\\begin{pmatrix}${rows.map((r) => r.map((v) => fix(v, d)).join(" & ")).join(" \\\\ ")}\\end{pmatrix}`;
}

/** TeX for a layer's weights: W (shown transposed when it is tall) and b. */
function layerTex(i, { W, b }, d = 2) {
  const tall = W.length > W[0].length;
  const shown = tall ? W[0].map((_, c) => W.map((row) => row[c])) : W;
  return `W^{(${i})${tall ? "\\top" : ""}} = ${matrix(shown, d)}, \\quad b^{(${i})} = ${matrix([b], d)}`;
}

/** A small picture of one neuron's output with a caption. */
function smallMultiple(caption) {
  const canvas = el("canvas", { width: 120, height: 120, class: "small-plane", role: "img", "aria-label": caption });
  const text = el("figcaption", {});
  return { node: el("figure", { class: "multiple" }, canvas, text), canvas, text, heatmap: new Heatmap(canvas, DOMAIN) };
}

/** Draw polygons over a heatmap: outlines, and (optionally) vertex handles with one selected. */
function drawPolygons(heatmap, polygons, { handles = false, selected = -1, highlight = null } = {}) {
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

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "4. Expressive power", module: "backprop_lab.lessons.expressive", schema: SCHEMA,
    styles: ["lessons/logic.css", "lessons/expressive.css"],
    lede: "One threshold neuron cuts the plane along a line. Stack a few, and the network can cut out a polygon, then any union of polygons.",
  });
  const s = page.state;
  if (s.v.length % 2) {   // added to the other notices about the link, not instead of them
    page.say([page.notice.textContent, "Ignored v from the link: it needs an x and a y for every vertex."].filter(Boolean).join(" "));
    s.v = [...PRESETS[s.shape]];
    page.set("v", s.v);
  }
  page.part("polygon", { title: "Two layers cut out a convex polygon" }, (p) => polygonPart(page, p));
  page.part("union", { title: "Three layers: a union of polygons" }, (p) => unionPart(page, p));
  page.python(["polygon_map", "edge_layer", "and_layer", "forward", "union_net", "or_layer"]);
  return () => page.destroy();
}

/** Draw at most once per animation frame, per part (the newest draw wins). */

/** Secondary pictures and formulas: below the demo in the article, in More settings when the part is alone. */
function extras(p, ...nodes) {
  if (p.alone) p.addMore(...nodes);
  else p.node.append(...nodes);
}

// ---- Two layers: a convex polygon -------------------------------------------------------
function polygonPart(page, p) {
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

// ---- Three layers: regions that are not convex ----------------------------------------------
function unionPart(page, p) {
  const s = page.state;
  const frame = page.framer();
  p.tex("g_i = \\Big[\\sum_{j \\in \\text{piece } i} h_j - \\big(k_i - \\tfrac12\\big) > 0\\Big], \\qquad a(x) = \\Big[\\sum_{i=1}^{m} g_i - \\tfrac12 > 0\\Big]");
  p.text("Cut the region into convex pieces. The first layer has one neuron per edge of every piece, the second layer has one AND per piece (each looks only at its own edges), and the output is an OR: weights 1 and bias $-\\tfrac12$, so one piece is enough. The L-shape is two overlapping bars; the two triangles are not even connected.");
  p.text("With one more layer, then, threshold neurons reach any region bounded by straight edges. Curved regions are approximated by polygons with more and more edges, at the price of more neurons.");
  const regionCanvas = el("canvas", { width: 360, height: 360, class: "plane", role: "img",
    "aria-label": "The three-layer network's output over the plane" });
  const regionMap = new Heatmap(regionCanvas, DOMAIN);
  const regionLegend = el("p", { class: "legend" });
  const regionSel = select("Preset region", [["two-triangles", "two triangles"], ["l-shape", "L-shape"]], s.region,
    (v) => { page.set("region", v); updateRegion(); });
  const pieceBox = el("div", { class: "multiples", role: "group", "aria-label": "Second-layer AND neurons" });
  const regionWeights = el("div", { class: "formula weights", "aria-live": "polite" });
  p.figure.append(figBox(p, regionCanvas));
  p.numbers.append(regionLegend);
  p.controls.append(regionSel.node);
  extras(p, el("h3", { text: "The second layer: one AND per piece" }), pieceBox,
    el("h3", { text: "The weights" }), regionWeights);
  let polygons = null;
  const draw = () => { if (polygons) drawPolygons(regionMap, polygons); };
  const unwatch = sharpCanvas(regionCanvas, () => frame(draw));

  async function updateRegion() {
    const region = s.region;
    const out = await page.call("region_map", { region });
    if (!out || region !== s.region) return;
    regionMap.setBoundary(out.map);
    regionLegend.textContent = `Blue: the network says inside (${(100 * out.inside).toFixed(1)}% of the square). ` +
      `${out.layers[0].b.length} edge neurons, ${out.polygons.length} AND neurons, 1 OR neuron.`;
    const [rows, cols] = out.pieces.shape.slice(1);
    const pieces = out.polygons.map((_, i) => smallMultiple(`AND neuron g${i + 1}: piece ${i + 1}`));
    pieceBox.replaceChildren(...pieces.map((m) => m.node));
    pieces.forEach((m, i) => {
      m.heatmap.setBoundary({ data: out.pieces.data.subarray(i * rows * cols, (i + 1) * rows * cols), shape: [rows, cols] });
      renderTex(m.text, `g_{${i + 1}}:\\ \\text{${out.polygons[i].length} edges}`, false);
    });
    renderTex(regionWeights, `\\begin{aligned}&${layerTex(1, out.layers[0])} \\\\ &${layerTex(2, out.layers[1], 1)} \\qquad ${layerTex(3, out.layers[2], 1)}\\end{aligned}`);
    polygons = out.polygons;
    frame(() => {
      draw();
      pieces.forEach((m, i) => drawPolygons(m.heatmap, [out.polygons[i]]));
    });
  }
  updateRegion();
  return unwatch;
}

function sign(v) { return v >= 0 ? `+ ${fix(v)}` : `- ${fix(-v)}`; }
