// Lesson 10 (minibatch): its settings, and what its parts share.

export const ROUTE = "minibatch";

export const N_TRAIN = 480;   // minibatch.N_POINTS * 0.8

export const SCHEMA = {
  M: { type: "int", min: 1, max: N_TRAIN, default: 10 },
  lambda: { type: "number", min: 0.01, max: 1, default: 0.05 },
  eta: { type: "number", min: 0.01, max: 2, default: 0.1 },
};
