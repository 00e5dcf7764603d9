// The link that carries edited Python: code=<deflate-raw JSON, base64url> after the '#'.
//
//   const code = await encodeShare([{module, name, source}]);   // -> "rVJN…"
//   const edits = await decodeShare(code);                      // throws an Error that says what is wrong
//   shareFromHash(location.hash)  -> {route, code} or null;  withShare(href, code) -> href with code=
//
// What a link may hold is checked before anything is shown: at most 50 functions of backprop_lab
// modules, 50,000 characters each, 60,000 in the parameter, and no bidirectional control characters
// (Trojan Source). ui/code-panel.js shows the code and asks before it runs.
import { parseHash } from "./state.js";

function toBase64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("it is not base64url text");
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

const SHARE_MAX = 60000;   // characters of the code= parameter
// Unicode's bidirectional controls (embeddings, overrides, isolates): they make code read in a
// different order than Python runs it ("Trojan Source", CVE-2021-42574). Code from a link never holds them.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const codePoint = (ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
const MODULE_RE = /^backprop_lab(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** [{module, name, source}] -> the text of a code= parameter (deflate-raw, base64url). */
export async function encodeShare(edits) {
  const json = JSON.stringify({ v: 1, e: edits.map((e) => [e.module, e.name, e.source]) });
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** The text of a code= parameter -> [{module, name, source}]; throws an Error saying what is wrong. */
export async function decodeShare(text) {
  if (text.length > SHARE_MAX) throw new Error(`the code in the link is too long (${text.length} characters)`);
  let json;
  try {
    const stream = new Blob([fromBase64url(text)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    json = await new Response(stream).text();
  } catch (err) {
    throw new Error("the code in the link is damaged (it could not be unpacked)", { cause: err });
  }
  let data;
  try { data = JSON.parse(json); } catch { throw new Error("the code in the link is damaged (not the lab's format)"); }
  if (!data || data.v !== 1 || !Array.isArray(data.e) || data.e.length > 50) throw new Error("the code in the link is not in the lab's format");
  return data.e.map((row) => {
    const [module, name, source] = Array.isArray(row) ? row : [];
    if (typeof module !== "string" || !MODULE_RE.test(module) || typeof name !== "string" || !NAME_RE.test(name) ||
        typeof source !== "string" || source.length > 50000) {
      throw new Error("the code in the link names no function of the lab");
    }
    const bidi = source.match(BIDI);
    if (bidi) {
      throw new Error(`the code in the link holds an invisible text-direction character (${codePoint(bidi[0])}), ` +
        "which can make code read differently from how it runs");
    }
    return { module, name, source };
  });
}

/** {route, code} of a hash with a code= parameter, or null. */
export function shareFromHash(hash) {
  const { route, params } = parseHash(hash);
  const code = params.get("code");
  return code ? { route, code } : null;
}

/** `href` with code=<code> in its hash (after the lesson's settings). */
export function withShare(href, code) {
  const url = new URL(href);
  const { route, params } = parseHash(url.hash);
  params.delete("code");
  params.set("code", code);
  url.hash = `#/${route}?${params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";")}`;
  return url.href;
}
