// The Exercises page's kept work (app/lessons/exercises/progress.js): one key per exercise, Forget
// clears only those, the export file's shape, and the words beside a pass.
import assert from "node:assert/strict";
import { progressStore, exportText, helpUsed, passedText, readProgressFile, PREFIX, FORMAT, MAX_FILE_BYTES }
  from "../../../app/lessons/exercises/progress.js";
import { memoryStorage } from "../../../app/ui/storage.js";

const storage = memoryStorage();
storage.setItem("backprop-lab.edit:backprop_lab.nn.f", "{}");   // a lesson panel's edit: not the exercises'
const store = progressStore(storage);
assert.deepEqual(store.load("neuron"), {});
assert.ok(store.save("neuron", { draft: "x" }));
assert.ok(store.save("neuron", { state: "passed", passed: "x", hints: 2 }));
assert.deepEqual(store.load("neuron"), { draft: "x", state: "passed", passed: "x", hints: 2 }, "saves merge");
storage.setItem(PREFIX + "broken", "{not json");
assert.deepEqual(store.load("broken"), {}, "a broken entry reads as nothing");
storage.setItem(PREFIX + "list", "[1]");
assert.deepEqual(store.load("list"), {});

const text = exportText(store, ["neuron", "nand", "broken"], new Date("2024-05-01T10:00:00Z"));
const file = JSON.parse(text);
assert.equal(file.format, FORMAT);
assert.equal(file.exported, "2024-05-01T10:00:00.000Z");
assert.deepEqual(file.exercises, { neuron: { state: "passed", draft: "x", passed: "x", hints: 2 } },
  "only the page's exercises with work, only the known fields");

store.forget();
assert.deepEqual(store.all(), {});
assert.equal(storage.getItem("backprop-lab.edit:backprop_lab.nn.f"), "{}", "Forget leaves the lesson edits");
assert.ok(store.replace({ nand: { state: "failing", hints: 1 } }));
assert.deepEqual(Object.keys(store.all()), ["nand"]);
const full = { ...memoryStorage(), setItem() { throw new DOMException("QuotaExceededError"); } };
assert.equal(progressStore(full).save("nand", {}), false, "a full storage is reported, not thrown");

assert.equal(helpUsed({}), "");
assert.equal(helpUsed({ hints: 1 }), "with 1 hint");
assert.equal(helpUsed({ hints: 2, puzzle: true }), "with 2 hints and the puzzle");
assert.equal(helpUsed({ hints: 4, puzzle: true, solution: true }), "with 4 hints, the puzzle and the solution");
assert.equal(passedText({ hints: 2, puzzle: true }), "Passed, with 2 hints and the puzzle");
assert.equal(passedText({}), "Passed");

await assert.rejects(readProgressFile({ size: MAX_FILE_BYTES + 1, text: async () => "" }), /at most 1 MB/);
assert.equal(await readProgressFile({ size: 2, text: async () => "{}" }), "{}");
console.log("exercise_progress ok");
