// Lesson 6: ten separating planes. A softmax linear classifier y = xW + b on scikit-learn's
// 8x8 digits, trained in short Python chunks; W's columns as pictures, a confusion matrix,
// and a drawing pad whose 32x32 strokes are counted into 4x4 blocks like the dataset's.
import { el, button, select, checkbox } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { makePalette } from "../ui/heatmap.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { Player, pythonCall } from "../ui/player.js";
import { probBars } from "./prob-bars.js";

const ROUTE = "digits";
const CHUNK = { epochs: 1, budget_ms: 15 };   // Play: Python trains about this long per call, so Pause is prompt
const GRID = 32;            // the pad's logical bitmap, as in the dataset
const CELL = 8;             // screen pixels per bitmap pixel (256 x 256 pad)
const ETAS = ["0.01", "0.05", "0.1", "0.3", "0.5", "1", "3"];
const BATCHES = ["1", "8", "16", "32", "64", "128"];
const SCHEMA = {
  eta: { type: "choice", values: ETAS, default: "0.5" },
  M: { type: "choice", values: BATCHES, default: "32" },
  seed: { type: "int", min: 0, max: 9999, default: 0 },
  fit: { type: "bool", default: true },
};
const DIGITS = [...Array(10).keys()];
const pct = (v) => (v == null ? "–" : `${(100 * v).toFixed(1)}%`);
const fmt = (v) => (v == null ? "–" : v.toFixed(3));

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "6. Ten separating planes", module: "backprop_lab.lessons.digits", schema: SCHEMA,
    styles: ["lessons/prob-bars.css", "lessons/digits.css"],
    lede: "One linear layer, $y = xW + b$, gives each of the ten digits a score; softmax turns the scores into probabilities.",
  });
  const s = page.state;
  page.tex("y = xW + b, \\qquad x \\in \\mathbb{R}^{1\\times 64},\\; W \\in \\mathbb{R}^{64\\times 10},\\; b \\in \\mathbb{R}^{10}, \\qquad p(c \\mid x) = \\frac{e^{y_c}}{\\sum_i e^{y_i}}");
  page.text("Each class $c$ has its own column $W_{:,c}$ and bias $b_c$, and its score $y_c = x W_{:,c} + b_c$ is zero on a hyperplane of the 64-dimensional pixel space: ten separating planes, one per digit. The class with the highest score wins. Reshaped to 8×8, a column is a template: blue pixels vote for that digit, orange ones against it.");
  page.text("The lecture used MNIST (28×28, so 784 inputs), which needs a download. Here it is scikit-learn's digits, which ship with the library: 1797 images of 8×8 pixels, each pixel a count 0..16 that we scale to 0..1. A quarter of them are kept aside as the test set. Training is mini-batch SGD on the cross-entropy $-\\ln p(y \\mid x)$, with step $\\eta$ and batch size $M$.");
  const live = page.add(el("div", { class: "formula live", "aria-live": "off" }));

  // ----- training -----
  const call = pythonCall(page);
  const player = new Player(page, {
    reset: () => call("setup", { eta: Number(s.eta), batch_size: Number(s.M), seed: s.seed }),
    train: (chunk) => call("train", chunk),
    chunk: CHUNK,
    stepChunk: { epochs: 1 },
    stepLabel: "Step one epoch",
    show: (f) => { apply(f); refreshShown(); },
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
  const stats = {};
  const stat = (key, label) => {
    stats[key] = el("output", { id: `digits-${key}`, text: "–" });
    return el("div", { class: "stat" }, el("label", { for: `digits-${key}`, text: label }), stats[key]);
  };
  const etaSelect = select("Learning rate η", ETAS.map((v) => [v, v]), s.eta, (v) => { page.set("eta", v); rates(); });
  player.group.classList.add("digits-run");
  const controls = el("div", { class: "controls" },
    player.node,
    etaSelect.node,
    select("Batch size M", BATCHES.map((v) => [v, v]), s.M, (v) => { page.set("M", v); rates(); }).node,
    select("Seed (split and start)", [0, 1, 2, 3, 4].map((v) => [String(v), String(v)]).concat(
      s.seed > 4 ? [[String(s.seed), String(s.seed)]] : []), s.seed, (v) => { page.set("seed", Number(v)); player.reset(); }).node,
    el("div", { class: "stats" }, stat("train_acc", "Train accuracy"), stat("test_acc", "Test accuracy"),
      stat("train_loss", "Train loss"), stat("test_loss", "Test loss")));
  const accBox = el("div", { class: "chart", role: "img", "aria-label": "Accuracy per epoch, train and test" });
  const lossBox = el("div", { class: "chart", role: "img", "aria-label": "Cross-entropy loss per epoch, train and test" });
  page.add(el("div", { class: "lesson-demo" }, controls, el("div", { class: "digits-charts" }, accBox, lossBox)));
  const accChart = new LineChart(accBox, [{ label: "train accuracy", stroke: "#1f1f1f" },
    { label: "test accuracy", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "accuracy" });
  const lossChart = new LineChart(lossBox, [{ label: "train loss", stroke: "#1f1f1f" },
    { label: "test loss", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "loss" });

  // ----- W as ten pictures, and the confusion matrix -----
  const palette = makePalette(false);
  const templateCanvases = DIGITS.map(() => el("canvas", { width: 8, height: 8 }));
  const templates = el("div", { class: "digits-templates", role: "img",
    "aria-label": "The ten columns of W as 8×8 images: blue = positive weight, orange = negative" },
  ...templateCanvases.map((c, i) => el("figure", {}, c, el("figcaption", { text: `W for ${i}` }))));
  const confusion = el("table", { class: "digits-confusion" });
  const wSection = page.section("The ten columns of W", templates);
  page.text("Colour: blue = positive weight, grey = 0, orange = negative (one scale for all ten). Early in training the templates are noise; soon each looks like a blurred digit with a halo of orange where other digits have ink.", wSection);
  page.section("Confusion matrix (test set)", confusion);

  // ----- the drawing pad -----
  const pad = el("canvas", { width: GRID * CELL, height: GRID * CELL, class: "digits-pad", role: "img",
    "aria-label": "Drawing pad: draw a digit with the mouse, a pen or a finger" });
  const seen = el("canvas", { width: 8, height: 8, class: "digits-seen", role: "img",
    "aria-label": "What the classifier sees: the 8×8 block counts" });
  const seenText = el("p", { class: "legend", "aria-live": "polite", text: "Draw a digit, or pick a test digit." });
  const bars = probBars("Predicted probabilities p(c | x)", DIGITS.map((d) => `digit ${d}`));
  const fitBox = checkbox("Centre and scale the drawing like the dataset", s.fit, (v) => { page.set("fit", v); classifyDrawing(); });
  let testIndex = -1;
  const padBox = el("div", { class: "digits-pad-box" }, pad,
    el("div", { class: "buttons" },
      button("Clear", () => clearPad()),
      button("Previous test digit", () => showTest(testIndex - 1)),
      button("Next test digit", () => showTest(testIndex + 1))),
    fitBox.node);
  const drawSection = page.section("Draw a digit", el("div", { class: "lesson-demo" }, padBox,
    el("figure", {}, seen, seenText), bars.node));
  page.text("The dataset's images were made from 32×32 black-and-white bitmaps, cut into 4×4 blocks, counting the black pixels of each block (0..16). The pad is a 32×32 bitmap too and goes through the same counting, so your digit reaches the classifier exactly as the training digits did. The dataset's digits were also scaled to fill the box, which the checkbox does for your drawing.", drawSection);
  page.python(["train", "templates", "confusion", "downsample", "classify"]);

  // ----- talking to Python -----
  let ready = false;
  let shown = null;          // what the pad shows: {kind: "drawing"} or {kind: "test", index}
  let classifying = false;

  function rates() {
    player.change("rates", () => call("set_rates", { eta: Number(s.eta), batch_size: Number(s.M) }));
  }

  function apply(f) {
    if (f.epochs[0] === 0) { accChart.reset(); lossChart.reset(); ready = true; }   // a reset
    accChart.push(f.epochs, f.train_acc, f.test_acc);
    lossChart.push(f.epochs, f.train_loss, f.test_loss);
    const last = f.epochs.length - 1;
    if (last >= 0) {
      stats.train_acc.textContent = pct(f.train_acc[last]);
      stats.test_acc.textContent = pct(f.test_acc[last]);
      stats.train_loss.textContent = fmt(f.train_loss[last]);
      stats.test_loss.textContent = fmt(f.test_loss[last]);
    }
    if (last >= 0) {
      renderTex(live, `L(W, b) = -\\frac{1}{n}\\sum_{j=1}^{n} \\ln p(y_j \\mid x_j) = ${fmt(f.train_loss[last])}` +
        `\\quad \\text{(train set, epoch ${f.epoch})}`);
    }
    page.frame(() => {
      drawTemplates(f.templates);
      drawConfusion(f.confusion);
      accChart.render();
      lossChart.render();
    });
  }

  // ----- pictures -----
  function drawTemplates({ data }) {
    templateCanvases.forEach((canvas, c) => {
      const img = new ImageData(8, 8);
      for (let i = 0; i < 64; i++) {
        const j = data[c * 64 + i] * 4;
        img.data.set([palette[j], palette[j + 1], palette[j + 2], 255], i * 4);
      }
      canvas.getContext("2d").putImageData(img, 0, 0);
    });
  }

  function drawConfusion({ data }) {
    const head = el("tr", {}, el("th", { scope: "col", text: "true ↓ / predicted →" }),
      ...DIGITS.map((d) => el("th", { scope: "col", text: String(d) })));
    const rows = DIGITS.map((t) => {
      let total = 0;
      for (let p = 0; p < 10; p++) total += data[t * 10 + p];
      return el("tr", {}, el("th", { scope: "row", text: String(t) }), ...DIGITS.map((p) => {
        const n = data[t * 10 + p];
        const share = total ? n / total : 0;
        const colour = t === p ? `rgba(25, 103, 210, ${share})` : `rgba(232, 113, 10, ${Math.min(1, 3 * share)})`;
        return el("td", { class: t === p ? "diag" : "", style: `background: ${colour}; color: ${share > 0.6 ? "#fff" : "inherit"}`,
          text: String(n) });
      }));
    });
    confusion.replaceChildren(el("caption", { text: "Rows: the true digit; columns: the predicted one. The diagonal counts the correct answers." }),
      el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function drawSeen({ data }) {
    const img = new ImageData(8, 8);
    for (let i = 0; i < 64; i++) {
      const v = 255 - Math.round((Math.min(data[i], 16) / 16) * 255);
      img.data.set([v, v, v, 255], i * 4);
    }
    seen.getContext("2d").putImageData(img, 0, 0);
  }

  // ----- the drawing pad: a 32 x 32 bitmap painted with a round brush -----
  const bitmap = new Uint8Array(GRID * GRID);
  let last = null;
  const padCtx = pad.getContext("2d");

  function paint(x, y) {
    const r = 1.6;   // brush radius in bitmap pixels
    for (let i = Math.floor(y - r); i <= Math.ceil(y + r); i++) {
      for (let j = Math.floor(x - r); j <= Math.ceil(x + r); j++) {
        if (i < 0 || j < 0 || i >= GRID || j >= GRID) continue;
        if ((i + 0.5 - y) ** 2 + (j + 0.5 - x) ** 2 <= r * r) bitmap[i * GRID + j] = 1;
      }
    }
  }

  function stroke(x, y) {
    if (last) {
      const steps = Math.max(1, Math.ceil(Math.hypot(x - last[0], y - last[1]) * 2));
      for (let k = 1; k <= steps; k++) paint(last[0] + (x - last[0]) * k / steps, last[1] + (y - last[1]) * k / steps);
    } else paint(x, y);
    last = [x, y];
    page.frame(drawPad);
  }

  function drawPad() {
    padCtx.fillStyle = "#fff";
    padCtx.fillRect(0, 0, pad.width, pad.height);
    padCtx.fillStyle = "#111";
    for (let i = 0; i < GRID; i++) {
      for (let j = 0; j < GRID; j++) if (bitmap[i * GRID + j]) padCtx.fillRect(j * CELL, i * CELL, CELL, CELL);
    }
    padCtx.strokeStyle = "rgba(0, 0, 0, 0.08)";   // the 4 x 4 blocks that are counted
    for (let k = 1; k < 8; k++) {
      padCtx.beginPath();
      padCtx.moveTo(k * 4 * CELL, 0); padCtx.lineTo(k * 4 * CELL, pad.height);
      padCtx.moveTo(0, k * 4 * CELL); padCtx.lineTo(pad.width, k * 4 * CELL);
      padCtx.stroke();
    }
  }

  const toGrid = (e) => {
    const box = pad.getBoundingClientRect();
    return [(e.clientX - box.left) / box.width * GRID, (e.clientY - box.top) / box.height * GRID];
  };
  pad.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    pad.setPointerCapture?.(e.pointerId);
    if (shown?.kind === "test") bitmap.fill(0);
    shown = { kind: "drawing" };
    last = null;
    stroke(...toGrid(e));
  });
  pad.addEventListener("pointermove", (e) => {
    if (!last) return;
    stroke(...toGrid(e));
    classifyDrawing();   // live while drawing; at most one call in flight
  });
  const end = () => { if (last) { last = null; classifyDrawing(); } };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);

  function clearPad() {
    bitmap.fill(0);
    shown = null;
    drawPad();
    bars.set(null);
    seen.getContext("2d").clearRect(0, 0, 8, 8);
    seenText.textContent = "Draw a digit, or pick a test digit.";
  }

  function rows() {
    const out = [];
    for (let i = 0; i < GRID; i++) out.push(Array.from(bitmap.subarray(i * GRID, (i + 1) * GRID)).join(""));
    return out;
  }

  let again = false;
  async function classifyDrawing() {
    if (!ready || shown?.kind !== "drawing") return;
    if (classifying) { again = true; return; }
    classifying = true;
    const out = await page.call("classify", { rows: rows(), fit: s.fit });
    classifying = false;
    if (out && shown?.kind === "drawing") {
      bars.set(out.p.data, { mark: out.predicted });
      page.frame(() => drawSeen(out.image));
      seenText.textContent = out.empty ? "The pad is empty: draw a digit." : `The classifier says ${out.predicted}.`;
    }
    if (again) { again = false; classifyDrawing(); }
  }

  async function showTest(index) {
    if (!ready) return;
    bitmap.fill(0);
    drawPad();
    const out = await page.call("test_digit", { index: Math.max(0, index) });
    if (!out) return;
    testIndex = out.index;
    shown = { kind: "test", index: out.index };
    bars.set(out.p.data, { mark: out.predicted });
    page.frame(() => drawSeen(out.image));
    seenText.textContent = `Test digit #${out.index}: a ${out.label}; the classifier says ${out.predicted}` +
      (out.label === out.predicted ? "." : " (wrong).");
  }

  function refreshShown() {
    if (shown?.kind === "drawing") classifyDrawing();
    else if (shown?.kind === "test" && !classifying) {
      classifying = true;
      showTest(shown.index).finally(() => { classifying = false; });
    }
  }

  drawPad();
  bars.set(null);
  player.reset();
  return () => {
    player.destroy();
    page.destroy();
    accChart.destroy();
    lossChart.destroy();
  };
}
