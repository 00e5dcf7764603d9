// Lesson 3: XOR. One neuron fails (a); the feature x1 x2 (b) and a two-layer net of gates (c) succeed;
// a 2-2-1 net trained from random weights finds XOR by itself, or gets stuck (d).
import { el, slider, select, button } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { Player, pythonCall } from "../ui/player.js";
import { SquareHeatmap, truthTable, num, signed } from "./logic.js";

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

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "3. XOR", module: "backprop_lab.lessons.xor", schema: SCHEMA,
    styles: ["lessons/logic.css", "lessons/xor.css"],
    lede: "Exclusive or, $x^1 \\oplus x^2 = [x^1 \\neq x^2]$, is the classic function that one neuron cannot compute.",
  });
  const s = page.state;
  page.tex("x^1 \\oplus x^2 = [x^1 \\neq x^2]:\\quad (0,0) \\mapsto 0,\\; (0,1) \\mapsto 1,\\; (1,0) \\mapsto 1,\\; (1,1) \\mapsto 0");
  page.text("XOR is 1 on two opposite corners of the square and 0 on the other two. A single neuron splits the plane with one straight line, and no line has $(0,1)$ and $(1,0)$ on one side while $(0,0)$ and $(1,1)$ are on the other: whichever way it is drawn, at least one corner ends up on the wrong side.");
  page.text("There are two ways out. Give the neuron a new input, the product $x^1 x^2$, so that it still draws a flat cut, but in a space where the corners can be separated. Or stack neurons: a first layer of simple gates whose outputs a second neuron combines. Both are below, and then a small network that finds its own solution by gradient descent.");

  // Draw each canvas at most once per animation frame.
  const pending = new Map();
  const frame = (key, draw) => {
    if (!pending.size) requestAnimationFrame(() => {
      const draws = [...pending.values()];
      pending.clear();
      if (page.alive) draws.forEach((d) => d());
    });
    pending.set(key, draw);
  };
  const plane = (label) => el("canvas", { width: 300, height: 300, class: "plane", role: "img", "aria-label": label });
  const summary = () => el("p", { class: "summary", role: "status", "aria-live": "polite" });
  const right = (rows) => rows.map((r) => r.right);

  // ----- (a) one neuron -----
  const a = {};
  {
    const sec = page.section("(a) One neuron cannot do it");
    page.text("Here one neuron, $p = \\sigma(w_1 x^1 + w_2 x^2 + b)$, is trained by gradient descent on the cross-entropy, from random starting weights. Its answer is $1$ where $p > \\tfrac12$, that is on one side of its line. Move the epochs slider: at no epoch does it get all four points. The loss only falls to $\\ln 2 \\approx 0.693$, the loss of saying $p = \\tfrac12$ everywhere, which is where the weights end up as they shrink toward zero.", sec);
    a.canvas = plane("One neuron trained on XOR: its output over the plane and its line");
    a.heatmap = new SquareHeatmap(a.canvas, -0.5, 1.5);
    a.live = el("div", { class: "formula live", "aria-live": "polite" });
    a.table = el("div");
    a.summary = summary();
    a.chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss of the single neuron per epoch" });
    const seedA = slider("Seed of the starting weights", { min: 0, max: 49, step: 1, value: s.seedA }, (v) => change("seedA", v, trainA));
    const epochsA = slider("Epochs of gradient descent", { min: 0, max: 300, step: 10, value: s.epochsA }, (v) => change("epochsA", v, trainA));
    sec.append(a.live, el("div", { class: "lesson-demo" },
      el("div", { class: "controls" }, seedA.node, epochsA.node, a.chartBox),
      el("figure", {}, a.canvas), el("div", { class: "truth-col" }, a.table, a.summary)));
    a.chart = new LineChart(a.chartBox, [{ label: "loss", stroke: "#1f1f1f" }, { label: "ln 2", stroke: "#c5221f", dash: [6, 4] }],
      { xLabel: "epoch", yLabel: "loss", height: 160 });
  }

  // ----- (b) the feature x1 x2 -----
  const b = {};
  {
    const sec = page.section("(b) Add the feature x¹x²");
    page.tex("x^1 \\oplus x^2 = [x^1 + x^2 - 2x^1 x^2 - \\tfrac12 > 0]", sec);
    page.text("The neuron now weighs three inputs, $x^1$, $x^2$ and their product. In those three coordinates its cut is still flat, but drawn back in the plane of $(x^1, x^2)$ it bends: $z = -2(x^1 - \\tfrac12)(x^2 - \\tfrac12)$ is positive exactly where one input is above $\\tfrac12$ and the other below. With the weight $-2$ the boundary is the degenerate hyperbola of two crossing lines; any other weight at or below $-\\tfrac32$ bends it into a proper hyperbola and still gets all four. Above $-\\tfrac32$ the corner $(1,1)$ goes wrong, because there $z = \\tfrac32 + v$ is positive: the weight $-1.25$ gets only 3 of 4. At $0$ the product is switched off and the neuron is plain OR again.", sec);
    b.canvas = plane("The neuron with the feature x1 x2: its output over the plane");
    b.heatmap = new SquareHeatmap(b.canvas, -0.5, 1.5);
    b.live = el("div", { class: "formula live", "aria-live": "polite" });
    b.table = el("div");
    b.summary = summary();
    const vs = slider("Weight of x¹x²", { min: -3, max: 1, step: 0.5, value: s.v, format: num }, (v) => change("v", v, runB));
    vs.input.addEventListener("input", () => { s.v = Number(vs.input.value); runB(); });
    sec.append(b.live, el("div", { class: "lesson-demo" }, el("div", { class: "controls" }, vs.node),
      el("figure", {}, b.canvas), el("div", { class: "truth-col" }, b.table, b.summary)));
  }

  // ----- (c) two layers of gates -----
  const c = {};
  {
    const sec = page.section("(c) Two layers: OR, AND and NOT");
    page.tex("x^1 \\oplus x^2 = [(x^1 \\vee x^2) - (x^1 \\wedge x^2) - \\tfrac12 > 0]", sec);
    page.text("The hidden layer is lesson 2's OR and AND neurons. The output neuron fires when OR is on and AND is off: the weight $-1$ on AND acts as a NOT. In the plane, the two hidden lines are parallel and the network's answer is the band between them, a region no single line could cut out.", sec);
    c.diagram = el("figure", { class: "net-diagram" });
    c.canvas = plane("The two-layer gate network: its output over the plane and its two hidden lines");
    c.heatmap = new SquareHeatmap(c.canvas, -0.5, 1.5);
    c.table = el("div");
    c.summary = summary();
    const rowSelect = select("Input (x¹, x²) shown in the diagram", ROWS.map((r) => [r, `(${r[0]}, ${r[1]})`]), s.row,
      (v) => change("row", v, drawC));
    sec.append(el("div", { class: "lesson-demo" },
      el("div", { class: "controls diagram-col" }, rowSelect.node, c.diagram),
      el("figure", {}, c.canvas), el("div", { class: "truth-col" }, c.table, c.summary)));
  }

  // ----- (d) a 2-2-1 net learns XOR -----
  const d = { status: null, pauseNow: false };
  {
    const sec = page.section("(d) A 2-2-1 network learns XOR");
    page.text("Now nobody chooses the weights. A network with two sigmoid hidden units and one sigmoid output starts from random weights (the seed picks them) and runs gradient descent on all four points, with the gradient from backpropagation. The dashed lines are where each hidden unit's input is zero: watch them move into place, much like the OR and AND lines of (c).", sec);
    page.text("It does not always work. For some seeds the network settles where two points get the answer $p = \\tfrac12$ and the loss stops falling near $\\tfrac12 \\ln 2 \\approx 0.347$: a local minimum. A rarer one leaves three points at $p \\approx \\tfrac23$ with the loss near $0.48$ (seed 34): one of the three is wrong, and the output cannot move one of them without making the others worse. The page says so when either happens; try New seed.", sec);
    d.canvas = plane("The 2-2-1 network's output over the plane, with its hidden units' lines");
    d.heatmap = new SquareHeatmap(d.canvas, -0.5, 1.5);
    d.table = el("div");
    d.summary = summary();
    d.chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss of the 2-2-1 network per epoch" });
    d.seedInput = el("input", { id: "xor-seed", type: "number", min: 0, max: 999999, step: 1, value: s.seed });
    d.seedInput.addEventListener("change", () => {
      const v = Number(d.seedInput.value);
      if (!Number.isInteger(v) || v < 0 || v > 999999) {
        d.summary.textContent = "The seed must be a whole number from 0 to 999999.";
        d.seedInput.value = s.seed;
        return;
      }
      change("seed", v, resetD);
    });
    const newSeed = button("New seed", () => {
      let v = s.seed;
      while (v === s.seed) v = Math.floor(Math.random() * 1000);
      d.seedInput.value = v;
      change("seed", v, resetD);
    });
    const call = pythonCall(page);
    d.player = new Player(page, {
      reset: () => call("setup", { seed: s.seed }),
      train: (chunk) => call("train", chunk),
      chunk: CHUNK,
      show: applyD,
      losses: (f) => f.losses,
      pauseWhen: () => d.pauseNow,   // a new end state: paused there (Play goes on from there)
      divergedText: () => "The loss became infinite or NaN: press Reset.",
      extra: [newSeed],
    });
    sec.append(el("div", { class: "lesson-demo" },
      el("div", { class: "controls" },
        el("div", { class: "field" }, el("label", { for: "xor-seed", text: "Seed of the random weights" }), d.seedInput),
        d.player.node,
        d.chartBox),
      el("figure", {}, d.canvas), el("div", { class: "truth-col" }, d.table, d.summary)));
    d.chart = new LineChart(d.chartBox, [{ label: "loss", stroke: "#1f1f1f" }], { xLabel: "epoch", yLabel: "loss", height: 160 });
  }
  page.python(["train_single_neuron", "feature_neuron", "gate_network", "two_layer_forward", "gradient_step", "looks_stuck"]);

  function change(key, value, then) { page.set(key, value); then(); }

  // ----- (a) -----
  let busyA = false;
  async function trainA() {
    if (busyA) return;
    busyA = true;
    const sent = `${s.seedA},${s.epochsA}`;
    const out = await page.call("train_single_neuron", { seed: s.seedA, epochs: s.epochsA });
    busyA = false;
    if (!out) return;
    renderTex(a.live, `p = \\sigma(${fix(out.w1, 2)}\\,x^1 ${signed2(out.w2)}\\,x^2 ${signed2(out.b)})`);
    a.table.replaceChildren(truthTable(`One neuron after ${s.epochsA} epochs`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["p", (r) => fix(r.p)], ["Answer", (r) => r.output], ["XOR", (r) => r.target]], out.rows));
    a.summary.textContent = `${out.n_right}/4 rows right after ${s.epochsA} epochs; the best at any epoch was ${out.best}/4. ` +
      (out.line ? "" : "(Its line lies outside the square.)");
    const losses = Array.from(out.losses.data);
    a.chart.reset();
    a.chart.push(losses.map((_, i) => i), losses, losses.map(() => LN2));
    a.heatmap.setBoundary(out.map);
    frame("a", () => {
      a.heatmap.draw([], out.line ? [out.line] : []);
      a.heatmap.drawCorners(out.points.X.data, out.points.y.data, right(out.rows));
      a.chart.render();
    });
    if (`${s.seedA},${s.epochsA}` !== sent) trainA();
  }

  // ----- (b) -----
  let busyB = false;
  async function runB() {
    renderTex(b.live, `a(x) = \\big[x^1 + x^2 ${signed(s.v)}\\,x^1 x^2 - 0.5 > 0\\big]`);
    if (busyB) return;
    busyB = true;
    const sent = s.v;
    const out = await page.call("feature_neuron", { v: s.v });
    busyB = false;
    if (!out) return;
    b.table.replaceChildren(truthTable("XOR by one neuron with the feature x¹x²", [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["x¹x²", (r) => r.x1x2], ["z", (r) => num(r.z)],
      ["Neuron", (r) => r.output], ["XOR", (r) => r.target]], out.rows));
    b.summary.textContent = `${out.n_right}/4 rows right` + (out.n_right === 4 ? ": this neuron computes XOR." : ".");
    b.heatmap.setBoundary(out.map);
    frame("b", () => {
      b.heatmap.draw();
      b.heatmap.drawCorners(out.points.X.data, out.points.y.data, right(out.rows));
    });
    if (s.v !== sent) runB();
  }

  // ----- (c) -----
  async function runC() {
    c.net = await page.call("two_layer_xor");
    if (!c.net) return;
    c.table.replaceChildren(truthTable("XOR by the two-layer gate network", [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["h₁ = OR", (r) => r.h_or], ["h₂ = AND", (r) => r.h_and],
      ["Output", (r) => r.output], ["XOR", (r) => r.target]], c.net.rows));
    c.summary.textContent = `${c.net.n_right}/4 rows right: the network computes XOR.`;
    c.heatmap.setBoundary(c.net.map);
    drawC();
  }

  function drawC() {
    const net = c.net;
    if (!net) return;
    const row = net.rows[ROWS.indexOf(s.row)];
    c.diagram.replaceChildren(networkDiagram(net, row));
    frame("c", () => {
      c.heatmap.draw([], net.lines.filter(Boolean));
      c.heatmap.drawCorners(net.points.X.data, net.points.y.data, right(net.rows));
      ring(c.heatmap, [row.x1, row.x2]);
    });
  }

  // ----- (d) -----
  function resetD() { return d.player.reset(); }

  function applyD(f) {
    if (f.epochs[0] === 0) { d.chart.reset(); d.status = null; }   // a reset: the chart starts afresh
    d.chart.push(f.epochs, f.losses);
    d.table.replaceChildren(truthTable(`The 2-2-1 network at epoch ${f.epoch}`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["p", (r) => fix(r.p)], ["Answer", (r) => r.output], ["XOR", (r) => r.target]], f.rows));
    const head = `Epoch ${f.epoch} · loss ${fix(f.loss)} · ${f.n_right}/4 right`;
    const solved = f.solved_at != null ? ` · reached 4/4 at epoch ${f.solved_at}` : "";
    const say = new Map([
      ["training", f.n_right === 4 ? "." : ""],
      ["done", ". Trained: all four points are right and the loss is small."],
      ["stuck", `. Stuck: the loss has stopped falling at ${fix(f.loss)} with ${f.n_right}/4 right — a local minimum for this seed. Try New seed.`],
      ["limit", ". Stopped after the epoch limit without getting all four: try New seed."],
      ["diverged", ". The loss became infinite or NaN: press Reset."],
    ]).get(f.status) ?? "";
    d.summary.textContent = head + solved + say;
    d.pauseNow = f.status !== d.status && END_STATES.includes(f.status);
    d.status = f.status;
    if (f.map) d.heatmap.setBoundary(f.map);
    frame("d", () => {
      d.heatmap.draw([], f.hidden_lines.filter(Boolean));
      d.heatmap.drawCorners(f.points.X.data, f.points.y.data, right(f.rows));
      d.chart.render();
    });
  }

  trainA();
  runB();
  runC();
  resetD();
  return () => {
    d.player.destroy();
    page.destroy();
    a.chart.destroy();
    d.chart.destroy();
  };
}

/** A ring around the point shown in the diagram. */
function ring(heatmap, point) {
  const ctx = heatmap.canvas.getContext("2d");
  const [cx, cy] = heatmap.toCanvas(point);
  ctx.beginPath();
  ctx.arc(cx, cy, heatmap.canvas.width / 16, 0, 2 * Math.PI);
  ctx.strokeStyle = "#111";
  ctx.lineWidth = 3;
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
