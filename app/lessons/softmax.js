// Lesson 9: softmax and cross-entropy. Editable logits (also huge ones) become probability
// bars; the loss -ln p_y of a chosen true class; why that loss is a cross-entropy.
import { el, slider, select } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LessonPage } from "../ui/lesson.js";
import { probBars } from "./prob-bars.js";

const ROUTE = "softmax";
const MAX_K = 5;
const LIMIT = 10000;
const SCHEMA = {
  K: { type: "int", min: 2, max: MAX_K, default: 4 },
  z0: { type: "number", min: -LIMIT, max: LIMIT, default: 2 },
  z1: { type: "number", min: -LIMIT, max: LIMIT, default: 1 },
  z2: { type: "number", min: -LIMIT, max: LIMIT, default: 0.1 },
  z3: { type: "number", min: -LIMIT, max: LIMIT, default: -1 },
  z4: { type: "number", min: -LIMIT, max: LIMIT, default: 0 },
  y: { type: "int", min: 0, max: MAX_K - 1, default: 0 },
  T: { type: "number", min: 0.1, max: 5, default: 1 },
};
const g4 = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : "–");
const texNum = (v) => {
  if (!Number.isFinite(v)) return "\\text{–}";
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) {
    const [m, e] = v.toExponential(3).split("e");
    return `${m} \\times 10^{${Number(e)}}`;
  }
  // at least 4 significant digits, and 3 decimals for large values (1000.313, not 1000)
  const digits = v === 0 ? 4 : Math.min(15, Math.max(4, Math.floor(Math.log10(Math.abs(v))) + 4));
  return Number(v.toPrecision(digits)).toString();
};

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "9. Softmax and cross-entropy", module: "backprop_lab.lessons.softmax", schema: SCHEMA,
    styles: ["lessons/prob-bars.css", "lessons/softmax.css"],
    lede: "A classifier's raw scores, the logits $z$, can be any real numbers. Softmax turns them into probabilities, and training pushes up the probability of the right class.",
  });
  const s = page.state;
  if (s.y >= s.K) s.y = 0;
  page.tex("p_c = \\frac{e^{z_c / T}}{\\sum_{i} e^{z_i / T}}, \\qquad \\mathcal{L} = -\\ln p_y = \\ln \\sum_i e^{z_i/T} - \\frac{z_y}{T}");
  page.text("Exponentials are positive, and dividing by their sum makes them add up to 1. Adding the same number to every logit changes nothing, because it cancels in the fraction. That is what makes the computation safe: we subtract the largest logit before exponentiating, so the biggest term is $e^0 = 1$ and nothing overflows. Taken literally, $e^{1000}$ is infinite in floating point and the fraction becomes $\\infty / \\infty$, not a number. Try logits of 1000.");
  page.text("The loss of one sample is $-\\ln p_y$, where $y$ is its true class: 0 when the model is sure and right, large when it gives the truth little probability. We compute it as log-sum-exp minus $z_y$, which stays finite even when $p_y$ itself underflows to 0. The temperature $T$ (1 in the lecture) divides every logit: a large $T$ flattens the distribution, a small one sharpens it toward the largest logit.");

  const liveH = el("div", { class: "formula live", "aria-live": "off" });   // in the section below (article only)
  page.part("logits", { title: "Softmax and the cross-entropy loss" }, (p) => logitsPart(page, p, (out, y) => {
    const qTex = [...out.q.data].map((v) => (v ? "1" : "0")).join(", ");
    renderTex(liveH, `q = (${qTex}),\\quad H(q, p) = -\\ln p_{${y}} = ${texNum(out.cross_entropy)}`);
  }));

  const why = page.section("Why is this loss a cross-entropy?");
  page.text("The cross-entropy of two distributions over the classes, a target $q$ and a prediction $p$, is the average surprise $-\\ln p_c$ when outcomes are drawn from $q$:", why);
  page.tex("H(q, p) = -\\sum_{c} q_c \\ln p_c", why);
  page.text("The training label says all the probability is on the true class: $q$ is one-hot, $q_y = 1$ and $q_c = 0$ for $c \\ne y$. Every term but one vanishes:", why);
  page.tex("H(q, p) = -\\big(0 \\cdot \\ln p_0 + \\dots + 1 \\cdot \\ln p_y + \\dots + 0 \\cdot \\ln p_{K-1}\\big) = -\\ln p_y", why);
  page.text("So the loss $-\\ln p_y$ is exactly the cross-entropy between the label's distribution and the model's. Summed over the training set it is the negative log-likelihood, so minimising it is maximum likelihood, as in the lecture. And since $H(q, p) = H(q) + \\mathrm{KL}(q \\,\\|\\, p)$ with $H(q) = 0$ for a one-hot $q$, it also measures how far $p$ is from the label.", why);
  why.append(liveH);
  likelihoodSection(page);

  return () => page.destroy();
}

