// The page around the lessons: embed mode (just the demo, for slides), projector mode (large,
// high-contrast), the Embed snippet, and keyboard shortcuts that work on every lesson.
import { el, button, select } from "./controls.js";
import { pageSettings, parseHash, withPageSetting } from "./state.js";
import { setProjectorColours } from "./heatmap.js";
import { activePlayer, PLAYER_KEYS } from "./player.js";
import { inFrame } from "./storage.js";

export const SHORTCUTS = [
  ["Space", "Play / Pause"],
  ["S", "Step (→ too, outside a slide)"],
  ["R", "Reset"],
  ["F", "Fullscreen on / off"],
  ["?", "Show these shortcuts"],
];

/** Apply embed and projector settings from the URL to the document. */
export function applyPageSettings() {
  const { embed, projector, notitle } = pageSettings();
  for (const node of [document.documentElement, document.body]) {   // html: the type scale; body: the rest
    node.classList.toggle("embed", embed);
    node.classList.toggle("projector", projector);
    node.classList.toggle("notitle", embed && notitle);
  }
  setProjectorColours(projector);
  const toggle = document.getElementById("projector-toggle");
  if (toggle) toggle.setAttribute("aria-pressed", String(projector));
  return { embed, projector };
}

/** Header buttons: Projector mode, Embed, and the shortcuts dialog. remount() redraws the lesson. */
export function buildShellControls(remount, { parts = () => [] } = {}) {
  const tools = document.getElementById("page-tools");
  const projector = button("Projector mode", () => {
    const on = projector.getAttribute("aria-pressed") !== "true";
    history.replaceState(null, "", withPageSetting("projector", on));
    applyPageSettings();
    remount();   // charts and pictures pick up the new colours and line widths
  }, { id: "projector-toggle", "aria-pressed": "false" });
  const embed = button("Embed", () => openEmbedDialog(parts()));
  const keys = button("Shortcuts", () => toggleShortcuts(), { "aria-keyshortcuts": "?" });
  tools.append(projector, embed, keys);
  document.addEventListener("keydown", onKey);
}

function dialog(id, title, ...children) {
  let d = document.getElementById(id);
  if (d) d.remove();
  d = el("dialog", { id, "aria-labelledby": `${id}-title` },
    el("h2", { id: `${id}-title`, text: title }), ...children,
    el("form", { method: "dialog" }, el("button", { type: "submit", text: "Close" })));
  document.body.append(d);
  d.showModal();
  return d;
}

/** Frame shapes a slide can give a demo: [label, CSS aspect-ratio]. 16:9 first (the default). */
export const ASPECTS = [["16:9 (widescreen slide)", "16/9"], ["4:3 (classic slide)", "4/3"], ["16:10", "16/10"]];

/** How the frame sits on the slide: [value, label, extra CSS]. "title": the frame's height is capped so a
 *  one-line heading above it still fits the slide (the frame then gets wider than its shape; a part fits that). */
export const FITS = [["fill", "Fill the slide", ""], ["title", "Under a title (leaves room for the slide's heading)", "max-height:80vh;"]];

/** True when `href` is served from this computer only (localhost, loopback or a file), not a hosted site. */
export function isLocal(href = location.href) {
  const url = new URL(href);
  return url.protocol === "file:" || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/.test(url.hostname) ||
    url.hostname.endsWith(".localhost");
}

/**
 * The <iframe> snippet for this page as it is now. Its height follows the slide's shape
 * (aspect-ratio), not a fixed number of pixels. Not loading="lazy": a deck hides its later slides, and a
 * lazy frame there would load only when its slide shows; an eager one loads with the deck, and once
 * the deck's Python is up it joins it and loads its packages while hidden (main.js inDeck). relative: the src is "index.html#/..." (for a deck
 * that sits inside the site's folder, as the offline kit's static/slides.html does with "../").
 */
