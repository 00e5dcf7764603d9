// The deck's speaker view (speaker.html, opened by S in slides.html): the present slide, its notes,
// the next slide's title and a timer, in step with the deck (sync.js). reveal.js's own notes plugin is
// not used: its window runs inline script, which the site's Content-Security-Policy blocks, and it
// shows the deck itself twice (this slide and the next), which would boot every demo again.
// Here the slides are read from slides.html by DOMParser, an inert document where no frame loads,
// and each frame is swapped for a stand-in before the slides join this page: no demo, no Python.
import Reveal from "../vendor/reveal/reveal.mjs";
import { el } from "../app/ui/controls.js";
import { typeset } from "./tex.js";
import { syncDeck } from "./sync.js";

const $ = (id) => document.getElementById(id);

/** The stand-in for a frame: a demo's title and where it runs (the title slide's Python frame: a line). */
function standIn(frame) {
  const title = (frame.getAttribute("title") || "").replace(/^Backprop Lab: /, "");
  if (!frame.classList.contains("demo")) return el("p", { class: "small", text: "Python starts in the deck's window." });
  return el("div", { class: "demo-stand-in" }, el("h2", { text: title }),
    el("p", { text: "Live demo: it runs in the deck's window, not here." }));
}

/** The deck's slides, from slides.html, with stand-ins for its frames. */
async function deckSlides() {
  const resp = await fetch("slides.html");
  if (!resp.ok) throw new Error(`slides.html: HTTP ${resp.status}`);
  const doc = new DOMParser().parseFromString(await resp.text(), "text/html");
  for (const frame of doc.querySelectorAll(".slides iframe")) frame.replaceWith(standIn(frame));
  for (const script of doc.querySelectorAll(".slides script")) script.remove();
  return [...doc.querySelector(".reveal > .slides").children];
}

/** A slide's notes as paragraphs: one per cue (Say:, Click:, Ask the hall: …), the source's line breaks gone. */
function notesOf(slide) {
  const aside = slide && slide.querySelector("aside.notes");
  if (!aside) return "No notes for this slide.";
  return aside.textContent.replace(/\s+/g, " ").trim().replace(/ (Click:|Keys:|Ask the hall:|Next slide:)/g, "\n$1");
}

function titleOf(slide) {
  const h = slide && slide.querySelector("h2, h3");
  return h ? h.textContent.trim() : "(end of the deck)";
}

/** Elapsed time since the view opened, with Pause and Reset; and the clock. */
function timer() {
  let start = Date.now(), pausedAt = null;
  const pause = $("speaker-pause");
  const two = (n) => String(n).padStart(2, "0");
  const tick = () => {
    const s = Math.floor(((pausedAt ?? Date.now()) - start) / 1000);
    $("speaker-elapsed").textContent = s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
      : `${Math.floor(s / 60)}:${two(s % 60)}`;
    const now = new Date();
    $("speaker-clock").textContent = `${two(now.getHours())}:${two(now.getMinutes())}`;
  };
  pause.addEventListener("click", () => {
    if (pausedAt === null) pausedAt = Date.now();
    else { start += Date.now() - pausedAt; pausedAt = null; }
    pause.textContent = pausedAt === null ? "Pause timer" : "Resume timer";
    tick();
  });
  $("speaker-reset").addEventListener("click", () => { start = Date.now(); if (pausedAt !== null) pausedAt = start; tick(); });
  tick();
  setInterval(tick, 1000);
}

async function main() {
  const holder = document.querySelector(".speaker-current .reveal .slides");
  holder.append(...(await deckSlides()).map((s) => document.importNode(s, true)));
  typeset(holder);
  const deck = new Reveal(document.querySelector(".speaker-current .reveal"), {
    embedded: true, hash: false, width: 1280, height: 720, margin: 0, center: false, controls: false,
    transition: "none", viewDistance: 2, pdfSeparateFragments: false });
  await deck.initialize();
  const show = () => {
    const { h } = deck.getIndices();
    const all = deck.getHorizontalSlides();
    $("speaker-notes").textContent = notesOf(deck.getCurrentSlide());
    $("speaker-next").textContent = titleOf(all[h + 1]);
    $("speaker-count").textContent = `Slide ${h + 1} of ${all.length}`;
  };
  for (const event of ["ready", "slidechanged", "fragmentshown", "fragmenthidden"]) deck.on(event, show);
  show();
  syncDeck(deck).postMessage({ type: "hello" });   // the deck answers with where it is
  globalThis.deck = deck;   // for the tests
  timer();
}

main().catch((err) => { $("speaker-status").textContent = `The speaker view could not start: ${err.message}`; });
