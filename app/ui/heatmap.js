// The decision boundary: n x n bytes from Python coloured through a 256-entry palette,
// then the data points on top. Colours follow TensorFlow Playground (orange vs blue).

export const CLASS_COLOURS = ["#e8710a", "#1967d2"];   // class 0, class 1 (points)
const BACKGROUND = [[245, 167, 98], [232, 234, 236], [126, 170, 230]];   // class 0, undecided, class 1

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** RGBA for each byte value 0..255: class 0 colour, through pale grey, to class 1 colour. */
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

export class Heatmap {
  /** canvas: the visible canvas; domain: the plane is [-domain, domain]^2. */
  constructor(canvas, domain) {
    this.canvas = canvas;
    this.domain = domain;
    this.palette = makePalette(false);
    this.image = null;       // an offscreen canvas holding the n x n picture
  }

  setBoundary({ data, shape }) {
    const [rows, cols] = shape;
    if (!this.image || this.image.width !== cols) {
      this.image = new OffscreenCanvas(cols, rows);
      this.pixels = new ImageData(cols, rows);
    }
    const px = this.pixels.data;
    for (let i = 0; i < data.length; i++) {
      const j = data[i] * 4;
      px[i * 4] = this.palette[j];
      px[i * 4 + 1] = this.palette[j + 1];
      px[i * 4 + 2] = this.palette[j + 2];
      px[i * 4 + 3] = 255;
    }
    this.image.getContext("2d").putImageData(this.pixels, 0, 0);
  }

  toCanvas([x1, x2]) {
    const { width, height } = this.canvas;
    return [(x1 + this.domain) / (2 * this.domain) * width, (this.domain - x2) / (2 * this.domain) * height];
  }

  /** Draw the boundary, point sets [{X: {data, shape}, y: {data}, hollow}] and lines [[p, q], ...]. */
  draw(pointSets = [], lines = []) {
    const ctx = this.canvas.getContext("2d");
    const { width, height } = this.canvas;
    ctx.imageSmoothingEnabled = true;
    if (this.image) ctx.drawImage(this.image, 0, 0, width, height);
    else { ctx.fillStyle = "#e8eaec"; ctx.fillRect(0, 0, width, height); }
    const r = Math.max(2.5, width / 110);
    for (const set of pointSets) {
      const X = set.X.data;
      const y = set.y.data;
      for (let i = 0; i < y.length; i++) {
        const [cx, cy] = this.toCanvas([X[2 * i], X[2 * i + 1]]);
        ctx.beginPath();
        ctx.arc(cx, cy, r, 0, 2 * Math.PI);
        ctx.fillStyle = CLASS_COLOURS[y[i]];
        ctx.strokeStyle = set.hollow ? "#000" : "#fff";
        ctx.lineWidth = set.hollow ? 1.5 : 1;
        ctx.fill();
        ctx.stroke();
      }
    }
    for (const [p, q] of lines) {
      const [ax, ay] = this.toCanvas(p);
      const [bx, by] = this.toCanvas(q);
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      ctx.strokeStyle = "#111";
      ctx.lineWidth = Math.max(2, width / 150);
      ctx.setLineDash([8, 5]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
}

/** A thumbnail from a class map (0 / 127 / 255 bytes). */
export function drawThumbnail(canvas, { data, shape }) {
  const [rows, cols] = shape;
  const img = new ImageData(cols, rows);
  const colours = { 0: hexToRgb(CLASS_COLOURS[0]), 255: hexToRgb(CLASS_COLOURS[1]) };
  for (let i = 0; i < data.length; i++) {
    const rgb = colours[data[i]] || [240, 241, 243];
    img.data.set([...rgb, 255], i * 4);
  }
  const off = new OffscreenCanvas(cols, rows);
  off.getContext("2d").putImageData(img, 0, 0);
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
}
