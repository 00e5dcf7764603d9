// The Playground's setting panels: data (thumbnails and sliders) and network (layers, rates).
import { el, select, slider, button } from "../ui/controls.js";

export const LEARNING_RATES = ["0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
export const REG_RATES = ["0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"];
export const DATASETS = ["circle", "xor", "gauss", "spiral", "moons"];

/** Dataset thumbnails as a radio group, then noise, train ratio and batch size. */
export function dataPanel(state, onChange) {
  const canvases = {};
  const radios = el("fieldset", { class: "datasets" }, el("legend", { text: "Dataset" }),
    ...DATASETS.map((name) => {
      const id = `dataset-${name}`;
      canvases[name] = el("canvas", { width: 48, height: 48, "aria-hidden": "true" });
      const input = el("input", { type: "radio", name: "dataset", id, value: name,
        onchange: () => onChange("dataset", name) });
      input.checked = state.dataset === name;
      return el("label", { for: id, class: "thumb" }, input, canvases[name], el("span", { text: name }));
    }));
  const noise = slider("Noise", { min: 0, max: 50, value: state.noise }, (v) => onChange("noise", v));
  const ratio = slider("Training data", { min: 10, max: 90, step: 10, value: state.trainRatio, format: (v) => `${v}%` },
    (v) => onChange("trainRatio", v));
  const batch = slider("Batch size", { min: 1, max: 30, value: state.batchSize }, (v) => onChange("batchSize", v));
  const regenerate = button("Regenerate", () => onChange("seed", Math.floor(Math.random() * 1e6)),
    { title: "New random data (a new seed)" });
  return {
    node: el("div", {}, radios, noise.node, ratio.node, batch.node, regenerate),
    thumbnail(name, paint) { paint(canvases[name]); },
  };
}

/** Hidden layers (0-6, each 1-8 neurons) with + and - buttons, activation, rates. */
export function networkPanel(state, onChange) {
  const layers = el("div", { class: "layers" });
  const renderLayers = () => {
    const h = state.hidden;
    const setHidden = (next) => { onChange("hidden", next); renderLayers(); };
    layers.replaceChildren(
      el("div", { class: "layer-count", role: "group", "aria-label": "Hidden layers" },
        button("−", () => setHidden(h.slice(0, -1)), { "aria-label": "Remove hidden layer", disabled: h.length === 0 }),
        button("+", () => setHidden([...h, 2]), { "aria-label": "Add hidden layer", disabled: h.length >= 6 }),
        el("span", { text: `${h.length} hidden layer${h.length === 1 ? "" : "s"}` })),
      ...h.map((n, i) => el("div", { class: "layer", role: "group", "aria-label": `Layer ${i + 1}` },
        button("−", () => setHidden(h.map((m, j) => (j === i ? m - 1 : m))),
          { "aria-label": `Remove neuron from layer ${i + 1}`, disabled: n <= 1 }),
        button("+", () => setHidden(h.map((m, j) => (j === i ? m + 1 : m))),
          { "aria-label": `Add neuron to layer ${i + 1}`, disabled: n >= 8 }),
        el("span", { text: `Layer ${i + 1}: ${n} neuron${n === 1 ? "" : "s"}` }))));
  };
  renderLayers();
  const activation = select("Activation", [["tanh", "tanh"], ["relu", "ReLU"], ["sigmoid", "sigmoid"], ["linear", "linear"]],
    state.activation, (v) => onChange("activation", v));
  const eta = select("Learning rate", LEARNING_RATES.map((r) => [r, r]), state.learningRate, (v) => onChange("learningRate", v));
  const reg = select("Regularization", [["none", "none"], ["L1", "L1"], ["L2", "L2"]], state.regularization,
    (v) => onChange("regularization", v));
  const rate = select("Regularization rate", REG_RATES.map((r) => [r, r]), state.regRate, (v) => onChange("regRate", v));
  return { node: el("div", {}, layers, activation.node, eta.node, reg.node, rate.node) };
}
