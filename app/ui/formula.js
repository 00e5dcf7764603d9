// Formulas typeset by KaTeX (vendored from npm by build.py).
import katex from "../../vendor/katex/katex.mjs";

/** Render TeX into `node` (display style by default). Bad TeX shows as red source, never throws. */
export function renderTex(node, tex, display = true) {
  katex.render(tex, node, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
  return node;
}

/** A block formula element. */
export function formula(tex, { display = true, label } = {}) {
  const node = document.createElement(display ? "div" : "span");
  node.className = display ? "formula" : "formula-inline";
  if (label) node.setAttribute("aria-label", label);
  return renderTex(node, tex, display);
}

/** A paragraph where $...$ is inline TeX: p("The weight $w_1$ tilts the line."). */
export function mathText(text, tag = "p") {
  const node = document.createElement(tag);
  text.split(/(\$[^$]+\$)/).forEach((part) => {
    if (part.startsWith("$") && part.endsWith("$") && part.length > 2) {
      node.append(formula(part.slice(1, -1), { display: false }));
    } else if (part) {
      node.append(document.createTextNode(part));
    }
  });
  return node;
}
