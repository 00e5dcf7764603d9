// Lesson 10: mini-batch SGD. The lecture's algorithm as numbered steps, a 2-6-1 net trained in
// short Python chunks (Play/Pause), the noisy per-batch loss ε against the smoothed Q and the true
// loss, and the measured variance of the mini-batch gradient against M (log-log).
import { el, slider, select, button } from "../ui/controls.js";
import { mathText, renderTex } from "../ui/formula.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { Player, pythonCall } from "../ui/player.js";

const ROUTE = "minibatch";
const N_TRAIN = 480;   // minibatch.N_POINTS * 0.8
const SIZES = [1, 2, 5, 10, 20, 50, 100, 240, N_TRAIN];
const SCHEMA = {
  M: { type: "int", min: 1, max: N_TRAIN, default: 10 },
  lambda: { type: "number", min: 0.01, max: 1, default: 0.05 },
  eta: { type: "number", min: 0.01, max: 2, default: 0.1 },
};
const CHUNK = { batches: 1, budget_ms: 15 };   // Play: Python trains about this long per call
const STEP = { batches: 1, animate: true };    // One batch: its four steps lit in turn
const LIT_MS = 220;
const STEPS = [
  "Pick $M$ objects $x_i$ of $X^\\ell$ at random",
  "Loss on them: $\\varepsilon = \\frac{1}{M} \\sum_{i=1}^{M} \\mathcal{L}_i(w)$",
  "Gradient step: $w = w - \\eta \\frac{1}{M} \\sum_{i=1}^{M} \\nabla \\mathcal{L}_i(w)$",
  "Update the estimate: $Q = \\lambda \\varepsilon + (1 - \\lambda) Q$",
];
const fmt = (v) => (v == null ? "–" : v.toFixed(4));

/** Draw at most once per animation frame, per figure (the two parts of the article draw independently). */

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "10. Mini-batch SGD", module: "backprop_lab.lessons.minibatch", schema: SCHEMA,
    styles: ["lessons/minibatch.css"],
    lede: "Train on a few samples at a time: each step is cheap and noisy, and a running average shows where the loss really is.",
  });
  page.text("The true loss is the mean over every training sample, and so is its gradient. Computing them for every step is expensive on a large data set. Mini-batch SGD takes $M$ samples at random instead: their mean gradient points the right way on average, only with some scatter, and a step costs $M$ samples instead of all $\\ell$.");
  page.text("The loss of one batch, $\\varepsilon$, is just as noisy, so it says little about progress. The lecture keeps an exponential moving average $Q$: the forgetting rate $\\lambda$ decides how much the newest batch counts. A small $\\lambda$ gives a smooth but late curve, $\\lambda = 1$ is $\\varepsilon$ itself. Compare both with the true full-data loss, which this page computes after every batch only to show it.");

  const shared = {};   // the train part's first reset, which the variance part measures after
  page.part("train", { title: "Mini-batch SGD: ε and Q" }, (p) => trainPart(page, p, shared));
  page.part("variance", { title: "Gradient variance against M" }, (p) => variancePart(page, p, shared));
  page.python(["Trainer"], "backprop_lab.train");
  return () => page.destroy();
}

