// The lab's storage, guarded: every use of sessionStorage and localStorage in the lab goes through here.
//
//   import { tabStorage, storageKept, lastingStorage, lastingKept } from "./storage.js";
//   tabStorage().setItem("backprop-lab.x", "1");   // never throws on access
//   if (!storageKept()) note("…edits will not be kept in this frame");
//
// Two stores: tabStorage() (sessionStorage: the lesson panels' edits, which run by themselves in a
// reloaded page, so they last only as long as the tab) and lastingStorage() (localStorage: the
// exercises' code and progress, which survive closing the browser; they run only on a click).
//
// A frame of another site (a lecturer's slides) is a third-party context: Chromium with its default
// rules, Safari, Brave and incognito windows deny sessionStorage there, and merely reading the
// property throws "Access is denied for this document". A full or disabled storage throws on write.
// Then the lab keeps the same keys in memory, for as long as the page lives: every lesson works,
// and storageNote() says in one line that edits and progress are not kept.

/** A Storage-like object in memory (getItem, setItem, removeItem, key, length, clear). */
export function memoryStorage() {
  const items = new Map();
  return {
    get length() { return items.size; },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (items.has(String(k)) ? items.get(String(k)) : null),
    setItem: (k, v) => { items.set(String(k), String(v)); },
    removeItem: (k) => { items.delete(String(k)); },
    clear: () => items.clear(),
  };
}

/** `get()` (the storage, e.g. () => sessionStorage), if reading and writing it works; else null. */
export function usable(get) {
  try {
    const s = get();
    if (!s) return null;
    const probe = "backprop-lab.probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

let tab = null;
let kept = true;      // false: denied (a frame of another site), or "full" once a write did not fit

/**
 * `real` (a working Storage) that never throws on a write: the first write that does not fit (the
 * tab's quota is full) moves the lab's keys into memory, and every later read and write goes there,
 * so nothing written is lost while the page lives.
 */
export function overflowing(real, onFull = () => {}) {
  let mem = null;
  const at = () => mem || real;
  return {
    get length() { return at().length; },
    key: (i) => at().key(i),
    getItem: (k) => at().getItem(k),
    setItem(k, v) {
      if (!mem) {
        try { real.setItem(k, v); return; } catch { /* full: from now on, in memory */ }
        mem = memoryStorage();
        for (let i = 0; i < real.length; i++) { const key = real.key(i); mem.setItem(key, real.getItem(key)); }
        onFull();
      }
      mem.setItem(k, v);
    },
    removeItem(k) {
      at().removeItem(k);
      if (mem) try { real.removeItem(k); } catch { /* ignore */ }
    },
    clear: () => at().clear(),
  };
}

/** The tab's sessionStorage, or (blocked, or absent) one in memory shared by the whole page. */
export function tabStorage() {
  if (!tab) {
    const real = usable(() => globalThis.sessionStorage);
    kept = Boolean(real);
    tab = real ? overflowing(real, () => { kept = "full"; }) : memoryStorage();
  }
  return tab;
}

let lasting = null;
let lastingState = true;

/** The lab's localStorage (kept across visits), guarded like tabStorage(): memory where the browser
 *  denies it, memory from the first write that does not fit. */
export function lastingStorage() {
  if (!lasting) {
    const real = usable(() => globalThis.localStorage);
    lastingState = Boolean(real);
    lasting = real ? overflowing(real, () => { lastingState = "full"; }) : memoryStorage();
  }
  return lasting;
}

/** As storageKept(), for lastingStorage(). */
export function lastingKept() {
  lastingStorage();
  return lastingState;
}

/** False when the browser denies this page its storage, "full" once the tab's storage was full:
 *  edits and progress then live in memory only. True otherwise. */
export function storageKept() {
  tabStorage();
  return kept;
}

/** The one line that says so, or null where storage works. `lasting`: about lastingStorage(). */
export function storageNote(what = "Your edits", { lasting: forLasting = false } = {}) {
  const state = forLasting ? lastingKept() : storageKept();
  if (state === true) return null;
  const p = document.createElement("p");
  p.className = "notice storage-note";
  p.setAttribute("role", "note");
  p.textContent = storageNoteText(what, state, forLasting);
  return p;
}

/** The words of storageNote() (tests/unit/js/storage.mjs). */
export function storageNoteText(what, state, forLasting = false) {
  if (forLasting) {
    return state === "full"
      ? `${what} are kept only until this page closes: this browser's storage for the lab is full. Export them to keep them.`
      : `${what} will not be kept when this page closes: the browser does not let the lab store anything here. ` +
        "Export them to keep them.";
  }
  return state === "full"
    ? `${what} are kept only until this page closes: this tab's storage is full.`
    : `${what} will not be kept when this frame closes: the browser does not let it store anything here.`;
}

/** navigator.serviceWorker where the browser lets this page use it, else null (reading it can throw). */
export function serviceWorkers() {
  try {
    return (typeof navigator !== "undefined" && navigator.serviceWorker) || null;
  } catch {
    return null;
  }
}

/** True in a frame (a slide of a deck), where the arrows and page keys belong to the deck. */
export function inFrame() {
  try { return typeof window !== "undefined" && window.parent !== window; } catch { return true; }
}
