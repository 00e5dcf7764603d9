// The lesson panels' edit store and error texts: pure helpers (tests/unit/js/code_panel.mjs).
// One key per function: "backprop-lab.edit:<module>.<fn>", {module, name, draft, running, good, order}
// (good: the last text that ran without failing; it comes back when the running one fails).

export const STORE_PREFIX = "backprop-lab.edit:";
export const editKey = (module, name) => `${module}.${name}`;

/** The tab's edits: get/set/remove one, all() of them. `storage` is tabStorage() in the page. */
export function editStore(storage) {
  const read = (k) => {
    try { const v = JSON.parse(storage.getItem(k)); return v && typeof v.module === "string" ? v : null; } catch { return null; }
  };
  return {
    get: (module, name) => read(STORE_PREFIX + editKey(module, name)),
    set(entry) {
      try { storage.setItem(STORE_PREFIX + editKey(entry.module, entry.name), JSON.stringify(entry)); return true; } catch { return false; }
    },
    remove: (module, name) => storage.removeItem(STORE_PREFIX + editKey(module, name)),
    all() {
      const out = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k && k.startsWith(STORE_PREFIX)) { const v = read(k); if (v) out.push(v); }
      }
      return out.sort((a, b) => (a.order || 0) - (b.order || 0));
    },
  };
}

/** The lines shown for an error dict of live.install / the exercise runner. */
export function errorText(error) {
  const where = error.line ? `Line ${error.line}: ` : "";
  const kind = { syntax: "Syntax error", exception: "Your code raised an exception", not_written: "Not written yet",
    missing: "Missing function", signature: "Wrong arguments", timeout: "Stopped",
    lab: "Not accepted", shortcut: "Not accepted" }[error.kind] || "Error";
  return { title: `${kind}. ${where}${error.message}`, detail: error.traceback || error.message };
}

