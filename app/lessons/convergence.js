// Lesson 12: improving convergence. A race of sigmoid, tanh and ReLU on the same data (the winner
// is computed in Python), then a big net overfitting 30 noisy points, without and with L2.
import { el, slider, select, button } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { Heatmap } from "../ui/heatmap.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas } from "../ui/fit.js";
import { Player, pythonCall } from "../ui/player.js";

const ROUTE = "convergence";
const MODULE = "backprop_lab.lessons.convergence";
const L2_RATES = ["0.001", "0.003", "0.01", "0.03", "0.1"];
const SCHEMA = {
  dataset: { type: "choice", values: ["xor", "circle", "gauss", "spiral"], default: "xor" },
  epochs: { type: "int", min: 5, max: 100, default: 40 },
  seed: { type: "int", min: 0, max: 999, default: 0 },
  l2: { type: "choice", values: L2_RATES, default: "0.01" },
};
const NAMES = new Map([["sigmoid", "sigmoid"], ["tanh", "tanh"], ["relu", "ReLU"]]);
const ACTIVATIONS = [...NAMES.keys()];
const CHUNK = { budget_ms: 15 };   // Play: Python trains about this long per call
const STEP = { budget_ms: 0 };     // Step: one epoch (each call trains at least one)
const fmt = (v) => (v == null ? "–" : v.toFixed(3));

/** Draw at most once per animation frame, per figure (two parts of the article draw independently). */

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "12. Improving convergence", module: MODULE, schema: SCHEMA,
    styles: ["lessons/convergence.css"],
    lede: "Two of the lecture's levers: the activation function, and a penalty on large weights.",
  });
  const restart = {};   // each part's "start again" (the shared Seed restarts both in the article)
  page.part("activations", { title: "sigmoid, tanh and ReLU raced" }, (p) => racePart(page, p, restart));
  page.part("l2", { title: "L2 regularization against overfitting" }, (p) => overfitPart(page, p, restart));
  page.python(["race_train", "winner", "overfit_train", "gap"]);
  // What the race and the L2 run call in the step (the exercises' targets: edited, they train here).
  page.python(["ACTIVATIONS.sigmoid.df", "ACTIVATIONS.tanh.df"], "backprop_lab.activations");
  page.python(["penalty"], "backprop_lab.losses");
  return () => page.destroy();
}