/** The algorithm with its steps lit, training in chunks (Play / One batch), ε, Q and the full-data loss. */
function trainPart(page, p, shared) {
  const s = page.state;
  const frame = page.framer();
  // ----- the algorithm, numbered -----
  const stepItems = STEPS.map((t, i) => { const li = mathText(t, "li"); li.dataset.step = String(i + 1); return li; });
  const algorithm = el("figure", { class: "algorithm", "aria-label": "The mini-batch training algorithm" },
    el("p", {}, el("strong", { text: "Input: " }), mathText("sample $X^\\ell$, step $\\eta$, forgetting rate $\\lambda$, batch size $M$", "span")),
    el("ol", { class: "init" }, mathText("Initialise the weights $w$", "li"),
      mathText("Initialise $Q = \\frac{1}{\\ell}\\sum_{i=1}^{\\ell} \\mathcal{L}_i(w)$", "li")),
    el("p", { text: "Repeat:" }), el("ol", { class: "loop" }, ...stepItems),
    el("p", { text: "until Q (or w) stops changing." }));
  if (!p.alone) p.intro.append(algorithm);   // the article shows the algorithm; a slide shows the run

  // ----- training controls and chart -----
  const call = pythonCall(page);
  const player = new Player(page, {
    reset: () => call("setup", { batch_size: s.M, lambda_: s.lambda, eta: s.eta }),
    train: (chunk) => (chunk.animate ? oneBatch() : call("train", chunk)),
    chunk: CHUNK,
    stepChunk: STEP,
    stepText: "One batch",
    show: apply,
    epoch: (out) => (out.batch ? out.batch[out.batch.length - 1] : 0),
    counter: (n) => (n === 1 ? "1 batch" : `${n} batches`),
    losses: (out) => out.full,       // the full-data loss after each batch
    untrained: (out) => out.Q,       // Q starts as the full-data loss of the untrained net
    unit: "batches",
    lowerEta: () => {   // η / 10, and a fresh start: the weights a too-large η left behind are no start
      const eta = Math.max(0.01, Math.round(s.eta * 10) / 100);
      etaSlider.set(eta);
      page.set("eta", eta);
      const again = player.running;
      player.reset().then(() => { if (again) player.play(); });
    },
    onState: (core) => {
      if (core.running) highlight("all");
      else if (algorithm.classList.contains("running")) highlight(null);
    },
  });
  if (!SIZES.includes(s.M)) { SIZES.push(s.M); SIZES.sort((a, b) => a - b); }
  const mSelect = select("Batch size M", SIZES.map((m) => [String(m), m === N_TRAIN ? `${m} (full)` : String(m)]),
    s.M, (v) => rate("M", Number(v)));
  const lamSlider = slider("Forgetting rate λ", { min: 0.01, max: 1, step: 0.01, value: s.lambda, format: (v) => v.toFixed(2) },
    (v) => rate("lambda", v));
  const etaSlider = slider("Step size η", { min: 0.01, max: 2, step: 0.01, value: s.eta, format: (v) => v.toFixed(2) },
    (v) => rate("eta", v));
  const live = el("div", { class: "formula live", "aria-live": "off" });
  const numbers = el("p", { class: "mb-numbers", "aria-live": "off" });
  const chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss per batch: ε, Q and the full-data loss" });
  p.figure.append(chartBox);
  p.numbers.append(live, numbers);
  p.controls.append(mSelect.node, lamSlider.node, player.node);
  p.addMore(etaSlider.node);
  const chart = new LineChart(chartBox, [
    { label: "ε (batch loss)", stroke: "#e8710a" },
    { label: "Q (smoothed)", stroke: "#1967d2" },
    { label: "full-data loss", stroke: "#111111", dash: [6, 4] },
  ], { xLabel: "batch", yLabel: "loss", height: 240, fill: p.alone });
  p.python(["train"]);

  function rate(key, value) {
    page.set(key, value);
    renderLive();
    player.change("rates", () => call("set_rates", { batch_size: s.M, lambda_: s.lambda, eta: s.eta }));
  }

  function renderLive(eps, Q) {
    renderTex(live, `Q = ${s.lambda.toFixed(2)}\\,\\varepsilon + ${(1 - s.lambda).toFixed(2)}\\,Q` +
      (eps == null ? "" : `\\quad(\\varepsilon = ${eps.toFixed(3)},\\; Q = ${Q.toFixed(3)})`));
  }

  function highlight(step) {
    if (!page.alive) return;
    stepItems.forEach((li) => li.classList.toggle("current", li.dataset.step === String(step)));
    algorithm.classList.toggle("running", step === "all");
  }

  function apply(out) {
    if (!out.batch) {   // a reset: the untrained net
      chart.reset();
      chart.push([0], [null], [out.Q], [out.Q]);   // batch 0: Q starts as the full-data loss (no ε yet)
      numbers.textContent = `Batch 0 · Q = ${fmt(out.Q)} (the full-data loss of the untrained net)`;
      renderLive();
      highlight(null);
    } else if (out.batch.length) {
      chart.push(out.batch, out.epsilon, out.Q, out.full);
      const k = out.epsilon.length - 1;
      numbers.textContent = `Batch ${out.batch[k]} (epoch ${out.epoch.toFixed(2)}) · ε = ${fmt(out.epsilon[k])} · ` +
        `Q = ${fmt(out.Q[k])} · full-data loss = ${fmt(out.full[k])}`;
      renderLive(out.epsilon[k], out.Q[k]);
    }
    frame(() => chart.render());
  }

  // One batch, with the four steps lit one after another (the result is shown after step 4).
  async function oneBatch() {
    const wait = () => new Promise((r) => setTimeout(r, LIT_MS));
    highlight(1);
    await wait();
    highlight(2);
    const out = await call("train", { batches: 1 });
    for (const k of [3, 4]) {
      await wait();
      highlight(k);
    }
    return out;
  }

  shared.ready = player.reset();
  return () => { player.destroy(); chart.destroy(); };
}

