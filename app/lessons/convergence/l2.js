// Lesson 12 (convergence), part "l2" (see index.js).
import { el, select } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { Heatmap } from "../../ui/heatmap.js";
import { LineChart } from "../../ui/chart.js";
import { sharpCanvas } from "../../ui/fit.js";
import { Player, pythonCall } from "../../ui/player.js";
import { L2_RATES, CHUNK, STEP, fmt, AgainButton } from "./shared.js";

const CHART_MIN_REM = 7;   // a loss chart shorter than this on a slide is not readable: it steps aside

/** A picture in a box that keeps it square at any size of the part (convergence.css). */
const square = (canvas) => el("div", { class: "square-box" }, canvas);

/** A big net on 30 noisy points, without and with L2: two decision boundaries and their losses. */
export function overfitPart(page, p, restart) {
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
  const again = new AgainButton("Train again", () => startOverfit());
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
    onState: (core) => again.sync(core),
    divergedText: (out) => `Training diverged (L2 ${out.diverged.join(", ")}: the loss is no longer finite), ` +
      "so both nets stopped. Press Train again.",
  });
  const overBox = el("div", { class: "chart over-chart", role: "img", "aria-label": "Training and test loss per epoch, without and with L2" });
  p.figure.append(
    el("div", { class: "pair" },
      el("figure", {}, el("h3", { text: "L2 off" }), square(canvases.off), captions.off),
      el("figure", {}, l2Title, square(canvases.on), captions.on)),
    el("p", { class: "legend", text: "Filled dots: the 30 training points. Hollow dots: test points, never trained on." }));
  // On a slide the right-hand title names λ already: the column keeps its height for the status and the chart.
  const keys = el("p", { class: "legend over-keys", "aria-hidden": "true" },
    ...[["off", "L2 off"], ["on", "L2 on"], ["train", "train"], ["test", "test"]]
      .map(([k, text]) => el("span", { class: `key ${k}`, text })));
  p.numbers.append(...(p.alone ? [] : [live]), overStatus, overBox, ...(p.alone ? [keys] : []));
  p.controls.append(l2Select.node, overPlayer.node);
  again.attach(overPlayer);
  // On a slide too short for a readable chart (half a slide, projector sizes), the chart and its keys step
  // aside and the status's numbers carry the story; they come back when the frame grows.
  if (p.alone && typeof ResizeObserver !== "undefined") {
    const fitChart = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const room = p.numbers.clientHeight - overStatus.offsetHeight - keys.offsetHeight;
      const show = room >= CHART_MIN_REM * rem;
      if (overBox.hidden === show) { overBox.hidden = keys.hidden = !show; }
    };
    const watch = new ResizeObserver(fitChart);
    watch.observe(p.numbers);
    watch.observe(overStatus);
    page.cleanups.push(() => watch.disconnect());
  }
  // Made when the first result comes (Python has booted, the lesson's CSS is in): on a slide the chart's own
  // legend is hidden (the one line of keys below replaces its two rows) before the chart measures it.
  let overChart = null;
  const chart = () => overChart || (overChart = new LineChart(overBox, [
    { label: "train, L2 off", stroke: "#c5221f" }, { label: "test, L2 off", stroke: "#c5221f", dash: [6, 4] },
    { label: "train, L2 on", stroke: "#1967d2" }, { label: "test, L2 on", stroke: "#1967d2", dash: [6, 4] },
  ], { xLabel: "epoch", yLabel: "loss", height: 240, fill: p.alone }));

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
      again.over(false);
      chart().reset();
      overEpochs = out.epochs;
      points = [{ ...out.test, hollow: true }, out.train];   // the training points on top
      for (const name of ["off", "on"]) { maps[name].setBoundary(out.boundary[name]); captions[name].textContent = ""; }
      overStatus.textContent = `Epoch 0 of ${out.epochs}: press Play to train both nets.`;
      frame(drawAll);
      return;
    }
    chart().push(out.epoch, out.off.train, out.off.test, out.on.train, out.on.test);
    for (const name of ["off", "on"]) {
      maps[name].setBoundary(out[name].boundary);
      const k = out[name].train.length - 1;
      if (k >= 0) {
        captions[name].textContent = `train loss ${fmt(out[name].train[k])} · test loss ${fmt(out[name].test[k])} · ` +
          `gap ${fmt(out[name].gap)} · test accuracy ${(out[name].test_acc * 100).toFixed(0)}%`;
      }
    }
    frame(drawAll);
    again.over(Boolean(out.done || (out.diverged && out.diverged.length)));
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
  function drawAll() { if (overChart) overChart.render(); drawMaps(); }
  const unwatch = ["off", "on"].map((name) => sharpCanvas(canvases[name], () => frame(drawAll)));

  startOverfit();
  return () => { unwatch.forEach((stop) => stop()); overPlayer.destroy(); if (overChart) overChart.destroy(); };
}
