// Lesson 2: AND, OR and NOT as single threshold neurons, with a truth table computed live in Python.
import { el, slider, select, button } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { Heatmap, CLASS_COLOURS } from "../ui/heatmap.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";

const ROUTE = "logic";
// The lecture's weights (w1, w2, b); the same numbers as GATES in backprop_lab/lessons/logic.py
export const GATES = {
  and: { w1: 1, w2: 1, b: -1.5, name: "AND", tex: "x^1 \\wedge x^2" },
  or: { w1: 1, w2: 1, b: -0.5, name: "OR", tex: "x^1 \\vee x^2" },
  not: { w1: -1, w2: 0, b: 0.5, name: "NOT", tex: "\\neg x^1" },
};
const SCHEMA = {
  gate: { type: "choice", values: ["and", "or", "not"], default: "and" },
  w1: { type: "number", min: -3, max: 3, default: 1 },
  w2: { type: "number", min: -3, max: 3, default: 1 },
  b: { type: "number", min: -3, max: 3, default: -1.5 },
};

export const num = (v) => (v >= 0 ? `${v.toFixed(1)}` : `-${(-v).toFixed(1)}`);
export const signed = (v) => (v >= 0 ? `+ ${v.toFixed(1)}` : `- ${(-v).toFixed(1)}`);

/** A Heatmap of the square [low, high]^2 (the Heatmap itself draws [-d, d]^2). */
export class SquareHeatmap extends Heatmap {
  constructor(canvas, low, high) {
    super(canvas, (high - low) / 2);
    this.centre = (low + high) / 2;
  }

  toCanvas([x1, x2]) { return super.toCanvas([x1 - this.centre, x2 - this.centre]); }

  /** The four corners, large, coloured by their true class; a cross on the ones the model gets wrong.
   *  Labels and strokes are sized in CSS px (cssScale), larger in projector mode. */
  drawCorners(X, y, right = null) {
    const ctx = this.canvas.getContext("2d");
    const px = cssScale(this.canvas);
    const projector = isProjector();
    const r = this.canvas.width / 28;
    ctx.font = `${Math.ceil(Math.max(r * 1.1, (projector ? 20 : 14) * px))}px system-ui, sans-serif`;
    for (let i = 0; i < y.length; i++) {
      const [cx, cy] = this.toCanvas([X[2 * i], X[2 * i + 1]]);
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      ctx.fillStyle = CLASS_COLOURS[y[i]];
      ctx.strokeStyle = "#fff";
      ctx.lineWidth = 2 * px;
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#111";
      ctx.fillText(`(${X[2 * i]},${X[2 * i + 1]})`, cx + r * 1.2, cy - r * 1.1);
      if (right && !right[i]) {   // a black cross: this point is on the wrong side
        ctx.beginPath();
        ctx.moveTo(cx - r, cy - r); ctx.lineTo(cx + r, cy + r);
        ctx.moveTo(cx + r, cy - r); ctx.lineTo(cx - r, cy + r);
        ctx.strokeStyle = "#111";
        ctx.lineWidth = (projector ? 4 : 3) * px;
        ctx.stroke();
      }
    }
  }
}

/** The square plane of a part: alone, in a box it fills while staying square (logic.css, "square-fig"). */
export function figBox(p, canvas) {
  p.node.classList.add("square-fig");
  return p.alone ? el("div", { class: "fig-box" }, canvas) : canvas;
}

/** Projector mode is on (large type, thick lines). */
export const isProjector = () => document.body.classList.contains("projector");

/** A truth table: rows [{x1, x2, ...}], columns [[heading, row => text]]; the last column says right/wrong. */
export function truthTable(caption, columns, rows) {
  return el("table", { class: "truth" },
    el("caption", { text: caption }),
    el("thead", {}, el("tr", {}, ...columns.map(([h]) => el("th", { scope: "col", text: h })), el("th", { scope: "col", text: "Result" }))),
    el("tbody", {}, ...rows.map((row) => el("tr", { class: row.right ? "right" : "wrong" },
      ...columns.map(([, f]) => el("td", { text: f(row) })),
      el("td", { class: "result", text: row.right ? "✓ right" : "✗ wrong" })))));
}

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "2. Logic gates", module: "backprop_lab.lessons.logic", schema: SCHEMA,
    styles: ["lessons/logic.css"],
    lede: "One neuron with a step activation can compute AND, OR and NOT of inputs that are $0$ or $1$.",
  });
  page.tex("x^1 \\wedge x^2 = [x^1 + x^2 - \\tfrac32 > 0] \\qquad x^1 \\vee x^2 = [x^1 + x^2 - \\tfrac12 > 0] \\qquad \\neg x^1 = [-x^1 + \\tfrac12 > 0]");
  page.text("Here $[P]$ is $1$ when $P$ holds and $0$ otherwise: the neuron fires when the weighted sum $z = w_1 x^1 + w_2 x^2 + b$ is positive. The four possible inputs are the corners of the unit square, and the line $z = 0$ has to cut off exactly the corners where the gate is $1$.");
  page.text("For AND only $(1, 1)$ may be on the positive side, so the line sits high: with $b = -\\tfrac32$ the sum reaches $\\tfrac12$ there and stays negative elsewhere. OR moves the same line down, to $b = -\\tfrac12$, so that one true input is enough. NOT looks at $x^1$ alone: a negative weight flips it. Move a slider and watch which rows of the table break: many weights work, but each gate needs its line between the right corners.");
  page.part("gate", { title: "A logic gate as one neuron" }, (p) => gatePart(page, p));
  return () => page.destroy();
}

