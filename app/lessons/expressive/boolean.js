// Lesson 4, part "boolean": any Boolean function of 3 inputs with two layers. The student toggles
// the truth table; Python builds one AND neuron per true row and an OR of them, runs the net on
// all 8 rows, and the page shows its answers beside the table's and draws the net.
import { el, select } from "../../ui/controls.js";
import { svg } from "./shared.js";

// Row i of the table is the input (x¹, x², x³) written in binary (x¹ first), as cube(3) in expressive.py;
// a function is the number whose bit i is its value on row i.
const ROWS = Array.from({ length: 8 }, (_, i) => [(i >> 2) & 1, (i >> 1) & 1, i & 1]);
const bitsOf = (f) => ROWS.map((_, i) => (f >> i) & 1);
const numberOf = (bits) => bits.reduce((f, b, i) => f | (b << i), 0);
export const FUNCTIONS = {   // name: [label, table]
  parity: ["XOR of all 3 (parity)", [0, 1, 1, 0, 1, 0, 0, 1]],
  majority: ["majority (at least two 1s)", [0, 0, 0, 1, 0, 1, 1, 1]],
  and: ["AND of all 3", [0, 0, 0, 0, 0, 0, 0, 1]],
  or: ["OR of all 3", [0, 1, 1, 1, 1, 1, 1, 1]],
  none: ["all false", [0, 0, 0, 0, 0, 0, 0, 0]],
};
export const BOOLEAN_SCHEMA = { f: { type: "int", min: 0, max: 255, default: numberOf(FUNCTIONS.parity[1]) } };
const SUP = ["¹", "²", "³"];
const SUB = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"];
const HALVES = new Map([[0.5, "½"], [1.5, "3⁄2"], [2.5, "5⁄2"]]);
const rowText = (x) => `(${x.join(", ")})`;

/** A hidden neuron's sum as text, e.g. "x¹ − x² + x³ − 3⁄2" (row 000: "−x¹ − x² − x³ + ½"): its weights and bias. */
function neuronText({ w, b }) {
  const terms = w.map((v, j) => `${v > 0 ? "+" : "−"} x${SUP[j]}`).join(" ").replace(/^\+ /, "").replace(/^− /, "−");
  return `${terms} ${b < 0 ? "−" : "+"} ${HALVES.get(Math.abs(b)) ?? String(Math.abs(b))}`;
}

