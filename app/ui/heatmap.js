// Pictures of the plane: n x n bytes from Python coloured through a palette, then points
// and lines on top. Two classes follow TensorFlow Playground (orange vs blue); more classes
// use the Okabe-Ito colours, which stay apart for colour-blind eyes and on a projector.
import { cssScale } from "./fit.js";

export const CLASS_COLOURS = ["#e8710a", "#1967d2"];   // class 0, class 1 (points)
export const MULTI_COLOURS = ["#e69f00", "#0072b2", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#a08c00", "#222222"];
const BACKGROUND = [[245, 167, 98], [232, 234, 236], [126, 170, 230]];   // low, middle, high
// Projector mode: darker points and stronger backgrounds that survive a washed-out projector
// (orange vs blue stays apart for every common colour-vision deficiency).
const COLOURS = {
  normal: { classes: ["#e8710a", "#1967d2"], background: [[245, 167, 98], [232, 234, 236], [126, 170, 230]] },
  projector: { classes: ["#b34700", "#003f9e"], background: [[240, 128, 30], [255, 255, 255], [70, 130, 225]] },
};
let projector = false;

export function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** RGBA for each byte value 0..255: low colour, through pale grey, to high colour. */
export function makePalette(discrete = false) {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    let t = i / 255;
    if (discrete) t = t < 0.5 ? 0 : 1;
    const [a, b] = t < 0.5 ? [BACKGROUND[0], BACKGROUND[1]] : [BACKGROUND[1], BACKGROUND[2]];
    const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    for (let c = 0; c < 3; c++) lut[i * 4 + c] = Math.round(a[c] + (b[c] - a[c]) * u);
    lut[i * 4 + 3] = 255;
  }
  return lut;
}
const PALETTES = { smooth: makePalette(false), discrete: makePalette(true) };

/** Switch every picture's colours to projector mode (or back). */
export function setProjectorColours(on) {
  projector = on;
  const set = COLOURS[on ? "projector" : "normal"];
  CLASS_COLOURS.splice(0, 2, ...set.classes);
  BACKGROUND.splice(0, 3, ...set.background);
  PALETTES.smooth = makePalette(false);
  PALETTES.discrete = makePalette(true);
}

/** CSS colour of a value byte (0..255) on the smooth palette: for regression points. */
export function paletteColour(byte) {
  const p = PALETTES.smooth;
  const i = Math.max(0, Math.min(255, Math.round(byte))) * 4;
  return `rgb(${p[i]}, ${p[i + 1]}, ${p[i + 2]})`;
}

/** Colour of class c among k classes (points and legends). */
export function classColour(c, k = 2) {
  return k <= 2 ? CLASS_COLOURS[c] : MULTI_COLOURS[c % MULTI_COLOURS.length];
}

/**
 * Fill `pixels` (ImageData) from a picture: values (bytes), and for several classes the class
 * of each cell, whose colour is faded toward white where the network is unsure.
 */
export function paint(pixels, values, { classes = null, discrete = false } = {}) {
  const px = pixels.data;
  if (classes) {
    const rgb = MULTI_COLOURS.map(hexToRgb);
    for (let i = 0; i < values.length; i++) {
      const c = rgb[classes[i] % rgb.length];
      const strength = discrete ? 0.55 : 0.2 + 0.5 * (values[i] / 255);   // how much class colour
      for (let ch = 0; ch < 3; ch++) px[i * 4 + ch] = 255 - (255 - c[ch]) * strength;
      px[i * 4 + 3] = 255;
    }
    return;
  }
  const lut = discrete ? PALETTES.discrete : PALETTES.smooth;
  for (let i = 0; i < values.length; i++) {
    const j = values[i] * 4;
    px[i * 4] = lut[j];
    px[i * 4 + 1] = lut[j + 1];
    px[i * 4 + 2] = lut[j + 2];
    px[i * 4 + 3] = 255;
  }
}

export class Heatmap {
  /** canvas: the visible canvas; domain: the plane is [-domain, domain]^2. */
  constructor(canvas, domain) {
    this.canvas = canvas;
    this.domain = domain;
    this.image = null;       // an offscreen canvas holding the n x n picture
  }

  /** picture: {data, shape} bytes; options: {classes: {data}, discrete}. */
  setBoundary({ data, shape }, { classes = null, discrete = false } = {}) {
    const [rows, cols] = shape;
    if (!this.image || this.image.width !== cols || this.image.height !== rows) {
      this.image = new OffscreenCanvas(cols, rows);
      this.pixels = new ImageData(cols, rows);
    }
    paint(this.pixels, data, { classes: classes && classes.data, discrete });
    this.image.getContext("2d").putImageData(this.pixels, 0, 0);
  }

