// Lesson 3: XOR. One neuron fails (a); the feature x1 x2 (b) and a two-layer net of gates (c) succeed;
// a 2-2-1 net trained from random weights finds XOR by itself, or gets stuck (d).
import { el, slider, select, button } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { Player, pythonCall } from "../ui/player.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";
import { SquareHeatmap, truthTable, figBox, isProjector, num, signed } from "./logic.js";

const ROUTE = "xor";
const CHUNK = { epochs: 20, budget_ms: 200 };   // (d): one Python call trains at most this much
const END_STATES = ["done", "stuck", "limit", "diverged"];
const ROWS = ["00", "01", "10", "11"];
const SCHEMA = {
  seedA: { type: "int", min: 0, max: 49, default: 0 },
  epochsA: { type: "int", min: 0, max: 300, default: 100 },
  v: { type: "number", min: -3, max: 1, default: -2 },
  row: { type: "choice", values: ROWS, default: "11" },
  seed: { type: "int", min: 0, max: 999999, default: 0 },
};
const LN2 = Math.log(2);
const signed2 = (v) => (v >= 0 ? `+ ${v.toFixed(2)}` : `- ${(-v).toFixed(2)}`);
const fix = (v, d = 3) => (v == null ? "–" : v.toFixed(d));

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "3. XOR", module: "backprop_lab.lessons.xor", schema: SCHEMA,
    styles: ["lessons/logic.css", "lessons/xor.css"],
    lede: "Exclusive or, $x^1 \\oplus x^2 = [x^1 \\neq x^2]$, is the classic function that one neuron cannot compute.",
  });
  page.tex("x^1 \\oplus x^2 = [x^1 \\neq x^2]:\\quad (0,0) \\mapsto 0,\\; (0,1) \\mapsto 1,\\; (1,0) \\mapsto 1,\\; (1,1) \\mapsto 0");
  page.text("XOR is 1 on two opposite corners of the square and 0 on the other two. A single neuron splits the plane with one straight line, and no line has $(0,1)$ and $(1,0)$ on one side while $(0,0)$ and $(1,1)$ are on the other: whichever way it is drawn, at least one corner ends up on the wrong side.");
  page.text("There are two ways out. Give the neuron a new input, the product $x^1 x^2$, so that it still draws a flat cut, but in a space where the corners can be separated. Or stack neurons: a first layer of simple gates whose outputs a second neuron combines. Both are below, and then a small network that finds its own solution by gradient descent.");
  page.part("one-neuron", { title: "One neuron cannot compute XOR" }, (p) => oneNeuronPart(page, p));
  page.part("feature", { title: "The feature x¹x² makes XOR separable" }, (p) => featurePart(page, p));
  page.part("gate-net", { title: "Two layers of gates compute XOR" }, (p) => gateNetPart(page, p));
  page.part("trained-net", { title: "A 2-2-1 network learns XOR" }, (p) => trainedNetPart(page, p));
  page.python(["train_single_neuron", "feature_neuron", "gate_network", "two_layer_forward", "gradient_step", "looks_stuck"]);
  page.python(["threshold_neuron", "line_in_square"], "backprop_lab.lessons.logic");   // what the planes are drawn with
  return () => page.destroy();
}

/** Draw at most once per animation frame (the newest draw wins). */

const plane = (label) => el("canvas", { width: 300, height: 300, class: "plane", role: "img", "aria-label": label });
const summaryLine = () => el("p", { class: "summary", role: "status", "aria-live": "polite" });
const rightOf = (rows) => rows.map((r) => r.right);

/** A square plane that stays sharp: returns {heatmap, redraw(draw)} where draw(heatmap) paints it. */
function sharpPlane(page, canvas, cleanups) {
  const heatmap = new SquareHeatmap(canvas, -0.5, 1.5);
  const frame = page.framer();
  let last = null;
  const redraw = (draw) => { if (draw) last = draw; if (last) frame(() => last(heatmap)); };
  cleanups.push(sharpCanvas(canvas, () => redraw()));
  return { heatmap, redraw };
}

