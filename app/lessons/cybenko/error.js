// Lesson 5 (cybenko), part "error" (see index.js).
import { el, select } from "../../ui/controls.js";
import { sharpCanvas } from "../../ui/fit.js";
import { sci } from "./axes.js";
import { PRESETS, TARGETS, NET, ORANGE, plot, key } from "./shared.js";

/** sup |a − f| against H on log scales, with the current H marked, and the table of the values. */
export function errorPart(page, p, hub) {
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
