// Handouts: printing the deck (slides.html?print-pdf, reveal.js's print view, then the browser's Print
// or Chromium's PDF) puts a picture of each demo in its frame's place. The pictures are taken here, at
// print time: the deck's frames load and draw their parts at their default settings, sharing the
// deck's one Python as on screen, and each frame's figure (its canvases and SVGs, where they sit) is
// copied into an <img> once it has drawn, and the frame removed. The deck reads its frames directly
// (they are the lab's pages, on the deck's origin). When every demo is a picture, <html> gets
// data-handouts="ready": print then. (A picture made at build time would need a browser in the build.)
import { el } from "../app/ui/controls.js";

const SCALE = 1.5;          // picture pixels per CSS pixel: sharp on paper, not heavy in the PDF
const LIMIT_MS = 60_000;    // a demo not drawn by then is loaded once more; then printed as its title and a note
const AT_ONCE = 3;          // demos loading together (the live deck lays out about as many)
const SVG_STYLE = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
  "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "visibility", "display"];

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** An SVG as an image: a copy with its computed styles inlined (the page's CSS does not reach an <img>). */
function svgImage(svg, width, height) {
  const copy = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll("*")], to = [copy, ...copy.querySelectorAll("*")];
  const view = svg.ownerDocument.defaultView;   // the frame's window: its styles
  from.forEach((node, i) => {
    const style = view.getComputedStyle(node);
    to[i].setAttribute("style", SVG_STYLE.map((p) => `${p}:${style.getPropertyValue(p)}`).join(";"));
  });
  copy.setAttribute("width", width);
  copy.setAttribute("height", height);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: "image/svg+xml" }));
  return new Promise((resolve) => {
    const img = el("img", { src: url });
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); resolve(null); };
  });
}

/** True when a canvas shows at least three colours, transparent counting as one (not blank, not a flat fill). */
function drawn(canvas) {
  const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  for (let i = 0; i < px.length && colours.size < 3; i += 4 * 7) colours.add(`${px[i]},${px[i + 1]},${px[i + 2]},${px[i + 3]}`);
  return colours.size >= 3;
}

const clear = (colour) => !colour || colour === "transparent" || /rgba\(.*,\s*0\)$/.test(colour);

/** Paint an element's HTML (not its canvases or SVGs) at `at(rect)`: background boxes, then its text,
 *  each line of text where the browser laid it out, in its font and colour. Enough for a figure made
 *  of boxes and labels (softmax's bars, a table); not a general HTML renderer. */
