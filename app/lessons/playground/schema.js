// The Playground's settings as they appear in its URL (see ui/state.js for the types).
import { LIMITS, ALL_DATASETS, LEARNING_RATES, REG_RATES, BETAS, FEATURES } from "./panels.js";
import { HIDEABLE } from "./classroom.js";

export const SCHEMA = {
  problem: { type: "choice", values: ["classification", "regression"], default: "classification" },
  dataset: { type: "choice", values: ALL_DATASETS, default: "circle" },
  noise: { type: "int", min: 0, max: 50, default: 0 },
  trainRatio: { type: "int", min: 10, max: 90, default: 50 },
  batchSize: { type: "int", min: 1, max: 30, default: 10 },
  features: { type: "set", values: FEATURES.map(([n]) => n), minLength: 1, default: ["x1", "x2"] },
  hidden: { type: "ints", min: 1, max: LIMITS.big.neurons, minLength: 0, maxLength: LIMITS.big.layers, default: [4, 2] },
  big: { type: "bool", default: false },
  activation: { type: "choice", values: ["tanh", "relu", "sigmoid", "linear"], default: "tanh" },
  learningRate: { type: "choice", values: LEARNING_RATES, default: "0.03" },
  regularization: { type: "choice", values: ["none", "L1", "L2"], default: "none" },
  regRate: { type: "choice", values: REG_RATES, default: "0" },
  loss: { type: "choice", values: ["cross_entropy", "squared"], default: "cross_entropy" },
  optimizer: { type: "choice", values: ["sgd", "momentum"], default: "sgd" },
  beta: { type: "choice", values: BETAS, default: "0.9" },
  stopEpoch: { type: "int", min: 0, max: 1e7, default: 0 },
  stopLoss: { type: "number", min: 0, max: 100, default: 0 },
  showTest: { type: "bool", default: false },
  discretize: { type: "bool", default: false },
  points: { type: "points", max: 3000, limit: 6, classes: 8, default: [] },
  hide: { type: "set", values: HIDEABLE, minLength: 0, default: [] },
  seed: { type: "int", min: 0, max: 999999, default: 0 },
};
