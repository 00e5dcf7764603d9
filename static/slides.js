// The example deck: reveal.js (vendored from npm by build.py). Demos are plain <iframe src>, as the
// lab's Embed dialog writes them, so reveal.js keeps each one loaded for the whole lecture. The title
// slide's small frame (#/ready) starts Python and loads the deck's packages; every demo slide then
// joins that one Python (app/runtime/share.js) before it is shown, instead of booting its own, and
// pauses when it is left. Coming back to a slide finds it as it was. viewDistance 2: the next two
// slides are laid out (off screen), so each draws its demo while the present one is talked over.
// Statement slides hold their formulas as TeX in <span class="tex"> (inline) and <div class="tex
// display"> (displayed); KaTeX (vendored too) typesets them here, once, before reveal.js lays out.
import katex from "../vendor/katex/katex.mjs";
import Reveal from "../vendor/reveal/reveal.mjs";

for (const node of document.querySelectorAll(".reveal .tex")) {
  const tex = node.textContent;
  node.setAttribute("data-tex", tex);
  katex.render(tex, node, { displayMode: node.classList.contains("display"), throwOnError: false, output: "htmlAndMathml" });
}

// margin 0: in a 1280×720 window the slide is drawn at scale 1, so a demo's 20 px projector text (its
// frames ask for projector=1) is 20 px on screen; reveal.js's default margin would shrink it to 19.6 px.
const deck = new Reveal({ hash: true, width: 1280, height: 720, margin: 0, center: false, viewDistance: 2,
  preloadIframes: false });
deck.initialize();
globalThis.deck = deck;   // for a lecturer's scripts and the tests: the deck's reveal.js API
