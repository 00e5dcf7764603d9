// Lesson state in the URL: #/route?key=value&..., so a link reopens the same setup.
//
// A schema describes each key:
//   {type: "number", min, max, default}      {type: "int", min, max, default}
//   {type: "choice", values: [...], default}  {type: "bool", default}
//   {type: "ints", min, max, minLength, maxLength, default: [..]}   (comma separated)
//   {type: "text", maxLength, default: "..."}   (free text, e.g. an expression; the lesson validates it)
//   {type: "set", values: [...], minLength, default: [..]}           (comma separated, no repeats)
//   {type: "points", max: count, limit: |coordinate|, classes, default: []}   (x,y,c;x,y,c;...)
// A bad value is ignored, with a message saying which and why; nothing else is lost.

// Settings of the whole page, not of a lesson: kept in every URL, never reported as unknown.
// embed, projector and notitle are flags ("1" is on); part names one part of a lesson to show alone;
// notitle hides an embedded part's own title (the lecturer's slide has one); code carries edited
// Python from a shared link (ui/code-panel.js asks before running it).
export const PAGE_KEYS = ["embed", "projector", "part", "notitle", "code"];

/**
 * The page settings {embed: bool, projector: bool, part: string or "", notitle: bool}, read from the query
 * before the '#' (index.html?embed=1#/xor) and from the hash (#/xor?embed=1); where both
 * have a key, the hash wins.
 */
export function pageSettings(hash = globalThis.location?.hash, search = globalThis.location?.search) {
  const inHash = parseHash(hash).params;
  const inSearch = parseQuery((search || "").replace(/^\?/, ""));
  const raw = (k) => (inHash.has(k) ? inHash.get(k) : inSearch.has(k) ? inSearch.get(k) : null);
  return { embed: raw("embed") === "1", projector: raw("projector") === "1", part: raw("part") || "",
    notitle: raw("notitle") === "1" };
}

/** The current URL (or href) with one page setting switched on ("1") or off (taken out: code= too). */
export function withPageSetting(key, on, href = location.href) {
  const url = new URL(href);
  const { route, params } = parseHash(url.hash);
  if (on) params.set(key, "1");
  else params.delete(key);
  const before = new URLSearchParams(url.search);   // a flag before the '#' (index.html?projector=1#/…)
  if (before.has(key)) {                            // moves into the hash, where it can be switched
    before.delete(key);
    url.search = before.toString();
  }
  const query = params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
  url.hash = `#/${route}${query ? `?${query}` : ""}`;
  return url.href;
}

/**
 * Query parameters as they are written in a link. Unlike the form encoding URLSearchParams
 * reads, a '+' stays a '+' (so "expr=x+1" is x+1, not "x 1"); %XX escapes decode, and a broken
 * escape is kept as typed. Spaces are written as %20 (toString), so a round trip is exact.
 */
export class HashParams extends URLSearchParams {
  toString() { return super.toString().replace(/\+/g, "%20"); }
}

function parseQuery(query) {
  const params = new HashParams();
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    params.append(decodePart(at < 0 ? pair : pair.slice(0, at)), at < 0 ? "" : decodePart(pair.slice(at + 1)));
  }
  return params;
}

export function parseHash(hash) {
  const text = (hash || "").replace(/^#\/?/, "");
  const at = text.indexOf("?");
  const route = at < 0 ? text : text.slice(0, at);
  return { route: decodeRoute(route || ""), params: parseQuery(at < 0 ? "" : text.slice(at + 1)) };
}

/** %XX escapes decoded; a run of escapes that is not UTF-8 (%E0%A4%A, %zz) is kept as typed. */
function decodePart(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try { return decodeURIComponent(run); } catch { return run; }
    });
  }
}

