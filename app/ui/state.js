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
export const PAGE_KEYS = ["embed", "projector"];

/** The page settings in a hash: {embed: bool, projector: bool}. */
export function pageSettings(hash = location.hash) {
  const { params } = parseHash(hash);
  return Object.fromEntries(PAGE_KEYS.map((k) => [k, params.get(k) === "1"]));
}

export function parseHash(hash) {
  const text = (hash || "").replace(/^#\/?/, "");
  const [route, query = ""] = text.split("?");
  return { route: decodeRoute(route || ""), params: new URLSearchParams(query) };
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
    if (!(key in schema) && !PAGE_KEYS.includes(key)) problems.push(`Ignored unknown setting "${key.slice(0, 40)}" in the link.`);
  }
  return { values, problems };
}

function formatValue(spec, value) {
  if (spec.type === "bool") return value ? "1" : "0";
  if (spec.type === "ints" || spec.type === "set") return value.join(",");
  if (spec.type === "points") return value.map((p) => p.join(",")).join(";");
  return String(value);
}

/** The query string for a state: every key, in schema order; non-finite numbers are left out. */
export function formatState(schema, values, page = {}) {
  const params = new URLSearchParams();
  for (const [key, spec] of Object.entries(schema)) {
    const v = values[key];
    if ((spec.type === "number" || spec.type === "int") && !Number.isFinite(v)) continue;   // never NaN in a link
    params.set(key, formatValue(spec, v));
  }
  for (const key of PAGE_KEYS) if (page[key]) params.set(key, "1");
  return params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
}

/** Put the whole state in the URL without adding a history entry. */
export function writeState(route, schema, values) {
  const hash = `#/${route}?${formatState(schema, values, pageSettings())}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
