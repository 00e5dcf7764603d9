// The "unstable" rule: the smallest of the last 10 epoch losses above the untrained loss.
import assert from "node:assert/strict";
import { isUnstable, InstabilityWatch, WINDOW, MESSAGE, message } from "../../../app/ui/instability.js";

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
console.log("instability ok");
