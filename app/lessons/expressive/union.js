// Lesson 4, part "union": three layers of threshold neurons separate a union of convex pieces
// (edges, one AND per piece, an OR at the output), which need not be convex nor connected.
import { el, select } from "../../ui/controls.js";
import { renderTex } from "../../ui/formula.js";
import { Heatmap } from "../../ui/heatmap.js";
import { sharpCanvas } from "../../ui/fit.js";
import { figBox } from "../logic.js";
import { DOMAIN, layerTex, smallMultiple, drawPolygons, extras } from "./shared.js";

export function unionPart(page, p) {
  const s = page.state;
  const frame = page.framer();
  p.tex("g_i = \\Big[\\sum_{j \\in \\text{piece } i} h_j - \\big(k_i - \\tfrac12\\big) > 0\\Big], \\qquad a(x) = \\Big[\\sum_{i=1}^{m} g_i - \\tfrac12 > 0\\Big]");
  p.text("Cut the region into convex pieces. The first layer has one neuron per edge of every piece, the second layer has one AND per piece (each looks only at its own edges), and the output is an OR: weights 1 and bias $-\\tfrac12$, so one piece is enough. The L-shape is two overlapping bars; the two triangles are not even connected.");
  p.text("With one more layer, then, threshold neurons reach any region bounded by straight edges. Curved regions are approximated by polygons with more and more edges, at the price of more neurons.");
  const regionCanvas = el("canvas", { width: 360, height: 360, class: "plane", role: "img",
    "aria-label": "The three-layer network's output over the plane" });
  const regionMap = new Heatmap(regionCanvas, DOMAIN);
  const regionLegend = el("p", { class: "legend" });
  const regionSel = select("Preset region", [["two-triangles", "two triangles"], ["l-shape", "L-shape"]], s.region,
    (v) => { page.set("region", v); updateRegion(); });
  const pieceBox = el("div", { class: "multiples", role: "group", "aria-label": "Second-layer AND neurons" });
  const regionWeights = el("div", { class: "formula weights", "aria-live": "polite" });
  p.figure.append(figBox(p, regionCanvas));
  p.numbers.append(regionLegend);
  p.controls.append(regionSel.node);
  extras(p, el("h3", { text: "The second layer: one AND per piece" }), pieceBox,
    el("h3", { text: "The weights" }), regionWeights);
  let polygons = null;
  const draw = () => { if (polygons) drawPolygons(regionMap, polygons); };
  const unwatch = sharpCanvas(regionCanvas, () => frame(draw));

  async function updateRegion() {
    const region = s.region;
    const out = await page.call("region_map", { region });
    if (!out || region !== s.region) return;
    regionMap.setBoundary(out.map);
    regionLegend.textContent = `Blue: the network says inside (${(100 * out.inside).toFixed(1)}% of the square). ` +
      `${out.layers[0].b.length} edge neurons, ${out.polygons.length} AND neurons, 1 OR neuron.`;
    const [rows, cols] = out.pieces.shape.slice(1);
    const pieces = out.polygons.map((_, i) => smallMultiple(`AND neuron g${i + 1}: piece ${i + 1}`));
    pieceBox.replaceChildren(...pieces.map((m) => m.node));
    pieces.forEach((m, i) => {
      m.heatmap.setBoundary({ data: out.pieces.data.subarray(i * rows * cols, (i + 1) * rows * cols), shape: [rows, cols] });
      renderTex(m.text, `g_{${i + 1}}:\\ \\text{${out.polygons[i].length} edges}`, false);
    });
    renderTex(regionWeights, `\\begin{aligned}&${layerTex(1, out.layers[0])} \\\\ &${layerTex(2, out.layers[1], 1)} \\qquad ${layerTex(3, out.layers[2], 1)}\\end{aligned}`);
    polygons = out.polygons;
    frame(() => {
      draw();
      pieces.forEach((m, i) => drawPolygons(m.heatmap, [out.polygons[i]]));
    });
  }
  updateRegion();
  return unwatch;
}
