"""Measure a page's layout as a lecturer sees it: does it scroll, is the figure in view, how small is the text.

MEASURE runs in the page and returns plain numbers, so the same probe serves the e2e tests and bench/fit.py.
"""

MEASURE = """() => {
  const W = innerWidth, H = innerHeight;
  const doc = document.documentElement;
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(e);
    return s.visibility !== "hidden" && s.display !== "none" && e.closest("[hidden], details:not([open]) > :not(summary)") === null;
  };
  // The main figure: the largest visible canvas / svg / role=img element in the view.
  let fig = null, best = 0;
  for (const e of document.querySelectorAll("#view canvas, #view svg, #view [role=img]")) {
    if (!visible(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.width * r.height > best) { best = r.width * r.height; fig = e; }
  }
  const r = fig ? fig.getBoundingClientRect() : null;
  // The smallest text: every element with its own non-blank text node, visible.
  let minFont = Infinity, minWhat = "";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.replace(/[\s\u200b]/g, "")) continue;   // KaTeX struts are zero-width spaces
    const e = n.parentElement;
    if (!e || e.closest("script, style, noscript, .katex-mathml") || !visible(e)) continue;
    const f = parseFloat(getComputedStyle(e).fontSize);
    if (f < minFont) { minFont = f; minWhat = `${e.tagName.toLowerCase()}.${e.className}: ${n.textContent.trim().slice(0, 30)}`; }
  }
  return {
    width: W, height: H,
    scroll: doc.scrollHeight - H, scrollX: doc.scrollWidth - W, scrollWidth: doc.scrollWidth,
    figure: r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width,
                  tag: fig.tagName.toLowerCase(), label: fig.getAttribute("aria-label") || "" } : null,
    inView: r ? (r.top >= -0.5 && r.bottom <= H + 0.5 && r.left >= -0.5 && r.right <= W + 0.5) : false,
    figurePct: r ? 100 * r.height / H : 0,
    minFont: minFont === Infinity ? null : minFont, minWhat,
    header: (document.querySelector("header.site") || { getBoundingClientRect: () => ({ height: 0 }) })
      .getBoundingClientRect().height,
  };
}"""