function paintHTML(ctx, root, at) {
  const view = root.ownerDocument.defaultView;
  for (const node of [root, ...root.querySelectorAll("*")]) {
    if (node.closest("svg, canvas") && node.tagName !== "svg" && node.tagName !== "CANVAS") continue;
    const style = view.getComputedStyle(node);
    if (style.visibility === "hidden" || style.display === "none" || clear(style.backgroundColor)) continue;
    const r = at(node.getBoundingClientRect());
    ctx.fillStyle = style.backgroundColor;
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = root.ownerDocument.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e || e.closest("svg, .katex-mathml")) continue;
    const style = view.getComputedStyle(e);
    if (style.visibility === "hidden") continue;
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter((q) => q.width > 0);
    if (!rects.length) continue;
    ctx.fillStyle = style.color;
    ctx.textBaseline = "middle";
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${parseFloat(style.fontSize) * SCALE}px ${style.fontFamily}`;
    // One rect per laid-out line: split the text in the same number of pieces, by width.
    const words = n.textContent.trim().split(/\s+/);
    let w = 0;
    for (const q of rects) {
      const line = [];
      while (w < words.length && (line.length === 0 || ctx.measureText([...line, words[w]].join(" ")).width <= q.width * SCALE + 2)) {
        line.push(words[w]);
        w += 1;
      }
      const r = at(q);
      ctx.fillText(line.join(" "), r.x, r.y + r.h / 2, r.w + 4);
    }
  }
}

/** The figure's main picture (its largest canvas, SVG or role=img) shows something: as the tests'
 *  layout_helpers.DRAWN judges it. Labels alone do not count. */
function mainDrawn(fig) {
  const main = [...fig.querySelectorAll("canvas, svg, [role=img]")]
    .filter((e) => e.getBoundingClientRect().width > 0 && !e.parentElement.closest("svg"))
    .sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight)[0];
  if (!main) return false;
  if (main.tagName === "svg") return main.querySelectorAll("*").length > 3;
  const canvas = main.tagName === "CANVAS" ? main : main.querySelector("canvas");
  if (!canvas) return main.textContent.trim().length > 0 || main.children.length > 0;
  return canvas.width > 0 && drawn(canvas);
}

/** The frame's part figure as one canvas (white behind it): its boxes and text, canvases and SVGs where
 *  they sit. {picture} once it has drawn, else {why} it has not yet. */
async function picture(frame) {
  const doc = frame.contentDocument;
  const boot = doc && doc.getElementById("boot");
  const fig = doc && doc.querySelector("#view .part-figure");
  if (!fig) return { why: "no part figure yet" };
  if (boot && !boot.hidden) return { why: "Python loading" };
  const box = fig.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return { why: "figure not laid out" };
  if (!mainDrawn(fig)) return { why: "figure not drawn yet" };
  const out = el("canvas", { width: Math.round(box.width * SCALE), height: Math.round(box.height * SCALE) });
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, out.width, out.height);
  const at = (r) => ({ x: (r.left - box.left) * SCALE, y: (r.top - box.top) * SCALE, w: r.width * SCALE, h: r.height * SCALE });
  paintHTML(ctx, fig, at);
  for (const node of fig.querySelectorAll("canvas, svg")) {
    if (node.parentElement.closest("svg")) continue;   // an SVG's inside is drawn with it
    const r = node.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || doc.defaultView.getComputedStyle(node).visibility === "hidden") continue;
    const image = node.tagName === "CANVAS" ? node : await svgImage(node, r.width, r.height);
    const q = at(r);
    if (image) ctx.drawImage(image, q.x, q.y, q.w, q.h);
  }
  return drawn(out) ? { picture: out } : { why: "figure blank" };
}

/** Load the frame's demo (src), wait until its figure has drawn (and again: charts settle), then put its
 *  picture in the frame's place. */
async function replace(frame, src) {
  const title = (frame.getAttribute("title") || "").replace(/^Backprop Lab: /, "");
  let shot = null;
  const take = async () => {
    try {
      const { picture: p, why } = await picture(frame);
      frame.dataset.snapshot = p ? "taken" : why;
      return p || null;
    } catch (err) {   // the frame still loading
      frame.dataset.snapshot = `error: ${err.message}`;
      return null;
    }
  };
  for (let attempt = 0; attempt < 2 && !shot; attempt += 1) {
    if (attempt === 0) frame.src = src;
    else frame.contentWindow.location.reload();
    const deadline = performance.now() + LIMIT_MS;
    while (!shot && performance.now() < deadline) {
      await pause(400);
      shot = await take();
    }
  }
  if (shot) {
    await pause(1000);
    shot = (await take()) || shot;
  }
  frame.replaceWith(shot
    ? el("img", { class: "demo-snapshot", src: shot.toDataURL("image/png"), alt: `The demo "${title}" at its default settings` })
    : el("p", { class: "demo-missing", text: `Live demo: ${title}. (It did not draw in time for this print.)` }));
  return Boolean(shot);
}

/** Replace every demo frame by its picture, AT_ONCE at a time (the frames started loading with the
 *  page: they are stopped first, as all of them booting at once would crowd the one Python); then the
 *  title slide's Python frame goes too. */
export async function handouts() {
  const frames = [...document.querySelectorAll(".reveal .slides iframe.demo")];
  const status = el("p", { class: "handouts-status", role: "status", text: `Preparing the handouts: 0 of ${frames.length} demos pictured…` });
  document.body.append(status);   // on screen only (slides.css hides it in print)
  const srcs = frames.map((f) => f.getAttribute("src"));
  for (const f of frames) f.src = "about:blank";
  const results = [];
  let next = 0;
  const loader = async () => {
    while (next < frames.length) {
      const i = next++;
      results[i] = await replace(frames[i], srcs[i]);
      status.textContent = `Preparing the handouts: ${results.filter((r) => r !== undefined).length} of ${frames.length} demos pictured…`;
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, loader));
  for (const ready of document.querySelectorAll(".reveal .slides iframe.ready")) ready.remove();
  const pictured = results.filter(Boolean).length;
  status.textContent = `Ready to print: ${pictured} of ${frames.length} demos are pictures. Print (Ctrl+P or ⌘P), or save as PDF.`;
  document.documentElement.dataset.pictures = String(pictured);
  document.documentElement.dataset.handouts = "ready";
}
