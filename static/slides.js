// The example deck: reveal.js (vendored from npm by build.py). Demos are plain <iframe src>, as the
// lab's Embed dialog writes them, so reveal.js keeps each one loaded for the whole lecture. The title
// slide's small frame (#/ready) starts Python and loads the deck's packages; every demo slide then
// joins that one Python (app/runtime/share.js) before it is shown, and pauses when it is left. Coming
// back to a slide finds it as it was. viewDistance 2: the next two slides are laid out (off screen), so
// each draws its demo while the present one is talked over. Statement slides' formulas are typeset by
// KaTeX (tex.js) before reveal.js lays out.
// S opens the speaker view (speaker.html: notes, next slide, timer; no demo boots there), which
// follows this window and leads it (sync.js). ?print-pdf is reveal.js's print view: each demo
// becomes a picture of its figure (handouts.js), one page per slide.
import Reveal from "../vendor/reveal/reveal.mjs";
import { typeset } from "./tex.js";
import { syncDeck } from "./sync.js";

typeset(document.querySelector(".reveal .slides"));
const printing = /print-pdf/i.test(location.search);

// margin 0: in a 1280×720 window the slide is drawn at scale 1, so a demo's 20 px projector text (its
// frames ask for projector=1) is 20 px on screen; reveal.js's default margin would shrink it to 19.6 px.
// Printed: one page per slide (a fragment's steps are not pages of their own).
const deck = new Reveal({ hash: true, width: 1280, height: 720, margin: 0, center: false, viewDistance: 2,
  preloadIframes: false, pdfSeparateFragments: false, pdfMaxPagesPerSlide: 1 });
deck.initialize().then(async () => {
  if (printing) {
    const { handouts } = await import("./handouts.js");
    await handouts();
    return;
  }
  syncDeck(deck);
  deck.addKeyBinding({ keyCode: 83, key: "S", description: "Speaker view: notes, next slide, timer" }, () => {
    window.open("speaker.html", "backprop-lab-speaker", "width=1280,height=720");
  });
});
globalThis.deck = deck;   // for a lecturer's scripts and the tests: the deck's reveal.js API