export function booleanPart(page, p) {
  const s = page.state;
  let bits = bitsOf(s.f);
  p.tex("h_r(x) = \\Big[\\sum_{j=1}^{3} (2r_j - 1)\\, x^j - \\big(|r| - \\tfrac12\\big) > 0\\Big], \\qquad a(x) = \\Big[\\sum_{r:\\ f(r) = 1} h_r(x) - \\tfrac12 > 0\\Big]");
  p.text("Write down the rows where the function is 1. For each such row $r$ the hidden layer gets one neuron of lesson 2's AND form that recognises exactly that row: weight $+1$ on an input that is 1 in $r$, weight $-1$ on an input that is 0, and bias $-(|r| - \\tfrac12)$, where $|r|$ counts the ones. On the row itself the sum is $\\tfrac12$; on any other row at least one term goes the wrong way, so the sum is at most $-\\tfrac12$. The output is an OR of these neurons: it fires when the input is one of the true rows.");
  p.text("Click an output in the table (or Tab to it and press Space) to change the function. The net is rebuilt from the table, then run on all eight rows by Python, and its answers stand beside the table's. A function that is never 1 needs no hidden neuron at all: the OR then has nothing to add up and its bias alone gives $[-\\tfrac12 > 0] = 0$.");
  p.text("The price is the size. With $n$ inputs there are $2^n$ rows, so this recipe may need up to $2^n$ hidden neurons (parity of $n$ inputs needs $2^{n-1}$ of them). The statement is that a two-layer net exists for every Boolean function, not that it is small; deeper nets compute some functions, parity among them, with far fewer neurons.");

  const presetSel = select("Preset truth table", [["", "your own"], ...Object.entries(FUNCTIONS).map(([k, [label]]) => [k, label])],
    presetOf(bits), (v) => { if (v) { bits = [...FUNCTIONS[v][1]]; changed(); } });
  const buttons = ROWS.map((x, i) => el("button", { type: "button", class: "bit",
    onclick: () => { bits[i] = 1 - bits[i]; changed(); } }));
  const netCells = ROWS.map(() => el("td", { class: "net" }));
  const fireCells = ROWS.map(() => el("td", { class: "fires" }));
  const rowsEls = ROWS.map((x, i) => el("tr", {}, ...x.map((v) => el("td", { text: String(v) })),
    el("td", {}, buttons[i]), netCells[i], fireCells[i]));
  const table = el("table", { class: "truth bool-table" },
    el("caption", { text: "The table f (click to toggle) and the net" }),
    el("thead", {}, el("tr", {}, ...["x¹", "x²", "x³", "f", "net", "fires"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...rowsEls));
  const agree = el("p", { class: "summary", role: "status", "aria-live": "polite" });
  const count = el("p", { class: "bool-count", "aria-live": "polite" });
  const diagram = el("figure", { class: "bool-net" });
  const legend = el("p", { class: "legend", text: "Blue solid: weight +1. Orange dashed: weight −1. Each hidden neuron fires when its sum is > 0." });
  p.figure.append(diagram, legend);
  p.numbers.append(agree, count, table);
  p.controls.append(presetSel.node);
  if (p.alone) p.node.classList.add("bool-alone");
  p.python(["boolean_check", "boolean_net", "row_neuron", "cube"]);

  function presetOf(b) { return Object.keys(FUNCTIONS).find((k) => FUNCTIONS[k][1].every((v, i) => v === b[i])) || ""; }

  /** The table changed: show it at once, store it, and ask Python for the net. */
  function changed() {
    page.set("f", numberOf(bits));
    presetSel.input.value = presetOf(bits);
    buttons.forEach((btn, i) => {   // the name holds the visible digit too (WCAG 2.5.3, label in name)
      btn.textContent = String(bits[i]);
      btn.setAttribute("aria-label", `Table output for x = ${rowText(ROWS[i])}: ${bits[i]}`);
      btn.setAttribute("aria-pressed", bits[i] ? "true" : "false");
    });
    update();
  }

  const update = page.follow("boolean_check", () => ({ table: [...bits] }), (out) => {
    out.rows.forEach((r, i) => {
      netCells[i].textContent = String(r.net);
      fireCells[i].textContent = r.fires.length ? r.fires.map((j) => `h${SUB[j]}`).join(" ") : "–";
      rowsEls[i].className = r.agree ? "right" : "wrong";
    });
    agree.textContent = `The net agrees with the table on ${out.n_agree} of 8 rows.`;
    count.textContent = out.hidden ? `${out.hidden} hidden AND neuron${out.hidden > 1 ? "s" : ""} (one per true row), then 1 OR.`
      : "No true row, so no hidden neuron: the OR has no inputs and outputs [−½ > 0] = 0 on every row.";
    diagram.replaceChildren(netDiagram(out));
  });
  changed();
}

/** The net as an SVG: inputs x¹..x³, one pill per hidden AND neuron with its sum written in it (its
 *  weights, readable), edges coloured by the weight's sign, and the OR with its weights of 1. */
function netDiagram(out) {
  const m = out.hidden;
  const gap = 54;
  const height = 8 * gap + 40;   // room for all 8 rows whatever m is, so the picture keeps its size
  const yHidden = (j) => 20 + gap / 2 + j * gap + (8 - m) * gap / 2;
  const yInput = (j) => height / 2 + (j - 1) * Math.min(110, (height - 60) / 2);
  const [xIn, xPill, pillW, xOr] = [44, 180, 260, 590];
  const root = svg("svg", { viewBox: `0 0 680 ${height}`, role: "img",
    "aria-label": m ? `The net: 3 inputs, ${m} hidden AND neuron${m > 1 ? "s" : ""}, one OR output` : "The net: 3 inputs and an OR output with no hidden neuron" });
  root.append(svg("title", {}, "The two-layer net built from the truth table"));
  out.neurons.forEach((n, j) => {
    n.w.forEach((w, i) => root.append(svg("line", { x1: xIn, y1: yInput(i), x2: xPill, y2: yHidden(j), class: w > 0 ? "edge" : "edge negative" })));
    root.append(svg("line", { x1: xPill + pillW, y1: yHidden(j), x2: xOr, y2: height / 2, class: "edge" }));
  });
  out.neurons.forEach((n, j) => {   // the OR's weight 1, near the pill, where no other edge passes
    const [x1, y1] = [xPill + pillW, yHidden(j)];
    const t = 0.16;
    root.append(svg("text", { x: x1 + (xOr - x1) * t, y: y1 + (height / 2 - y1) * t - 7, class: "weight" }, "1"));
  });
  ["x¹", "x²", "x³"].forEach((name, i) => {
    root.append(svg("circle", { cx: xIn, cy: yInput(i), r: 24, class: "node" }));
    root.append(svg("text", { x: xIn, y: yInput(i) + 6, class: "name" }, name));
  });
  out.neurons.forEach((n, j) => {
    root.append(svg("rect", { x: xPill, y: yHidden(j) - 19, width: pillW, height: 38, rx: 19, class: "node" }));
    root.append(svg("text", { x: xPill + pillW / 2, y: yHidden(j) + 6, class: "sum" }, `h${SUB[j + 1]}: ${neuronText(n)}`));
  });
  root.append(svg("circle", { cx: xOr, cy: height / 2, r: 30, class: "node" }));
  root.append(svg("text", { x: xOr, y: height / 2 + 6, class: "name" }, "OR"));
  root.append(svg("text", { x: xOr + 28, y: height / 2 + 58, class: "bias" }, "b = −½"));   // right of the edges coming in
  if (!m) root.append(svg("text", { x: (xIn + xOr) / 2, y: height / 2 + 6, class: "bias" }, "no hidden neuron: a = [−½ > 0] = 0"));
  return root;
}
