// Lesson 5 (cybenko), part "fit" (see index.js).
import { el, slider, select, button } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { sharpCanvas } from "../../ui/fit.js";
import { range, sci, texSci } from "./axes.js";
import { PRESETS, TARGETS, NET, ORANGE, plot, key } from "./shared.js";

/** The fit of f by H units: f and a(x), the units one by one, the sup error; Target f and H. */
export function fitPart(page, p, hub) {
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

const INK = "#1b1b1f";