/** Three copies of one net, differing only in their activation, trained side by side. */
function racePart(page, p, restart) {
  const s = page.state;
  const call = pythonCall(page);
  const frame = page.framer();
  p.text("The activation decides how well the gradient survives its trip back through the layers. The sigmoid's slope is at most $\\frac14$, and nearly 0 once a unit saturates, so every layer shrinks the gradient and the first layers barely learn. tanh is a rescaled sigmoid with slope 1 at zero; ReLU has slope exactly 1 wherever it is active.");
  p.tex("\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z)) \\le \\tfrac14, \\qquad \\tanh'(z) = 1 - \\tanh^2 z \\le 1, \\qquad \\operatorname{ReLU}'(z) = [z > 0]");
  p.text("Below, three copies of a 2-6-6-1 net start from the same weights, see the same mini-batches and differ only in the hidden activation. The winner is whichever has the lowest training loss after $N$ epochs; on some data sets it is not the one you would guess.");
  const datasetSelect = select("Data set", [["xor", "XOR"], ["circle", "Circle"], ["gauss", "Two Gaussians"], ["spiral", "Spiral"]],
    s.dataset, (v) => { page.set("dataset", v); startRace(); });
  const epochSlider = slider("Epochs N", { min: 5, max: 100, step: 5, value: s.epochs, format: String },
    (v) => { page.set("epochs", v); startRace(); });
  const seedSlider = slider("Seed", { min: 0, max: 20, step: 1, value: Math.min(s.seed, 20), format: String },
    (v) => { page.set("seed", v); for (const again of Object.values(restart)) again(); });
  const raceStatus = el("p", { class: "winner", role: "status", "aria-live": "polite" });
  const racePlayer = new Player(page, {
    label: "Training the race",
    reset: () => call("race_setup", { dataset: s.dataset, epochs: s.epochs, seed: s.seed }),
    train: (chunk) => call("race_train", chunk),
    chunk: CHUNK,
    stepChunk: STEP,
    show: showRace,
    epoch: (out) => (out.epoch ? out.epoch[out.epoch.length - 1] : 0),
    losses: (out) => out.loss,          // {sigmoid: [...], tanh: [...], relu: [...]}; at the reset, numbers
    pauseWhen: (out) => Boolean(out.done),
    divergedText: (out) => `Training diverged (${out.diverged.map((f) => NAMES.get(f)).join(", ")}: ` +
      "the loss is no longer finite), so the race stopped. Press Run again.",
  });
  const raceBox = el("div", { class: "chart", role: "img", "aria-label": "Training loss per epoch for sigmoid, tanh and ReLU" });
  p.figure.append(raceBox);
  p.numbers.append(raceStatus);
  p.controls.append(datasetSelect.node, epochSlider.node, button("Run again", () => startRace()), racePlayer.node);
  p.addMore(seedSlider.node);
  const raceChart = new LineChart(raceBox, [
    { label: "sigmoid", stroke: "#e8710a" }, { label: "tanh", stroke: "#1967d2" }, { label: "ReLU", stroke: "#188038" },
  ], { xLabel: "epoch", yLabel: "training loss", height: 220, fill: p.alone });

  // A newer start throws the older run away (the Player's reset).
  function startRace() { racePlayer.reset().then(() => racePlayer.play()); }
  restart.race = startRace;

  function showRace(out) {
    if (!out.epoch) {   // race_setup: the untrained nets
      raceChart.reset();
      raceChart.push([0], ...ACTIVATIONS.map((f) => [out.loss[f]]));
      raceStatus.textContent = `Epoch 0 of ${out.epochs}: press Play to race.`;
      frame(() => raceChart.render());
      return;
    }
    raceChart.push(out.epoch, ...ACTIVATIONS.map((f) => out.loss[f]));
    frame(() => raceChart.render());
    if (out.diverged && out.diverged.length) {
      raceStatus.textContent = "The race stopped.";
    } else if (out.done) {
      const others = Object.entries(out.final).filter(([f]) => f !== out.winner)
        .map(([f, v]) => `${NAMES.get(f)} ${fmt(v)}`).join(", ");
      raceStatus.textContent = `Winner after ${s.epochs} epochs: ${NAMES.get(out.winner)}, ` +
        `with training loss ${fmt(out.final[out.winner])} (${others}).`;
    } else {
      raceStatus.textContent = `Training the three nets… epoch ${out.epoch[out.epoch.length - 1] || 0} of ${s.epochs}`;
    }
  }

  startRace();
  return () => { racePlayer.destroy(); raceChart.destroy(); };
}

