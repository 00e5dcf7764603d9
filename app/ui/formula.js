// Formulas typeset by KaTeX (vendored from npm by build.py).
import katex from "../../vendor/katex/katex.mjs";

/** Render TeX into `node` (display style by default). Bad TeX shows as red source, never throws. */
export function renderTex(node, tex, display = true) {
  katex.render(tex, node, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
  if (display) scrollable(node);
  return node;
}

// A displayed formula wider than its box scrolls sideways inside it (style.css); then it must be
// reachable from the keyboard, so it becomes focusable (and stops being so once it fits).
const overflowing = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth + 1) {
      target.setAttribute("tabindex", "0");
      if (!target.hasAttribute("aria-label") && !target.hasAttribute("role")) target.setAttribute("role", "group");
    } else {
      target.removeAttribute("tabindex");
    }
  }
});

function scrollable(node) {
  if (overflowing && !node.dataset.watched) {
    node.dataset.watched = "1";
    overflowing.observe(node);
  }
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
