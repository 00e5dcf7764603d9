// The statement slides' formulas: TeX in <span class="tex"> (inline) and <div class="tex display">
// (displayed), typeset by KaTeX (vendored) in place, once, before reveal.js lays the slides out.
// Shared by the deck (slides.js) and its speaker view (speaker.js).
import katex from "../vendor/katex/katex.mjs";

/** Typeset every .tex node under `root`; its TeX stays in data-tex. */
export function typeset(root) {
  for (const node of root.querySelectorAll(".tex")) {
    const tex = node.textContent;
    node.setAttribute("data-tex", tex);
    katex.render(tex, node, { displayMode: node.classList.contains("display"), throwOnError: false, output: "htmlAndMathml" });
  }
}
