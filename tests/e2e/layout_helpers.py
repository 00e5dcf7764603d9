"""Measure a page's layout as a lecturer sees it: does it scroll, is the figure in view, how small is the text.

MEASURE runs in the page and returns plain numbers, so the same probe serves the e2e tests and bench/fit.py.
DRAWN (for wait_for_function) is true once a part's main figure shows something.
"""
import re
from pathlib import Path

LESSONS = Path(__file__).resolve().parents[2] / "app" / "lessons"


def routes(lessons_only=False):
    """Every route of the registry, in its order (lessons_only: not its other PAGES, check and exercises)."""
    text = (LESSONS / "registry.js").read_text()
    found = re.findall(r'route: "([a-z-]+)"', text.split("export const PAGES")[0] if lessons_only else text)
    assert found, "the registry's routes were not found: a parametrized test would silently run none"
    return found


def lesson_parts(only_ready=True):
    """(route, part id, title) of every lesson's parts; only_ready: of lessons whose module mounts parts."""
    registry = (LESSONS / "registry.js").read_text()
    modules = dict(re.findall(r'"([a-z-]+)": \(\) => import\("\./([^"]+)"\)', (LESSONS / "index.js").read_text()))
    cases = []
    for entry in re.finditer(r'route: "([a-z-]+)".*?\n\s*parts: \[(.*?)\],', registry, re.S):
        route, parts = entry.groups()
        if only_ready and "export const partsReady = true" not in (LESSONS / modules[route]).read_text():
            continue
        for part, title in re.findall(r'id: "([a-z0-9-]+)", title: "([^"]+)"', parts):
            cases.append((route, part, title))
    return cases


MEASURE = """() => {
  const W = innerWidth, H = innerHeight;
  const doc = document.documentElement;
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(e);
    return s.visibility !== "hidden" && s.display !== "none" &&
      e.closest("[hidden], details:not([open]) > :not(summary)") === null;
  };
  // The main figure: the largest visible canvas / svg / role=img element in the view.
  let fig = null, best = 0;
  const scope = document.querySelector("#view .part-figure") ? "#view .part-figure" : "#view";
  for (const e of document.querySelectorAll(`${scope} canvas, ${scope} svg, ${scope} [role=img]`)) {
    if (!visible(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.width * r.height > best) { best = r.width * r.height; fig = e; }
  }
  const r = fig ? fig.getBoundingClientRect() : null;
  // The smallest text: every element with its own non-blank text node, visible.
  let minFont = Infinity, minWhat = "";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.replace(/[\\s\u200b]/g, "")) continue;   // KaTeX struts are zero-width spaces
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
    sharp: fig && fig.tagName === "CANVAS" ? Math.abs(fig.width - fig.clientWidth * devicePixelRatio) <= 2 : null,
    minFont: minFont === Infinity ? null : minFont, minWhat,
    header: (document.querySelector("header.site") || { getBoundingClientRect: () => ({ height: 0 }) })
      .getBoundingClientRect().height,
  };
}"""

# An init script: records, per canvas outside uPlot charts, the smallest text drawn and the thinnest
# line stroked, in CSS pixels (canvas pixels divided by the canvas's scale). A "line" is a stroked path
# with a straight segment (lineTo), not the outline of a dot.
CANVAS_PROBE = """(() => {
  const P = CanvasRenderingContext2D.prototype;
  window.__canvasInk = { minFont: Infinity, minLine: Infinity, texts: 0, lines: 0 };
  const scale = (c) => (c.clientWidth > 0 ? c.width / c.clientWidth : 1);
  const ours = (c) => c instanceof HTMLCanvasElement && c.isConnected && !c.closest('.uplot') && c.clientWidth > 40;
  for (const name of ['fillText', 'strokeText']) {
    const original = P[name];
    P[name] = function (...args) {
      if (ours(this.canvas) && String(args[0]).trim()) {
        const px = parseFloat((this.font.match(/([\\d.]+)px/) || [0, 0])[1]) / scale(this.canvas);
        window.__canvasInk.minFont = Math.min(window.__canvasInk.minFont, px);
        window.__canvasInk.texts += 1;
      }
      return original.apply(this, args);
    };
  }
  const beginPath = P.beginPath, lineTo = P.lineTo, stroke = P.stroke;
  P.beginPath = function (...a) { this.__straight = false; return beginPath.apply(this, a); };
  P.lineTo = function (...a) { this.__straight = true; return lineTo.apply(this, a); };
  P.stroke = function (...a) {
    if (this.__straight && ours(this.canvas) && a.length === 0) {
      window.__canvasInk.minLine = Math.min(window.__canvasInk.minLine, this.lineWidth / scale(this.canvas));
      window.__canvasInk.lines += 1;
    }
    return stroke.apply(this, a);
  };
})();"""

DRAWN = """() => {
  // The part's main figure (as layout_helpers.MEASURE picks it) shows something: a canvas with at
  // least three colours, an SVG with shapes, or another role=img figure with content.
  const figs = [...document.querySelectorAll(
    '#view .part-figure canvas, #view .part-figure svg, #view .part-figure [role=img]')]
    .filter((e) => e.getBoundingClientRect().width > 0)
    .sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight);
  const fig = figs[0];
  if (!fig) return false;
  if (fig.tagName === 'svg') return fig.querySelectorAll('*').length > 3;
  if (fig.tagName !== 'CANVAS') {
    const canvas = fig.querySelector('canvas');
    if (!canvas) return fig.textContent.trim().length > 0 || fig.children.length > 0;
    return drawn(canvas);
  }
  return drawn(fig);
  function drawn(c) {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width) return false;
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < px.length && colours.size < 3; i += 4 * 7) {
      colours.add(`${px[i]},${px[i + 1]},${px[i + 2]},${px[i + 3]}`);   // transparent counts as a colour
    }
    return colours.size >= 3;
  }
}"""
