// The page around the lessons: embed mode (just the demo, for slides), projector mode (large,
// high-contrast), the Embed snippet, and keyboard shortcuts that work on every lesson.
import { el, button } from "./controls.js";
import { pageSettings, parseHash } from "./state.js";
import { setProjectorColours } from "./heatmap.js";
import { activePlayer, PLAYER_KEYS } from "./player.js";

export const SHORTCUTS = [
  ["Space", "Play / Pause"],
  ["→", "Step"],
  ["R", "Reset"],
  ["F", "Fullscreen on / off"],
  ["?", "Show these shortcuts"],
];

/** The current URL with one page setting switched on or off. */
export function withPageSetting(key, on, href = location.href) {
  const url = new URL(href);
  const { route, params } = parseHash(url.hash);
  if (on) params.set(key, "1");
  else params.delete(key);
  const query = params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
  url.hash = `#/${route}${query ? `?${query}` : ""}`;
  return url.href;
}

/** Apply embed and projector settings from the URL to the document. */
export function applyPageSettings() {
  const { embed, projector } = pageSettings();
  document.body.classList.toggle("embed", embed);
  document.body.classList.toggle("projector", projector);
  setProjectorColours(projector);
  const toggle = document.getElementById("projector-toggle");
  if (toggle) toggle.setAttribute("aria-pressed", String(projector));
  return { embed, projector };
}

/** Header buttons: Projector mode, Embed, and the shortcuts dialog. remount() redraws the lesson. */
export function buildShellControls(remount) {
  const tools = document.getElementById("page-tools");
  const projector = button("Projector mode", () => {
    const on = projector.getAttribute("aria-pressed") !== "true";
    history.replaceState(null, "", withPageSetting("projector", on));
    applyPageSettings();
    remount();   // charts and pictures pick up the new colours and line widths
  }, { id: "projector-toggle", "aria-pressed": "false" });
  const embed = button("Embed", () => openEmbedDialog());
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

/** The <iframe> snippet for this page as it is now. */
export function embedSnippet(href = location.href, title = document.title) {
  const src = withPageSetting("embed", true, href);
  const safeTitle = title.replace(/[<>&"]/g, "");
  return `<iframe src="${src.replace(/"/g, "%22")}" title="${safeTitle}" width="100%" height="640" ` +
    `style="border:0" loading="lazy" allow="fullscreen"></iframe>`;
}

function openEmbedDialog() {
  const snippet = embedSnippet();
  const area = el("textarea", { id: "embed-code", readonly: true, rows: 5, cols: 60 });
  area.value = snippet;
  const status = el("p", { "aria-live": "polite" });
  dialog("embed-dialog", "Embed this demo",
    el("p", { text: "Paste this into a slide or any web page. It opens the demo as it is set up now, without the site around it." }),
    el("label", { for: "embed-code", text: "Embed code" }), area,
    button("Copy embed code", async () => {
      area.select();
      try { await navigator.clipboard.writeText(snippet); status.textContent = "Copied."; }
      catch { status.textContent = "Select the code and copy it (Ctrl+C)."; }
    }), status);
  area.focus();
  area.select();
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

function onKey(ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  // Space, → and R belong to the mounted lesson's Player (app/ui/player.js has its own listener).
  if (activePlayer() && PLAYER_KEYS.has(ev.key)) return;
  const t = ev.target;
  const typing = t.closest && t.closest("input, select, textarea, button, summary, [contenteditable], dialog, pre, .python, .cm-editor");
  if (typing && ev.key !== "?") return;   // keys belong to the control that has focus
  // Lessons without a Player (the Playground): press their buttons.
  const press = (pattern) => { const b = lessonButton(pattern); if (b) { ev.preventDefault(); b.click(); } };
  switch (ev.key) {
    case " ": press(/^(Play|Pause)$/); break;
    case "ArrowRight": press(/^Step$/); break;
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
