// Lesson 12 (convergence), part "activations" (see index.js).
import { el, slider, select } from "../../ui/controls.js";
import { LineChart } from "../../ui/chart.js";
import { Player, pythonCall } from "../../ui/player.js";
import { CHUNK, STEP, fmt, AgainButton } from "./shared.js";

const NAMES = new Map([["sigmoid", "sigmoid"], ["tanh", "tanh"], ["relu", "ReLU"]]);
const ACTIVATIONS = [...NAMES.keys()];

/** Three copies of one net, differing only in their activation, trained side by side. */
export function racePart(page, p, restart) {
  const s = page.state;
  const call = pythonCall(page);
  const frame = page.framer();
  p.text("The activation decides how well the gradient survives its trip back through the layers. The sigmoid's slope is at most $\\frac14$, and nearly 0 once a unit saturates, so every layer shrinks the gradient and the first layers barely learn. tanh is a rescaled sigmoid with slope 1 at zero; ReLU has slope exactly 1 wherever it is active.");
  p.tex("\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z)) \\le \\tfrac14, \\qquad \\tanh'(z) = 1 - \\tanh^2 z \\le 1, \\qquad \\operatorname{ReLU}'(z) = [z > 0]");
  p.text("Below, three copies of a 2-6-6-1 net start from the same weights, see the same mini-batches and differ only in the hidden activation. The winner is whichever has the lowest training loss after $N$ epochs; on some data sets it is not the one you would guess.");
  const datasetSelect = select("Data set", [["xor", "XOR"], ["circle", "Circle"], ["gauss", "Two Gaussians"], ["spiral", "Spiral"]],
    s.dataset, (v) => { page.set("dataset", v); startRace(); });
  const epochSlider = slider("Epochs N", { min: 5, max: 100, step: 5, value: s.epochs, format: String },
    (v) => { page.set("epochs", v); startRace(); });
  const seedSlider = slider("Seed", { min: 0, max: 20, step: 1, value: Math.min(s.seed, 20), format: String },
    (v) => { page.set("seed", v); for (const again of Object.values(restart)) again(); });
  const raceStatus = el("p", { class: "winner", role: "status", "aria-live": "polite" });
  const again = new AgainButton("Run again", () => startRace());
  const racePlayer = new Player(page, {
    label: "Training the race",
    reset: () => call("race_setup", { dataset: s.dataset, epochs: s.epochs, seed: s.seed }),
    train: (chunk) => call("race_train", chunk),
    chunk: CHUNK,
    stepChunk: STEP,
    show: showRace,
    epoch: (out) => (out.epoch ? out.epoch[out.epoch.length - 1] : 0),
    losses: (out) => out.loss,          // {sigmoid: [...], tanh: [...], relu: [...]}; at the reset, numbers
    pauseWhen: (out) => Boolean(out.done),
    onState: (core) => again.sync(core),
    divergedText: (out) => `Training diverged (${out.diverged.map((f) => NAMES.get(f)).join(", ")}: ` +
      "the loss is no longer finite), so the race stopped. Press Run again.",
  });
  const raceBox = el("div", { class: "chart", role: "img", "aria-label": "Training loss per epoch for sigmoid, tanh and ReLU" });
  p.figure.append(raceBox);
  p.numbers.append(raceStatus);
  p.controls.append(datasetSelect.node, epochSlider.node, racePlayer.node);
  again.attach(racePlayer);
  p.addMore(seedSlider.node);
  const raceChart = new LineChart(raceBox, [
    { label: "sigmoid", stroke: "#e8710a" }, { label: "tanh", stroke: "#1967d2" }, { label: "ReLU", stroke: "#188038" },
  ], { xLabel: "epoch", yLabel: "training loss", height: 220, fill: p.alone });

  // A newer start throws the older run away (the Player's reset).
  function startRace() { racePlayer.reset().then(() => racePlayer.play()); }
  restart.race = startRace;

  function showRace(out) {
    if (!out.epoch) {   // race_setup: the untrained nets
      again.over(false);
      raceChart.reset();
      raceChart.push([0], ...ACTIVATIONS.map((f) => [out.loss[f]]));
      raceStatus.textContent = `Epoch 0 of ${out.epochs}: press Play to race.`;
      frame(() => raceChart.render());
      return;
    }
    raceChart.push(out.epoch, ...ACTIVATIONS.map((f) => out.loss[f]));
    frame(() => raceChart.render());
    again.over(Boolean(out.done || (out.diverged && out.diverged.length)));
    if (out.diverged && out.diverged.length) {
      raceStatus.textContent = "The race stopped.";
    } else if (out.done) {
      const others = Object.entries(out.final).filter(([f]) => f !== out.winner)
        .map(([f, v]) => `${NAMES.get(f)} ${fmt(v)}`).join(", ");
      raceStatus.textContent = `Winner after ${s.epochs} epochs: ${NAMES.get(out.winner)}, ` +
        `with training loss ${fmt(out.final[out.winner])} (${others}).`;
    } else {
      raceStatus.textContent = `Training the three nets… epoch ${out.epoch[out.epoch.length - 1] || 0} of ${s.epochs}`;
    }
  }

  startRace();
  return () => { racePlayer.destroy(); raceChart.destroy(); };
}
