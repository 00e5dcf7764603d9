// The home page's pictures: one small drawing per lesson of what its main part shows, drawn with
// Canvas 2D in a few milliseconds (no Python: the home page starts none). Each drawing takes the
// 2-D context of a W×H canvas; thumbnail(key) returns the canvas, or null for an unknown key.
import { el } from "../ui/controls.js";

const W = 240, H = 150;
const BLUE = [31, 99, 214], ORANGE = [232, 113, 10], INK = "#1b1b1f";
const sig = (z) => 1 / (1 + Math.exp(-z));
const rgb = (c, a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

/** A two-class map over the plane: f(x, y) in [0, 1] for x, y in [-1, 1], orange at 0, blue at 1. */
function heat(g, f, step = 4) {
  for (let px = 0; px < W; px += step) {
    for (let py = 0; py < H; py += step) {
      const v = f((px / W) * 2 - 1, 1 - (py / H) * 2);
      const c = BLUE.map((b, i) => Math.round(255 - (255 - (v * b + (1 - v) * ORANGE[i])) * 0.55));
      g.fillStyle = `rgb(${c})`;
      g.fillRect(px, py, step, step);
    }
  }
}
const X = (x) => ((x + 1) / 2) * W, Y = (y) => ((1 - y) / 2) * H;
function dot(g, x, y, c, r = 6) {
  g.beginPath(); g.arc(X(x), Y(y), r, 0, 2 * Math.PI);
  g.fillStyle = rgb(c); g.fill(); g.strokeStyle = "#fff"; g.lineWidth = 1.5; g.stroke();
}
function line(g, pts, colour = INK, width = 2, dash = []) {
  g.beginPath(); g.setLineDash(dash); g.strokeStyle = colour; g.lineWidth = width;
  pts.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
  g.stroke(); g.setLineDash([]);
}
/** A curve y = f(x) over x in [0, 1], drawn in the box [x0, x1] × [y0, y1] of the canvas. */
function curve(g, f, colour, width = 2.5, box = [12, W - 12, 12, H - 12], n = 120, dash = []) {
  const [x0, x1, y0, y1] = box;
  line(g, Array.from({ length: n + 1 }, (_, i) => [x0 + (i / n) * (x1 - x0), y1 - f(i / n) * (y1 - y0)]), colour, width, dash);
}
function rand(seed) {   // a small repeatable generator, so the pictures never change
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}
function axes(g) { line(g, [[12, 10], [12, H - 12], [W - 8, H - 12]], "#8a8d93", 1.5); }

const DRAW = {
  neuron(g) {
    heat(g, (x, y) => sig(6 * (0.8 * x + 0.6 * y - 0.1)));
    line(g, [[X(-1), Y((0.1 + 0.8) / 0.6)], [X(1), Y((0.1 - 0.8) / 0.6)]], INK, 2, [6, 4]);
  },
  logic(g) {
    heat(g, (x, y) => (x + y > 0.5 ? 1 : 0), 6);
    line(g, [[X(-0.5), Y(1)], [X(1), Y(-0.5)]], INK, 2, [6, 4]);
    for (const [x, y] of [[-0.6, -0.6], [-0.6, 0.6], [0.6, -0.6]]) dot(g, x, y, ORANGE);
    dot(g, 0.6, 0.6, BLUE);
  },
  xor(g) {
    heat(g, (x, y) => sig(8 * (x * y < 0 ? 1 : -1) * Math.min(Math.abs(x), Math.abs(y)) + (x * y < 0 ? 1.5 : -1.5)));
    for (const [x, y, c] of [[-0.6, -0.6, ORANGE], [0.6, 0.6, ORANGE], [-0.6, 0.6, BLUE], [0.6, -0.6, BLUE]]) dot(g, x, y, c, 8);
  },
  expressive(g) {
    const poly = [[0, 0.75], [0.6, 0.3], [0.45, -0.6], [-0.4, -0.65], [-0.65, 0.2]];
    const inside = (x, y) => poly.every(([ax, ay], i) => {
      const [bx, by] = poly[(i + 1) % poly.length];
      return (bx - ax) * (y - ay) - (by - ay) * (x - ax) <= 0;
    });
    heat(g, (x, y) => (inside(x, y) ? 1 : 0), 3);
    poly.forEach(([ax, ay], i) => {
      const [bx, by] = poly[(i + 1) % poly.length];
      const dx = bx - ax, dy = by - ay;
      line(g, [[X(ax - dx), Y(ay - dy)], [X(bx + dx), Y(by + dy)]], "rgba(27,27,31,0.55)", 1.2, [4, 3]);
    });
  },
  cybenko(g) {
    const f = (x) => 0.5 + 0.32 * Math.sin(2 * Math.PI * x) * Math.exp(-0.6 * x) + 0.1 * x;
    axes(g);
    curve(g, f, "#8a8d93", 6);
    const k = 8;
    curve(g, (x) => {
      let a = f(0);
      for (let h = 1; h <= k; h++) a += (f(h / k) - f((h - 1) / k)) * sig(60 * (x - (h - 0.5) / k));
      return a;
    }, rgb(BLUE), 2.5);
  },
  digits(g) {
    g.fillStyle = "#f4f5f7"; g.fillRect(0, 0, W, H);
    const seven = ["........", ".######.", "......#.", ".....#..", "....#...", "...#....", "...#....", "........"];
    const s = 16, x0 = 14, y0 = 11;
    seven.forEach((row, r) => [...row].forEach((ch, c) => {
      g.fillStyle = ch === "#" ? INK : "#fff";
      g.fillRect(x0 + c * s, y0 + r * s, s - 1, s - 1);
    }));
    const probs = [0.01, 0.02, 0.05, 0.03, 0.01, 0.02, 0.01, 0.78, 0.02, 0.05];
    probs.forEach((p, i) => {
      g.fillStyle = i === 7 ? rgb(BLUE) : "#b8bcc4";
      const h = 8 + p * 110;
      g.fillRect(158 + i * 8, H - 14 - h, 6, h);
    });
  },
  "least-squares"(g) {
    axes(g);
    const r = rand(7);
    for (let i = 0; i < 18; i++) {
      const x = 0.05 + 0.9 * (i / 17), y = 0.2 + 0.6 * x + (r() - 0.5) * 0.25;
      g.beginPath(); g.arc(12 + x * (W - 24), H - 12 - y * (H - 24), 3.5, 0, 2 * Math.PI); g.fillStyle = INK; g.fill();
    }
    curve(g, (x) => 0.2 + 0.6 * x, rgb(BLUE), 3);
    curve(g, (x) => 0.35 + 0.35 * x, rgb(ORANGE), 2, undefined, 120, [6, 4]);
  },
  softmax(g) {
    const z = [1.2, 3.1, -0.4, 0.6];
    const e = z.map(Math.exp), s = e.reduce((a, b) => a + b);
    z.forEach((v, i) => {
      g.fillStyle = "#b8bcc4"; g.fillRect(16 + i * 26, 75 - v * 18, 18, v * 18);
      g.fillStyle = i === 1 ? rgb(BLUE) : "#8fb0e8";
      const h = (e[i] / s) * 120;
      g.fillRect(130 + i * 26, H - 12 - h, 18, h);
    });
    line(g, [[10, 75], [118, 75]], "#8a8d93", 1);
    line(g, [[124, H - 12], [W - 6, H - 12]], "#8a8d93", 1);
    line(g, [[112, 40], [124, 40]], INK, 2); line(g, [[118, 34], [124, 40], [118, 46]], INK, 2);
  },
  momentum(g) {
    g.fillStyle = "#fff"; g.fillRect(0, 0, W, H);
    for (let k = 1; k <= 7; k++) {
      g.beginPath(); g.ellipse(W / 2 + 30, H / 2, k * 16, k * 5.5, -0.15, 0, 2 * Math.PI);
      g.strokeStyle = `rgba(85,88,94,${0.15 + 0.05 * k})`; g.lineWidth = 1; g.stroke();
    }
    const gd = [], mo = [];
    for (let i = 0; i <= 14; i++) gd.push([20 + i * 7.5, H / 2 + (i % 2 ? 1 : -1) * 34 * Math.pow(0.86, i) - 10 * Math.pow(0.8, i)]);
    for (let i = 0; i <= 30; i++) { const t = i / 30; mo.push([20 + t * 150, H / 2 - 44 * Math.exp(-4 * t) * Math.cos(9 * t)]); }
    line(g, gd, rgb(ORANGE), 2); line(g, mo, rgb(BLUE), 2.5);
  },
  minibatch(g) {
    axes(g);
    const r = rand(3);
    const base = (x) => 0.12 + 0.7 * Math.exp(-4 * x);
    const noisy = Array.from({ length: 80 }, (_, i) => base(i / 79) + (r() - 0.5) * 0.28 * (1 - i / 120));
    line(g, noisy.map((v, i) => [12 + (i / 79) * (W - 24), H - 12 - v * (H - 24)]), "#b8bcc4", 1.5);
    let q = noisy[0];
    line(g, noisy.map((v, i) => { q = 0.12 * v + 0.88 * q; return [12 + (i / 79) * (W - 24), H - 12 - q * (H - 24)]; }), rgb(BLUE), 3);
  },
  backprop(g) {
    const nodes = [[30, 40, "a"], [30, 110, "b"], [110, 75, "×"], [180, 75, "tanh"]];
    const edges = [[0, 2], [1, 2], [2, 3]];
    for (const [i, j] of edges) line(g, [[nodes[i][0], nodes[i][1]], [nodes[j][0], nodes[j][1]]], "#8a8d93", 2);
    for (const [i, j] of edges) {   // the gradient flows back, in orange, beside each edge
      line(g, [[nodes[j][0] - 4, nodes[j][1] + 9], [nodes[i][0] + 4, nodes[i][1] + 9]], rgb(ORANGE), 2, [5, 3]);
    }
    g.font = "600 14px system-ui, sans-serif"; g.textAlign = "center"; g.textBaseline = "middle";
    for (const [x, y, label] of nodes) {
      g.beginPath(); g.arc(x, y, label.length > 1 ? 24 : 17, 0, 2 * Math.PI);
      g.fillStyle = "#fff"; g.fill(); g.strokeStyle = INK; g.lineWidth = 2; g.stroke();
      g.fillStyle = INK; g.fillText(label, x, y);
    }
    g.fillStyle = rgb(ORANGE); g.fillText("∂L", 218, 118);
  },
  convergence(g) {
    axes(g);
    curve(g, (x) => 0.15 + 0.75 * Math.exp(-1.2 * x), "#7b1fa2", 2.5);
    curve(g, (x) => 0.08 + 0.8 * Math.exp(-3.5 * x), rgb(ORANGE), 2.5);
    curve(g, (x) => 0.04 + 0.84 * Math.exp(-7 * x), rgb(BLUE), 2.5);
  },
  playground(g) {
    heat(g, (x, y) => {
      const r = Math.hypot(x, y * 1.6), a = Math.atan2(y * 1.6, x);
      return sig(6 * Math.sin(a + 5 * r));
    }, 4);
    const r = rand(11);
    for (let i = 0; i < 60; i++) {
      const t = 0.2 + 4 * r(), c = i % 2 ? BLUE : ORANGE, s = i % 2 ? 0 : Math.PI;
      dot(g, 0.17 * t * Math.cos(t + s), 0.17 * t * Math.sin(t + s) * 1.6 * (H / W) * 1.6, c, 3);
    }
  },
  exercises(g) {
    g.fillStyle = "#1e1f24"; g.fillRect(0, 0, W, H);
    const rows = [[14, 120, "#c792ea"], [30, 150, "#e0e0e0"], [30, 90, "#8ab4f8"], [30, 130, "#e0e0e0"], [14, 60, "#c792ea"], [30, 110, "#e0e0e0"]];
    rows.forEach(([x, w, c], i) => { g.fillStyle = c; g.fillRect(x, 16 + i * 18, w, 8); });
    g.beginPath(); g.arc(W - 40, H - 38, 24, 0, 2 * Math.PI); g.fillStyle = "#188038"; g.fill();
    line(g, [[W - 52, H - 38], [W - 43, H - 29], [W - 28, H - 48]], "#fff", 4);
  },
  deck(g) {
    g.fillStyle = "#eef3fd"; g.fillRect(0, 0, W, H);
    g.fillStyle = "#fff"; g.fillRect(30, 18, W - 60, H - 36);
    g.strokeStyle = "#8a8d93"; g.lineWidth = 1.5; g.strokeRect(30, 18, W - 60, H - 36);
    g.fillStyle = INK; g.fillRect(44, 30, 90, 8);
    g.beginPath(); g.moveTo(W / 2 - 14, H / 2 - 16); g.lineTo(W / 2 + 18, H / 2 + 2); g.lineTo(W / 2 - 14, H / 2 + 20);
    g.closePath(); g.fillStyle = rgb(BLUE); g.fill();
  },
};

/** A canvas with the drawing for `key` (a lesson's route, "exercises" or "deck"), or null. */
export function thumbnail(key) {
  const draw = DRAW[key];
  if (!draw) return null;
  const canvas = el("canvas", { class: "thumb-picture", width: W, height: H, "aria-hidden": "true" });
  const g = canvas.getContext("2d");
  if (g) draw(g);
  return canvas;
}
