// Lesson 3 (XOR), part "one-neuron" (see index.js).
import { el, slider } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { LineChart } from "../../ui/chart.js";
import { truthTable, figBox } from "../logic.js";
import { fix, plane, summaryLine, rightOf, sharpPlane, changer } from "./shared.js";

// ----- (a) one neuron -----
export function oneNeuronPart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.text("Here one neuron, $p = \\sigma(w_1 x^1 + w_2 x^2 + b)$, is trained by gradient descent on the cross-entropy, from random starting weights. Its answer is $1$ where $p > \\tfrac12$, that is on one side of its line. Move the epochs slider: at no epoch does it get all four points. The loss only falls to $\\ln 2 \\approx 0.693$, the loss of saying $p = \\tfrac12$ everywhere, which is where the weights end up as they shrink toward zero.");
  const canvas = plane("One neuron trained on XOR: its output over the plane and its line");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const table = el("div");
  const summary = summaryLine();
  const chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss of the single neuron per epoch" });
  const seedA = slider("Seed of the starting weights", { min: 0, max: 49, step: 1, value: s.seedA }, (v) => change("seedA", v, trainA));
  const epochsA = slider("Epochs of gradient descent", { min: 0, max: 300, step: 10, value: s.epochsA }, (v) => change("epochsA", v, trainA));
  p.figure.append(figBox(p, canvas));
  p.numbers.append(live, table, summary);
  if (p.alone) { p.controls.append(epochsA.node); p.addMore(seedA.node, chartBox); }
  else p.controls.append(seedA.node, epochsA.node, chartBox);
  const chart = new LineChart(chartBox, [{ label: "loss", stroke: "#1f1f1f" }, { label: "ln 2", stroke: "#c5221f", dash: [6, 4] }],
    { xLabel: "epoch", yLabel: "loss", height: 160 });
  const frame = page.framer();

  let busy = false;
  async function trainA() {
    if (busy) return;
    busy = true;
    const sent = `${s.seedA},${s.epochsA}`;
    const out = await page.call("train_single_neuron", { seed: s.seedA, epochs: s.epochsA });
    busy = false;
    if (!out) return;
    renderTex(live, `p = \\sigma(${fix(out.w1, 2)}\\,x^1 ${signed2(out.w2)}\\,x^2 ${signed2(out.b)})`);
    table.replaceChildren(truthTable(`One neuron after ${s.epochsA} epochs`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["p", (r) => fix(r.p)], ["Answer", (r) => r.output], ["XOR", (r) => r.target]], out.rows));
    summary.textContent = `${out.n_right}/4 rows right after ${s.epochsA} epochs; the best at any epoch was ${out.best}/4. ` +
      (out.line ? "" : "(Its line lies outside the square.)");
    const losses = Array.from(out.losses.data);
    chart.reset();
    chart.push(losses.map((_, i) => i), losses, losses.map(() => LN2));
    heatmap.setBoundary(out.map);
    redraw((h) => {
      h.draw([], out.line ? [out.line] : []);
      h.drawCorners(out.points.X.data, out.points.y.data, rightOf(out.rows));
    });
    frame(() => chart.render());
    if (`${s.seedA},${s.epochsA}` !== sent) trainA();
  }
  trainA();
  return () => { cleanups.forEach((c) => c()); chart.destroy(); };
}

const LN2 = Math.log(2);

const signed2 = (v) => (v >= 0 ? `+ ${v.toFixed(2)}` : `- ${(-v).toFixed(2)}`);
