// Lesson 7: least squares vs gradient descent. A 1-D line fit: the closed form, solved stably,
// beside gradient descent whose line animates toward it; η above 2/λ_max diverges.
import { el, slider, button } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LineChart } from "../ui/chart.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";

const ROUTE = "least-squares";
const ANIMATION_MS = 1600;
const SCHEMA = {
  eta: { type: "number", min: 0.005, max: 0.3, default: 0.15 },
  steps: { type: "int", min: 10, max: 1000, default: 300 },
  n: { type: "int", min: 5, max: 200, default: 40 },
  noise: { type: "number", min: 0, max: 2, default: 0.5 },
  seed: { type: "int", min: 0, max: 50, default: 0 },
};
const KEYS = ["eta", "steps", "n", "noise", "seed"];
const f3 = (v) => (Number.isFinite(v) ? v.toFixed(3) : "–");
const g4 = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : "–");

/** About n round values (1, 2 or 5 × 10^k apart) spanning [lo, hi]. */
export function niceTicks(lo, hi, n) {
  const raw = (hi - lo) / Math.max(1, n);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "7. Least squares vs gradient descent", module: "backprop_lab.lessons.least_squares",
    schema: SCHEMA, styles: ["lessons/least-squares.css"],
    lede: "For a linear model with squared error the best weights have a formula. Gradient descent finds the same weights step by step, if its step is small enough.",
  });
  page.tex("L(W) = \\frac{1}{2n}\\lVert XW - y \\rVert^2, \\qquad \\nabla L = \\frac{1}{n} X^\\top (XW - y) = 0 \\;\\Longrightarrow\\; \\hat W = (X^\\top X)^{-1} X^\\top y");
  page.text("Each row of $X$ is $[x_i, 1]$, so $XW = w\\,x + b$ with $W = [w, b]$. Setting the gradient to zero gives the normal equations $X^\\top X\\,W = X^\\top y$. We do not compute $(X^\\top X)^{-1}$ to solve them: an explicit inverse costs more, and forming $X^\\top X$ squares the condition number ($\\kappa(X^\\top X) = \\kappa(X)^2$), so about twice as many digits are lost to rounding. np.linalg.lstsq works on $X$ itself (through an SVD; a QR factorisation would do as well) and is accurate even when the columns are nearly dependent.");
  page.text("Gradient descent repeats $W \\leftarrow W - \\eta \\nabla L(W)$. The loss is a quadratic bowl whose curvature is the Hessian $H = X^\\top X / n$. Along the eigenvector of the largest eigenvalue $\\lambda_{\\max}$, each step multiplies the error by $1 - \\eta \\lambda_{\\max}$: for $\\eta < 2/\\lambda_{\\max}$ it shrinks, above that it grows and the method diverges. Along the flattest direction the factor is $1 - \\eta\\lambda_{\\min}$, close to 1, which is why a small $\\eta$ crawls. Here $x$ lies in $[0, 5]$, far from 0, so $w$ and $b$ are entangled and $\\lambda_{\\min}$ is small.");
  page.part("compare", { title: "Least squares against gradient descent" }, (p) => comparePart(page, p));
  return () => page.destroy();
}

