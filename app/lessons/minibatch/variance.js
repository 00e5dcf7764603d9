// Lesson 10 (minibatch), part "variance" (see index.js).
import { el, button } from "../../ui/controls.js";
import { LineChart } from "../../ui/chart.js";

/** Many batches at fixed weights: how far their gradient scatters from the full one, against M. */
export function variancePart(page, p, shared) {
  const s = page.state;
  const frame = page.framer();
  p.text("Hold the weights fixed and draw many batches of size $M$: each gives a gradient $g_M$ that scatters around the full gradient $g$. The mean squared distance falls like $1/M$: a batch's $M$ samples are drawn without replacement from the $N$ training points, so their noise averages out as $\\frac{\\sigma^2}{M}\\cdot\\frac{N-M}{N-1}$, which is $\\sigma^2/M$ while $M$ is small next to $N$ and 0 at $M = N$ (the full batch). On log-log axes that is a straight line of slope $-1$ until $M$ nears $N$. A batch four times bigger costs four times more and has only half the scatter in length.");
  p.tex("\\operatorname{Var}(M) = \\mathbb{E}\\,\\lVert g_M - g \\rVert^2 \\approx \\frac{\\sigma^2}{M}");
  const varButton = button("Measure again", () => measure(), { disabled: true });
  const slopeText = el("p", { class: "mb-slope", role: "status" });
  const varBox = el("div", { class: "chart", role: "img", "aria-label": "log10 of the gradient variance against log10 M, with the 1/M reference line" });
  p.figure.append(varBox);
  p.numbers.append(slopeText);
  p.controls.append(varButton);
  const varChart = new LineChart(varBox, [
    { label: "measured log₁₀ Var", stroke: "#1967d2" },
    { label: "1/M reference", stroke: "#888888", dash: [6, 4] },
  ], { xLabel: "log₁₀ M", yLabel: "log₁₀ variance", height: 220, fill: p.alone });
  p.python(["gradient_variance", "fit_slope"]);
  // ----- variance: one call per M, drawn as it arrives -----
  async function measure() {
    varButton.disabled = true;
    varChart.reset();
    slopeText.textContent = "Measuring: 200 batches for each M…";
    const Ms = [1, 2, 4, 8, 16, 32, 64];
    const variances = [];
    const frozen = await page.call("freeze");   // the weights stay fixed while we measure
    if (!frozen) { varButton.disabled = false; return; }
    for (const M of Ms) {
      const out = await page.call("gradient_variance", { M, batches: 200 });
      if (!out) { varButton.disabled = false; return; }
      variances.push(out.variance);
      const ref = Math.log10(variances[0]) - Math.log10(M);   // 1/M through the first point
      varChart.push([Math.log10(M)], [Math.log10(out.variance)], [ref]);
      frame(() => varChart.render());
    }
    const fit = await page.call("fit_slope", { Ms, variances });
    if (fit) {
      slopeText.textContent = `Fitted log-log slope: ${fit.slope.toFixed(2)} (1/M would be −1), ` +
        `measured at the weights after ${frozen.batches_trained} batches. ` +
        `Variance at M = 1: ${variances[0].toFixed(3)}, at M = 64: ${variances[Ms.length - 1].toFixed(4)}.`;
    }
    varButton.disabled = false;
  }

  (async () => {
    // In the article, measure at the weights the train part starts from; alone, set the net up first.
    if (shared.ready) await shared.ready;
    else if (!(await page.call("setup", { batch_size: s.M, lambda_: s.lambda, eta: s.eta }))) return;
    if (page.alive) await measure();
  })();
  return () => varChart.destroy();
}
