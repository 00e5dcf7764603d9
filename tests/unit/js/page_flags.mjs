// Page flags before the '#' (issue 12): embed, projector and part are read from the query before
// the '#' and from the hash, the hash winning when both have one.
import assert from "node:assert/strict";
import { readState, formatState, parseHash, pageSettings, PAGE_KEYS } from "../../../app/ui/state.js";

const SCHEMA = { H: { type: "int", min: 1, max: 100, default: 10 } };
const read = (hash) => readState(SCHEMA, parseHash(hash).params);

// Page flags: in the hash, in the query before the '#', or both (the hash wins).
assert.ok(PAGE_KEYS.includes("part"));
assert.deepEqual(pageSettings("#/xor", "?embed=1"), { embed: true, projector: false, part: "", notitle: false });
assert.deepEqual(pageSettings("#/xor", "?projector=1&part=d"), { embed: false, projector: true, part: "d", notitle: false });
assert.deepEqual(pageSettings("#/xor?embed=1&part=b", ""), { embed: true, projector: false, part: "b", notitle: false });
assert.deepEqual(pageSettings("#/xor?embed=0&part=c", "?embed=1&projector=1&part=a"), { embed: false, projector: true, part: "c", notitle: false });
assert.deepEqual(pageSettings("", ""), { embed: false, projector: false, part: "", notitle: false });
assert.deepEqual(pageSettings("#/xor?embed=1&notitle=1", ""), { embed: true, projector: false, part: "", notitle: true }, "notitle hides the part's own title");
assert.equal(formatState(SCHEMA, { H: 10 }, { embed: true, part: "fit", notitle: true }), "H=10&embed=1&part=fit&notitle=1");
// part is a page key: never reported as unknown, kept in the link the lesson writes.
assert.deepEqual(read("#/cybenko?part=fit&embed=1&projector=0").problems, []);
assert.equal(formatState(SCHEMA, { H: 10 }, { embed: true, part: "fit" }), "H=10&embed=1&part=fit");
assert.equal(formatState(SCHEMA, { H: 10 }, { embed: false, projector: true, part: "" }), "H=10&projector=1");

console.log("page flags: read before and after the '#', the hash wins; part is a page key");