function changer(page) { return (key, value, then) => { page.set(key, value); then(); }; }

// ----- (a) one neuron -----
function oneNeuronPart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.text("Here one neuron, $p = \\sigma(w_1 x^1 + w_2 x^2 + b)$, is trained by gradient descent on the cross-entropy, from random starting weights. Its answer is $1$ where $p > \\tfrac12$, that is on one side of its line. Move the epochs slider: at no epoch does it get all four points. The loss only falls to $\\ln 2 \\approx 0.693$, the loss of saying $p = \\tfrac12$ everywhere, which is where the weights end up as they shrink toward zero.");
  const canvas = plane("One neuron trained on XOR: its output over the plane and its line");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const table = el("div");
  const summary = summaryLine();
  const chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss of the single neuron per epoch" });
  const seedA = slider("Seed of the starting weights", { min: 0, max: 49, step: 1, value: s.seedA }, (v) => change("seedA", v, trainA));
  const epochsA = slider("Epochs of gradient descent", { min: 0, max: 300, step: 10, value: s.epochsA }, (v) => change("epochsA", v, trainA));
  p.figure.append(figBox(p, canvas));
  p.numbers.append(live, table, summary);
  if (p.alone) { p.controls.append(epochsA.node); p.addMore(seedA.node, chartBox); }
  else p.controls.append(seedA.node, epochsA.node, chartBox);
  const chart = new LineChart(chartBox, [{ label: "loss", stroke: "#1f1f1f" }, { label: "ln 2", stroke: "#c5221f", dash: [6, 4] }],
    { xLabel: "epoch", yLabel: "loss", height: 160 });
  const frame = page.framer();

  let busy = false;
  async function trainA() {
    if (busy) return;
    busy = true;
    const sent = `${s.seedA},${s.epochsA}`;
    const out = await page.call("train_single_neuron", { seed: s.seedA, epochs: s.epochsA });
    busy = false;
    if (!out) return;
    renderTex(live, `p = \\sigma(${fix(out.w1, 2)}\\,x^1 ${signed2(out.w2)}\\,x^2 ${signed2(out.b)})`);
    table.replaceChildren(truthTable(`One neuron after ${s.epochsA} epochs`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["p", (r) => fix(r.p)], ["Answer", (r) => r.output], ["XOR", (r) => r.target]], out.rows));
    summary.textContent = `${out.n_right}/4 rows right after ${s.epochsA} epochs; the best at any epoch was ${out.best}/4. ` +
      (out.line ? "" : "(Its line lies outside the square.)");
    const losses = Array.from(out.losses.data);
    chart.reset();
    chart.push(losses.map((_, i) => i), losses, losses.map(() => LN2));
    heatmap.setBoundary(out.map);
    redraw((h) => {
      h.draw([], out.line ? [out.line] : []);
      h.drawCorners(out.points.X.data, out.points.y.data, rightOf(out.rows));
    });
    frame(() => chart.render());
    if (`${s.seedA},${s.epochsA}` !== sent) trainA();
  }
  trainA();
  return () => { cleanups.forEach((c) => c()); chart.destroy(); };
}

