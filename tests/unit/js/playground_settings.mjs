// The Playground's pure pieces (app/lessons/playground/settings.js), and the Player's
// restartWatch(untrained) that the Playground uses after a hand edit at epoch 0.
import assert from "node:assert/strict";
import {
  effect, reconcile, rates, setupArgs, needsBig, layerSizes, costText, lowerRate, freshLosses, untrainedLoss, fmt, pct,
  lowerRegRate, regularized, compareArgs,
} from "../../../app/lessons/playground/settings.js";
import { SCHEMA } from "../../../app/lessons/playground/schema.js";
import { readState } from "../../../app/ui/state.js";
import { PlayerCore } from "../../../app/ui/player.js";

const defaults = () => readState(SCHEMA, new URLSearchParams("")).values;

// ----- what a change does -----
assert.equal(effect(["dataset"]), "reset");
assert.equal(effect(["hidden"]), "reset");
assert.equal(effect(["big", "hidden"]), "reset");
assert.equal(effect(["points", "dataset", "problem"]), "reset");
assert.equal(effect(["learningRate"]), "rates", "a new η trains on: no reset");
assert.equal(effect(["batchSize"]), "rates");
assert.equal(effect(["hide"]), "hide");
assert.equal(effect(["showTest"]), "draw");
assert.equal(effect(["stopEpoch"]), "draw");

// ----- links that contradict themselves are fixed, and said so -----
{
  const s = { ...defaults(), dataset: "plane", problem: "classification", loss: "cross_entropy" };
  const problems = [];
  reconcile(s, problems);
  assert.equal(s.problem, "regression");
  assert.equal(s.loss, "squared", "regression has no cross-entropy");
  assert.deepEqual(problems, []);
}
{
  const s = { ...defaults(), hidden: [9, 9], big: false };
  const problems = [];
  reconcile(s, problems);
  assert.deepEqual(s.hidden, [4, 2], "back to the default network");
  assert.match(problems[0], /^Ignored hidden=9,9: without "bigger networks" the limit is 6 layers of 8\.$/);
  const big = { ...defaults(), hidden: [9, 9], big: true };
  reconcile(big, []);
  assert.deepEqual(big.hidden, [9, 9], "allowed with bigger networks");
}
assert.equal(needsBig([8, 8, 8, 8, 8, 8]), false);
assert.equal(needsBig([9]), true);
assert.equal(needsBig([1, 1, 1, 1, 1, 1, 1]), true);

// ----- what Python gets -----
{
  const s = { ...defaults(), noise: 20, trainRatio: 70, learningRate: "0.3", regRate: "0.01", beta: "0.95" };
  const r = rates(s);
  assert.deepEqual(r, { eta: 0.3, regularization: "none", reg_rate: 0.01, batch_size: 10, optimizer: "sgd", beta: 0.95 });
  const a = setupArgs(s);
  assert.equal(a.noise, 0.2);
  assert.equal(a.train_ratio, 0.7);
  assert.equal(a.eta, 0.3);
  assert.deepEqual(a.hidden, [4, 2]);
}

// ----- the cost line: (inputs + 1) * outputs per layer -----
assert.deepEqual(layerSizes({ features: ["x1", "x2"], kind: "binary", classes: 2 }, [4, 2]), [2, 4, 2, 1]);
assert.deepEqual(layerSizes({ features: ["x1"], kind: "multiclass", classes: 3 }, []), [1, 3]);
assert.equal(costText([2, 4, 2, 1], 250), "25 weights and biases; an epoch is about 0.02 M multiply-adds.");
// 10 layers of 32: 3*32 + 9*33*32 + 33 = 9633 parameters; 3 * 9633 * 250 = 7.22 M
assert.equal(costText([2, ...Array(10).fill(32), 1], 250),
  "9633 weights and biases; an epoch is about 7.22 M multiply-adds — expect fewer epochs per second.");

// ----- "Lower η ×10": the listed rate nearest η / 10 -----
assert.equal(lowerRate("10"), "1");
assert.equal(lowerRate("0.03"), "0.003");
assert.equal(lowerRate("3"), "0.3");
assert.equal(lowerRate("0.00001"), "0.00001", "the smallest rate stays");