/** The data, the least-squares line and the gradient descent line walking to it; η and the other settings. */
function comparePart(page, p) {
  const s = page.state;
  const live = el("div", { class: "formula live", "aria-live": "off" });
  const liveGd = el("div", { class: "formula live", "aria-live": "off" });
  const sliders = {
    eta: slider("Learning rate η", { min: 0.005, max: 0.3, step: 0.005, value: s.eta, format: (v) => v.toFixed(3) }, (v) => change("eta", v)),
    steps: slider("Gradient descent steps", { min: 10, max: 1000, step: 10, value: s.steps }, (v) => change("steps", v)),
    n: slider("Number of points n", { min: 5, max: 200, step: 5, value: s.n }, (v) => change("n", v)),
    noise: slider("Noise", { min: 0, max: 2, step: 0.1, value: s.noise, format: (v) => v.toFixed(1) }, (v) => change("noise", v)),
    seed: slider("Data seed", { min: 0, max: 50, step: 1, value: s.seed }, (v) => change("seed", v)),
  };
  const critical = el("p", { class: "legend ls-critical" });
  const message = el("p", { class: "ls-message", role: "status" });
  const replay = button("Replay", () => animate());
  const canvas = el("canvas", { width: 480, height: 360, class: "ls-plot", role: "img",
    "aria-label": "The data points, the least-squares line and the gradient descent line" });
  const legend = el("p", { class: "legend", text: "Points: data · dashed black: least squares Ŵ · blue: gradient descent W_k" });
  const stepText = el("p", { class: "legend", "aria-live": "off" });
  p.figure.setAttribute("role", "figure");
  p.figure.append(canvas, legend, stepText, message);
  p.numbers.append(critical, live);
  if (!p.alone) p.numbers.append(liveGd);   // on a slide the η slider shows the step already
  p.controls.append(sliders.eta.node, sliders.steps.node, replay);
  p.addMore(sliders.n.node, sliders.noise.node, sliders.seed.node);   // the data: set once per example
  // The loss and distance charts follow the same run; in the article only (a slide shows the fit).
  let charts = null;
  if (!p.alone) {
    const lossBox = el("div", { class: "chart", role: "img", "aria-label": "Loss per iteration of gradient descent" });
    const distBox = el("div", { class: "chart", role: "img", "aria-label": "Distance to the least-squares solution per iteration, log scale" });
    page.add(el("div", { class: "ls-charts" }, lossBox, distBox));
    charts = {
      loss: new LineChart(lossBox, [{ label: "L(W_k)", stroke: "#1967d2" },
        { label: "L(Ŵ)", stroke: "#1f1f1f", dash: [6, 4] }], { xLabel: "iteration k", yLabel: "loss" }),
      dist: new LineChart(distBox, [{ label: "log₁₀ ‖W_k − Ŵ‖", stroke: "#c5221f" }],
        { xLabel: "iteration k", yLabel: "log₁₀ ‖W_k − Ŵ‖" }),
    };
  }
  const unwatch = sharpCanvas(canvas, () => { if (result) draw(result, shownStep); });
  p.python(["run", "closed_form", "gradient_descent", "critical_eta"]);

  // Sliders recompute while dragged, too.
  for (const k of KEYS) {
    sliders[k].input.addEventListener("input", () => { s[k] = Number(sliders[k].input.value); update(); });
  }
  function change(key, value) { page.set(key, value); update(); }

  let result = null;
  let shownStep = 0;
  const update = page.follow("run", () => ({ n: s.n, noise: s.noise, seed: s.seed, eta: s.eta, steps: s.steps }), show);

  function show(out) {
    result = out;
    const [w, b] = out.W_hat.data;
    // Short stacked lines, so the numbers fit the column beside the figure.
    renderTex(live, `\\begin{gathered} \\hat W = [w, b]^\\top = [${f3(w)}, ${f3(b)}]^\\top \\\\ ` +
      `\\lambda(H) = ${g4(out.lambda_min)},\\ ${g4(out.lambda_max)} \\\\ \\kappa(X) = ${g4(out.cond_X)} \\\\ \\kappa(X^\\top X) = ${g4(out.cond_XtX)} \\end{gathered}`);
    renderTex(liveGd, `W_{k+1} = W_k - ${g4(out.eta)}\\, \\nabla L(W_k)`);
    critical.textContent = `Critical η = 2/λ_max = ${g4(out.eta_crit)}; now η = ${g4(out.eta)} ` +
      `(${(out.eta / out.eta_crit * 100).toFixed(0)}% of it).`;
    message.textContent = out.message;
    message.classList.toggle("bad", !!out.message);
    animate();
  }

  // ----- animation: the GD line walks along the path, the charts grow with it -----
  let start = 0;
  let animating = false;
  function animate() {
    if (!result) return;
    start = performance.now();
    draw(result, 0);   // at once: a frame off screen (a deck's next slide) gets no animation frames
    if (!animating) { animating = true; requestAnimationFrame(tick); }
  }
  function tick(now) {
    if (!page.alive || !result) { animating = false; return; }
    const K = result.path.shape[0] - 1;
    const k = Math.max(0, Math.min(K, Math.round(((now - start) / ANIMATION_MS) * K)));
    draw(result, k);
    if (k < K) requestAnimationFrame(tick);
    else animating = false;
  }

  function draw(out, k) {
    shownStep = k;
    if (charts) {
      const ks = [...Array(k + 1).keys()];
      const losses = Array.from(out.losses.data.subarray(0, k + 1));
      charts.loss.reset();
      charts.loss.push(ks, losses, ks.map(() => out.loss_hat));
      charts.dist.reset();
      charts.dist.push(ks, Array.from(out.distances.data.subarray(0, k + 1), (d) => (d > 0 ? Math.log10(d) : null)));
      charts.loss.render();
      charts.dist.render();
    }
    const W = out.path.data.subarray(2 * k, 2 * k + 2);
    stepText.textContent = `Iteration ${k}: W = [${f3(W[0])}, ${f3(W[1])}], ‖W − Ŵ‖ = ${g4(out.distances.data[k])}`;
    plot(out, W);
  }

  function plot(out, W) {
    const ctx = canvas.getContext("2d");
    const { width, height } = canvas;
    const k = cssScale(canvas);                       // canvas px per CSS px
    const projector = document.body.classList.contains("projector");
    // Tick labels as large as the page's smallest text (0.8rem, which follows a slide's size), and ≥ 14 CSS px.
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const font = Math.max(14, Math.round(0.8 * rem)) * k;
    const thin = (projector ? 3.2 : 1) * k;
    const x = out.x.data;
    const y = out.y.data;
    const [x0, x1] = out.x_range;
    let y0 = Math.min(...y, -1);
    let y1 = Math.max(...y, 1);
    const pad = 0.1 * (y1 - y0);
    y0 -= pad; y1 += pad;
    const yTicks = niceTicks(y0, y1, 5);
    ctx.font = `${font}px system-ui, sans-serif`;
    const label = (v) => (Math.abs(v) < 1e-9 ? "0" : String(Number(v.toPrecision(6))).replace("-", "−"));
    const ml = 10 * k + Math.max(...yTicks.map((t) => ctx.measureText(label(t)).width));   // room for the y labels
    const mb = 10 * k + font;
    const mt = 10 * k;
    const mr = 10 * k;
    const px = (v) => ml + (v - x0) / (x1 - x0) * (width - ml - mr);
    const py = (v) => height - mb - (v - y0) / (y1 - y0) * (height - mt - mb);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = "#e3e5e8";                      // light grid lines at the y ticks
    ctx.lineWidth = thin;
    ctx.beginPath();
    for (const t of yTicks) { ctx.moveTo(ml, py(t)); ctx.lineTo(width - mr, py(t)); }
    ctx.stroke();
    ctx.strokeStyle = "#999";
    ctx.lineWidth = thin;
    ctx.beginPath();
    ctx.moveTo(ml, py(0)); ctx.lineTo(width - mr, py(0));     // the x axis (y = 0)
    ctx.moveTo(px(0), mt); ctx.lineTo(px(0), height - mb);     // the y axis (x = 0)
    ctx.stroke();
    ctx.fillStyle = "#55585e";
    ctx.textAlign = "center";
    const xTicks = [];
    for (let t = Math.ceil(x0); t <= x1; t++) { ctx.fillText(String(t), px(t), height - 4 * k); xTicks.push(t); }
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const t of yTicks) ctx.fillText(label(t), ml - 6 * k, py(t));
    ctx.textAlign = "start";
    ctx.textBaseline = "alphabetic";
    // The ticks drawn, as text on the canvas: it cannot be read, a test can.
    canvas.dataset.xTicks = xTicks.join(" ");
    canvas.dataset.yTicks = yTicks.join(" ");
    ctx.fillStyle = "#e8710a";
    const r = (projector ? 6 : 4) * k;
    for (let i = 0; i < x.length; i++) {
      ctx.beginPath();
      ctx.arc(px(x[i]), py(y[i]), r, 0, 2 * Math.PI);
      ctx.fill();
    }
    const line = ([w, b], colour, lineWidth, dash) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(ml, mt, width - ml - mr, height - mt - mb);
      ctx.clip();
      ctx.beginPath();
      ctx.moveTo(px(x0), py(w * x0 + b));
      ctx.lineTo(px(x1), py(w * x1 + b));
      ctx.strokeStyle = colour;
      ctx.lineWidth = lineWidth * k;
      ctx.setLineDash(dash.map((d) => d * k));
      ctx.stroke();
      ctx.restore();
      return [px(x0), py(w * x0 + b), px(x1), py(w * x1 + b)].map(Math.round);
    };
    // GD's line first and wider, Ŵ's dashes on top: where GD has arrived, both show (blue edged black dashes).
    line(W, "#1967d2", projector ? 7 : 5, []);
    canvas.dataset.wHat = line(out.W_hat.data, "#111", projector ? 4 : 2.5, [9, 6]).join(" ");
  }

  update();
  return () => {
    unwatch();
    charts?.loss.destroy();
    charts?.dist.destroy();
  };
}