export function embedSnippet(href = location.href, title = document.title,
  { aspect = "16/9", relative = false, part = "", fit = "fill", hideTitle = false } = {}) {
  const full = embedHref(href, part, hideTitle);
  const url = new URL(full);
  const src = relative ? `index.html${url.hash}` : full;
  const safeTitle = title.replace(/[<>&"]/g, "");
  const extra = (FITS.find(([v]) => v === fit) || FITS[0])[2];
  return `<iframe src="${src.replace(/"/g, "%22")}" title="${safeTitle}" ` +
    `style="width:100%;aspect-ratio:${aspect};${extra}border:0" allow="fullscreen"></iframe>`;
}

/** This page's URL embedded (embed=1), showing one part (part=<id>), or the lesson's main part ("" );
 *  hideTitle: without the part's own title (notitle=1). */
export function embedHref(href = location.href, part = "", hideTitle = false) {
  const url = new URL(withPageSetting("embed", true, href));
  const { route, params } = parseHash(url.hash);
  if (hideTitle) params.set("notitle", "1");
  else params.delete("notitle");
  if (part) params.set("part", part);
  else params.delete("part");
  const query = params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
  url.hash = `#/${route}${query ? `?${query}` : ""}`;
  return url.href;
}

/** parts: the lesson's parts [{id, title, main}] (from the shell, which has the registry). */
function openEmbedDialog(parts = []) {
  const local = isLocal();
  let aspect = ASPECTS[0][1];
  let part = (parts.find((p) => p.main) || parts[0] || { id: "" }).id;
  const area = el("textarea", { id: "embed-code", readonly: true, rows: 4, cols: 60 });
  const relArea = el("textarea", { id: "embed-code-relative", readonly: true, rows: 3, cols: 60 });
  const preview = el("iframe", { title: "Preview of the embedded demo", class: "embed-preview" });
  const status = el("p", { "aria-live": "polite" });
  let fit = FITS[0][0];
  let hideTitle = false;
  const refresh = () => {
    const chosen = parts.find((p) => p.id === part);
    const title = chosen ? `${chosen.title} · Backprop Lab` : document.title;
    area.value = embedSnippet(location.href, title, { aspect, part, fit, hideTitle });
    relArea.value = embedSnippet(location.href, title, { aspect, relative: true, part, fit, hideTitle });
    preview.style.aspectRatio = aspect;
    const src = embedHref(location.href, part, hideTitle);
    if (preview.src !== src) preview.src = src;
  };
  // The lesson's parts: one demo each; the snippet and the live preview follow the choice.
  const partPicker = parts.length < 2 ? "" : el("fieldset", { class: "part-picker" },
    el("legend", { text: "Which demo (part of this lesson)" }),
    ...parts.map((p) => {
      const id = `embed-part-${p.id}`;
      const input = el("input", { type: "radio", name: "embed-part", id, value: p.id, checked: p.id === part,
        onchange: () => { part = p.id; refresh(); } });
      return el("div", { class: "field check" }, input, el("label", { for: id, text: p.title }));
    }));
  const shape = select("Slide shape", ASPECTS.map(([label, value]) => [value, label]), aspect,
    (v) => { aspect = v; refresh(); });
  const fitPicker = el("fieldset", { class: "fit-picker" }, el("legend", { text: "On the slide" }),
    ...FITS.map(([value, label]) => {
      const id = `embed-fit-${value}`;
      return el("div", { class: "field check" },
        el("input", { type: "radio", name: "embed-fit", id, value, checked: value === fit, onchange: () => { fit = value; refresh(); } }),
        el("label", { for: id, text: label }));
    }));
  const titleBox = el("input", { type: "checkbox", id: "embed-notitle", onchange: () => { hideTitle = titleBox.checked; refresh(); } });
  const titleField = el("div", { class: "field check" }, titleBox,
    el("label", { for: "embed-notitle", text: "Hide the demo's own title (the slide has one)" }));
  const copy = (box) => async () => {
    box.select();
    try { await navigator.clipboard.writeText(box.value); status.textContent = "Copied."; }
    catch { status.textContent = "Select the code and copy it (Ctrl+C)."; }
  };
  const where = local
    ? el("p", { class: "notice", role: "note", text: "This page comes from this computer (localhost or a file), so the link " +
      "works only while this computer's server runs, and only on this computer. For a deck that sits inside the lab's " +
      "folder (as the offline kit's static/slides.html does), use the relative link below; put ../ in front of it " +
      "from a page in static/." })
    : el("p", { text: "Paste this into a slide or any web page. It opens the demo as it is set up now, without the site around it." });
  // Two columns, so that at 1280×720 the choices, the code, Show to class and the preview are all in the window.
  dialog("embed-dialog", "Embed this demo",
    el("div", { class: "embed-columns" },
      el("div", { class: "embed-choices" }, partPicker, shape.node, fitPicker, titleField,
        el("label", { for: "embed-code", text: "Embed code" }), area,
        el("div", { class: "embed-buttons" }, button("Copy embed code", copy(area)), button("Show to class", () => showToClass(local))),
        status),
      el("div", { class: "embed-preview-box" }, el("p", { class: "preview-label", text: "Preview at this shape:" }), preview,
        where,
        el("label", { for: "embed-code-relative", text: "Relative embed code (a deck inside the site's folder)" }), relArea,
        button("Copy relative code", copy(relArea)))))
    .classList.add("embed-dialog");
  refresh();
  area.focus();
  area.select();
}

/**
 * The link of this setup as a large QR code and in large type, so a hall of students can open the
 * same demo on their phones (the whole lesson, scrolled to nothing: a phone reads the article).
 */
function showToClass(local) {
  // The lesson with its settings; without the page's own flags, which a phone does not want.
  let link = withPageSetting("embed", false);
  for (const flag of ["projector", "notitle", "part"]) link = withPageSetting(flag, false, link);
  const qr = el("canvas", { class: "class-qr", role: "img", "aria-label": `QR code of ${link}` });
  const children = [qr, el("p", { class: "class-link", text: link })];
  drawQR(qr, link).catch((err) => qr.replaceWith(el("p", { class: "notice", text: `No QR code: ${err.message}` })));
  if (local) {
    children.push(el("p", { class: "notice", role: "note", text: "This address is on this computer only: " +
      "students' phones cannot reach it. Host the lab (GitHub Pages) or serve it on the hall's network to share it." }));
  }
  dialog("class-dialog", "Open this demo on your phone", ...children).classList.add("class-dialog");
}

/** Draw `text` as a QR code (qrcode-generator, vendored from npm, loaded only when needed). */
async function drawQR(canvas, text) {
  const { default: qrcode } = await import("../../vendor/qrcode/qrcode.mjs");
  const code = qrcode(0, "M");   // type 0: the smallest that holds the text; M: 15 % error correction
  code.addData(text);
  code.make();
  const n = code.getModuleCount(), quiet = 4, cell = Math.max(4, Math.floor(720 / (n + 2 * quiet)));
  canvas.width = canvas.height = (n + 2 * quiet) * cell;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (code.isDark(r, c)) ctx.fillRect((c + quiet) * cell, (r + quiet) * cell, cell, cell);
  }
  canvas.dataset.modules = String(n);
}

function toggleShortcuts() {
  const open = document.getElementById("shortcuts-dialog");
  if (open && open.open) { open.close(); return; }
  dialog("shortcuts-dialog", "Keyboard shortcuts",
    el("table", {}, el("tbody", {}, ...SHORTCUTS.map(([key, what]) =>
      el("tr", {}, el("th", { scope: "row" }, el("kbd", { text: key })), el("td", { text: what }))))));
}

/** The first visible, enabled button of the lesson whose text matches. */
function lessonButton(pattern) {
  return [...document.querySelectorAll("#view button")]
    .find((b) => !b.disabled && b.offsetParent !== null && pattern.test(b.textContent.trim()));
}

// In a slide, the keys that move slides belong to the deck: reveal.js's postMessage API takes
// {"method": "right"} and the like from its frames (a deck of any other kind ignores the message).
export const DECK_KEYS = { ArrowRight: "right", ArrowLeft: "left", ArrowUp: "up", ArrowDown: "down",
  PageDown: "next", PageUp: "prev" };
const FIELD = "input, select, textarea, [contenteditable]:not([contenteditable='false']), [role='slider'], .cm-editor, dialog";

/** In a frame: hand a slide key to the deck, unless a field that uses the arrows has focus. True if handed. */
export function handToDeck(ev, post = (m) => window.parent.postMessage(m, "*")) {
  if (!inFrame() || !DECK_KEYS[ev.key] || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return false;
  const t = ev.target;
  if (t && t.closest && t.closest(FIELD)) return false;   // a slider or a text field: the arrows are its own
  ev.preventDefault();
  post(JSON.stringify({ method: DECK_KEYS[ev.key] }));
  return true;
}

function onKey(ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (handToDeck(ev)) return;
  // Space, S, → and R belong to the mounted lesson's Player (app/ui/player.js has its own listener).
  if (activePlayer() && PLAYER_KEYS.has(ev.key)) return;
  const t = ev.target;
  const typing = t.closest && t.closest("input, select, textarea, button, summary, [contenteditable], dialog, pre, .python, .cm-editor");
  if (typing && ev.key !== "?") return;   // keys belong to the control that has focus
  // A page with no mounted Player: press its buttons.
  const press = (pattern) => { const b = lessonButton(pattern); if (b) { ev.preventDefault(); b.click(); } };
  switch (ev.key) {
    case " ": press(/^(Play|Pause)$/); break;
    case "s": case "S": press(/^Step\b/); break;
    case "ArrowRight": if (!inFrame()) press(/^Step\b/); break;
    case "r": case "R": press(/^Reset$/); break;
    case "f": case "F":
      ev.preventDefault();
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
      break;
    case "?": ev.preventDefault(); toggleShortcuts(); break;
    default:
  }
}

/** In embed mode, wait until the demo is on screen before booting Python (several per page). */
export function whenVisible(node) {
  return new Promise((resolve) => {
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { io.disconnect(); resolve(); }
    });
    io.observe(node);
  });
}
