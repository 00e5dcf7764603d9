// The exercises' work in the browser: one localStorage key per exercise ("backprop-lab.exercise:<id>",
// through ui/storage.js's lastingStorage(), memory where the browser denies it), and the progress file
// that Export writes. Import hands the file's text to Python (backprop_lab.exercises.check_progress),
// which checks it whole; only what it returns is written. Pure: tests/unit/js/exercise_progress.mjs.
//
// An entry: {state: "new" | "failing" | "passed", draft, passed (the text that passed), hints (how many
// were shown), puzzle (opened), solved (the puzzle), solution (shown)}.

export const PREFIX = "backprop-lab.exercise:";
export const FORMAT = "backprop-lab-exercises/1";
export const MAX_FILE_BYTES = 1_000_000;   // as progress.py's MAX_BYTES: checked before the file is read
const FIELDS = ["state", "draft", "passed", "hints", "puzzle", "solved", "solution"];

/** The exercises' entries in `storage` (a Storage; lastingStorage() in the page). */
export function progressStore(storage) {
  const keys = () => {
    const out = [];
    for (let i = 0; i < storage.length; i++) { const k = storage.key(i); if (k && k.startsWith(PREFIX)) out.push(k); }
    return out;
  };
  const load = (id) => {
    try {
      const v = JSON.parse(storage.getItem(PREFIX + id));
      return v && typeof v === "object" && !Array.isArray(v) ? v : {};
    } catch { return {}; }
  };
  return {
    load,
    /** Merge `data` into the entry; false if it could not be written (it never throws). */
    save(id, data) {
      try { storage.setItem(PREFIX + id, JSON.stringify({ ...load(id), ...data })); return true; } catch { return false; }
    },
    /** {id: entry} of every exercise with work kept. */
    all() { return Object.fromEntries(keys().map((k) => [k.slice(PREFIX.length), load(k.slice(PREFIX.length))])); },
    /** Remove every exercise's entry (nothing else of the lab's). */
    forget() { for (const k of keys()) { try { storage.removeItem(k); } catch { /* nothing to do */ } } },
    /** Replace all the work with `entries` ({id: entry}, as check_progress returns them). */
    replace(entries) {
      this.forget();
      return Object.entries(entries).every(([id, e]) => this.save(id, e));
    },
  };
}

/** The progress file's text: the work kept for the exercises `ids` (the ones this page lists). */
export function exportText(store, ids, now = new Date()) {
  const all = store.all();
  const exercises = {};
  for (const id of ids) {
    if (!all[id] || !Object.keys(all[id]).length) continue;
    const entry = {};
    for (const f of FIELDS) if (all[id][f] !== undefined) entry[f] = all[id][f];
    exercises[id] = entry;
  }
  return JSON.stringify({ format: FORMAT, exported: now.toISOString(), exercises }, null, 1) + "\n";
}

/** "with 2 hints and the puzzle": the help an exercise had, said beside its pass ("" for none). */
export function helpUsed(entry) {
  const parts = [];
  const n = entry.hints || 0;
  if (n) parts.push(n === 1 ? "1 hint" : `${n} hints`);
  if (entry.puzzle) parts.push("the puzzle");
  if (entry.solution) parts.push("the solution");
  if (!parts.length) return "";
  return `with ${parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]}`;
}

/** What a pass says: "Passed" or "Passed, with 1 hint". */
export function passedText(entry) {
  const help = helpUsed(entry);
  return help ? `Passed, ${help}` : "Passed";
}

/** The file's text, or an Error saying it is too big, read only if it fits. */
export async function readProgressFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`the file is ${(file.size / 1e6).toFixed(1)} MB: a progress file may be at most 1 MB`);
  }
  return file.text();
}
