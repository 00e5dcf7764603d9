// Lesson 8: gradient descent and momentum on 2-D loss surfaces (after Distill's
// "Why Momentum Really Works"). Python computes the contour picture and both paths;
// the page draws them, and the start point can be dragged (or typed).
import { el, slider, select } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";
import { contourSegments } from "../ui/contours.js";

const ROUTE = "momentum";
const SCHEMA = {
  surface: { type: "choice", values: ["quadratic", "rosenbrock"], default: "quadratic" },
  eta: { type: "number", min: 1e-4, max: 1, default: 0.09 },
  beta: { type: "number", min: 0, max: 0.99, default: 0.6 },
  n: { type: "int", min: 1, max: 2000, default: 100 },
  x0: { type: "number", min: -10, max: 10, default: -2.6 },
  y0: { type: "number", min: -10, max: 10, default: 1.2 },
};
// The surfaces' formulas as text (one short line under the select; KaTeX's superscripts would be under 14 px there).
const FORMULAS = { quadratic: "f = ½ (x² + 20 y²)", rosenbrock: "f = (1 − x)² + 100 (y − x²)²" };
const GD_COLOUR = "#c5221f";
const MOMENTUM_COLOUR = "#111111";
const LINE = 255;   // momentum.LINE: a contour line

/** 0..254: low (deep blue) to high (pale yellow); 255: the contour line colour. */
function lossPalette() {
  const stops = [[37, 52, 148], [44, 127, 184], [65, 182, 196], [161, 218, 180], [255, 255, 204]];
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 255; i++) {
    const t = (i / 254) * (stops.length - 1);
    const k = Math.min(Math.floor(t), stops.length - 2);
    const u = t - k;
    for (let c = 0; c < 3; c++) lut[i * 4 + c] = Math.round(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * u);
    lut[i * 4 + 3] = 255;
  }
  lut.set([255, 255, 255, 255], LINE * 4);
  return lut;
}

/** The picture's bytes coloured through `palette`, on an offscreen canvas. */
function toImage({ data, shape }, palette) {
  const [rows, cols] = shape;
  const pixels = new ImageData(cols, rows);
  for (let i = 0; i < data.length; i++) pixels.data.set(palette.subarray(data[i] * 4, data[i] * 4 + 4), i * 4);
  const image = new OffscreenCanvas(cols, rows);
  image.getContext("2d").putImageData(pixels, 0, 0);
  return image;
}

/** The surface's shading (log height, low to high, no lines) and its level sets as segments in grid units; null
 *  without the height (a contours() edited to return only the picture: then the picture is drawn as it is). */
function toShading(out, palette) {
  if (!out.height || !out.levels) return null;
  const { data, shape } = out.height;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const bytes = Uint8Array.from(data, (v) => Math.round(((v - lo) / (hi - lo || 1)) * 254));
  const [rows, cols] = shape;
  return { image: toImage({ data: bytes, shape }, palette), rows, cols,
    segments: out.levels.flatMap((level) => contourSegments(data, rows, cols, level)) };
}

const projector = () => document.body.classList.contains("projector");
const etaText = (v) => (v >= 0.01 ? v.toFixed(3) : v.toExponential(1));
const lossText = (v) => (v == null ? "not finite" : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toFixed(4));

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "8. Gradient descent and momentum", module: "backprop_lab.lessons.momentum", schema: SCHEMA,
    styles: ["lessons/momentum.css"],
    lede: "Gradient descent walks downhill; momentum lets it build up speed along a valley.",
  });
  page.tex("\\text{GD:}\\;\\; w_{k+1} = w_k - \\eta\\, \\nabla f(w_k) \\qquad\\qquad \\text{momentum:}\\;\\; v_{k+1} = \\beta\\, v_k - \\eta\\, \\nabla f(w_k),\\;\\; w_{k+1} = w_k + v_{k+1}");
  page.text("On an ill-conditioned surface the loss is steep in one direction and nearly flat in another. The step size $\\eta$ must stay small enough for the steep direction, or the walk bounces out of the valley; with such a small $\\eta$ it crawls along the flat direction. That is why plain gradient descent is slow exactly where the valley is long.");
  page.text("Momentum keeps a velocity $v$: each step adds the new gradient to a fraction $\\beta$ of the old velocity. Across the valley the gradients alternate in sign and cancel; along it they point the same way and add up, so the walk speeds up where it used to crawl. With $\\beta = 0$ it is plain gradient descent again; too large a $\\beta$ overshoots and oscillates.");
  page.text("Drag the start point on the picture (or type it), then change $\\eta$, $\\beta$ and the number of steps. The contour lines are spaced by a constant factor in loss, so the flat floor of the valley shows. Rosenbrock's curved valley is a classic hard case: try it with and without momentum.");
  page.part("race", { title: "Gradient descent and momentum" }, (p) => racePart(page, p));
  return () => page.destroy();
}

