// Links typed by hand (issue 14): '+' in a value stays '+', a round trip through the link is exact,
// and keys named like properties of every object are unknown keys.
import assert from "node:assert/strict";
import { readState, formatState, parseHash } from "../../../app/ui/state.js";

const SCHEMA = {
  target: { type: "choice", values: ["sin", "custom"], default: "sin" },
  expr: { type: "text", maxLength: 200, default: "sin(2*pi*x)" },
  H: { type: "int", min: 1, max: 100, default: 10 },
};

// '+' is a plus, '%20' and '%2B' decode as usual, a broken escape is kept as typed.
const read = (hash) => readState(SCHEMA, parseHash(hash).params);
assert.equal(read("#/cybenko?target=custom&expr=x+1").values.expr, "x+1");
assert.equal(read("#/cybenko?expr=x%2B1").values.expr, "x+1");
assert.equal(read("#/cybenko?expr=abs(x%20-%201/2)").values.expr, "abs(x - 1/2)");
assert.equal(read("#/cybenko?expr=1+%zz").values.expr, "1+%zz");
assert.equal(read("#/cybenko?expr=%E0%A4%A+x").values.expr.endsWith("+x"), true);
assert.equal(read("#/cybenko?expr=a=b").values.expr, "a=b");          // only the first '=' splits

// Round trip: whatever text is written into the link reads back exactly, spaces and '+' included.
for (const expr of ["x+1", "sin(2*pi*x) + 1", "abs(x - 1/2)", "x**2 +  +x", "a&b=c#d?e%f", "1,2;3", "é ∑ +%2B"]) {
  const state = { target: "custom", expr, H: 7 };
  const query = formatState(SCHEMA, state);
  assert.ok(!/[ #&]/.test(query.split("&").map((p) => p.split("=")[1]).join("")), query);
  const { values, problems } = read(`#/cybenko?${query}`);
  assert.deepEqual(problems, [], query);
  assert.deepEqual(values, state, `${expr} -> ${query}`);
  // Code that edits the parsed params and writes them back (the shell's page flags) keeps it too.
  const again = parseHash(`#/cybenko?${query}`).params;
  again.set("embed", "1");
  assert.equal(read(`#/cybenko?${again.toString()}`).values.expr, expr, again.toString());
}

// A key named like a property of every object is an unknown key, not a silent no-op.
for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
  const { values, problems } = read(`#/cybenko?${key}=1`);
  assert.deepEqual(values, { target: "sin", expr: "sin(2*pi*x)", H: 10 });
  assert.deepEqual(problems, [`Ignored unknown setting "${key}" in the link.`], key);
}
console.log("hash links: '+' kept, exact round trips, prototype-named keys reported");