/** Many batches at fixed weights: how far their gradient scatters from the full one, against M. */
function variancePart(page, p, shared) {
  const s = page.state;
  const frame = page.framer();
  p.text("Hold the weights fixed and draw many batches of size $M$: each gives a gradient $g_M$ that scatters around the full gradient $g$. The mean squared distance falls like $1/M$: a batch's $M$ samples are drawn without replacement from the $N$ training points, so their noise averages out as $\\frac{\\sigma^2}{M}\\cdot\\frac{N-M}{N-1}$, which is $\\sigma^2/M$ while $M$ is small next to $N$ and 0 at $M = N$ (the full batch). On log-log axes that is a straight line of slope $-1$ until $M$ nears $N$. A batch four times bigger costs four times more and has only half the scatter in length.");
  p.tex("\\operatorname{Var}(M) = \\mathbb{E}\\,\\lVert g_M - g \\rVert^2 \\approx \\frac{\\sigma^2}{M}");
  const varButton = button("Measure again", () => measure(), { disabled: true });
  const slopeText = el("p", { class: "mb-slope", role: "status" });
  const varBox = el("div", { class: "chart", role: "img", "aria-label": "log10 of the gradient variance against log10 M, with the 1/M reference line" });
  p.figure.append(varBox);
  p.numbers.append(slopeText);
  p.controls.append(varButton);
  const varChart = new LineChart(varBox, [
    { label: "measured log₁₀ Var", stroke: "#1967d2" },
    { label: "1/M reference", stroke: "#888888", dash: [6, 4] },
  ], { xLabel: "log₁₀ M", yLabel: "log₁₀ variance", height: 220, fill: p.alone });
  p.python(["gradient_variance", "fit_slope"]);
  // ----- variance: one call per M, drawn as it arrives -----
  async function measure() {
    varButton.disabled = true;
    varChart.reset();
    slopeText.textContent = "Measuring: 200 batches for each M…";
    const Ms = [1, 2, 4, 8, 16, 32, 64];
    const variances = [];
    const frozen = await page.call("freeze");   // the weights stay fixed while we measure
    if (!frozen) { varButton.disabled = false; return; }
    for (const M of Ms) {
      const out = await page.call("gradient_variance", { M, batches: 200 });
      if (!out) { varButton.disabled = false; return; }
      variances.push(out.variance);
      const ref = Math.log10(variances[0]) - Math.log10(M);   // 1/M through the first point
      varChart.push([Math.log10(M)], [Math.log10(out.variance)], [ref]);
      frame(() => varChart.render());
    }
    const fit = await page.call("fit_slope", { Ms, variances });
    if (fit) {
      slopeText.textContent = `Fitted log-log slope: ${fit.slope.toFixed(2)} (1/M would be −1), ` +
        `measured at the weights after ${frozen.batches_trained} batches. ` +
        `Variance at M = 1: ${variances[0].toFixed(3)}, at M = 64: ${variances[Ms.length - 1].toFixed(4)}.`;
    }
    varButton.disabled = false;
  }

  (async () => {
    // In the article, measure at the weights the train part starts from; alone, set the net up first.
    if (shared.ready) await shared.ready;
    else if (!(await page.call("setup", { batch_size: s.M, lambda_: s.lambda, eta: s.eta }))) return;
    if (page.alive) await measure();
  })();
  return () => varChart.destroy();
}
