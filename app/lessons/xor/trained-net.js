// Lesson 3 (XOR), part "trained-net" (see index.js).
import { el, button } from "../../ui/controls.js";
import { LineChart } from "../../ui/chart.js";
import { Player, pythonCall } from "../../ui/player.js";
import { truthTable, figBox } from "../logic.js";
import { fix, plane, summaryLine, rightOf, sharpPlane, changer } from "./shared.js";

// ----- (d) a 2-2-1 net learns XOR -----
export function trainedNetPart(page, p) {
  const s = page.state;
  const change = changer(page);
  const cleanups = [];
  p.text("Now nobody chooses the weights. A network with two sigmoid hidden units and one sigmoid output starts from random weights (the seed picks them) and runs gradient descent on all four points, with the gradient from backpropagation. The dashed lines are where each hidden unit's input is zero: watch them move into place, much like the OR and AND lines of the gate network.");
  p.text("It does not always work. For some seeds the network settles where two points get the answer $p = \\tfrac12$ and the loss stops falling near $\\tfrac12 \\ln 2 \\approx 0.347$. It is a plateau, not a minimum: the loss keeps creeping down while the weights grow without bound, so its floor is at infinite weights, and training is stuck there all the same. A rarer one leaves three points at $p \\approx \\tfrac23$ with the loss near $0.48$ (seed 34): one of the three is wrong, and the output cannot move one of them without making the others worse. The page says so when either happens; try New seed.");
  const d = { status: null, pauseNow: false };
  const canvas = plane("The 2-2-1 network's output over the plane, with its hidden units' lines");
  const { heatmap, redraw } = sharpPlane(page, canvas, cleanups);
  const table = el("div");
  const summary = summaryLine();
  const chartBox = el("div", { class: "chart", role: "img", "aria-label": "Loss of the 2-2-1 network per epoch" });
  const seedInput = el("input", { id: "xor-seed", type: "number", min: 0, max: 999999, step: 1, value: s.seed });
  seedInput.addEventListener("change", () => {
    const v = Number(seedInput.value);
    if (!Number.isInteger(v) || v < 0 || v > 999999) {
      summary.textContent = "The seed must be a whole number from 0 to 999999.";
      seedInput.value = s.seed;
      return;
    }
    change("seed", v, resetD);
  });
  const newSeed = button("New seed", () => {
    let v = s.seed;
    while (v === s.seed) v = Math.floor(Math.random() * 1000);
    seedInput.value = v;
    change("seed", v, resetD);
  });
  const call = pythonCall(page);
  const player = new Player(page, {
    reset: () => call("setup", { seed: s.seed }),
    train: (chunk) => call("train", chunk),
    chunk: CHUNK,
    show: applyD,
    losses: (f) => f.losses,
    pauseWhen: () => d.pauseNow,   // a new end state: paused there (Play goes on from there)
    divergedText: () => "The loss became infinite or NaN: press Reset.",
    extra: [newSeed],
  });
  const seedField = el("div", { class: "field" }, el("label", { for: "xor-seed", text: "Seed of the random weights" }), seedInput);
  p.figure.append(figBox(p, canvas));
  p.numbers.append(table, summary);
  if (p.alone) { p.controls.append(player.node); p.addMore(seedField, chartBox); }
  else p.controls.append(seedField, player.node, chartBox);
  const chart = new LineChart(chartBox, [{ label: "loss", stroke: "#1f1f1f" }], { xLabel: "epoch", yLabel: "loss", height: 160 });
  const frame = page.framer();

  function resetD() { return player.reset(); }

  function applyD(f) {
    if (f.epochs[0] === 0) { chart.reset(); d.status = null; }   // a reset: the chart starts afresh
    chart.push(f.epochs, f.losses);
    table.replaceChildren(truthTable(`The 2-2-1 network at epoch ${f.epoch}`, [
      ["x¹", (r) => r.x1], ["x²", (r) => r.x2], ["p", (r) => fix(r.p)], ["Answer", (r) => r.output], ["XOR", (r) => r.target]], f.rows));
    const head = `Epoch ${f.epoch} · loss ${fix(f.loss)} · ${f.n_right}/4 right`;
    const solved = f.solved_at != null ? ` · reached 4/4 at epoch ${f.solved_at}` : "";
    const say = new Map([
      ["training", f.n_right === 4 ? "." : ""],
      ["done", ". Trained: all four points are right and the loss is small."],
      ["stuck", `. Stuck: the loss has stopped falling at ${fix(f.loss)} with ${f.n_right}/4 right — a plateau for this seed (the loss creeps down only as the weights grow). Try New seed.`],
      ["limit", ". Stopped after the epoch limit without getting all four: try New seed."],
      ["diverged", ". The loss became infinite or NaN: press Reset."],
    ]).get(f.status) ?? "";
    summary.textContent = head + solved + say;
    d.pauseNow = f.status !== d.status && END_STATES.includes(f.status);
    d.status = f.status;
    if (f.map) heatmap.setBoundary(f.map);
    redraw((h) => {
      h.draw([], f.hidden_lines.filter(Boolean));
      h.drawCorners(f.points.X.data, f.points.y.data, rightOf(f.rows));
    });
    frame(() => chart.render());
  }
  resetD();
  return () => {
    player.destroy();
    cleanups.forEach((c) => c());
    chart.destroy();
  };
}

const CHUNK = { epochs: 20, budget_ms: 200 };   // (d): one Python call trains at most this much

const END_STATES = ["done", "stuck", "limit", "diverged"];