  toCanvas([x1, x2]) {
    const { width, height } = this.canvas;
    return [(x1 + this.domain) / (2 * this.domain) * width, (this.domain - x2) / (2 * this.domain) * height];
  }

  toPlane(cx, cy) {
    const { width, height } = this.canvas;
    return [cx / width * 2 * this.domain - this.domain, this.domain - cy / height * 2 * this.domain];
  }

  /**
   * Draw the picture, point sets [{X: {data}, colours: [css...], hollow}] (or, as before,
   * {X, y: {data}} coloured by class) and dashed lines [[p, q], ...].
   */
  draw(pointSets = [], lines = []) {
    const ctx = this.canvas.getContext("2d");
    const { width, height } = this.canvas;
    ctx.imageSmoothingEnabled = true;
    if (this.image) ctx.drawImage(this.image, 0, 0, width, height);
    else { ctx.fillStyle = "#e8eaec"; ctx.fillRect(0, 0, width, height); }
    const px = cssScale(this.canvas);   // canvas px per CSS px: dots and lines keep their CSS size
    const r = Math.max(2.5 * px, width / (projector ? 75 : 110));
    const hollowAt = [];
    for (const set of pointSets) {
      const X = set.X.data;
      const n = X.length / 2;
      for (let i = 0; i < n; i++) {
        const [cx, cy] = this.toCanvas([X[2 * i], X[2 * i + 1]]);
        const colour = set.colours ? set.colours[i] : CLASS_COLOURS[set.y.data[i]];
        ctx.beginPath();
        if (set.hollow) {   // a ring in the class colour, edged in black, the picture showing inside
          const ring = Math.max(1.5 * px, r / 2.5) * (projector ? 1.4 : 1);
          ctx.arc(cx, cy, r, 0, 2 * Math.PI);
          ctx.strokeStyle = "#1b1b1f";
          ctx.lineWidth = ring + 1.2 * px;
          ctx.stroke();
          ctx.strokeStyle = colour;
          ctx.lineWidth = ring;
          ctx.stroke();
          hollowAt.push(`${Math.floor(cx)},${Math.floor(cy)}`);   // the pixel holding the centre
          continue;
        }
        ctx.arc(cx, cy, r, 0, 2 * Math.PI);
        ctx.fillStyle = colour;
        ctx.strokeStyle = "#fff";
        ctx.lineWidth = (projector ? 2 : 1) * px;
        ctx.fill();
        ctx.stroke();
      }
    }
    // The hollow points drawn (how many, and the first 50 centres in canvas px): the canvas cannot say, a test can.
    this.canvas.dataset.hollow = hollowAt.length;
    this.canvas.dataset.hollowAt = hollowAt.slice(0, 50).join(" ");
    for (const [p, q] of lines) {
      const [ax, ay] = this.toCanvas(p);
      const [bx, by] = this.toCanvas(q);
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      ctx.strokeStyle = "#111";
      ctx.lineWidth = Math.max((projector ? 3 : 2) * px, width / (projector ? 80 : 150));
      ctx.setLineDash([8 * px, 5 * px]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
}

/** Draw a small picture ({data, shape} bytes) on a canvas, scaled up. */
export function drawPicture(canvas, { data, shape }, options) {
  const [rows, cols] = shape.slice(-2);
  const img = new ImageData(cols, rows);
  paint(img, data, options);
  const off = new OffscreenCanvas(cols, rows);
  off.getContext("2d").putImageData(img, 0, 0);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}

/** A dataset thumbnail: 255 = empty, else a class (k classes) or a regression byte (0..200). */
export function drawThumbnail(canvas, { data, shape }, { regression = false, k = 2 } = {}) {
  const [rows, cols] = shape;
  const img = new ImageData(cols, rows);
  for (let i = 0; i < data.length; i++) {
    let rgb = [240, 241, 243];
    if (data[i] !== 255) {
      rgb = regression ? hexToRgbCss(paletteColour(data[i] * 255 / 200)) : hexToRgb(classColour(data[i], k));
    }
    img.data.set([...rgb, 255], i * 4);
  }
  const off = new OffscreenCanvas(cols, rows);
  off.getContext("2d").putImageData(img, 0, 0);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}

function hexToRgbCss(css) {
  return css.match(/\d+/g).slice(0, 3).map(Number);
}