// ----- (b) the feature x1 x2 -----
function featurePart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.tex("x^1 \\oplus x^2 = [x^1 + x^2 - 2x^1 x^2 - \\tfrac12 > 0]");
  p.text("The neuron now weighs three inputs, $x^1$, $x^2$ and their product. In those three coordinates its cut is still flat, but drawn back in the plane of $(x^1, x^2)$ it bends: $z = -2(x^1 - \\tfrac12)(x^2 - \\tfrac12)$ is positive exactly where one input is above $\\tfrac12$ and the other below. With the weight $-2$ the boundary is the degenerate hyperbola of two crossing lines; any other weight at or below $-\\tfrac32$ bends it into a proper hyperbola and still gets all four. Above $-\\tfrac32$ the corner $(1,1)$ goes wrong, because there $z = \\tfrac32 + v$ is positive: the weight $-1.25$ gets only 3 of 4. At $0$ the product is switched off and the neuron is plain OR again.");
  const canvas = plane("The neuron with the feature x1 x2: its output over the plane");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const table = el("div");
  const summary = summaryLine();
  const vs = slider("Weight of x¹x²", { min: -3, max: 1, step: 0.5, value: s.v, format: num }, (v) => change("v", v, runB));
  vs.input.addEventListener("input", () => { s.v = Number(vs.input.value); runB(); });
  p.figure.append(figBox(p, canvas));
  p.numbers.append(live, table, summary);
  p.controls.append(vs.node);

  let busy = false;
  async function runB() {
    renderTex(live, `a(x) = \\big[x^1 + x^2 ${signed(s.v)}\\,x^1 x^2 - 0.5 > 0\\big]`);
    if (busy) return;
    busy = true;
    const sent = s.v;
    const out = await page.call("feature_neuron", { v: s.v });
    busy = false;
    if (!out) return;
    table.replaceChildren(truthTable("XOR by one neuron with the feature x¹x²", [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["x¹x²", (r) => r.x1x2], ["z", (r) => num(r.z)],
      ["Neuron", (r) => r.output], ["XOR", (r) => r.target]], out.rows));
    summary.textContent = `${out.n_right}/4 rows right` + (out.n_right === 4 ? ": this neuron computes XOR." : ".");
    heatmap.setBoundary(out.map);
    redraw((h) => {
      h.draw();
      h.drawCorners(out.points.X.data, out.points.y.data, rightOf(out.rows));
    });
    if (s.v !== sent) runB();
  }
  runB();
  return () => cleanups.forEach((c) => c());
}

// ----- (c) two layers of gates -----
function gateNetPart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.tex("x^1 \\oplus x^2 = [(x^1 \\vee x^2) - (x^1 \\wedge x^2) - \\tfrac12 > 0]");
  p.text("The hidden layer is lesson 2's OR and AND neurons. The output neuron fires when OR is on and AND is off: the weight $-1$ on AND acts as a NOT. In the plane, the two hidden lines are parallel and the network's answer is the band between them, a region no single line could cut out.");
  const diagram = el("figure", { class: "net-diagram" });
  const canvas = plane("The two-layer gate network: its output over the plane and its two hidden lines");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const table = el("div");
  const summary = summaryLine();
  const rowSelect = select("Input (x¹, x²) shown in the diagram", ROWS.map((r) => [r, `(${r[0]}, ${r[1]})`]), s.row,
    (v) => change("row", v, drawC));
  p.figure.append(figBox(p, canvas));
  if (p.alone) {
    p.numbers.append(diagram, summary);
    p.controls.append(rowSelect.node);
    p.addMore(table);
  } else {
    p.numbers.append(table, summary);
    p.controls.classList.add("diagram-col");
    p.controls.append(rowSelect.node, diagram);
  }
  let net = null;

  async function runC() {
    net = await page.call("two_layer_xor");
    if (!net) return;
    table.replaceChildren(truthTable("XOR by the two-layer gate network", [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["h₁ = OR", (r) => r.h_or], ["h₂ = AND", (r) => r.h_and],
      ["Output", (r) => r.output], ["XOR", (r) => r.target]], net.rows));
    summary.textContent = `${net.n_right}/4 rows right: the network computes XOR.`;
    heatmap.setBoundary(net.map);
    drawC();
  }

  function drawC() {
    if (!net) return;
    const row = net.rows[ROWS.indexOf(s.row)];
    diagram.replaceChildren(networkDiagram(net, row));
    redraw((h) => {
      h.draw([], net.lines.filter(Boolean));
      h.drawCorners(net.points.X.data, net.points.y.data, rightOf(net.rows));
      ring(h, [row.x1, row.x2]);
    });
  }
  runC();
  return () => cleanups.forEach((c) => c());
}

