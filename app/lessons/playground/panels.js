// The Playground's setting panels: data (problem, thumbnails, sliders), features, network
// (layers, activation, rates, loss, optimizer) and the run's stop condition.
import { el, select, slider, button, checkbox } from "../../ui/controls.js";
import { attachPythonPanels, panelLink } from "../../ui/code-panel.js";

const MODULE = "backprop_lab.lessons.playground";

export const LEARNING_RATES = ["0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
export const REG_RATES = ["0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
export const BETAS = ["0.5", "0.8", "0.9", "0.95", "0.99"];
export const FEATURES = [["x1", "x₁"], ["x2", "x₂"], ["x1^2", "x₁²"], ["x2^2", "x₂²"], ["x1x2", "x₁x₂"],
  ["sin_x1", "sin x₁"], ["sin_x2", "sin x₂"]];
export const DATASETS = {
  classification: [["circle", "circle"], ["xor", "xor"], ["gauss", "gauss"], ["spiral", "spiral"],
    ["moons", "moons"], ["spiral3", "3-arm spiral"], ["blobs", "4 blobs"], ["own", "your own"]],
  regression: [["plane", "plane"], ["reg-gauss", "gaussian"]],
};
export const ALL_DATASETS = [...DATASETS.classification, ...DATASETS.regression].map(([v]) => v);
// The network's size limits: TensorFlow Playground's, and the raised ones.
export const LIMITS = { normal: { layers: 6, neurons: 8 }, big: { layers: 10, neurons: 32 } };

/** The "your own" tile's picture: a few points of each class and the + of a click that adds one. */
function ownPicture() {
  const c = el("canvas", { width: 48, height: 48, "aria-hidden": "true" });
  const g = c.getContext("2d");
  if (!g) return c;
  g.fillStyle = "#f0f1f3"; g.fillRect(0, 0, 48, 48);
  for (const [x, y, colour] of [[10, 12, "#e8710a"], [20, 8, "#e8710a"], [12, 24, "#e8710a"],
    [36, 34, "#1f63d6"], [28, 40, "#1f63d6"], [40, 22, "#1f63d6"]]) {
    g.beginPath(); g.arc(x, y, 3.5, 0, 2 * Math.PI); g.fillStyle = colour; g.fill();
  }
  g.strokeStyle = "#1b1b1f"; g.lineWidth = 3; g.lineCap = "round";
  g.beginPath(); g.moveTo(30, 8); g.lineTo(30, 22); g.moveTo(23, 15); g.lineTo(37, 15); g.stroke();
  return c;
}

/** Problem type, dataset thumbnails (a radio group), noise, train ratio, batch size. `own`: the editor
 *  of one's own points, shown under the tiles while "your own" is the dataset. */
export function dataPanel(state, onChange, own) {
  const ownBox = el("div", { class: "own-box", hidden: state.dataset !== "own" }, own || "");
  const canvases = {};
  const radios = el("fieldset", { class: "datasets" }, el("legend", { text: "Dataset" }));
  const renderRadios = () => {
    radios.replaceChildren(el("legend", { text: "Dataset" }), ...DATASETS[state.problem].map(([name, text]) => {
      const id = `dataset-${name}`;
      canvases[name] ||= name === "own" ? ownPicture() : el("canvas", { width: 48, height: 48, "aria-hidden": "true" });
      const input = el("input", { type: "radio", name: "dataset", id, value: name,
        onchange: () => onChange("dataset", name) });
      input.checked = state.dataset === name;
      return el("label", { for: id, class: "thumb" }, input, canvases[name], el("span", { text }));
    }));
  };
  renderRadios();
  const problem = select("Problem type", [["classification", "Classification"], ["regression", "Regression"]],
    state.problem, (v) => {
      onChange("problem", v, { dataset: DATASETS[v][0][0], loss: v === "regression" ? "squared" : "cross_entropy" });
      renderRadios();
    });
  const noise = slider("Noise", { min: 0, max: 50, value: state.noise }, (v) => onChange("noise", v));
  const ratio = slider("Training data", { min: 10, max: 90, step: 10, value: state.trainRatio, format: (v) => `${v}%` },
    (v) => onChange("trainRatio", v));
  const batch = slider("Batch size", { min: 1, max: 30, value: state.batchSize }, (v) => onChange("batchSize", v));
  const regenerate = button("Regenerate", () => onChange("seed", Math.floor(Math.random() * 1e6)),
    { title: "New random data and weights (a new seed)" });
  return {
    node: el("div", {}, problem.node, radios, ownBox, noise.node, ratio.node, batch.node, regenerate),
    thumbnail(name, paint) { if (Object.hasOwn(canvases, name)) paint(canvases[name]); },
    sync() {   // after settings changed elsewhere (own points, a CSV, a link)
      problem.input.value = state.problem;
      if (!radios.querySelector(`#dataset-${CSS.escape(state.dataset)}`)) renderRadios();
      radios.querySelectorAll("input").forEach((r) => { r.checked = r.value === state.dataset; });
      ownBox.hidden = state.dataset !== "own";
    },
    controls: { problem: problem.node, dataset: radios, noise: noise.node, trainRatio: ratio.node,
      batchSize: batch.node, seed: regenerate },
  };
}

/** Input features as checkboxes (at least one stays on). */
export function featurePanel(state, onChange) {
  const boxes = FEATURES.map(([name, text]) => checkbox(text, state.features.includes(name), (on) => {
    const next = FEATURES.map(([n]) => n).filter((n) => (n === name ? on : state.features.includes(n)));
    if (!next.length) { box(name).input.checked = true; return; }   // the network needs an input
    onChange("features", next);
  }));
  const box = (name) => boxes[FEATURES.findIndex(([n]) => n === name)];
  return { node: el("fieldset", { class: "features" }, el("legend", { text: "Input features" }), ...boxes.map((b) => b.node)) };
}

/** Hidden layers with + and - buttons, activation, rates, loss and optimizer (as nodes the page places). */
export function networkPanel(state, onChange) {
  const layers = el("div", { class: "layers" });
  const limits = () => LIMITS[state.big ? "big" : "normal"];
  const renderLayers = () => {
    const h = state.hidden;
    const { layers: maxLayers, neurons: maxNeurons } = limits();
    const setHidden = (next) => { onChange("hidden", next); renderLayers(); };
    layers.replaceChildren(
      el("div", { class: "layer-count", role: "group", "aria-label": "Hidden layers" },
        button("−", () => setHidden(h.slice(0, -1)), { "aria-label": "Remove hidden layer", disabled: h.length === 0 }),
        button("+", () => setHidden([...h, 2]), { "aria-label": "Add hidden layer", disabled: h.length >= maxLayers }),
        el("span", { text: `${h.length} hidden layer${h.length === 1 ? "" : "s"}` })),
      ...h.map((n, i) => el("div", { class: "layer", role: "group", "aria-label": `Layer ${i + 1}` },
        button("−", () => setHidden(h.map((m, j) => (j === i ? m - 1 : m))),
          { "aria-label": `Remove neuron from layer ${i + 1}`, disabled: n <= 1 }),
        button("+", () => setHidden(h.map((m, j) => (j === i ? m + 1 : m))),
          { "aria-label": `Add neuron to layer ${i + 1}`, disabled: n >= maxNeurons }),
        el("span", { text: `Layer ${i + 1}: ${n} neuron${n === 1 ? "" : "s"}` }))));
  };
  renderLayers();
  const cost = el("p", { class: "cost", "aria-live": "polite" });
  const big = checkbox("Allow bigger networks (up to 10 layers of 32)", state.big, (on) => {
    const { layers: L, neurons: N } = LIMITS[on ? "big" : "normal"];
    onChange("big", on, { hidden: state.hidden.slice(0, L).map((n) => Math.min(n, N)) });
    renderLayers();
  });
  const activation = select("Activation", [["tanh", "tanh"], ["relu", "ReLU"], ["sigmoid", "sigmoid"], ["linear", "linear"]],
    state.activation, (v) => onChange("activation", v));
  const eta = select("Learning rate", LEARNING_RATES.map((r) => [r, r]), state.learningRate, (v) => onChange("learningRate", v));
  const reg = select("Regularization", [["none", "none"], ["L1", "L1"], ["L2", "L2"]], state.regularization,
    (v) => onChange("regularization", v));
  const rate = select("Regularization rate", REG_RATES.map((r) => [r, r]), state.regRate, (v) => onChange("regRate", v));
  const loss = select("Loss", [["cross_entropy", "cross-entropy"], ["squared", "squared error"]], state.loss,
    (v) => onChange("loss", v));
  const optimizer = select("Optimizer", [["sgd", "SGD"], ["momentum", "SGD with momentum"]], state.optimizer,
    (v) => onChange("optimizer", v));
  const beta = select("Momentum β", BETAS.map((b) => [b, b]), state.beta, (v) => onChange("beta", v));
  const sync = () => {   // what depends on other settings
    loss.input.querySelector("[value=cross_entropy]").disabled = state.problem === "regression";
    loss.input.value = state.loss;
    eta.input.value = state.learningRate;   // "Lower η ×10" changes it from outside
    rate.input.value = state.regRate;       // and "Lower λ ×10" this one
    beta.input.disabled = state.optimizer !== "momentum";
  };
  sync();
  return {
    // In three groups, which the page places: the layers; the two settings of the first screen (TF
    // Playground's top bar); the rest, under "More settings".
    layers,
    quick: [activation.node, eta.node],
    more: [big.node, cost, reg.node, rate.node, loss.node, optimizer.node, beta.node],
    sync, renderLayers,
    setCost(text) { cost.textContent = text; },
    controls: { hidden: layers, big: big.node, activation: activation.node, learningRate: eta.node,
      regularization: reg.node, regRate: rate.node, loss: loss.node, optimizer: optimizer.node, beta: beta.node },
  };
}

/** Optional stop condition: an epoch count or a target train loss (0 = off). */
export function stopPanel(state, onChange) {
  const field = (label, key, attrs) => {
    const id = `stop-${key}`;
    const input = el("input", { id, type: "number", value: state[key], ...attrs });
    input.addEventListener("change", () => {
      const v = Number(input.value);
      if (!Number.isFinite(v) || v < 0) { input.value = state[key]; return; }
      onChange(key, v);
    });
    return el("div", { class: "field" }, el("label", { for: id, text: label }), input);
  };
  return el("fieldset", { class: "stop" }, el("legend", { text: "Stop when (0 = never)" }),
    field("Stop at epoch", "stopEpoch", { min: 0, step: 1 }),
    field("Stop at train loss", "stopLoss", { min: 0, step: 0.01 }));
}

// ----- the code the demo runs -----

const TRAIN = "backprop_lab.train", NN = "backprop_lab.nn", ACT = "backprop_lab.activations",
  LOSSES = "backprop_lab.losses", OPTIM = "backprop_lab.optim", FAST = "backprop_lab.fasttrain",
  DRAW = "backprop_lab.fastdraw";
const DERIVATIVES = ["sigmoid", "tanh", "relu", "linear"].map((a) => `ACTIVATIONS.${a}.df`);

/** A panel for every function the demo calls: the entry point, the training step and what it calls
 *  (the activations and derivatives, the losses, SGD.step), the fused fast path and the drawing's pass. */
export function attachPlaygroundPanels(page) {
  if (page.alone) return;   // a part alone shows its demo only
  const fast = panelLink(FAST, "run_epoch");
  const reference = () => [panelLink(TRAIN, "Trainer._step"), " and ", panelLink(NN, "MLP.loss_and_grads")];
  attachPythonPanels(page, ["train"], MODULE, {
    calls: { train: [[TRAIN, "Trainer.epoch"], [TRAIN, "Trainer.step"], [DRAW, "PlanePass.run"]] } });
  attachPythonPanels(page, ["Trainer.epoch", "Trainer.step", "Trainer._step"], TRAIN, {
    calls: { "Trainer.epoch": [[FAST, "run_epoch"], [TRAIN, "Trainer._step"]], "Trainer.step": [[TRAIN, "Trainer._step"]],
      "Trainer._step": [[NN, "MLP.loss_and_grads"], [OPTIM, "SGD.step"]] },
    notes: { "Trainer.epoch": [
      ["Unedited, the Playground trains each epoch with a fused fast path, ", fast, " (fasttrain.py), which gives the same " +
        "numbers as the reference code shown here, ", ...reference(), ", to 1e-12 (tests/unit/test_fast_paths.py checks it " +
        "at the Playground's defaults and other settings). It only makes fewer numpy calls, which are slow in the browser."],
      "Once you Run an edit of a function of the training step (MLP.loss_and_grads, an activation or its derivative, a " +
        "loss, SGD.step), every epoch takes the reference path, Trainer._step, so your code is what trains; the figures " +
        "then say \"your code, reference path\"."] } });
  attachPythonPanels(page, ["MLP.loss_and_grads", "MLP._forward"], NN, {
    calls: { "MLP.loss_and_grads": [[NN, "MLP._forward"], [LOSSES, "loss_and_dz"], [LOSSES, "penalty"],
      ...DERIVATIVES.map((d) => [ACT, d])],
    "MLP._forward": [[ACT, "sigmoid"], [ACT, "relu"], [ACT, "linear"], [ACT, "softmax"]] },
    notes: { "MLP._forward": ["tanh's forward is numpy's np.tanh (compiled, no Python source): edit its derivative instead."] } });
  attachPythonPanels(page, ["sigmoid", "relu", "linear", "softmax", ...DERIVATIVES], ACT);
  attachPythonPanels(page, ["loss_and_dz", "bce", "softmax_ce", "mse", "penalty"], LOSSES, {
    calls: { loss_and_dz: [[LOSSES, "bce"], [LOSSES, "softmax_ce"], [LOSSES, "mse"]] } });
  attachPythonPanels(page, ["SGD.step"], OPTIM);
  attachPythonPanels(page, ["run_epoch"], FAST, {
    notes: { run_epoch: [["The fused epoch: the same mini-batches and updates as ", ...reference(),
      ", with far fewer numpy calls. Not used while an edited training-step function runs."]] } });
  attachPythonPanels(page, ["PlanePass.run"], DRAW, {
    notes: { "PlanePass.run": ["The drawing's fast float32 pass over the plane (pictures only). While your code trains, " +
      "the pictures come from MLP.layer_outputs instead, so they use your activation."] } });
}