/** The gate neuron over the plane with the four corners, its live formula and truth table, and its controls. */
function gatePart(page, p) {
  const s = page.state;
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const canvas = el("canvas", { width: 360, height: 360, class: "plane", role: "img",
    "aria-label": "The gate neuron's output over the plane, with its line and the four input points" });
  const heatmap = new SquareHeatmap(canvas, -0.5, 1.5);
  const legend = el("p", { class: "legend", text: p.alone
    ? "Shaded: the neuron's output (blue 1, orange 0). Points: the gate's value; a cross marks a wrong one."
    : "Shaded: blue where the neuron outputs 1, orange where it outputs 0. Points: the gate's true value (blue = 1, orange = 0); a cross marks a wrong one." });
  const tableBox = el("div", { class: "truth-box" });
  const summary = el("p", { class: "summary", role: "status", "aria-live": "polite" });

  const fmt = { min: -3, max: 3, step: 0.1, format: num };
  const sliders = {
    w1: slider("Weight w1", { ...fmt, value: s.w1 }, (v) => change("w1", v)),
    w2: slider("Weight w2", { ...fmt, value: s.w2 }, (v) => change("w2", v)),
    b: slider("Bias b", { ...fmt, value: s.b }, (v) => change("b", v)),
  };
  const gateSelect = select("Gate", [["and", "AND"], ["or", "OR"], ["not", "NOT (of x¹)"]], s.gate, (v) => {
    page.set("gate", v);
    lectureWeights();
  });
  p.figure.append(figBox(p, canvas), legend);
  p.numbers.append(live, tableBox, summary);
  const lecture = button("Lecture weights", () => lectureWeights());
  p.controls.append(gateSelect.node, sliders.b.node);
  if (p.alone) p.addMore(lecture, sliders.w1.node, sliders.w2.node);   // choosing a gate loads its weights too
  else p.controls.append(lecture, sliders.w1.node, sliders.w2.node);
  p.python(["gate_view", "truth_table", "threshold_neuron"]);
  // Sliders also recompute while dragged (input), not only when released (change).
  for (const key of ["w1", "w2", "b"]) {
    sliders[key].input.addEventListener("input", () => { s[key] = Number(sliders[key].input.value); update(); });
  }

  let last = null;
  const draw = () => {
    if (!last) return;
    heatmap.draw([], last.line ? [last.line] : []);
    heatmap.drawCorners(last.points.X.data, last.points.y.data, last.table.rows.map((r) => r.right));
  };
  const unwatch = sharpCanvas(canvas, () => page.frame(draw));

  function lectureWeights() {
    for (const key of ["w1", "w2", "b"]) {
      page.set(key, GATES[s.gate][key]);
      sliders[key].set(s[key]);
    }
    update();
  }

  function change(key, value) { page.set(key, value); update(); }

  function update() {
    const g = GATES[s.gate];
    renderTex(live, `${g.tex} \\;\\approx\\; a(x) = \\big[${num(s.w1)}\\,x^1 ${signed(s.w2)}\\,x^2 ${signed(s.b)} > 0\\big]`);
    refresh();
  }

  const refresh = page.follow("gate_view", () => ({ gate: s.gate, w1: s.w1, w2: s.w2, b: s.b }), (out, sent) => {
    const g = GATES[sent.gate];
    const { rows, n_right: right, n_rows: n } = out.table;
    tableBox.replaceChildren(truthTable(`Truth table of ${g.name}, computed by the neuron`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["z", (r) => num(r.z)],
      ["Neuron", (r) => r.output], [g.name, (r) => r.target]], rows));
    summary.textContent = `${right}/${n} rows right` + (right === n ? `: the neuron computes ${g.name}.` :
      `: the line does not separate the corners where ${g.name} is 1.`);
    heatmap.setBoundary(out.map);
    last = out;
    page.frame(draw);
  });
  update();
  return unwatch;
}
