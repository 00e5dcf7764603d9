// Classroom mode: a link that hides chosen controls, so students see only what the lecture needs.
import { el, checkbox, button } from "../../ui/controls.js";

export const HIDEABLE = ["problem", "dataset", "noise", "trainRatio", "batchSize", "seed", "points", "features",
  "hidden", "big", "activation", "learningRate", "regularization", "regRate", "loss", "optimizer", "beta",
  "stop", "showTest", "discretize", "extras"];
const NAMES = { problem: "Problem type", dataset: "Dataset", noise: "Noise", trainRatio: "Training data",
  batchSize: "Batch size", seed: "Regenerate", points: "Your own data", features: "Input features",
  hidden: "Hidden layers", big: "Bigger networks", activation: "Activation", learningRate: "Learning rate",
  regularization: "Regularization", regRate: "Regularization rate", loss: "Loss", optimizer: "Optimizer",
  beta: "Momentum β", stop: "Stop condition", showTest: "Show test data", discretize: "Discretize output",
  extras: "Export, import and compare" };

/** controls(): {key: element} of the page's controls. */
export function classroomPanel(state, onChange, controls) {
  const status = el("p", { "aria-live": "polite" });
  const boxes = HIDEABLE.map((key) => checkbox(`Hide ${NAMES[key]}`, state.hide.includes(key), (on) => {
    const next = HIDEABLE.filter((k) => (k === key ? on : state.hide.includes(k)));
    onChange("hide", next);
  }));
  const copy = button("Copy classroom link", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = "Link copied: it opens this setup with the chosen controls hidden.";
    } catch {
      status.textContent = `Copy this link: ${location.href}`;
    }
  });
  const node = el("details", { class: "panel classroom" }, el("summary", { text: "Classroom mode" }),
    el("p", { text: "Choose controls to hide; the page's link keeps the choice (and the whole setup)." }),
    el("div", { class: "hide-list" }, ...boxes.map((b) => b.node)), copy, status);
  return {
    node,
    apply() {
      const map = controls();
      for (const key of HIDEABLE) if (map[key]) map[key].hidden = state.hide.includes(key);
      if (state.hide.length) node.open = false;
    },
  };
}