// ----- (d) a 2-2-1 net learns XOR -----
function trainedNetPart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.text("Now nobody chooses the weights. A network with two sigmoid hidden units and one sigmoid output starts from random weights (the seed picks them) and runs gradient descent on all four points, with the gradient from backpropagation. The dashed lines are where each hidden unit's input is zero: watch them move into place, much like the OR and AND lines of the gate network.");
  p.text("It does not always work. For some seeds the network settles where two points get the answer $p = \\tfrac12$ and the loss stops falling near $\\tfrac12 \\ln 2 \\approx 0.347$. It is a plateau, not a minimum: the loss keeps creeping down while the weights grow without bound, so its floor is at infinite weights, and training is stuck there all the same. A rarer one leaves three points at $p \\approx \\tfrac23$ with the loss near $0.48$ (seed 34): one of the three is wrong, and the output cannot move one of them without making the others worse. The page says so when either happens; try New seed.");
  const d = { status: null, pauseNow: false };
  const canvas = plane("The 2-2-1 network's output over the plane, with its hidden units' lines");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const table = el("div");
  const summary = summaryLine();
  const chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss of the 2-2-1 network per epoch" });
  const seedInput = el("input", { id: "xor-seed", type: "number", min: 0, max: 999999, step: 1, value: s.seed });
  seedInput.addEventListener("change", () => {
    const v = Number(seedInput.value);
    if (!Number.isInteger(v) || v < 0 || v > 999999) {
      summary.textContent = "The seed must be a whole number from 0 to 999999.";
      seedInput.value = s.seed;
      return;
    }
    change("seed", v, resetD);
  });
  const newSeed = button("New seed", () => {
    let v = s.seed;
    while (v === s.seed) v = Math.floor(Math.random() * 1000);
    seedInput.value = v;
    change("seed", v, resetD);
  });
  const call = pythonCall(page);
  const player = new Player(page, {
    reset: () => call("setup", { seed: s.seed }),
    train: (chunk) => call("train", chunk),
    chunk: CHUNK,
    show: applyD,
    losses: (f) => f.losses,
    pauseWhen: () => d.pauseNow,   // a new end state: paused there (Play goes on from there)
    divergedText: () => "The loss became infinite or NaN: press Reset.",
    extra: [newSeed],
  });
  const seedField = el("div", { class: "field" }, el("label", { for: "xor-seed", text: "Seed of the random weights" }), seedInput);
  p.figure.append(figBox(p, canvas));
  p.numbers.append(table, summary);
  if (p.alone) { p.controls.append(player.node); p.addMore(seedField, chartBox); }
  else p.controls.append(seedField, player.node, chartBox);
  const chart = new LineChart(chartBox, [{ label: "loss", stroke: "#1f1f1f" }], { xLabel: "epoch", yLabel: "loss", height: 160 });
  const frame = page.framer();

  function resetD() { return player.reset(); }

  function applyD(f) {
    if (f.epochs[0] === 0) { chart.reset(); d.status = null; }   // a reset: the chart starts afresh
    chart.push(f.epochs, f.losses);
    table.replaceChildren(truthTable(`The 2-2-1 network at epoch ${f.epoch}`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["p", (r) => fix(r.p)], ["Answer", (r) => r.output], ["XOR", (r) => r.target]], f.rows));
    const head = `Epoch ${f.epoch} · loss ${fix(f.loss)} · ${f.n_right}/4 right`;
    const solved = f.solved_at != null ? ` · reached 4/4 at epoch ${f.solved_at}` : "";
    const say = new Map([
      ["training", f.n_right === 4 ? "." : ""],
      ["done", ". Trained: all four points are right and the loss is small."],
      ["stuck", `. Stuck: the loss has stopped falling at ${fix(f.loss)} with ${f.n_right}/4 right — a plateau for this seed (the loss creeps down only as the weights grow). Try New seed.`],
      ["limit", ". Stopped after the epoch limit without getting all four: try New seed."],
      ["diverged", ". The loss became infinite or NaN: press Reset."],
    ]).get(f.status) ?? "";
    summary.textContent = head + solved + say;
    d.pauseNow = f.status !== d.status && END_STATES.includes(f.status);
    d.status = f.status;
    if (f.map) heatmap.setBoundary(f.map);
    redraw((h) => {
      h.draw([], f.hidden_lines.filter(Boolean));
      h.drawCorners(f.points.X.data, f.points.y.data, rightOf(f.rows));
    });
    frame(() => chart.render());
  }
  resetD();
  return () => {
    player.destroy();
    cleanups.forEach((c) => c());
    chart.destroy();
  };
}

