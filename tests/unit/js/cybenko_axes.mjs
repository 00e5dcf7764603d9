// The universal-approximation lesson's axis ticks and error format (issue 14): the tick loop
// ends for any span, even a few ulps of a large value (expr=3e9), and huge errors are printed
// with an exponent, not as 16 digits and 4 decimals.
import assert from "node:assert/strict";
import { range, sci, texSci } from "../../../app/lessons/cybenko/axes.js";

function check(lo, hi) {
  const r = range(lo, hi);
  const where = `range(${lo}, ${hi})`;
  assert.ok(r.yticks.length >= 2 && r.yticks.length <= 12, `${where}: ${r.yticks.length} ticks`);
  assert.ok(r.ylim[0] < r.ylim[1] && Number.isFinite(r.ylim[0]) && Number.isFinite(r.ylim[1]), where);
  if (Number.isFinite(lo) && Number.isFinite(hi)) assert.ok(r.ylim[0] <= lo && r.ylim[1] >= hi, `${where}: covers the values`);
  for (let i = 1; i < r.yticks.length; i++) assert.ok(r.yticks[i] > r.yticks[i - 1], `${where}: ticks increase`);
  assert.ok(r.yticks.every((t) => t >= r.ylim[0] && t <= r.ylim[1]), `${where}: ticks inside the axis`);
  const labels = r.yticks.map(r.yfmt);
  assert.equal(new Set(labels).size, labels.length, `${where}: distinct labels ${labels}`);
  return r;
}

const ulp = (x) => { const a = new Float64Array([x]); const b = new BigInt64Array(a.buffer); b[0] += 1n; return a[0] - x; };
for (const hi of [3e9, 1e15, -3e9, 1e300, 7, 0.5, 1e-12, 0]) {
  for (const k of [0, 1, 2, 3, 8]) check(hi - k * ulp(Math.abs(hi) || 1e-300), hi);
}
check(-1, 1); check(0, 1e-10); check(-1e307, 1e307); check(NaN, 1); check(0, Infinity); check(1, -1);
const wide = range(-1e308, 1e308);   // beyond the axis limit: clamped, still finite ticks
assert.ok(wide.yticks.length >= 2 && wide.yticks.every(Number.isFinite));
const r = check(-1.05, 1.05);
assert.deepEqual(r.yticks.map(r.yfmt), ["-1.0", "-0.5", "0.0", "0.5", "1.0"]);
const q = check(0, 1);
assert.deepEqual(q.yticks.map(q.yfmt), ["0.00", "0.25", "0.50", "0.75", "1.00"]);

assert.equal(sci(1548112371908608), "1.55e+15");
assert.equal(texSci(1548112371908608), "1.55 \\times 10^{15}");
assert.equal(sci(0.0448), "0.0448");
assert.equal(sci(12.5), "12.5000");
assert.equal(sci(0.00446), "4.46e-3");
assert.equal(texSci(0.00446), "4.46 \\times 10^{-3}");
assert.equal(sci(25000), "2.50e+4");
console.log("cybenko axes: ticks end for every span (3e9 ± ulps included); huge errors in exponent notation");
