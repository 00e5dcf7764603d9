// Lesson 1: one neuron, a(x, w) = f(<w, x> + b), drawn over the plane with its separating line.
import { el, slider, select } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { Heatmap } from "../ui/heatmap.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas } from "../ui/fit.js";

const ROUTE = "neuron";
const F_TEX = { sign: "\\operatorname{sign}", sigmoid: "\\sigma", tanh: "\\tanh", relu: "\\operatorname{ReLU}" };
const SCHEMA = {
  w1: { type: "number", min: -3, max: 3, default: 1 },
  w2: { type: "number", min: -3, max: 3, default: 1 },
  b: { type: "number", min: -3, max: 3, default: -0.5 },
  f: { type: "choice", values: ["sign", "sigmoid", "tanh", "relu"], default: "sign" },
};

const num = (v) => (v >= 0 ? `${v.toFixed(1)}` : `-${(-v).toFixed(1)}`);
const signed = (v) => (v >= 0 ? `+ ${v.toFixed(1)}` : `- ${(-v).toFixed(1)}`);

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "1. One neuron", module: "backprop_lab.lessons.neuron", schema: SCHEMA,
    lede: "A neuron weighs its inputs, adds a bias and passes the sum through an activation function $f$.",
  });
  page.tex("a(x, w) = f\\big(\\langle w, x \\rangle + b\\big) = f(w_1 x_1 + w_2 x_2 + b)");
  page.text("The sum $\\langle w, x \\rangle + b$ is zero on a straight line (dashed). On one side it is positive, on the other negative, so every such neuron is a linear classifier: $f$ only decides how sharply the output changes across the line.");
  page.text("The weights $w_1, w_2$ set the line's direction (the vector $w$ is perpendicular to it), and the bias $b$ shifts it. Try $w_1 = w_2 = 0$: the neuron ignores its input. With sign, the output jumps; with the sigmoid or tanh it changes smoothly, and ReLU is zero on one side and grows on the other.");
  page.part("neuron", { title: "One neuron: weights, bias, activation" }, (p) => neuronPart(page, p));
  return () => page.destroy();
}

/** The neuron's output over the plane, its line, the live formula and the four controls. */
function neuronPart(page, p) {
  const s = page.state;
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const canvas = el("canvas", { width: 360, height: 360, class: "plane", role: "img",
    "aria-label": "The neuron's output over the plane, with the line where w·x + b = 0" });
  const heatmap = new Heatmap(canvas, 2);
  const legend = el("p", { class: "legend" });
  const sliders = [["w1", "Weight w1"], ["w2", "Weight w2"], ["b", "Bias b"]].map(([key, label]) => {
    const sl = slider(label, { min: -3, max: 3, step: 0.1, value: s[key], format: num }, (v) => change(key, v));
    // Sliders also redraw while dragged (input), not only when released (change).
    sl.input.addEventListener("input", () => { s[key] = Number(sl.input.value); update(); });
    return sl.node;
  });
  const activation = select("Activation f", [["sign", "sign"], ["sigmoid", "sigmoid"], ["tanh", "tanh"], ["relu", "ReLU"]],
    s.f, (v) => change("f", v));
  p.numbers.append(live);
  p.controls.append(...sliders, activation.node);
  p.figure.append(canvas, legend);
  p.python(["output_map", "neuron"]);

  let line = null;
  const draw = () => heatmap.draw([], line ? [line] : []);
  const unwatch = sharpCanvas(canvas, () => page.frame(draw));   // sharp at any frame size

  function change(key, value) { page.set(key, value); update(); }

  const refresh = page.follow("output_map", () => ({ w1: s.w1, w2: s.w2, b: s.b, f: s.f }), (out) => {
    heatmap.setBoundary(out.map);
    const [lo, hi] = out.range;
    legend.textContent = `Colour: orange = ${lo.toFixed(2)}, blue = ${hi.toFixed(2)}` +
      (out.line ? "" : " · the line w·x + b = 0 lies outside this square");
    line = out.line;
    page.frame(draw);
  });

  function update() {
    renderTex(live, `a(x) = ${F_TEX[s.f]}(${num(s.w1)}\\,x_1 ${signed(s.w2)}\\,x_2 ${signed(s.b)})`);
    refresh();
  }
  update();
  return unwatch;
}