/** Editable logits, their probability bars (the figure), p_y and the loss; onReport(out, y) after each answer. */
function logitsPart(page, p, onReport) {
  const s = page.state;
  const logitBox = el("div", { class: "softmax-logits", role: "group", "aria-label": "Logits" });
  const inputs = [];
  for (let c = 0; c < MAX_K; c++) {
    const id = `softmax-z${c}`;
    const input = el("input", { id, type: "number", step: "1", min: -LIMIT, max: LIMIT, value: s[`z${c}`] });
    input.addEventListener("input", () => onLogit(c, input));
    inputs.push(input);
    logitBox.append(el("div", { class: "field softmax-logit" }, el("label", { for: id, text: `Logit z${c}` }), input));
  }
  const kSelect = select("Number of classes K", [2, 3, 4, 5].map((k) => [String(k), String(k)]), s.K,
    (v) => { page.set("K", Number(v)); if (s.y >= s.K) { page.set("y", 0); } layout(); update(); });
  const ySelect = select("True class y", [], s.y, (v) => { page.set("y", Number(v)); update(); });
  const tSlider = slider("Temperature T", { min: 0.1, max: 5, step: 0.1, value: s.T, format: (v) => v.toFixed(1) },
    (v) => { page.set("T", v); update(); });
  tSlider.input.addEventListener("input", () => { s.T = Number(tSlider.input.value); update(); });
  const message = el("p", { class: "softmax-message", role: "status" });
  const stability = el("p", { class: "legend", "aria-live": "polite" });
  let bars = probBars("Probabilities p = softmax(z / T)", []);
  const barsBox = el("div", { class: "softmax-bars" }, bars.node);
  const live = el("div", { class: "formula live", "aria-live": "off" });
  const liveLoss = el("div", { class: "formula live", "aria-live": "off" });
  p.figure.append(barsBox, stability);
  p.numbers.append(live, liveLoss);
  p.controls.append(logitBox, ySelect.node, message);
  p.addMore(kSelect.node, tSlider.node);   // K and T: set once per example; the logits are what a lecturer edits
  p.python(["report", "logsumexp", "naive_softmax", "cross_entropy"]);
  p.python(["softmax_ce"], "backprop_lab.losses");   // report's loss (the stable softmax exercise)

  function layout() {
    inputs.forEach((input, c) => { input.parentElement.hidden = c >= s.K; });
    ySelect.input.replaceChildren(...[...Array(s.K).keys()].map((c) => el("option", { value: String(c), text: `class ${c}` })));
    ySelect.input.value = String(s.y);
    const fresh = probBars("Probabilities p = softmax(z / T)", [...Array(s.K).keys()].map((c) => `class ${c}`));
    bars.node.replaceWith(fresh.node);
    bars = fresh;
  }

  function onLogit(c, input) {
    const v = input.valueAsNumber;
    if (input.value.trim() === "" || !Number.isFinite(v)) {
      message.textContent = `Logit z${c} must be a number.`;
      return;
    }
    if (Math.abs(v) > LIMIT) {
      message.textContent = `Logit z${c} must be between −${LIMIT} and ${LIMIT}.`;
      return;
    }
    message.textContent = "";
    page.set(`z${c}`, v);
    update();
  }

  const update = page.follow("report", () => ({ logits: [...Array(s.K).keys()].map((c) => s[`z${c}`]), y: s.y, T: s.T }),
    (out, sent) => show(out, sent.logits));

  function show(out, logits) {
    if (out.error) { message.textContent = out.error; return; }
    bars.set(out.p.data, { mark: s.y });
    const probs = out.p.data;
    const y = s.y;
    const zs = logits.map((z) => texNum(z / s.T));
    renderTex(live, `p_{${y}} = \\frac{e^{${zs[y]}}}{${zs.map((z) => `e^{${z}}`).join(" + ")}} = ${texNum(probs[y])}`);
    const sum = zs.map((z) => `e^{${z}}`).join(" + ");   // no nested scripts: every symbol stays legible on a slide
    renderTex(liveLoss, `\\begin{aligned} \\mathcal{L} &= -\\ln p_{${y}} \\\\ &= \\ln(${sum}) - ${zs[y]} \\\\ ` +
      `&= ${texNum(out.lse)} - ${zs[y]} = ${texNum(out.loss)} \\end{aligned}`);
    onReport(out, y);
    stability.textContent = out.naive_ok
      ? `Largest scaled logit ${g4(out.max_logit)}: here even the naive formula would work.`
      : `Largest scaled logit ${g4(out.max_logit)}: e^z overflows to infinity, so the naive formula gives NaN; subtracting the maximum first gives the bars above.`;
  }

  layout();
  update();
}

