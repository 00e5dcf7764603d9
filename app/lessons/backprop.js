// Lesson 11: backprop step by step on a scalar autograd engine (py/backprop_lab/engine.py).
// Python traces the whole pass in one call; the page reveals it: Forward fills in the values,
// each Backward step shows one node passing "local gradient x upstream gradient" to its inputs.
import { el, button, select } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LessonPage } from "../ui/lesson.js";
import { parseHash } from "../ui/state.js";

const ROUTE = "backprop";
const MODULE = "backprop_lab.lessons.backprop";
// The leaves of each graph and their default values (as DEFAULTS in backprop.py).
const LEAVES = {
  neuron: [["x1", 1.5], ["x2", -0.5], ["w1", 0.8], ["w2", -1.2], ["b", 0.2]],
  net: [["x1", 1.0], ["x2", -2.0], ["y", 1.0], ["w11", 0.5], ["w12", -0.3], ["w21", 0.8], ["w22", 0.2],
    ["b1", 0.1], ["b2", -0.1], ["v1", 1.2], ["v2", -0.7], ["c", 0.05]],
};
const MODELS = [["neuron", "One neuron: o = tanh(w1 x1 + w2 x2 + b)"], ["net", "2-2-1 net with loss L = ½(o − y)²"]];
const OPS = { "*": "×", "+": "+", "-": "−", "/": "÷", neg: "−x", "^2": "x²" };

function schemaFor(model) {
  const schema = { model: { type: "choice", values: Object.keys(LEAVES), default: "neuron" } };
  for (const [name, value] of LEAVES[model]) schema[name] = { type: "number", min: -10, max: 10, default: value };
  return schema;
}

/** The graph the link names, if it is one of LEAVES' own keys (never "constructor" and the like). */
function modelInURL() {
  const m = parseHash(location.hash).params.get("model");
  return m !== null && Object.hasOwn(LEAVES, m) ? m : "neuron";
}

const show = (label) => label.replace(/\*/g, "·");
const fmt = (v) => (v == null ? "?" : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(4));
const texNum = (v) => fmt(v).replace(/e([+-]\d+)/, "\\times 10^{$1}").replace("+", "");

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "11. Backprop step by step", module: MODULE, schema: schemaFor(modelInURL()),
    styles: ["lessons/backprop.css"],
    lede: "Backpropagation is the chain rule applied to a graph of small operations, from the output back to every input.",
  });
  page.tex("\\frac{\\partial L}{\\partial x} \\;=\\; \\underbrace{\\frac{\\partial y}{\\partial x}}_{\\text{local}} \\cdot \\underbrace{\\frac{\\partial L}{\\partial y}}_{\\text{upstream}}" +
    "\\qquad\\text{summed over every } y \\text{ that uses } x");
  page.text("Every number a network computes is built from a few simple operations: products, sums, a tanh. Each operation knows its own derivative with respect to its inputs, the local gradient, and nothing else. Backpropagation visits the nodes from the output back to the inputs and multiplies: what a node receives from above (the upstream gradient $\\partial L/\\partial y$) times its local gradient is what it passes to each input.");
  page.text("The order matters: a node may pass its gradient on only once every node that uses it has added its share. Sorting the graph topologically and walking that order backwards guarantees this. A value used twice simply collects two contributions, which is the sum in the formula above.");
  page.text("The engine below stores one number per node, in the style of micrograd: it is a few dozen lines of plain Python. At the end, each parameter's gradient is compared with a numerical estimate $\\frac{f(p + h) - f(p - h)}{2h}$, the check every hand-written backward pass should pass.");

  page.part("graph", { title: "Backprop through a graph, step by step" }, (p) => graphPart(page, p));
  page.python(["trace", "backward_steps", "gradient_check", "net"]);
  page.python(["Value", "Value.__mul__", "Value.tanh", "topological_order"], "backprop_lab.engine");
  return () => page.destroy();
}

/**
 * The graph (an SVG laid out in CSS pixels to the box it gets, so its text is as large as it says),
 * Forward / Backward step / All / Reset, the current step's "local × upstream", and the gradient check.
 */
