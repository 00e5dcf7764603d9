// Lesson 3 (XOR), part "gate-net" (see index.js).
import { el, select } from "../../ui/controls.js";
import { cssScale } from "../../ui/fit.js";
import { truthTable, figBox, isProjector } from "../logic.js";
import { ROWS, plane, summaryLine, rightOf, sharpPlane, changer, svg } from "./shared.js";
import { placeLabels, besideEdge, aroundNode } from "./labels.js";

// ----- (c) two layers of gates -----
export function gateNetPart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.tex("x^1 \\oplus x^2 = [(x^1 \\vee x^2) - (x^1 \\wedge x^2) - \\tfrac12 > 0]");
  p.text("The hidden layer is lesson 2's OR and AND neurons. The output neuron fires when OR is on and AND is off: the weight $-1$ on AND acts as a NOT. In the plane, the two hidden lines are parallel and the network's answer is the band between them, a region no single line could cut out.");
  const diagram = el("figure", { class: "net-diagram" });
  const canvas = plane("The two-layer gate network: its output over the plane and its two hidden lines");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const table = el("div");
  const summary = summaryLine();
  const rowSelect = select("Input (x¹, x²) shown in the diagram", ROWS.map((r) => [r, `(${r[0]}, ${r[1]})`]), s.row,
    (v) => change("row", v, drawC));
  p.figure.append(figBox(p, canvas));
  if (p.alone) {
    p.numbers.append(diagram, summary);
    p.controls.append(rowSelect.node);
    p.addMore(table);
  } else {
    p.numbers.append(table, summary);
    p.controls.classList.add("diagram-col");
    p.controls.append(rowSelect.node, diagram);
  }
  let net = null;

  async function runC() {
    net = await page.call("two_layer_xor");
    if (!net) return;
    table.replaceChildren(truthTable("XOR by the two-layer gate network", [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["h₁ = OR", (r) => r.h_or], ["h₂ = AND", (r) => r.h_and],
      ["Output", (r) => r.output], ["XOR", (r) => r.target]], net.rows));
    summary.textContent = `${net.n_right}/4 rows right: the network computes XOR.`;
    heatmap.setBoundary(net.map);
    drawC();
  }

  function drawC() {
    if (!net) return;
    const row = net.rows[ROWS.indexOf(s.row)];
    const { root, place } = networkDiagram(net, row);
    diagram.replaceChildren(root);
    place();
    redraw((h) => {
      h.draw([], net.lines.filter(Boolean));
      h.drawCorners(net.points.X.data, net.points.y.data, rightOf(net.rows));
      ring(h, [row.x1, row.x2]);
    });
  }
  runC();
  return () => cleanups.forEach((c) => c());
}

/** A ring around the point shown in the diagram. */
function ring(heatmap, point) {
  const ctx = heatmap.canvas.getContext("2d");
  const [cx, cy] = heatmap.toCanvas(point);
  ctx.beginPath();
  ctx.arc(cx, cy, heatmap.canvas.width / 16, 0, 2 * Math.PI);
  ctx.strokeStyle = "#111";
  ctx.lineWidth = (isProjector() ? 4 : 3) * cssScale(heatmap.canvas);
  ctx.stroke();
}

const FRACTIONS = new Map([[0.5, "½"], [-0.5, "−½"], [1.5, "3⁄2"], [-1.5, "−3⁄2"], [1, "1"], [-1, "−1"]]);

const frac = (v) => FRACTIONS.get(v) ?? String(v);

/** The gate network as an SVG: inputs, hidden OR and AND, output; weights beside the edges, biases beside the
 *  nodes, and each node's value for the chosen input row. Returns the SVG and place(), which moves the weights
 *  and biases clear of every edge once the SVG is in the page (labels.js). */
function networkDiagram(net, row) {
  const R = 26;
  const pos = { x1: [40, 60], x2: [40, 230], or: [200, 60], and: [200, 230], out: [360, 145] };
  const values = { x1: row.x1, x2: row.x2, or: row.h_or, and: row.h_and, out: row.output };
  const edges = [
    ["x1", "or", net.W1[0][0]], ["x2", "or", net.W1[1][0]], ["x1", "and", net.W1[0][1]], ["x2", "and", net.W1[1][1]],
    ["or", "out", net.W2[0][0]], ["and", "out", net.W2[1][0]],
  ];
  const root = svg("svg", { viewBox: "0 0 400 300", role: "img",
    "aria-label": `Network diagram for input (${row.x1}, ${row.x2}): OR = ${row.h_or}, AND = ${row.h_and}, output = ${row.output}` });
  root.append(svg("title", {}, "The two-layer XOR network with its weights"));
  const labels = [];
  const fixed = [];
  for (const [from, to, w] of edges) {
    const [x1, y1] = pos[from];
    const [x2, y2] = pos[to];
    const edge = `${from}-${to}`;
    root.append(svg("line", { x1, y1, x2, y2, class: w < 0 ? "edge negative" : "edge", "data-edge": edge }));
    const text = svg("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2, class: "weight", "data-edge": edge }, frac(w));
    labels.push({ node: text, own: labels.length, candidates: (tw, th) => besideEdge(pos[from], pos[to], tw, th) });
  }
  const nodes = [
    ["x1", "x¹", null], ["x2", "x²", null], ["or", "OR", net.b1[0]], ["and", "AND", net.b1[1]], ["out", "XOR", net.b2[0]],
  ];
  const biases = [];
  for (const [key, name, bias] of nodes) {
    const [x, y] = pos[key];
    const on = values[key] === 1;
    root.append(svg("circle", { cx: x, cy: y, r: R, class: on ? "node on" : "node" }));
    const value = svg("text", { x, y: y + 6, class: "value" }, String(values[key]));
    const title = svg("text", { x, y: y - R - 6, class: "name" }, name);
    root.append(value, title);
    fixed.push(value, title);
    if (bias != null) {
      const text = svg("text", { x, y: y + R + 18, class: "bias", "data-node": key }, `b = ${frac(bias)}`);
      biases.push({ node: text, candidates: (tw, th) => aroundNode(pos[key], R, tw, th) });
    }
  }
  root.append(...labels.map((l) => l.node), ...biases.map((b) => b.node));
  const place = () => {
    placeLabels(root, {
      segments: edges.map(([from, to]) => [...pos[from], ...pos[to]]),
      circles: Object.values(pos).map(([x, y]) => [x, y, R]),
      fixed,
      labels: [...biases, ...labels],
    });
    if (!root.isConnected) return;
    const b = root.getBBox();   // the frame follows the labels where they went
    if (b.width) root.setAttribute("viewBox", `${b.x - 4} ${b.y - 4} ${b.width + 8} ${b.height + 8}`);
  };
  return { root, place };
}