/** The lecture's maximum-likelihood slide, read carefully, and the prior that is lesson 12's L2. */
function likelihoodSection(page) {
  const sec = page.section("The likelihood slide, and where L2 comes from");
  page.text("Two small slips on the lecture's maximum-likelihood slide are easy to read past. It puts $P(w)$ inside the product over the samples, $\\prod_i P(y_i \\mid w, x_i) P(w)$, which would count the prior $\\ell$ times; the prior multiplies the whole likelihood once, and the slide's last line, with one $\\log P(w)$ beside the sum, has it right. And its loss $L(w) = \\sum_i \\mathcal{L}(y_i, x_i, w) = -\\ln P(y_i \\mid w, x_i)$ lost the sum on the right: each term is $-\\ln P(y_i \\mid w, x_i)$, and $L$ adds them up. What the slide means:", sec);
  page.tex("\\arg\\max_w P(Y \\mid w, X)\\,P(w) = \\arg\\max_w \\Big(\\prod_{i=1}^{\\ell} P(y_i \\mid w, x_i)\\Big) P(w) = \\arg\\max_w \\sum_{i=1}^{\\ell} \\ln P(y_i \\mid w, x_i) + \\ln P(w), \\qquad L(w) = \\sum_{i=1}^{\\ell} \\mathcal{L}(y_i, x_i, w) = -\\sum_{i=1}^{\\ell} \\ln P(y_i \\mid w, x_i)", sec);
  page.text("The prior is where regularization comes from. Give the weights a Gaussian prior $w \\sim \\mathcal{N}(0, s^2 I)$: its log density is a quadratic, so the most probable weights minimise the summed loss plus $\\lVert w \\rVert^2 / (2 s^2)$. The lab's loss is a mean over the $n$ training samples plus $\\tfrac{\\lambda}{2} \\lVert W \\rVert^2$, and dividing the whole objective by $n$ moves no minimum, so the two agree when $\\lambda = 1/(n s^2)$: a narrow prior (small $s$) is strong L2, a wide one almost none. As in the lab, the prior is on the weights only, not the biases.", sec);
  page.tex("-\\ln P(w) = \\frac{\\lVert w \\rVert^2}{2 s^2} + \\text{const}, \\qquad \\frac{1}{n} \\Big(\\sum_{i=1}^{n} \\mathcal{L}_i(w) - \\ln P(w)\\Big) = \\frac{1}{n} \\sum_{i=1}^{n} \\mathcal{L}_i(w) + \\frac{\\lambda}{2} \\lVert w \\rVert^2 + \\text{const}, \\quad \\lambda = \\frac{1}{n s^2}", sec);
  const more = page.text("The L2 term and what it does to a boundary are in ", sec);
  more.append(el("a", { href: "#/convergence", text: "lesson 12, Improving convergence" }), ".");
}