/** A ring around the point shown in the diagram. */
function ring(heatmap, point) {
  const ctx = heatmap.canvas.getContext("2d");
  const [cx, cy] = heatmap.toCanvas(point);
  ctx.beginPath();
  ctx.arc(cx, cy, heatmap.canvas.width / 16, 0, 2 * Math.PI);
  ctx.strokeStyle = "#111";
  ctx.lineWidth = (isProjector() ? 4 : 3) * cssScale(heatmap.canvas);
  ctx.stroke();
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

const FRACTIONS = new Map([[0.5, "½"], [-0.5, "−½"], [1.5, "3⁄2"], [-1.5, "−3⁄2"], [1, "1"], [-1, "−1"]]);
const frac = (v) => FRACTIONS.get(v) ?? String(v);

/** The gate network as an SVG: inputs, hidden OR and AND, output; weights on the edges, biases in the
 *  nodes, and each node's value for the chosen input row. */
function networkDiagram(net, row) {
  const pos = { x1: [40, 60], x2: [40, 200], or: [190, 60], and: [190, 200], out: [330, 130] };
  const values = { x1: row.x1, x2: row.x2, or: row.h_or, and: row.h_and, out: row.output };
  const edges = [
    ["x1", "or", net.W1[0][0]], ["x2", "or", net.W1[1][0]], ["x1", "and", net.W1[0][1]], ["x2", "and", net.W1[1][1]],
    ["or", "out", net.W2[0][0]], ["and", "out", net.W2[1][0]],
  ];
  const root = svg("svg", { viewBox: "0 0 380 260", role: "img",
    "aria-label": `Network diagram for input (${row.x1}, ${row.x2}): OR = ${row.h_or}, AND = ${row.h_and}, output = ${row.output}` });
  root.append(svg("title", {}, "The two-layer XOR network with its weights"));
  for (const [from, to, w] of edges) {
    const [x1, y1] = pos[from];
    const [x2, y2] = pos[to];
    root.append(svg("line", { x1, y1, x2, y2, class: w < 0 ? "edge negative" : "edge" }));
    // the weight, a third of the way from the target node, so the crossing labels do not overlap
    const t = 0.68;
    root.append(svg("text", { x: x1 + (x2 - x1) * t, y: y1 + (y2 - y1) * t - 6, class: "weight" }, frac(w)));
  }
  const nodes = [
    ["x1", "x¹", null], ["x2", "x²", null], ["or", "OR", net.b1[0]], ["and", "AND", net.b1[1]], ["out", "XOR", net.b2[0]],
  ];
  for (const [key, name, bias] of nodes) {
    const [x, y] = pos[key];
    const on = values[key] === 1;
    root.append(svg("circle", { cx: x, cy: y, r: 26, class: on ? "node on" : "node" }));
    root.append(svg("text", { x, y: y + 6, class: "value" }, String(values[key])));
    root.append(svg("text", { x, y: y - 32, class: "name" }, name));
    if (bias != null) root.append(svg("text", { x, y: y + 44, class: "bias" }, `b = ${frac(bias)}`));
  }
  return root;
}
