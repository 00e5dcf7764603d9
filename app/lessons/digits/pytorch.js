// Lesson 6, part "pytorch": the lecture's PyTorch demo, live. A 784-H-10 network trained on MNIST by
// a PyTorch script whose only changed line is the import (py/backprop_lab/lessons/torch_mnist.py, on
// the lab's numpy autograd). The first layer's weights as 28×28 pictures, the loss of every batch,
// accuracy per epoch. On a slide the script itself is shown beside the training.
import { el, select } from "../../ui/controls.js";
import { LineChart } from "../../ui/chart.js";
import { Player, pythonCall } from "../../ui/player.js";
import { sharpCanvas } from "../../ui/fit.js";
import { ensureData, stat, drawPictures, pct, fmt } from "./data.js";

const MODULE = "backprop_lab.lessons.torch_mnist";
export const LRS = ["0.01", "0.03", "0.1", "0.3", "1", "3"];
export const HIDDEN = ["16", "32", "64", "128"];
export const MOMENTA = ["0", "0.5", "0.9"];
export const TORCH_SCHEMA = {
  lr: { type: "choice", values: LRS, default: "0.1" },
  H: { type: "choice", values: HIDDEN, default: "64" },
  mom: { type: "choice", values: MOMENTA, default: "0.9" },
};
const CHUNK = { budget_ms: 40, batches: 1 };   // Play: about this long per call, so Pause is prompt
const PARITY = "Run on real PyTorch 2.13 from the same starting weights, this code gives the same losses, weights and accuracy to 1e-8 (in float64; tests/unit/test_torch_mnist.py checks it).";

