// Lesson 3 (XOR), part "feature" (see index.js).
import { el, slider } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { truthTable, figBox, num, signed } from "../logic.js";
import { plane, summaryLine, rightOf, sharpPlane, changer } from "./shared.js";

// ----- (b) the feature x1 x2 -----
export function featurePart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.tex("x^1 \\oplus x^2 = [x^1 + x^2 - 2x^1 x^2 - \\tfrac12 > 0]");
  p.text("The neuron now weighs three inputs, $x^1$, $x^2$ and their product. In those three coordinates its cut is still flat, but drawn back in the plane of $(x^1, x^2)$ it bends: $z = -2(x^1 - \\tfrac12)(x^2 - \\tfrac12)$ is positive exactly where one input is above $\\tfrac12$ and the other below. With the weight $-2$ the boundary is the degenerate hyperbola of two crossing lines; any other weight at or below $-\\tfrac32$ bends it into a proper hyperbola and still gets all four. Above $-\\tfrac32$ the corner $(1,1)$ goes wrong, because there $z = \\tfrac32 + v$ is positive: the weight $-1.25$ gets only 3 of 4. At $0$ the product is switched off and the neuron is plain OR again.");
  const canvas = plane("The neuron with the feature x1 x2: its output over the plane");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const live = el("div", { class: "formula live", "aria-live": "polite" });
  const table = el("div");
  const summary = summaryLine();
  const vs = slider("Weight of x¹x²", { min: -3, max: 1, step: 0.5, value: s.v, format: num }, (v) => change("v", v, runB));
  vs.input.addEventListener("input", () => { s.v = Number(vs.input.value); runB(); });
  p.figure.append(figBox(p, canvas));
  p.numbers.append(live, table, summary);
  p.controls.append(vs.node);

  let busy = false;
  async function runB() {
    renderTex(live, `a(x) = \\big[x^1 + x^2 ${signed(s.v)}\\,x^1 x^2 - 0.5 > 0\\big]`);
    if (busy) return;
    busy = true;
    const sent = s.v;
    const out = await page.call("feature_neuron", { v: s.v });
    busy = false;
    if (!out) return;
    table.replaceChildren(truthTable("XOR by one neuron with the feature x¹x²", [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["x¹x²", (r) => r.x1x2], ["z", (r) => num(r.z)],
      ["Neuron", (r) => r.output], ["XOR", (r) => r.target]], out.rows));
    summary.textContent = `${out.n_right}/4 rows right` + (out.n_right === 4 ? ": this neuron computes XOR." : ".");
    heatmap.setBoundary(out.map);
    redraw((h) => {
      h.draw();
      h.drawCorners(out.points.X.data, out.points.y.data, rightOf(out.rows));
    });
    if (s.v !== sent) runB();
  }
  runB();
  return () => cleanups.forEach((c) => c());
}