/** The loss surface with both paths, the draggable start, the run reports and the controls. */
function racePart(page, p) {
  const s = page.state;
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const canvas = el("canvas", { width: 440, height: 440, class: "plane momentum-plane", role: "img", tabindex: "0",
    "aria-label": "Contours of the loss with the paths of plain gradient descent and momentum; drag to move the start point" });
  const palette = lossPalette();
  let image = null;     // an offscreen canvas with the contour picture
  let shading = null;   // or the smooth shading and its level sets (toShading)
  const gdStatus = el("p", { class: "run-status gd" });
  const momStatus = el("p", { class: "run-status mom" });
  const legend = el("p", { class: "legend momentum-legend" },
    el("span", { class: "key gd", text: "plain GD (solid red)" }), el("span", { class: "key mom", text: "momentum (dashed black)" }),
    el("span", { class: "key start", text: "start (white dot)" }), el("span", { class: "key min", text: "× minimum" }));

  const logEta = slider("Step size η (log scale)", { min: -4, max: 0, step: 0.05, value: Math.log10(s.eta),
    format: (v) => etaText(10 ** v) }, (v) => change("eta", round(10 ** v)));
  const betaSlider = slider("Momentum β", { min: 0, max: 0.99, step: 0.01, value: s.beta, format: (v) => v.toFixed(2) },
    (v) => change("beta", v));
  const nSlider = slider("Iterations N", { min: 1, max: 2000, step: 1, value: s.n, format: String }, (v) => change("n", v));
  const x0 = numberField("Start x0", s.x0, (v) => moveStart(v, s.y0));
  const y0 = numberField("Start y0", s.y0, (v) => moveStart(s.x0, v));
  // Short names, so the select shows its value whole in a slide's column; the chosen one's formula under it.
  const surfaceSelect = select("Surface", [["quadratic", "Quadratic, κ = 20"], ["rosenbrock", "Rosenbrock"]],
    s.surface, (v) => changeSurface(v));
  const surfaceFormula = el("p", { class: "surface-formula", "aria-live": "off" });
  p.figure.append(canvas, legend);
  if (!p.alone) p.intro.append(live);   // the article shows the live formula; a slide shows the sliders instead
  p.numbers.append(el("div", { role: "status", "aria-live": "polite" }, gdStatus, momStatus));
  p.controls.append(surfaceSelect.node, surfaceFormula, logEta.node, betaSlider.node, nSlider.node);
  p.addMore(el("div", { class: "start-fields" }, x0.node, y0.node));
  p.python(["paths", "run", "momentum_step", "gd_step", "contours"]);
  p.python(["SGD.step"], "backprop_lab.optim");   // edited (the momentum exercise), it draws both paths

  // Sliders redraw while dragged, not only when released.
  logEta.input.addEventListener("input", () => { s.eta = round(10 ** Number(logEta.input.value)); update(); });
  betaSlider.input.addEventListener("input", () => { s.beta = Number(betaSlider.input.value); update(); });
  nSlider.input.addEventListener("input", () => { s.n = Number(nSlider.input.value); update(); });

  let picture = null;   // {domain, minimum} of the surface drawn
  let result = null;    // the last paths
  let shownSurface = null;

  function round(v) { return Number(v.toPrecision(3)); }
  function change(key, value) { page.set(key, value); update(); }

  function numberField(label, value, onChange) {
    const id = `mom-${label.split(" ")[1]}`;
    const input = el("input", { id, type: "number", step: "0.1", min: -10, max: 10, value });
    input.addEventListener("change", () => {
      const v = Number(input.value);
      if (input.value.trim() === "" || !Number.isFinite(v) || v < -10 || v > 10) {
        page.say(`${label} must be a number between -10 and 10.`);
        return;
      }
      page.say("");
      onChange(v);
    });
    return { node: el("div", { class: "field" }, el("label", { for: id, text: label }), input), input };
  }

  function moveStart(x, y) {
    s.x0 = round(x); s.y0 = round(y);
    x0.input.value = s.x0; y0.input.value = s.y0;
    page.set("x0", s.x0);
    update();
  }

  async function changeSurface(name) {
    page.set("surface", name);
    const out = await loadPicture();
    if (!out) return;
    const d = out.defaults;
    Object.assign(s, { eta: d.eta, beta: d.beta, n: d.n, x0: d.x0, y0: d.y0 });
    logEta.set(Math.log10(d.eta)); betaSlider.set(d.beta); nSlider.set(d.n);
    x0.input.value = d.x0; y0.input.value = d.y0;
    page.set("eta", d.eta);
    update();
  }

  async function loadPicture() {
    const name = s.surface;
    const out = await page.call("contours", { name });
    if (!out) return null;
    picture = out;
    shownSurface = name;
    image = toImage(out.picture, palette);
    shading = toShading(out, palette);
    return out;
  }

  // ----- the paths: one call in flight, the newest state is sent when it returns -----
  let pending = false;
  async function update() {
    surfaceFormula.textContent = FORMULAS[s.surface];
    renderTex(live, `\\eta = ${etaText(s.eta)},\\quad \\beta = ${s.beta.toFixed(2)},\\quad N = ${s.n},\\quad w_0 = (${s.x0}, ${s.y0})`);
    if (pending) return;
    pending = true;
    const sent = JSON.stringify(s);
    if (shownSurface !== s.surface) await loadPicture();
    const out = await page.call("paths", { name: s.surface, x0: s.x0, y0: s.y0, eta: s.eta, beta: s.beta, n: s.n });
    pending = false;
    if (out) {
      result = out;
      const yours = out.momentum.by === "SGD.step" ? " by your SGD.step" : "";
      gdStatus.textContent = describeRun(`Plain GD${yours}`, out.gd);
      momStatus.textContent = describeRun(`Momentum${yours} (β = ${s.beta.toFixed(2)})`, out.momentum);
      page.frame(draw);
    }
    if (JSON.stringify(s) !== sent) update();
  }

  function describeRun(name, r) {
    if (r.status === "converged") return `${name}: converged after ${r.iterations} iterations (loss ${lossText(r.loss)}, within 1e-6 of the minimum).`;
    if (r.status === "diverged") return `${name}: diverged at iteration ${r.iterations + 1}: it left the picture far behind, so the path stops there. Lower η or β.`;
    return `${name}: not converged yet after ${r.iterations} iterations; loss reached ${lossText(r.loss)}.`;
  }

  // ----- drawing -----
  function toCanvas([x, y]) {
    const [xmin, xmax, ymin, ymax] = picture.domain;
    return [(x - xmin) / (xmax - xmin) * canvas.width, (ymax - y) / (ymax - ymin) * canvas.height];
  }
  function fromCanvas(px, py) {
    const [xmin, xmax, ymin, ymax] = picture.domain;
    return [xmin + px / canvas.width * (xmax - xmin), ymax - py / canvas.height * (ymax - ymin)];
  }

  function drawPath({ data, shape }, colour, dash) {
    const ctx = canvas.getContext("2d");
    ctx.save();
    ctx.beginPath();
    for (let i = 0; i < shape[0]; i++) {
      const [cx, cy] = toCanvas([data[2 * i], data[2 * i + 1]]);
      if (i === 0) ctx.moveTo(cx, cy); else ctx.lineTo(cx, cy);
    }
    ctx.strokeStyle = colour;
    const k = cssScale(canvas);
    ctx.lineWidth = (projector() ? 4 : 2.2) * k;   // CSS px: ≥ 3 on a projector
    ctx.setLineDash(dash.map((d) => d * k * (projector() ? 1.6 : 1)));
    ctx.lineJoin = "round";
    ctx.stroke();
    ctx.restore();
  }

  function draw() {
    if (!picture || !result) return;
    const ctx = canvas.getContext("2d");
    if (shading) drawLevels(ctx, shading);
    else {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    }
    drawPath(result.gd.path, GD_COLOUR, []);
    drawPath(result.momentum.path, MOMENTUM_COLOUR, [7, 5]);
    const k = cssScale(canvas) * (projector() ? 1.4 : 1);   // marks in CSS px, larger on a projector
    const [mx, my] = toCanvas(picture.minimum);
    const r = 7 * k;
    ctx.strokeStyle = "#000"; ctx.lineWidth = (projector() ? 3 : 2.5) * cssScale(canvas);
    ctx.beginPath(); ctx.moveTo(mx - r, my - r); ctx.lineTo(mx + r, my + r); ctx.moveTo(mx + r, my - r); ctx.lineTo(mx - r, my + r); ctx.stroke();
    const [sx, sy] = toCanvas([s.x0, s.y0]);
    ctx.beginPath(); ctx.arc(sx, sy, r, 0, 2 * Math.PI);
    ctx.fillStyle = "#fff"; ctx.fill(); ctx.lineWidth = 2 * k; ctx.strokeStyle = "#000"; ctx.stroke();
  }

  /** The shading, smoothed as it is enlarged, then the level sets as antialiased curves of a constant CSS width. */
  function drawLevels(ctx, { image: shade, rows, cols, segments }) {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(shade, 0, 0, canvas.width, canvas.height);
    const sx = canvas.width / cols;
    const sy = canvas.height / rows;
    ctx.save();
    ctx.beginPath();
    for (const [x1, y1, x2, y2] of segments) { ctx.moveTo(x1 * sx, y1 * sy); ctx.lineTo(x2 * sx, y2 * sy); }
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
    ctx.lineWidth = (projector() ? 3 : 1.5) * cssScale(canvas);   // ≥ 3 CSS px on a projector
    ctx.lineCap = "round";
    ctx.stroke();
    ctx.restore();
    canvas.dataset.levelSegments = segments.length;   // drawn as curves: for a test, as the canvas cannot say
  }

  // ----- dragging the start point -----
  let dragging = false;
  function pointerTo(ev) {
    if (!picture) return;
    const rect = canvas.getBoundingClientRect();
    const px = (ev.clientX - rect.left) / rect.width * canvas.width;
    const py = (ev.clientY - rect.top) / rect.height * canvas.height;
    const [x, y] = fromCanvas(px, py);
    moveStart(Math.max(-10, Math.min(10, x)), Math.max(-10, Math.min(10, y)));
  }
  canvas.addEventListener("pointerdown", (ev) => { dragging = true; canvas.setPointerCapture(ev.pointerId); pointerTo(ev); });
  canvas.addEventListener("pointermove", (ev) => { if (dragging) pointerTo(ev); });
  canvas.addEventListener("pointerup", () => { dragging = false; page.set("y0", s.y0); });
  canvas.addEventListener("pointercancel", () => { dragging = false; });
  // Keyboard on the picture: arrow keys move the start point.
  canvas.addEventListener("keydown", (ev) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (!moves[ev.key] || !picture) return;
    ev.preventDefault();
    const step = (picture.domain[1] - picture.domain[0]) / 40;
    moveStart(s.x0 + moves[ev.key][0] * step, s.y0 + moves[ev.key][1] * step);
  });

  const unwatch = sharpCanvas(canvas, () => page.frame(draw));   // sharp at any frame size
  update();
  return unwatch;
}
