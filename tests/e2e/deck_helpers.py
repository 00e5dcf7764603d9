"""Probes for the lab's deck: the smallest text a demo frame shows, as it is on screen.

CANVAS_TEXT (an init script, so it runs in every frame) records the smallest string drawn on any canvas,
uPlot's axes included, in CSS pixels. FRAME_TEXT (run in a frame) returns that frame's smallest text in
its CSS pixels: every visible text node (SVG text times its viewBox's scale) and every canvas string.
FRAME_SCALE (run in the deck) is the present demo frame's scale on screen: reveal.js scales the
1280×720 slide to the window, so screen px = FRAME_TEXT × FRAME_SCALE. Used by test_deck_page.py and
bench/deck_text.py.
"""

CANVAS_TEXT = """(() => {
  const P = CanvasRenderingContext2D.prototype;
  window.__canvasText = { min: Infinity, what: "" };
  for (const name of ["fillText", "strokeText"]) {
    const original = P[name];
    P[name] = function (...args) {
      const c = this.canvas;
      if (c instanceof HTMLCanvasElement && c.isConnected && c.clientWidth > 0 && String(args[0]).trim()) {
        const px = parseFloat((this.font.match(/([\\d.]+)px/) || [0, 0])[1]) / (c.width / c.clientWidth);
        if (px < window.__canvasText.min) window.__canvasText = { min: px, what: `canvas: ${String(args[0]).slice(0, 20)}` };
      }
      return original.apply(this, args);
    };
  }
})();"""

FRAME_TEXT = """() => {
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(e);
    return s.visibility !== "hidden" && s.display !== "none" &&
      e.closest("[hidden], details:not([open]) > :not(summary)") === null;
  };
  let min = Infinity, what = "";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.replace(/[\\s\\u200b]/g, "")) continue;   // KaTeX struts are zero-width spaces
    const e = n.parentElement;
    if (!e || e.closest("script, style, noscript, .katex-mathml") || !visible(e)) continue;
    // SVG text is scaled by its viewBox: its size on the page is its font size times the CTM's scale.
    const ctm = e instanceof SVGGraphicsElement ? e.getScreenCTM() : null;
    const f = parseFloat(getComputedStyle(e).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    if (f < min) {
      min = f;
      what = `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}: ${n.textContent.trim().slice(0, 24)}`;
    }
  }
  const c = window.__canvasText || { min: Infinity, what: "" };
  return c.min < min ? { min: c.min, what: c.what } : { min, what };
}"""

FRAME_SCALE = """() => {
  const f = document.querySelector(".slides > section.present iframe.demo");
  return f.getBoundingClientRect().width / f.contentWindow.innerWidth;
}"""
