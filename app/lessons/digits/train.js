// Lesson 6, part "train": the linear classifier y = xW + b trained in short Python chunks, W's ten
// columns drawn as 28×28 templates, accuracy and loss per epoch. trainer() is also the Player of the
// confusion part on a slide of its own.
import { el, select } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { LineChart } from "../../ui/chart.js";
import { Player, pythonCall } from "../../ui/player.js";
import { sharpCanvas } from "../../ui/fit.js";
import { CREDIT, ensureData, stat, drawPictures, pct, fmt } from "./data.js";

const CHUNK = { epochs: 1, budget_ms: 15 };   // Play: Python trains about this long per call, so Pause is prompt
export const ETAS = ["0.01", "0.05", "0.1", "0.3", "0.5", "1", "3"];
export const BATCHES = ["1", "8", "16", "32", "64", "128"];

/** The Player and its settings for the part that trains in this page; every frame goes to onFrame(f). */
export function trainer(page, onFrame) {
  const s = page.state;
  const call = pythonCall(page);
  const player = new Player(page, {
    reset: async () => { await ensureData(call); return call("setup", { eta: Number(s.eta), batch_size: Number(s.M), seed: s.seed }); },
    train: (chunk) => call("train", chunk),
    chunk: CHUNK,
    stepChunk: { epochs: 1 },
    stepLabel: "Step one epoch",
    show: (f) => onFrame(f),
    losses: (f) => f.train_loss,
    divergedText: () => `Training diverged at η = ${s.eta}: choose a smaller learning rate and press Reset.`,
    lowerEta: () => {   // the largest η of the list at most a tenth of this one, and a fresh start
      const eta = [...ETAS].reverse().find((v) => Number(v) <= Number(s.eta) / 10 + 1e-12) || ETAS[0];
      etaSelect.input.value = eta;
      page.set("eta", eta);
      const again = player.running;
      player.reset().then(() => { if (again) player.play(); });
    },
  });
  const rates = () => player.change("rates", () => call("set_rates", { eta: Number(s.eta), batch_size: Number(s.M) }));
  const etaSelect = select("Learning rate η", ETAS.map((v) => [v, v]), s.eta, (v) => { page.set("eta", v); rates(); });
  const mSelect = select("Batch size M", BATCHES.map((v) => [v, v]), s.M, (v) => { page.set("M", v); rates(); });
  const seedSelect = select("Seed (split and start)", [0, 1, 2, 3, 4].map((v) => [String(v), String(v)]).concat(
    s.seed > 4 ? [[String(s.seed), String(s.seed)]] : []), s.seed, (v) => { page.set("seed", Number(v)); player.reset(); });
  player.group.classList.add("digits-run");
  return { player, etaSelect, mSelect, seedSelect };
}

/** Training: the ten columns of W as pictures (the figure), accuracy and loss per epoch, the Player. */
export function trainPart(page, p, hub) {
  const frame = page.framer();
  p.text("Each class $c$ has its own column $W_{:,c}$ and bias $b_c$, and a score $y_c = x W_{:,c} + b_c$. The class with the highest score wins, so digits $c$ and $c'$ are separated where their scores tie, $y_c = y_{c'}$: the hyperplane $x\\,(W_{:,c} - W_{:,c'}) + b_c - b_{c'} = 0$ of the 784-dimensional pixel space. Adding the same number to every score changes no probability (softmax ignores it), so where a single $y_c$ is 0 means nothing. Reshaped to 28×28, a column is a template: blue pixels vote for that digit, orange ones against it.");
  p.text("Colour: blue = positive weight, grey = 0, orange = negative (one scale for all ten). Early in training the templates are noise; soon each looks like a blurred digit with a halo of orange where other digits have ink.");
  const { player, etaSelect, mSelect, seedSelect } = trainer(page, (f) => { apply(f); hub.dispatchEvent(new CustomEvent("frame", { detail: f })); });
  const stats = {};
  const live = el("div", { class: "formula live", "aria-live": "off" });
  const templates = el("canvas", { width: 500, height: 240, class: "digits-templates", role: "img",
    "aria-label": "The ten columns of W as 28×28 images: blue = positive weight, orange = negative" });
  const accBox = el("div", { class: "chart", role: "img", "aria-label": "Accuracy per epoch, train and test" });
  const lossBox = el("div", { class: "chart", role: "img", "aria-label": "Cross-entropy loss per epoch, train and test" });
  p.figure.append(templates, el("div", { class: "digits-charts" }, accBox, lossBox));
  if (!p.alone) p.figure.append(el("p", { class: "legend digits-credit", text: CREDIT }));
  p.numbers.append(el("div", { class: "stats" }, stat(stats, "train_acc", "Train accuracy"), stat(stats, "test_acc", "Test accuracy"),
    stat(stats, "train_loss", "Train loss"), stat(stats, "test_loss", "Test loss")), live);
  p.controls.append(player.node, etaSelect.node);
  p.addMore(mSelect.node, seedSelect.node);
  p.python(["train", "templates"]);
  const fill = p.alone;   // on a slide the charts share the figure's height
  // The y title names the quantity, so each legend is one short row: train, test.
  const accChart = new LineChart(accBox, [{ label: "train", stroke: "#1f1f1f" },
    { label: "test", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "accuracy", fill });
  const lossChart = new LineChart(lossBox, [{ label: "train", stroke: "#1f1f1f" },
    { label: "test", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "loss", fill });
  let pictures = null;

  function apply(f) {
    if (f.epochs[0] === 0) { accChart.reset(); lossChart.reset(); }   // a reset
    accChart.push(f.epochs, f.train_acc, f.test_acc);
    lossChart.push(f.epochs, f.train_loss, f.test_loss);
    const last = f.epochs.length - 1;
    if (last >= 0) {
      stats.train_acc.textContent = pct(f.train_acc[last]);
      stats.test_acc.textContent = pct(f.test_acc[last]);
      stats.train_loss.textContent = fmt(f.train_loss[last]);
      stats.test_loss.textContent = fmt(f.test_loss[last]);
      renderTex(live, `\\begin{gathered} L(W, b) = -\\frac{1}{n}\\sum_{j=1}^{n} \\ln p(y_j \\mid x_j) \\\\ = ${fmt(f.train_loss[last])}` +
        `\\quad \\text{(train set, epoch ${f.epoch})} \\end{gathered}`);
    }
    pictures = f.templates;
    frame(() => { drawTemplates(); accChart.render(); lossChart.render(); });
  }

  /** The ten 28×28 templates in two rows of five, each with its digit. */
  const drawTemplates = () => drawPictures(templates, pictures, 5, (c) => `W for ${c}`);

  const unwatch = sharpCanvas(templates, () => frame(drawTemplates));
  player.reset();
  return () => { unwatch(); player.destroy(); accChart.destroy(); lossChart.destroy(); };
}