/** The route part decoded; broken percent-encoding (e.g. %E0%A4%A) is kept as typed, not thrown. */
function decodeRoute(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseValue(spec, raw) {
  switch (spec.type) {
    case "number":
    case "int": {
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v)) return { error: "not a number" };
      if (spec.type === "int" && !Number.isInteger(v)) return { error: "not a whole number" };
      if (v < spec.min || v > spec.max) return { error: `outside ${spec.min}–${spec.max}` };
      return { value: v };
    }
    case "choice":
      return spec.values.includes(raw) ? { value: raw } : { error: `not one of ${spec.values.join(", ")}` };
    case "bool":
      return raw === "1" || raw === "0" ? { value: raw === "1" } : { error: "not 0 or 1" };
    case "ints": {
      const parts = raw === "" ? [] : raw.split(",");
      const values = parts.map(Number);
      if (values.some((v) => !Number.isInteger(v) || v < spec.min || v > spec.max)) {
        return { error: `each must be a whole number in ${spec.min}–${spec.max}` };
      }
      if (values.length < spec.minLength || values.length > spec.maxLength) {
        return { error: `${spec.minLength}–${spec.maxLength} entries` };
      }
      return { value: values };
    }
    case "set": {
      const parts = raw === "" ? [] : raw.split(",");
      const bad = parts.find((p) => !spec.values.includes(p));
      if (bad !== undefined) return { error: `${bad.slice(0, 20)} is not one of ${spec.values.join(", ")}` };
      if (new Set(parts).size !== parts.length) return { error: "an entry is repeated" };
      if (parts.length < (spec.minLength || 0)) return { error: `choose at least ${spec.minLength}` };
      return { value: parts };
    }
    case "points": {
      const rows = raw === "" ? [] : raw.split(";");
      if (rows.length > spec.max) return { error: `more than ${spec.max} points` };
      const points = rows.map((r) => r.split(",").map(Number));
      const ok = points.every((p) => p.length === 3 && p.every(Number.isFinite) &&
        Math.abs(p[0]) <= spec.limit && Math.abs(p[1]) <= spec.limit &&
        Number.isInteger(p[2]) && p[2] >= 0 && p[2] < spec.classes);
      return ok ? { value: points } : { error: "each point must be x,y,class inside the plane" };
    }
    case "text":
      return raw.length <= spec.maxLength ? { value: raw } : { error: `longer than ${spec.maxLength} characters` };
    default:
      return { error: "unknown setting" };
  }
}

/** Values for every schema key (defaults where missing or bad) and a list of problems. */
export function readState(schema, params) {
  const values = {};
  const problems = [];
  for (const [key, spec] of Object.entries(schema)) {
    values[key] = Array.isArray(spec.default) ? structuredClone(spec.default) : spec.default;
    if (!params.has(key)) continue;
    const raw = params.get(key);
    const { value, error } = parseValue(spec, raw);
    if (error) problems.push(`Ignored ${key}=${raw.slice(0, 40)} from the link: ${error}.`);
    else values[key] = value;
  }
  for (const key of params.keys()) {
    if (!Object.hasOwn(schema, key) && !PAGE_KEYS.includes(key)) problems.push(`Ignored unknown setting "${key.slice(0, 40)}" in the link.`);
  }
  return { values, problems };
}

function formatValue(spec, value) {
  if (spec.type === "bool") return value ? "1" : "0";
  if (spec.type === "ints" || spec.type === "set") return value.join(",");
  if (spec.type === "points") return value.map((p) => p.join(",")).join(";");
  return String(value);
}

/**
 * The query string for a state: every key, in schema order; non-finite numbers are left out.
 * page: the page settings to keep, {embed: true, part: "d", ...}: a flag that is on is written
 * "1"; a string (as typed in the hash, e.g. embed=0) is written as it is.
 */
export function formatState(schema, values, page = {}) {
  const params = new HashParams();
  for (const [key, spec] of Object.entries(schema)) {
    const v = values[key];
    if ((spec.type === "number" || spec.type === "int") && !Number.isFinite(v)) continue;   // never NaN in a link
    params.set(key, formatValue(spec, v));
  }
  for (const key of PAGE_KEYS) {
    const v = Object.hasOwn(page, key) ? page[key] : undefined;
    if (v === true) params.set(key, "1");
    else if (typeof v === "string" && v !== "") params.set(key, v);
  }
  return params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
}

/** The page settings written in the hash itself, as typed (those before the '#' stay there). */
function hashPageSettings() {
  const { params } = parseHash(location.hash);
  return Object.fromEntries(PAGE_KEYS.filter((k) => params.has(k)).map((k) => [k, params.get(k)]));
}

/** Put the whole state in the URL without adding a history entry. */
export function writeState(route, schema, values) {
  const hash = `#/${route}?${formatState(schema, values, hashPageSettings())}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
