// Lesson 5: universal approximation. H sigmoid units with chosen steps, output weights by least
// squares, fit a target f on [0, 1]; the sup error over a fine grid, and how it falls with H.
import { el, slider, select, button } from "../ui/controls.js";
import { renderTex } from "../ui/formula.js";
import { LessonPage } from "../ui/lesson.js";
import { sharpCanvas, cssScale } from "../ui/fit.js";
import { range, sci, texSci } from "./cybenko-axes.js";

const ROUTE = "cybenko";
const PRESETS = {   // same expressions as PRESETS in cybenko.py
  sin: "sin(2*pi*x)",
  kink: "abs(x - 1/2)",
  step: "(1 + tanh(30*(x - 1/2)))/2",
  square: "x**2",
};
const TARGETS = [["sin", "sin 2πx"], ["kink", "|x − ½|"], ["step", "smoothed step"], ["square", "x²"], ["custom", "custom expression"]];
const SCHEMA = {
  target: { type: "choice", values: TARGETS.map(([v]) => v), default: "sin" },
  expr: { type: "text", maxLength: 200, default: PRESETS.sin },
  H: { type: "int", min: 1, max: 100, default: 10 },
};
const INK = "#1b1b1f";
const NET = "#1967d2";
const ORANGE = "#e8710a";

