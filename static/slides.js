// The example deck: reveal.js (vendored from npm by build.py). Demos are <iframe data-src>,
// which reveal.js loads when their slide is shown and unloads (src removed) when it is left,
// so each demo's Python worker runs only while its slide is on screen.
import Reveal from "../vendor/reveal/reveal.mjs";

const deck = new Reveal({ hash: true, width: 1280, height: 720, margin: 0.02, viewDistance: 1, preloadIframes: false });
deck.initialize();