function graphPart(page, p) {
  const s = page.state;
  const inputs = el("div", { class: "leaf-inputs" });
  const modelSelect = select("Graph", MODELS, s.model, (v) => changeModel(v));
  const forwardButton = button("Forward", () => forward(), { class: "primary" });
  const stepButton = button("Backward step", () => stepBackward(), { disabled: true });
  const allButton = button("All backward steps", () => { while (stepIndex < stepsTotal()) stepBackward(); }, { disabled: true });
  const resetButton = button("Reset", () => clear());
  const status = el("p", { class: "bp-status", role: "status", "aria-live": "polite" });
  const stepPanel = el("div", { class: "bp-step", "aria-live": "polite" });
  const checkBox = el("div", { class: "bp-check" });
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "bp-graph");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Computation graph: nodes with their value and gradient, laid out left to right");
  const run = el("div", { class: "run", role: "group", "aria-label": "Forward and backward pass" },
    forwardButton, stepButton, allButton, resetButton);
  p.figure.append(svg);
  p.numbers.append(status, el("section", { class: "bp-side", "aria-label": "Current backward step" }, stepPanel));
  p.controls.append(run);
  p.addMore(modelSelect.node, inputs);
  // The full table in the article, after the demo; a part alone shows its one-line verdict.
  if (p.alone) p.numbers.append(checkBox); else p.node.append(checkBox);
  let trace = null;       // the result of backprop.trace for the current values
  let shape = null;       // before Forward: a trace of the graph's shape only, drawn without numbers
  let stepIndex = 0;      // backward steps shown so far
  let forwardShown = false;
  const stepsTotal = () => (trace ? trace.steps.length : 0);

  function buildInputs() {
    inputs.replaceChildren();
    for (const [name] of LEAVES[s.model]) {
      const id = `bp-${name}`;
      const input = el("input", { id, type: "number", step: "0.1", min: -10, max: 10, value: s[name] });
      input.addEventListener("change", () => {
        const v = Number(input.value);
        if (input.value.trim() === "" || !Number.isFinite(v) || v < -10 || v > 10) {
          page.say(`${name} must be a number between -10 and 10; keeping ${s[name]}.`);
          input.value = s[name];
          return;
        }
        page.say("");
        page.set(name, v);
        clear();
      });
      inputs.append(el("div", { class: "field leaf" }, el("label", { for: id, text: name }), input));
    }
  }

  function changeModel(model) {
    page.schema = schemaFor(model);
    for (const key of Object.keys(s)) delete s[key];
    for (const [key, spec] of Object.entries(page.schema)) s[key] = spec.default;
    page.set("model", model);
    buildInputs();
    clear();
  }

  // ----- Python -----
  async function forward() {
    const values = Object.fromEntries(LEAVES[s.model].map(([name]) => [name, s[name]]));
    status.textContent = "Running the forward pass…";
    const out = await page.call("trace", { model: s.model, values });
    if (!out) { status.textContent = "The forward pass failed (see the message above)."; return; }
    trace = out;
    forwardShown = true;
    stepIndex = 0;
    const last = trace.nodes[trace.nodes.length - 1];
    status.textContent = `Forward pass done: ${last.label} = ${fmt(last.data)}. Press Backward step.`;
    stepButton.disabled = allButton.disabled = false;
    stepPanel.replaceChildren(el("p", { text: "The backward pass starts at the output with gradient 1." }));
    checkBox.replaceChildren();
    draw();
  }

  function stepBackward() {
    if (!trace || stepIndex >= stepsTotal()) return;
    stepIndex += 1;
    showStep(trace.steps[stepIndex - 1]);
    if (stepIndex === stepsTotal()) {
      stepButton.disabled = allButton.disabled = true;
      status.textContent = `Backward pass complete: all ${trace.nodes.length} nodes have their gradient.`;
      showCheck();
    } else {
      status.textContent = `Backward step ${stepIndex} of ${stepsTotal()}.`;
    }
    draw();
  }

  function clear() {
    trace = null;
    forwardShown = false;
    stepIndex = 0;
    stepButton.disabled = allButton.disabled = true;
    status.textContent = "Press Forward to compute every node's value.";
    stepPanel.replaceChildren();
    checkBox.replaceChildren();
    preview();
  }

  // Before the first Forward, draw the graph's shape (no numbers) from a trace kept hidden.
  async function preview() {
    const model = s.model;
    const out = await page.call("trace", { model, values: {} });
    if (!out || trace || s.model !== model) return;
    shape = out;
    draw();
  }

  // ----- the side panel and the check -----
  const root_ = () => trace.nodes[trace.nodes.length - 1].label;
  const name = (i) => { const n = trace.nodes[i]; return show(n.label) || `${OPS[n.op] || n.op} #${i}`; };
  // "h1*v1" -> \text{h1}\cdot\text{v1}: the name of a node as TeX
  const texName = (i) => (trace.nodes[i].label || name(i)).split("*")
    .map((part) => `\\text{${part.replace(/#/g, "\\#").replace(/\^/g, "\\^{}")}}`).join("\\cdot ");

  function showStep(step) {
    const node = trace.nodes[step.node];
    const L = root_();
    stepPanel.replaceChildren(
      el("h3", { text: `Step ${stepIndex} of ${stepsTotal()}: node ${name(step.node)} (${node.op})` }),
      el("p", { text: `It has received ∂${L}/∂${name(step.node)} = ${fmt(step.grad)} and passes it to ${step.parts.length === 1 ? "its input" : "its inputs"}:` }));
    for (const part of step.parts) {
      const line = el("div", { class: "bp-part" });
      renderTex(line, `\\frac{\\partial ${L}}{\\partial ${texName(part.input)}} \\mathrel{+}= ` +
        `\\underbrace{${texNum(part.local)}}_{\\text{local}} \\times \\underbrace{${texNum(part.upstream)}}_{\\text{upstream}} = ${texNum(part.product)}` +
        `\\;\\Rightarrow\\; ${texNum(part.after)}`, !p.alone);   // inline on a slide: two fit in a row
      stepPanel.append(line);
    }
  }

  function showCheck() {
    const rows = trace.check.map((r) => el("tr", { class: r.passed ? "pass" : "fail" },
      el("th", { scope: "row", text: r.name }), el("td", { text: fmt(r.backprop) }), el("td", { text: fmt(r.numerical) }),
      el("td", { text: r.relative_error.toExponential(1) }),
      el("td", { text: r.passed ? "✓ passed" : "✗ failed" })));
    const passed = trace.check.every((r) => r.passed);
    const verdict = el("p", { class: passed ? "bp-ok" : "bp-bad", text: passed
      ? `All ${trace.check.length} parameters passed the gradient check.`
      : "Some gradients disagree with the numerical estimate." });
    if (p.alone) { checkBox.replaceChildren(verdict); return; }
    checkBox.replaceChildren(
      el("h2", { text: "Gradient check" }),
      el("table", { class: "bp-table" },
        el("caption", { text: "Backprop against central differences (h = 1e-5); pass when the relative error is below 1e-6" }),
        el("thead", {}, el("tr", {}, ...["Parameter", "Backprop", "Numerical", "Relative error", "Result"].map((t) => el("th", { scope: "col", text: t })))),
        el("tbody", {}, ...rows)),
      verdict);
  }

  // ----- the graph -----
  function layout(nodes, edges) {
    const users = nodes.map(() => []);
    for (const [c, p] of edges) users[c].push(p);
    const cols = Math.max(...nodes.map((n) => n.depth)) + 1;
    const columns = Array.from({ length: cols }, () => []);
    nodes.forEach((n, i) => columns[n.depth].push(i));
    const row = new Array(nodes.length).fill(0);
    // Right to left: order each column by where its users sit (inputs of a node stay together).
    for (let d = cols - 1; d >= 0; d--) {
      const key = (i) => (users[i].length ? users[i].reduce((a, u) => a + row[u], 0) / users[i].length : 0) + i * 1e-6;
      columns[d].sort((a, b) => key(a) - key(b));
      const n = columns[d].length;
      columns[d].forEach((i, k) => { row[i] = k - (n - 1) / 2; });
    }
    const rows = Math.max(...columns.map((c) => c.length));
    return { cols, rows, row };
  }

  // Sizes in units of the text size f (CSS px): a monospace character is about 0.6 f wide.
  const CHARS = 12;                       // "data -0.1234", the longest line of a node
  const nodeW = (f) => CHARS * 0.6 * f + 0.8 * f;
  const LINE = 1.2;                       // line height of a node's three lines, in f
  const nodeH = (f) => 3 * LINE * f + 0.6 * f;
  const gapX = (f) => 1.2 * f;            // room for the edges between columns
  const gapY = (f) => 0.35 * f;           // tight rows: on half a slide (640×360) the text stays ≥ 12 px

  /** The text size that fits cols × rows nodes into a box bw × bh (bh = Infinity: any height). */
  function fitFont(cols, rows, bw, bh) {
    const fw = (bw - 4) / (cols * (CHARS * 0.6 + 0.8 + 1.2) - 1.2);
    const fh = (bh - 4) / (rows * (3 * LINE + 0.6 + 0.35));
    return Math.min(fw, fh);
  }

  function draw() {
    const t = trace || shape;
    if (!t) return;
    const { nodes, edges } = t;
    const { cols, rows, row } = layout(nodes, edges);
    // The box: alone, the figure gives the svg its size; in the article the svg is as wide as its
    // column and as tall as the graph needs. Its text is never larger than the page's.
    const base = parseFloat(getComputedStyle(p.figure).fontSize) || 16;
    const bw = Math.max(200, svg.clientWidth || p.figure.clientWidth || 600);
    const bh = p.alone ? Math.max(100, svg.clientHeight) : Infinity;
    const f = Math.max(8, Math.min(p.alone ? base : 0.8 * base, fitFont(cols, rows, bw, bh)));
    const W = nodeW(f), H = nodeH(f), GX = W + gapX(f), GY = H + gapY(f);
    const width = cols * GX - gapX(f), height = rows * GY - gapY(f);
    // At the smallest text size a big graph may still be too wide: then the view box grows and the
    // picture is scaled down to the box (the only case where the text is smaller than f).
    const vbW = Math.max(bw, width + 4);
    const vbH = Math.max(p.alone ? bh : 0, height + 4);
    if (!p.alone) svg.style.height = `${vbH * bw / vbW}px`;
    svg.setAttribute("viewBox", `0 0 ${vbW} ${vbH}`);
    svg.style.fontSize = `${f}px`;
    const x0 = (vbW - width) / 2, y0 = vbH / 2;
    const pos = nodes.map((n, i) => [x0 + n.depth * GX, y0 + row[i] * GY - H / 2]);
    const gradKnown = new Set([nodes.length - 1]);
    const current = stepIndex ? t.steps[stepIndex - 1] : null;
    const grads = {};
    grads[nodes.length - 1] = 1;
    for (const st of t.steps.slice(0, stepIndex)) {
      for (const part of st.parts) { gradKnown.add(part.input); grads[part.input] = part.after; }
    }
    const NS = "http://www.w3.org/2000/svg";
    const mk = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text != null) e.textContent = text;
      return e;
    };
    svg.replaceChildren();
    const bend = gapX(f) * 0.8;
    for (const [c, q] of edges) {
      const [x1, y1] = [pos[c][0] + W, pos[c][1] + H / 2];
      const [x2, y2] = [pos[q][0], pos[q][1] + H / 2];
      const active = current && current.node === q;
      svg.append(mk("path", { d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        class: active ? "edge active" : "edge" }));
    }
    const line = LINE * f;
    nodes.forEach((n, i) => {
      const [x, y] = pos[i];
      const cls = ["node", n.leaf ? (n.param ? "param" : "leaf") : "op"];
      if (current && current.node === i) cls.push("current");
      if (current && current.parts.some((pt) => pt.input === i)) cls.push("receiving");
      const g = mk("g", { class: cls.join(" "), transform: `translate(${x},${y})` });
      g.append(mk("rect", { width: W, height: H, rx: 0.4 * f }));
      const title = n.leaf ? n.label : `${OPS[n.op] || n.op}${n.label ? " → " + show(n.label) : ""}`;
      const tx = 0.4 * f, ty = 0.3 * f + f;
      g.append(mk("text", { x: tx, y: ty, class: "title" }, title));
      g.append(mk("text", { x: tx, y: ty + line }, `data ${forwardShown ? fmt(n.data) : "?"}`));
      g.append(mk("text", { x: tx, y: ty + 2 * line, class: "grad" }, `grad ${forwardShown && gradKnown.has(i) && (stepIndex || i === nodes.length - 1) ? fmt(grads[i]) : "?"}`));
      svg.append(g);
    });
  }

  // Lay the graph out again whenever its box changes size (a resized frame, a wrapped column).
  let lastSize = "";
  const observer = new ResizeObserver(() => {
    const size = `${svg.clientWidth}x${p.alone ? svg.clientHeight : ""}`;
    if (size !== lastSize) { lastSize = size; draw(); }
  });
  observer.observe(p.alone ? svg : p.figure);

  buildInputs();
  clear();
  return () => observer.disconnect();
}