// ----- only new epochs feed the instability watch -----
{
  let r = freshLosses({ epochs: [1, 2, 3], train_loss: [0.9, 0.8, 0.7] }, 0);
  assert.deepEqual(r, { losses: [0.9, 0.8, 0.7], seen: 3 });
  r = freshLosses({ epochs: [3], train_loss: [0.65] }, 3);                 // a hand edit re-sends epoch 3
  assert.deepEqual(r, { losses: [], seen: 3 });
  r = freshLosses({ epochs: [3, 4, 5], train_loss: [0.65, 0.6, 0.5] }, 3);  // the next chunk after it
  assert.deepEqual(r, { losses: [0.6, 0.5], seen: 5 });
}
assert.equal(untrainedLoss({ epochs: [0], train_loss: [0.71] }), 0.71);
assert.equal(untrainedLoss({ epochs: [4], train_loss: [0.3] }), null);
assert.equal(fmt(0.12345), "0.123");
assert.equal(fmt(null), "–");
assert.equal(pct(0.955), "95.5%");
assert.equal(pct(null), "–");

// ----- PlayerCore.restartWatch(untrained): a new epoch-0 loss after a hand edit -----
{
  const unstable = [];
  const calls = [];
  const core = new PlayerCore({
    reset: async () => ({ epoch: 0, losses: [1.0] }),
    train: async () => { calls.push(1); return { epoch: calls.length, losses: [0.8] }; },
    show: () => {},
    onUnstable: (on) => unstable.push(on),
  });
  await core.reset();
  assert.equal(core.watches.get("").untrained, 1.0);
  core.restartWatch(0.5);            // the edited untrained net's loss is 0.5: 0.8 is now worse
  assert.equal(core.watches.get("").untrained, 0.5);
  for (let i = 0; i < 10; i++) { core.step(); await new Promise((r) => setTimeout(r, 0)); }
  assert.equal(calls.length, 10);
  assert.equal(core.unstable, true, "10 epochs above the new untrained loss: unstable");
  core.restartWatch();               // without an argument: the same untrained loss, counted afresh
  assert.equal(core.watches.get("").untrained, 0.5);
  assert.equal(core.unstable, false);
  core.destroy();
}

// ----- "Lower λ ×10" and when it is offered -----
assert.equal(lowerRegRate("1"), "0.1");
assert.equal(lowerRegRate("0.3"), "0.03");
assert.equal(lowerRegRate("0.1"), "0.01");
assert.equal(lowerRegRate("0.003"), "0.001", "the nearest listed rate below");
assert.equal(lowerRegRate("0.001"), "0", "the smallest listed rate: off");
assert.equal(regularized({ regularization: "L2", regRate: "1" }), true);
assert.equal(regularized({ regularization: "L1", regRate: "0.1" }), true);
assert.equal(regularized({ regularization: "none", regRate: "1" }), false);
assert.equal(regularized({ regularization: "L2", regRate: "0" }), false);

// ----- the scikit-learn comparison: the Playground's optimizer and epochs by default -----
{
  const s = { ...defaults(), optimizer: "momentum", beta: "0.8", learningRate: "0.1", batchSize: 7 };
  const args = compareArgs(s, 42);
  assert.equal(args.solver, "sgd", "the Playground's own optimizer, not Adam");
  assert.equal(args.epochs, 42, "as many epochs as the Playground shows");
  assert.equal(args.optimizer, "momentum");
  assert.equal(args.beta, 0.8);
  assert.equal(args.eta, 0.1);
  assert.equal(args.batch_size, 7);
  assert.equal(compareArgs(s, 5, "adam").solver, "adam");
}

// ----- the constant output's loss reaches the watch; a hand edit keeps it -----
{
  const why = [];
  const core = new PlayerCore({
    reset: async () => ({ epoch: 0, losses: [0.758], constant_loss: 0.69286 }),
    train: async () => ({ epoch: 1, losses: [0.7] }),
    show: () => {},
    constant: (r) => r.constant_loss,
    onUnstable: (on, w) => why.push([on, w]),
  });
  await core.reset();
  assert.equal(core.watches.get("").constant, 0.69286);
  core.restartWatch(0.9);
  assert.equal(core.watches.get("").constant, 0.69286, "the labels did not change");
  for (let i = 0; i < 10; i++) { core.step(); await new Promise((r) => setTimeout(r, 0)); }
  assert.deepEqual(why.at(-1), [true, { why: "constant", constant: 0.69286 }]);
  core.destroy();
}

console.log("playground settings: ok");
