// Lesson 10 (minibatch), part "train" (see index.js).
import { el, slider, select } from "../../ui/controls.js";
import { mathText, renderTex } from "../../ui/formula.js";
import { LineChart } from "../../ui/chart.js";
import { Player, pythonCall } from "../../ui/player.js";
import { N_TRAIN } from "./shared.js";

/** The algorithm with its steps lit, training in chunks (Play / One batch), ε, Q and the full-data loss. */
export function trainPart(page, p, shared) {
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

const SIZES = [1, 2, 5, 10, 20, 50, 100, 240, N_TRAIN];

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
