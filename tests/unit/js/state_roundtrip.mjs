// URL state round trip: format(state) then read it back gives the same state, for many
// random Playground states; and hostile links fall back to defaults with a notice.
import assert from "node:assert/strict";
import { readState, formatState, parseHash } from "../../../app/ui/state.js";
import { SCHEMA } from "../../../app/lessons/playground/schema.js";

let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(random() * a.length)];

function randomValue(spec) {
  switch (spec.type) {
    case "int": return Math.round(spec.min + random() * Math.min(spec.max - spec.min, 1000));
    case "number": return Math.round((spec.min + random() * (spec.max - spec.min)) * 1000) / 1000;
    case "choice": return pick(spec.values);
    case "bool": return random() < 0.5;
    case "ints": return Array.from({ length: Math.floor(random() * (spec.maxLength + 1)) }, () => 1 + Math.floor(random() * spec.max));
    case "set": return spec.values.filter(() => random() < 0.4);
    case "points": return Array.from({ length: Math.floor(random() * 20) }, () =>
      [Math.round((random() * 12 - 6) * 100) / 100 + 0, Math.round((random() * 12 - 6) * 100) / 100 + 0, Math.floor(random() * spec.classes)]);
    default: throw new Error(spec.type);
  }
}

for (let trial = 0; trial < 500; trial++) {
  const state = {};
  for (const [key, spec] of Object.entries(SCHEMA)) {
    state[key] = randomValue(spec);
    if (spec.type === "set" && state[key].length < (spec.minLength || 0)) state[key] = spec.values.slice(0, spec.minLength);
  }
  const { values, problems } = readState(SCHEMA, parseHash(`#/playground?${formatState(SCHEMA, state)}`).params);
  assert.deepEqual(problems, [], `trial ${trial}`);
  assert.deepEqual(values, state, `trial ${trial}`);
}

const hostile = "#/playground?noise=1e308&hidden=-1,4&dataset=%3Cscript%3Ealert(1)%3C/script%3E&seed=NaN&points=1,2,3;x&x=" + "a".repeat(100000);
const { values, problems } = readState(SCHEMA, parseHash(hostile).params);
assert.equal(values.noise, SCHEMA.noise.default);
assert.deepEqual(values.hidden, SCHEMA.hidden.default);
assert.equal(values.dataset, SCHEMA.dataset.default);
assert.equal(values.seed, SCHEMA.seed.default);
assert.deepEqual(values.points, []);
assert.equal(problems.length, 6);
assert.ok(problems.every((p) => p.length < 200), "messages quote at most a short piece of the link");
console.log("state round trip: 500 random states exact; hostile link falls back with 6 notices");
