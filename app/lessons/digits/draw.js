// Lesson 6, part "draw": a drawing pad whose digit is preprocessed as MNIST's were (the bounding box
// scaled into 20×20, the centre of mass at the centre of 28×28), then classified live.
import { el, button, checkbox } from "../../ui/controls.js";
import { pythonCall } from "../../ui/player.js";
import { sharpCanvas } from "../../ui/fit.js";
import { probBars } from "../prob-bars.js";
import { SIDE, DIGITS, ensureData, ink, pct } from "./data.js";

const GRID = 112;           // the pad's logical bitmap: 4 × 28, so a stroke has room for grey edges
const PRETRAIN = 3;         // a drawing pad alone trains this many epochs before it classifies

/** The drawing pad: a 112×112 bitmap, preprocessed as MNIST's digits were, classified live. */
export function drawPart(page, p, hub) {
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