export function torchPart(page, p) {
  const frame = page.framer();
  const s = page.state;
  const call = pythonCall(page);
  const at = (fn) => `${MODULE}:${fn}`;
  p.text("The lecture shows a small network in PyTorch before building backprop by hand. Here is that demo, running in this page: a model, a loss and an optimizer, then the loop every PyTorch script has (zero_grad, forward, loss.backward(), step) over batches of 32 MNIST digits. The only line that differs from PyTorch is the import: from backprop_lab import torch, instead of import torch. It is the lab's own small PyTorch, written on numpy with reverse-mode autograd (micrograd's idea on arrays).");
  const parity = el("p", { text: PARITY });
  const backprop = el("p", {}, "What ", el("code", { text: "loss.backward()" }), " does, node by node: ",
    el("a", { href: "#/backprop", text: "lesson 11, backprop step by step" }), ".");
  if (!p.alone) p.intro.append(parity, backprop);
  p.text("The pictures are the first layer's weights into 32 of the hidden units, one 28×28 picture each (blue = positive, orange = negative, one scale for all). Unlike lesson 6's ten templates below, no unit stands for a digit: each learns a stroke or a blob that the second layer combines.");

  const stats = {};
  const pictures = el("canvas", { width: 480, height: 240, class: "torch-pictures", role: "img",
    "aria-label": "The first layer's weights into 32 hidden units, as 28×28 pictures: blue = positive, orange = negative" });
  const lossBox = el("div", { class: "chart", role: "img", "aria-label": "The loss of every batch (cross-entropy), by step" });
  const accBox = el("div", { class: "chart", role: "img", "aria-label": "Accuracy per epoch, train and test" });
  const listing = el("pre", { class: "torch-listing", "aria-label": "The PyTorch script that trains it" });
  const charts = el("div", { class: "digits-charts" }, lossBox, ...(p.alone ? [] : [accBox]));
  if (p.alone) p.figure.append(el("div", { class: "torch-slide" }, listing, el("div", { class: "torch-live" }, pictures, charts)));
  else p.figure.append(pictures, charts);
  p.numbers.append(el("div", { class: "stats" }, stat(stats, "t_epoch", "Epoch"), stat(stats, "t_steps", "Steps"),
    stat(stats, "t_test", "Test accuracy"), stat(stats, "t_loss", "Batch loss")));
  if (p.alone) p.numbers.append(el("p", { class: "legend", text: "Same numbers as PyTorch (tested)." }));

  const player = new Player(page, {
    reset: async () => {
      await ensureData(call);
      const f = await call(at("setup"), { lr: Number(s.lr), momentum: Number(s.mom), hidden: Number(s.H), seed: s.seed });
      if (f && p.alone) listing.textContent = await call(at("script"), { lr: Number(s.lr), momentum: Number(s.mom), hidden: Number(s.H) });
      return f;
    },
    train: (chunk) => call(at("step"), chunk),
    chunk: CHUNK,
    stepChunk: { budget_ms: 0, batches: 1 },
    stepLabel: "Step one batch",
    epoch: (f) => f.steps,
    counter: (n) => `Step ${n}`,
    unit: "batches",
    losses: (f) => f.batch_losses,
    untrained: (f) => f.epoch_loss[0],
    show: (f) => apply(f),
    divergedText: () => `Training diverged at lr = ${s.lr}: choose a smaller learning rate and press Reset.`,
    lowerEta: () => {
      const lr = [...LRS].reverse().find((v) => Number(v) <= Number(s.lr) / 10 + 1e-12) || LRS[0];
      lrSelect.input.value = lr;
      page.set("lr", lr);
      const again = player.running;
      player.reset().then(() => { if (again) player.play(); });
    },
  });
  player.group.classList.add("digits-run");
  const rates = () => player.change("torch-rates", () => call(at("set_rates"), { lr: Number(s.lr), momentum: Number(s.mom) })
    .then(async (out) => { if (p.alone) listing.textContent = await call(at("script"), { lr: Number(s.lr), momentum: Number(s.mom), hidden: Number(s.H) }); return out; }));
  const lrSelect = select("Learning rate lr", LRS.map((v) => [v, v]), s.lr, (v) => { page.set("lr", v); rates(); });
  const hSelect = select("Hidden units", HIDDEN.map((v) => [v, v]), s.H, (v) => { page.set("H", v); player.reset(); });
  const momSelect = select("Momentum", MOMENTA.map((v) => [v, v]), s.mom, (v) => { page.set("mom", v); rates(); });
  p.controls.append(player.node, lrSelect.node);
  p.addMore(hSelect.node, momSelect.node);
  p.python(["build", "train_loop", "accuracy"], MODULE);

  const lossChart = new LineChart(lossBox, [{ label: "batch loss", stroke: "#b9bcc2" },
    { label: "train loss (epoch mean)", stroke: "#1f1f1f", spanGaps: true }], { xLabel: "step", yLabel: "loss", fill: p.alone });
  let epochsShown = 0;   // epoch means already on the loss chart
  const accChart = new LineChart(accBox, [{ label: "train accuracy", stroke: "#1f1f1f" },
    { label: "test accuracy", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "accuracy" });
  let weights = null;

  function apply(f) {
    if (f.steps === 0) { lossChart.reset(); accChart.reset(); epochsShown = 0; }
    // The batches' losses, and each epoch's mean at the step where its epoch ended (step 0: the untrained
    // network's loss on all the training digits).
    const xs = [...f.batch_steps];
    const batch = [...f.batch_losses];
    const mean = xs.map(() => null);
    for (; epochsShown < f.epoch_steps.length; epochsShown++) {
      const at = xs.indexOf(f.epoch_steps[epochsShown]);
      if (at >= 0) mean[at] = f.epoch_loss[epochsShown];
      else { xs.unshift(f.epoch_steps[epochsShown]); batch.unshift(null); mean.unshift(f.epoch_loss[epochsShown]); }
    }
    lossChart.push(xs, batch, mean);
    accChart.reset();
    accChart.push(f.test_acc.map((_, i) => i), f.train_acc, f.test_acc);
    const last = f.test_acc.length - 1;
    stats.t_epoch.textContent = String(f.epoch);
    stats.t_steps.textContent = String(f.steps);
    stats.t_test.textContent = pct(f.test_acc[last]);
    stats.t_loss.textContent = f.batch_losses.length ? fmt(f.batch_losses[f.batch_losses.length - 1]) : stats.t_loss.textContent;
    weights = f.pictures;
    frame(() => { drawWeights(); lossChart.render(); accChart.render(); });
  }

  const drawWeights = () => drawPictures(pictures, weights, 8, null);
  const unwatch = sharpCanvas(pictures, () => frame(drawWeights));
  player.reset();
  return () => { unwatch(); player.destroy(); lossChart.destroy(); accChart.destroy(); };
}