/** Sizes for drawing on `canvas`, in canvas px: text legible on a slide (≥ 20 CSS px on a projector). */
function ink(canvas) {
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

/** This lesson is composed of parts (lessons/index.js lists them): the shell may mount one alone. */
export const partsReady = true;

export function mount(root, ctx) {
  const page = new LessonPage(root, ctx, {
    route: ROUTE, title: "5. Universal approximation", module: "backprop_lab.lessons.cybenko", schema: SCHEMA,
    styles: ["lessons/cybenko.css"],
    lede: "One hidden layer of sigmoids, added up with the right weights, can follow any continuous curve as closely as you like, given enough units.",
  });
  const s = page.state;
  if (s.target !== "custom" && s.expr !== PRESETS[s.target]) page.set("expr", PRESETS[s.target]);   // a preset's own expression wins, in the URL too
  page.tex("a(x) = \\sum_{h=1}^{H} \\alpha_h\\, \\sigma(w_h x + b_h) + \\alpha_0, \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}");
  const hub = new EventTarget();   // in the article, the fit part tells the error part what it fitted
  page.part("fit", { title: "H sigmoid units fit a function" }, (p) => fitPart(page, p, hub));
  page.part("error", { title: "The error shrinks as H grows" }, (p) => errorPart(page, p, hub));

  // ---- the theorem ---------------------------------------------------------------------------
  const theorem = page.section("Cybenko's theorem (1989)");
  page.text("Call $\\sigma$ a sigmoid if it is continuous, tends to 0 as $z \\to -\\infty$ and to 1 as $z \\to +\\infty$. Then one hidden layer of such units is enough to approximate every continuous function on the cube uniformly: for every continuous $f$ on $[0,1]^n$ and every tolerance $\\varepsilon > 0$ there are a number of units $H$ and parameters $w_h \\in \\mathbb{R}^n$, $b_h, \\alpha_h \\in \\mathbb{R}$ with", theorem);
  page.tex("a(x) = \\sum_{h=1}^{H} \\alpha_h\\, \\sigma\\big(\\langle w_h, x \\rangle + b_h\\big), \\qquad |a(x) - f(x)| < \\varepsilon \\ \\text{ for all } x \\in [0,1]^n.", theorem);
  page.text("The theorem says such weights exist, not how to find them or how many units are needed; the page above finds them for $n = 1$ by least squares. (The lecture slide writes one $\\sigma$ around the whole weighted sum; in Cybenko's paper, and here, each unit has its own $\\sigma$ and the output adds them up linearly. The constant $\\alpha_0$ is a convenience: a unit with $w_h = 0$ is the constant $\\sigma(b_h)$ and could stand in for it. A unit with a large $|w_h|$ is not constant: it is a near-step at $x = -b_h / w_h$, flat only on intervals that avoid that point, such as all of $[0, 1]$ when the step lies outside it.)", theorem);

  return () => page.destroy();
}

/** The fit of f by H units: f and a(x), the units one by one, the sup error; Target f and H. */
function fitPart(page, p, hub) {
  const frame = page.framer();
  const s = page.state;
  p.text("Each unit $\\alpha_h \\sigma(w_h x + b_h)$ is a smooth step of height $\\alpha_h$, rising around $x = -b_h / w_h$; the larger $w_h$, the steeper. A sum of many small steps at different places is a staircase, and a staircase with small enough treads follows any continuous curve. That is the whole idea behind the theorem below, and you can watch it happen in the lower picture.");
  p.text("How the page fits: the hidden weights are chosen, not trained. Unit $h$ is centred at $c_h = (h - \\tfrac12)/H$ with steepness $s = 2H$, so $w_h = s$ and $b_h = -s\\,c_h$; more units means narrower, steeper steps. Only the output weights $\\alpha_0, \\dots, \\alpha_H$ are fitted, by linear least squares on 501 points with np.linalg.lstsq, which goes through an SVD instead of inverting $\\Phi^\\top \\Phi$. The error reported is the largest gap $\\sup |a - f|$ over 2001 evenly spaced points.");
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const exprInput = el("input", { type: "text", id: "cyb-expr", value: s.expr, spellcheck: "false", autocomplete: "off",
    "aria-describedby": "cyb-expr-help" });
  const targetSel = select("Target f", TARGETS, s.target, (v) => {
    page.set("target", v);
    if (v !== "custom") { exprInput.value = PRESETS[v]; request(PRESETS[v], s.H); } else { p.more.open = true; exprInput.focus(); }
  });
  const hSlider = slider("Hidden units H", { min: 1, max: 100, step: 1, value: s.H }, (v) => request(lastGood || s.expr, v, true));
  hSlider.input.addEventListener("input", () => request(lastGood || s.expr, Number(hSlider.input.value), false));
  const fitNow = () => {
    const text = exprInput.value.trim();
    const preset = Object.keys(PRESETS).find((k) => PRESETS[k] === text) || "custom";
    targetSel.input.value = preset;
    page.set("target", preset);
    request(text, s.H, true, true);
  };
  exprInput.addEventListener("keydown", (ev) => { if (ev.key === "Enter") fitNow(); });
  const message = el("p", { class: "problem", role: "alert" });
  const stat = el("p", { class: "stat-line", "aria-live": "polite" });
  const fitCanvas = el("canvas", { width: 640, height: 300, class: "curve cyb-fit", role: "img",
    "aria-label": "The fit: f and the network's a(x) on [0, 1]" });
  const unitCanvas = el("canvas", { width: 640, height: 200, class: "curve cyb-units", role: "img",
    "aria-label": "The individual units alpha_h sigma(w_h x + b_h)" });
  p.figure.append(fitCanvas,
    el("p", { class: "legend" }, key(INK, "f (target)"), key(NET, "a(x), the network", true)),
    unitCanvas, el("p", { class: "legend", text: "Each unit αₕσ(wₕx + bₕ): blue ones step up, orange ones step down." }));
  p.numbers.append(stat, live);
  p.controls.append(targetSel.node, hSlider.node, message);
  // The expression box: for a custom f (choosing "custom expression" opens it).
  p.addMore(el("div", { class: "field" }, el("label", { for: "cyb-expr", text: "Expression f(x)" }), exprInput, button("Fit f", fitNow)),
    el("p", { id: "cyb-expr-help", class: "hint", text: "Use x, numbers, + − * / ** and sin cos exp log sqrt abs tanh, pi, e." }));
  p.python(["fit", "fit_alpha", "hidden_weights", "parse_expression", "target"]);

  let lastGood = null;     // the expression of the fit on screen
  let fitOut = null;
  let wanted = null;
  let busy = false;

  /** Ask for a fit of `expression` with H units; `store` puts H in the URL. */
  function request(expression, H, store = false, explicit = false) {
    wanted = { expression, H, store, explicit };
    if (!busy) run();
  }

  async function run() {
    busy = true;
    while (wanted) {
      const job = wanted;
      wanted = null;
      const out = await page.call("fit", { expression: job.expression, H: job.H });
      if (!out) continue;
      if (out.error) {
        message.textContent = `“${job.expression}” cannot be used: ${out.error}` +
          (lastGood ? " The previous fit stays." : "");
        continue;
      }
      message.textContent = "";
      lastGood = job.expression;
      fitOut = out;
      s.H = job.H;
      if (job.store || job.explicit || s.expr !== job.expression) { page.set("expr", job.expression); page.set("H", job.H); }
      hub.dispatchEvent(new CustomEvent("fit", { detail: { expression: job.expression, H: out.H, sup_error: out.sup_error } }));
      frame(draw);
    }
    busy = false;
  }

  function draw() {
    if (!fitOut) return;
    const { x, f, a, units, H } = fitOut;
    renderTex(live, `\\begin{gathered} a(x) = \\sum_{h=1}^{${H}} \\alpha_h \\sigma(w_h x + b_h) + \\alpha_0 \\\\ \\sup_{x} |a(x) - f(x)| = ${texSci(fitOut.sup_error)} \\end{gathered}`);
    stat.textContent = `sup |a − f| = ${sci(fitOut.sup_error)} at x = ${fitOut.sup_at.toFixed(3)} (over 2001 points), H = ${H}`;
    const xs = x.data;
    let lo = Infinity; let hi = -Infinity;
    for (const arr of [f.data, a.data]) for (const v of arr) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const ticks01 = [0, 0.2, 0.4, 0.6, 0.8, 1];
    plot(fitCanvas, [{ x: xs, y: f.data, colour: INK, width: 3 }, { x: xs, y: a.data, colour: NET, width: 2, dash: [7, 4] }],
      { ...range(lo, hi), xticks: ticks01, xfmt: (v) => v.toFixed(1) });
    const [count, n] = units.shape;
    const lines = [];
    let ulo = 0; let uhi = 0;
    for (let h = 0; h < count; h++) {
      const y = units.data.subarray(h * n, (h + 1) * n);
      for (const v of y) { ulo = Math.min(ulo, v); uhi = Math.max(uhi, v); }
      lines.push({ x: xs, y, colour: y[n - 1] >= y[0] ? NET : ORANGE, width: 1.5, alpha: count > 30 ? 0.5 : 0.85 });
    }
    plot(unitCanvas, lines, { ...range(ulo, uhi), xticks: ticks01, xfmt: (v) => v.toFixed(1), xlabel: "x" });
  }

  const unwatch = [fitCanvas, unitCanvas].map((c) => sharpCanvas(c, () => frame(draw)));
  request(s.expr, s.H);
  return () => unwatch.forEach((u) => u());
}

/** sup |a − f| against H on log scales, with the current H marked, and the table of the values. */
function errorPart(page, p, hub) {
  const frame = page.framer();
  const s = page.state;
  p.text("For each $H$ in 1, 2, 4, …, 64, 100 the same recipe is fitted again and its sup error measured. Both axes are logarithmic, so an error proportional to $1/H$ is a straight line falling one decade per decade of $H$. The kink $|x - \\tfrac12|$ follows that line from $H = 2$ on: its error times $H$ stays between 0.14 and 0.18 for the $H$ plotted here (about 0.24 for odd $H$, when a unit is centred on the kink). So does $x^2$, and so does $\\sin 2\\pi x$, once $H \\ge 4$ units can trace its two bumps. The smoothed step is different: while the units are wider than its rise the error hardly moves, and once they are narrower it falls far faster than $1/H$: from $H = 16$ to $64$ it drops by a factor of more than 100.");
  const curveCanvas = el("canvas", { width: 640, height: 240, class: "curve cyb-curve", role: "img",
    "aria-label": "sup |a − f| against H, both on log scales" });
  const curveTable = el("table", { class: "sweep" });
  const message = el("p", { class: "problem", role: "alert" });
  p.figure.append(curveCanvas,
    el("p", { class: "legend" }, key(NET, "sup |a − f| for H = 1, 2, 4, …, 100"), key(ORANGE, "the current H")));
  p.numbers.append(curveTable);
  p.python(["error_curve"]);

  let curve = null;
  let curveFor = null;     // the expression of the error curve on screen
  let marker = null;       // {expression, H, sup_error} of the fit shown (the orange dot)
  let wanted = null;
  let busy = false;

  async function load(expression, fitToo) {
    wanted = { expression, fitToo };
    if (busy) return;
    busy = true;
    while (wanted) {
      const job = wanted;
      wanted = null;
      if (job.fitToo) {   // alone: the dot needs the fit at the lesson's H
        const f = await page.call("fit", { expression: job.expression, H: s.H });
        if (f && f.error) { message.textContent = `“${job.expression}” cannot be used: ${f.error}`; continue; }
        if (f) marker = { expression: job.expression, H: f.H, sup_error: f.sup_error };
      }
      if (curveFor !== job.expression) {
        const c = await page.call("error_curve", { expression: job.expression });
        if (c && c.error) { message.textContent = `“${job.expression}” cannot be used: ${c.error}`; continue; }
        if (c) { curve = c; curveFor = job.expression; showTable(); }
      }
      message.textContent = "";
      frame(drawCurve);
    }
    busy = false;
  }

  if (p.alone) {   // a slide: its own choice of f; the dot is the fit at the H of the link
    const targetSel = select("Target f", TARGETS.filter(([v]) => v !== "custom" || s.target === "custom"), s.target, (v) => {
      page.set("target", v);
      page.set("expr", PRESETS[v]);
      load(PRESETS[v], true);
    });
    p.controls.append(targetSel.node, message);
    load(s.expr, true);
  } else {
    p.controls.append(message);
    hub.addEventListener("fit", (ev) => { marker = ev.detail; load(ev.detail.expression, false); });
  }

  function drawCurve() {
    if (!curve) return;
    const lx = curve.H.map((h) => Math.log10(h));
    const ly = curve.sup_error.map((e) => Math.log10(Math.max(e, 1e-16)));
    const series = [{ x: lx, y: ly, colour: NET, width: 2, dots: 3.5 }];
    if (marker && marker.expression === curveFor) {
      series.push({ x: [Math.log10(marker.H)], y: [Math.log10(Math.max(marker.sup_error, 1e-16))], colour: ORANGE, width: 0, dots: 6 });
    }
    const ylo = Math.floor(Math.min(...ly, series[series.length - 1].y[0]));
    const yhi = Math.ceil(Math.max(...ly, series[series.length - 1].y[0]) + 0.01);
    const yticks = [];
    for (let t = ylo; t <= yhi; t++) yticks.push(t);
    plot(curveCanvas, series, {
      xlim: [0, 2], ylim: [ylo, yhi], xticks: [1, 2, 4, 8, 16, 32, 64, 100].map(Math.log10), xfmt: (v) => String(Math.round(10 ** v)),
      yticks, yfmt: (v) => (v >= 0 && v <= 3 ? String(10 ** v) : `1e${v}`), xlabel: "H (hidden units)",
    });
  }

  function showTable() {
    curveTable.replaceChildren(
      el("caption", { text: `sup |a − f| for f = ${curveFor}` }),
      el("tr", {}, el("th", { scope: "col", text: "H" }), el("th", { scope: "col", text: "sup |a − f|" })),
      ...curve.H.map((h, i) => el("tr", {}, el("td", { text: String(h) }), el("td", { text: sci(curve.sup_error[i]) }))));
  }

  return sharpCanvas(curveCanvas, () => frame(drawCurve));
}

function key(colour, text, dashed = false) {
  return el("span", { class: "key" }, el("span", { class: `swatch${dashed ? " dashed" : ""}`, style: `border-color: ${colour}` }), text);
}