/** A big net on 30 noisy points, without and with L2: two decision boundaries and their losses. */
function overfitPart(page, p, restart) {
  const s = page.state;
  const call = pythonCall(page);
  const frame = page.framer();
  p.text("A net with hundreds of weights and only 30 noisy points can fit every point, noise included: the training loss goes to almost zero while the loss on new points climbs. The decision boundary shows it: it bends to take in single noisy points.");
  p.text("L2 regularization adds the squared weights to the loss. Gradient descent then shrinks every weight a little at each step (weight decay), and only weights that really lower the data loss stay large. The boundary becomes smoother, training loss rises a bit, and the gap to the test loss closes. Too large a $\\lambda$ and the net cannot fit the data at all.");
  p.tex("L(W) = \\frac{1}{M}\\sum_{i=1}^{M} \\mathcal{L}_i(W) + \\frac{\\lambda}{2} \\sum_{l} \\lVert W_l \\rVert^2, \\qquad \\frac{\\partial}{\\partial W} \\frac{\\lambda}{2}\\lVert W \\rVert^2 = \\lambda W");
  const live = el("div", { class: "formula live" });
  const l2Select = select("L2 strength λ (right-hand net)", L2_RATES.map((r) => [r, r]), s.l2,
    (v) => { page.set("l2", v); startOverfit(); });
  const canvases = {};
  const maps = {};
  const captions = {};
  for (const name of ["off", "on"]) {
    canvases[name] = el("canvas", { width: 320, height: 320, class: "boundary", role: "img",
      "aria-label": name === "off" ? "Decision boundary without L2" : "Decision boundary with L2" });
    maps[name] = new Heatmap(canvases[name], 6);
    captions[name] = el("figcaption", { "aria-live": "off" });
  }
  const l2Title = el("h3", { class: "l2-title", text: "L2 on" });
  const overStatus = el("p", { class: "winner", role: "status", "aria-live": "polite" });
  const overPlayer = new Player(page, {
    label: "Training both nets",
    reset: () => call("overfit_setup", { l2: Number(s.l2), seed: s.seed }),
    train: (chunk) => call("overfit_train", chunk),
    chunk: CHUNK,
    stepChunk: STEP,
    show: showOverfit,
    epoch: (out) => (out.epoch ? out.epoch[out.epoch.length - 1] : 0),
    losses: (out) => (out.off ? { off: out.off.train, on: out.on.train } : out.loss),
    pauseWhen: (out) => Boolean(out.done),
    divergedText: (out) => `Training diverged (L2 ${out.diverged.join(", ")}: the loss is no longer finite), ` +
      "so both nets stopped. Press Train again.",
  });
  const overBox = el("div", { class: "chart over-chart", role: "img", "aria-label": "Training and test loss per epoch, without and with L2" });
  p.figure.append(
    el("div", { class: "pair" },
      el("figure", {}, el("h3", { text: "L2 off" }), canvases.off, captions.off),
      el("figure", {}, l2Title, canvases.on, captions.on)),
    el("p", { class: "legend", text: "Filled dots: the 30 training points. Hollow dots: test points the nets never train on." }));
  p.numbers.append(live, overStatus, overBox);
  p.controls.append(l2Select.node, button("Train again", () => startOverfit()), overPlayer.node);
  const overChart = new LineChart(overBox, [
    { label: "train, L2 off", stroke: "#c5221f" }, { label: "test, L2 off", stroke: "#c5221f", dash: [6, 4] },
    { label: "train, L2 on", stroke: "#1967d2" }, { label: "test, L2 on", stroke: "#1967d2", dash: [6, 4] },
  ], { xLabel: "epoch", yLabel: "loss", height: 240, fill: p.alone });

  let points = null;
  let overEpochs = 0;
  function startOverfit() {
    renderTex(live, `\\lambda_{\\text{left}} = 0, \\qquad \\lambda_{\\text{right}} = ${s.l2}`);
    l2Title.textContent = `L2 on, λ = ${s.l2}`;
    overPlayer.reset().then(() => overPlayer.play());
  }
  restart.overfit = startOverfit;

  function showOverfit(out) {
    if (!out.off) {   // overfit_setup: the points and the untrained boundaries
      overChart.reset();
      overEpochs = out.epochs;
      points = [out.train, { ...out.test, hollow: true }];
      for (const name of ["off", "on"]) { maps[name].setBoundary(out.boundary[name]); captions[name].textContent = ""; }
      overStatus.textContent = `Epoch 0 of ${out.epochs}: press Play to train both nets.`;
      frame(drawAll);
      return;
    }
    overChart.push(out.epoch, out.off.train, out.off.test, out.on.train, out.on.test);
    for (const name of ["off", "on"]) {
      maps[name].setBoundary(out[name].boundary);
      const k = out[name].train.length - 1;
      if (k >= 0) {
        captions[name].textContent = `train loss ${fmt(out[name].train[k])} · test loss ${fmt(out[name].test[k])} · ` +
          `gap ${fmt(out[name].gap)} · test accuracy ${(out[name].test_acc * 100).toFixed(0)}%`;
      }
    }
    frame(drawAll);
    const epoch = out.epoch[out.epoch.length - 1];
    if (out.diverged && out.diverged.length) {
      overStatus.textContent = "Both nets stopped.";
    } else if (out.done) {
      const closed = out.on.gap < out.off.gap;
      overStatus.textContent = `After ${overEpochs} epochs the test−train gap is ${fmt(out.off.gap)} without L2 and ` +
        `${fmt(out.on.gap)} with λ = ${s.l2}: ` + (closed ? "L2 closed " +
        `${Math.round((1 - out.on.gap / out.off.gap) * 100)}% of it.` : "L2 did not close it here; try another λ.");
    } else if (epoch) {
      overStatus.textContent = `Training both nets… epoch ${epoch} of ${overEpochs}`;
    }
  }

  function drawMaps() { for (const name of ["off", "on"]) maps[name].draw(points || []); }
  function drawAll() { overChart.render(); drawMaps(); }
  const unwatch = ["off", "on"].map((name) => sharpCanvas(canvases[name], () => frame(drawAll)));

  startOverfit();
  return () => { unwatch.forEach((stop) => stop()); overPlayer.destroy(); overChart.destroy(); };
}
