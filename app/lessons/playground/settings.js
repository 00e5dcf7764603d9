// The Playground's settings without a DOM: what a change does, links that contradict themselves,
// the arguments Python gets, and the small sums shown beside them. Pure, so Node tests them
// (tests/unit/js/playground_settings.mjs).
import { LIMITS, LEARNING_RATES, REG_RATES } from "./panels.js";
import { SCHEMA } from "./schema.js";

export const MODULE = "backprop_lab.lessons.playground";
export const IO = "backprop_lab.lessons.playground_io";
export const REGRESSION = ["plane", "reg-gauss"];
export const DATASET_PACKAGES = new Map([["moons", ["scikit-learn"]]]);   // loaded only when chosen
export const THUMB_CLASSES = new Map([["spiral3", 3], ["blobs", 4]]);

// Which settings rebuild the data or the network, and which only change the training.
export const RESETS = new Set(["problem", "dataset", "noise", "trainRatio", "hidden", "activation", "seed", "features",
  "loss", "points", "big"]);
export const RATES = new Set(["learningRate", "regularization", "regRate", "batchSize", "optimizer", "beta"]);

/** What changing `keys` (the first is the one the user touched) asks for:
 *  "reset" (new data or network), "rates" (training goes on), "hide" (classroom) or "draw". */
export function effect(keys) {
  if (keys.some((k) => RESETS.has(k))) return "reset";
  if (RATES.has(keys[0])) return "rates";
  if (keys[0] === "hide") return "hide";
  return "draw";
}

/** Settings a link may hold that contradict each other: fix them, and say so in `problems`. */
export function reconcile(state, problems) {
  const regression = REGRESSION.includes(state.dataset);
  if ((state.problem === "regression") !== regression) state.problem = regression ? "regression" : "classification";
  if (regression && state.loss === "cross_entropy") state.loss = "squared";
  const { layers, neurons } = LIMITS[state.big ? "big" : "normal"];
  if (state.hidden.length > layers || state.hidden.some((n) => n > neurons)) {
    problems.push(`Ignored hidden=${state.hidden.join(",")}: without "bigger networks" the limit is ${layers} layers of ${neurons}.`);
    state.hidden = SCHEMA.hidden.default.slice();
  }
}

/** The training settings, as playground.set_rates takes them. */
export function rates(s) {
  return { eta: Number(s.learningRate), regularization: s.regularization, reg_rate: Number(s.regRate),
           batch_size: s.batchSize, optimizer: s.optimizer, beta: Number(s.beta) };
}

/** Everything playground.setup takes. */
export function setupArgs(s) {
  return { dataset: s.dataset, noise: s.noise / 100, train_ratio: s.trainRatio / 100, hidden: s.hidden,
           activation: s.activation, loss: s.loss, features: s.features, points: s.points, seed: s.seed, ...rates(s) };
}

/** playground_sklearn.compare's arguments: the Playground's own training settings and optimizer
 *  (solver "sgd": its SGD, with its momentum) and as many epochs as it shows; "adam" on request. */
export function compareArgs(s, epoch, solver = "sgd") {
  return { solver, epochs: epoch, eta: Number(s.learningRate), batch_size: s.batchSize, regularization: s.regularization,
           reg_rate: Number(s.regRate), loss: s.loss, optimizer: s.optimizer, beta: Number(s.beta), seed: s.seed };
}

/** Does a model with these hidden layers need "bigger networks"? */
export function needsBig(hidden) {
  return hidden.length > LIMITS.normal.layers || hidden.some((n) => n > LIMITS.normal.neurons);
}

/** Layer sizes [inputs, ...hidden, outputs] of the network a setup built. */
export function layerSizes(result, hidden) {
  return [result.features.length, ...hidden, result.kind === "multiclass" ? result.classes : 1];
}

/** The network's cost: its parameters, and an epoch's work over `points` training points. */
export function costText(sizes, points) {
  let params = 0;
  for (let l = 1; l < sizes.length; l++) params += (sizes[l - 1] + 1) * sizes[l];   // W_l and b_l
  // one epoch: forward + backward over every training point, about 3 multiply-adds per weight each
  const flops = 3 * params * points;
  return `${params} weights and biases; an epoch is about ${(flops / 1e6).toFixed(2)} M multiply-adds` +
    (params > 2000 ? " — expect fewer epochs per second." : ".");
}

/** "Lower η ×10": the listed learning rate nearest η / 10 (on a log scale). */
export function lowerRate(eta) {
  const target = Number(eta) / 10;
  const distance = (r) => Math.abs(Math.log(Number(r) / target));
  return LEARNING_RATES.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

/** "Lower λ ×10": the listed regularization rate nearest λ / 10 (on a log scale), or 0 when no
 *  listed rate is below λ (it is already the smallest). */
export function lowerRegRate(rate) {
  const below = REG_RATES.filter((r) => Number(r) > 0 && Number(r) < Number(rate));
  if (!below.length) return "0";
  const target = Number(rate) / 10;
  const distance = (r) => Math.abs(Math.log(Number(r) / target));
  return below.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

/** Is L1 or L2 on (a regularization with a rate above 0)? */
export function regularized(s) {
  return s.regularization !== "none" && Number(s.regRate) > 0;
}

/** The train losses of a frame's epochs after `seen` (a frame after a hand edit sends its
 *  epoch again: that one is not new). Returns {losses, seen}: the new losses and the last epoch. */
export function freshLosses(frame, seen) {
  const losses = [];
  frame.epochs.forEach((e, i) => {
    if (e > seen) { losses.push(frame.train_loss[i]); seen = e; }
  });
  return { losses, seen };
}

/** The untrained (epoch 0) train loss in a frame, or null when it holds no epoch 0. */
export function untrainedLoss(frame) {
  const i = frame.epochs.indexOf(0);
  return i < 0 ? null : frame.train_loss[i];
}

export const fmt = (v) => (v == null ? "–" : v.toFixed(3));
export const pct = (v) => (v == null ? "–" : `${(v * 100).toFixed(1)}%`);
