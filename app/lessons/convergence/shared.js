// Lesson 12 (convergence): its settings, and what its parts share.

export const ROUTE = "convergence";

export const MODULE = "backprop_lab.lessons.convergence";

export const L2_RATES = ["0.001", "0.003", "0.01", "0.03", "0.1"];

export const SCHEMA = {
  dataset: { type: "choice", values: ["xor", "circle", "gauss", "spiral"], default: "xor" },
  epochs: { type: "int", min: 5, max: 100, default: 40 },
  seed: { type: "int", min: 0, max: 999, default: 0 },
  l2: { type: "choice", values: L2_RATES, default: "0.01" },
};

export const CHUNK = { budget_ms: 15 };   // Play: Python trains about this long per call

export const STEP = { budget_ms: 0 };     // Step: one epoch (each call trains at least one)

export const fmt = (v) => (v == null ? "–" : v.toFixed(3));

/** Draw at most once per animation frame, per figure (two parts of the article draw independently). */
