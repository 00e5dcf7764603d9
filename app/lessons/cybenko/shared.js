// Lesson 5 (cybenko): its settings, and what its parts share.
import { el } from "../../ui/controls.js";
import { cssScale } from "../../ui/fit.js";

export const ROUTE = "cybenko";

export const PRESETS = {   // same expressions as PRESETS in cybenko.py
  sin: "sin(2*pi*x)",
  kink: "abs(x - 1/2)",
  step: "(1 + tanh(30*(x - 1/2)))/2",
  square: "x**2",
};

export const TARGETS = [["sin", "sin 2πx"], ["kink", "|x − ½|"], ["step", "smoothed step"], ["square", "x²"], ["custom", "custom expression"]];

export const SCHEMA = {
  target: { type: "choice", values: TARGETS.map(([v]) => v), default: "sin" },
  expr: { type: "text", maxLength: 200, default: PRESETS.sin },
  H: { type: "int", min: 1, max: 100, default: 10 },
};

export const NET = "#1967d2";

export const ORANGE = "#e8710a";

/** Sizes for drawing on `canvas`, in canvas px: text legible on a slide (≥ 20 CSS px on a projector). */
export function ink(canvas) {
  const k = cssScale(canvas);
  const projector = document.body.classList.contains("projector");
  const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const font = Math.max(projector ? 21 : 12, 0.7 * rootPx);    // CSS px
  return { k, projector, font: font * k, thin: (projector ? 3.2 : 1) * k };
}

/** Axes and lines on a canvas. series: [{x, y, colour, width, dash, alpha}]; x in [0, 1] unless xlim. */
export function plot(canvas, series, { xlim = [0, 1], ylim, xticks, yticks, xfmt = (v) => String(v), yfmt = (v) => v.toFixed(1), xlabel = "" }) {
  const ctx = canvas.getContext("2d");
  const { width, height } = canvas;
  const { k, projector, font, thin } = ink(canvas);
  ctx.font = `${font}px system-ui, sans-serif`;
  const labelWidth = Math.max(...yticks.map((t) => ctx.measureText(yfmt(t)).width), 0);
  const m = { l: labelWidth + 10 * k, r: 12 * k + font * 0.9, t: 10 * k + font / 2, b: (xlabel ? 2.4 : 1.4) * font + 6 * k };
  const X = (v) => m.l + ((v - xlim[0]) / (xlim[1] - xlim[0])) * (width - m.l - m.r);
  const Y = (v) => height - m.b - ((v - ylim[0]) / (ylim[1] - ylim[0])) * (height - m.t - m.b);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = "#dadce0";
  ctx.fillStyle = "#55585e";
  ctx.lineWidth = thin;
  ctx.textBaseline = "middle";
  for (const t of yticks) {
    ctx.beginPath(); ctx.moveTo(m.l, Y(t)); ctx.lineTo(width - m.r, Y(t)); ctx.stroke();
    ctx.textAlign = "right"; ctx.fillText(yfmt(t), m.l - 6 * k, Y(t));
  }
  ctx.textBaseline = "top";
  for (const t of xticks) {
    ctx.beginPath(); ctx.moveTo(X(t), m.t); ctx.lineTo(X(t), height - m.b); ctx.stroke();
    ctx.textAlign = "center"; ctx.fillText(xfmt(t), X(t), height - m.b + 4 * k);
  }
  ctx.textBaseline = "bottom";
  if (xlabel) { ctx.textAlign = "center"; ctx.fillText(xlabel, (m.l + width - m.r) / 2, height - 2 * k); }
  ctx.textBaseline = "alphabetic";
  ctx.save();
  ctx.beginPath(); ctx.rect(m.l, m.t, width - m.l - m.r, height - m.t - m.b); ctx.clip();
  for (const s of series) {
    ctx.beginPath();
    for (let i = 0; i < s.y.length; i++) {
      const px = X(s.x[i]);
      const py = Y(s.y[i]);
      if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    }
    ctx.globalAlpha = s.alpha ?? 1;
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = Math.max(s.width ?? 2, projector ? 3.2 : 0) * k;
    ctx.setLineDash((s.dash || []).map((d) => d * k));
    ctx.stroke();
    if (s.dots) {
      for (let i = 0; i < s.y.length; i++) {
        ctx.beginPath(); ctx.arc(X(s.x[i]), Y(s.y[i]), s.dots * k * (projector ? 1.5 : 1), 0, 2 * Math.PI); ctx.fillStyle = s.colour; ctx.fill();
      }
    }
  }
  ctx.restore();
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

export function key(colour, text, dashed = false) {
  return el("span", { class: "key" }, el("span", { class: `swatch${dashed ? " dashed" : ""}`, style: `border-color: ${colour}` }), text);
}
