// The "unstable" rule: the smallest of the last 10 epoch losses above the untrained loss.
import assert from "node:assert/strict";
import { isUnstable, isCollapsed, InstabilityWatch, WINDOW, MESSAGE, message } from "../../../app/ui/instability.js";

assert.equal(WINDOW, 10);
// Too few epochs: never unstable.
assert.equal(isUnstable([5, 5, 5], 1), false);
// Ten epochs all above the start: unstable.
assert.equal(isUnstable(Array(10).fill(1.2), 1), true);
// One of the last ten below the start: not unstable (a noisy run that learns).
assert.equal(isUnstable([...Array(9).fill(1.2), 0.9], 1), false);
// Only the last ten count: an early dip does not hide later trouble.
assert.equal(isUnstable([0.1, 0.1, ...Array(10).fill(3)], 1), true);
// No untrained loss known: no signal.
assert.equal(isUnstable(Array(10).fill(3), NaN), false);
// Equal to the start is not above it.
assert.equal(isUnstable(Array(10).fill(1), 1), false);

const w = new InstabilityWatch();
w.start(0.758);
let fired = false;
for (let e = 0; e < 9; e++) fired = w.push(2 + e % 3);
assert.equal(fired, false, "nine epochs are not enough");
assert.equal(w.push(5.4), true);
assert.equal(w.push(0.5), true, "once said, it stays said: one dip does not clear it");
w.start(0.758);
assert.equal(w.push(0.5), false, "a new run (Reset, a lower η) starts afresh");
w.start(1);
assert.equal(w.pushAll(Array(12).fill(0.5)), false);
assert.equal(w.pushAll(Array(10).fill(1.5)), true);
// The notice's words: the unit, and no blame on η where a lesson has no η to lower.
assert.equal(message(), MESSAGE);
assert.match(message("batches"), /for 10 batches: the learning rate is too high$/);
assert.match(message("epochs", false), /for 10 epochs: training is unstable$/);

// Rule 2, collapsed to a constant: the last ten average at or above the constant's loss, not falling.
const LN2 = Math.log(2);
assert.equal(isCollapsed(Array(10).fill(LN2), LN2), true, "flat at ln 2: a constant output");
assert.equal(isCollapsed(Array(10).fill(LN2 - 1e-12), LN2), true, "rounding at the constant itself");
assert.equal(isCollapsed([0.62, 0.84, 0.70, 0.66, 0.79, 0.63, 0.75, 0.71, 0.68, 0.72], LN2), true, "bouncing around ln 2");
assert.equal(isCollapsed(Array(9).fill(0.8), LN2), false, "nine epochs are not enough");
assert.equal(isCollapsed(Array(10).fill(0.6), LN2), false, "below the constant: it learned something");
assert.equal(isCollapsed(Array(10).fill(0.8), NaN), false, "no constant known: rule 2 is off");
// A slow healthy run (eta = 0.001) above ln 2 but falling about 0.001 an epoch: no alarm.
const slow = Array.from({ length: 10 }, (_, i) => 0.75 - 0.001 * i);
assert.equal(isCollapsed(slow, LN2), false, "slow but falling");
assert.equal(isCollapsed(slow.map((l, i) => l + (i % 2 ? 2e-4 : 0)), LN2), false, "falling with a little noise");
// A dead net creeping onto the constant by hairs is not learning.
assert.equal(isCollapsed(Array.from({ length: 10 }, (_, i) => LN2 + 1e-6 * (10 - i)), LN2), true);
const c = new InstabilityWatch();
c.start(0.758, LN2);
assert.equal(c.pushAll(Array(9).fill(0.7)), false);
assert.equal(c.push(0.7), true);
assert.equal(c.why, "constant");
const a = new InstabilityWatch();
a.start(0.5, LN2);
assert.equal(a.pushAll(Array(10).fill(0.9)), true);
assert.equal(a.why, "above", "above the start is said first");
assert.match(message("epochs", "eta", { why: "constant", constant: 0.69286 }),
  /^The loss has stayed at or above a constant output's \(0\.693, .*\) for 10 epochs without falling: the learning rate is too high$/);
assert.match(message("epochs", "both"), /: the learning rate or the regularization rate is too high$/);
console.log("instability ok");
