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


# The fit rules per frame size: the figure's least share of the frame's height (%) and the smallest
# text (px). A part alone on a slide: 45 % and 14 px. Half a slide (640×360, two demos side by side on a
# 1280×720 slide): 40 % and 12 px.
FIT_RULES = {(640, 360): (40, 12)}


def fit_rules(size):
    """(least figure share %, smallest text px) for a frame of this (width, height)."""
    return FIT_RULES.get(tuple(size), (45, 14))


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

# An init script: records the text each uPlot chart draws on its canvas since its last full clear (a
# redraw): the text, its size in CSS pixels, whether it is bold (uPlot draws axis titles bold), and its
# box (measureText, through the canvas's transform: a y title is rotated) in CSS pixels of the canvas.
CHART_PROBE = """(() => {
  const P = CanvasRenderingContext2D.prototype;
  const drawn = new WeakMap();   // canvas -> [text records] of its latest drawing
  window.__chartTexts = (canvas) => drawn.get(canvas) || [];
  const inChart = (c) => c instanceof HTMLCanvasElement && c.closest('.uplot') !== null;
  const clearRect = P.clearRect;
  P.clearRect = function (x, y, w, h) {
    const c = this.canvas;
    if (inChart(c) && x <= 0 && y <= 0 && w >= c.width && h >= c.height) drawn.set(c, []);
    return clearRect.apply(this, arguments);
  };
  const fillText = P.fillText;
  P.fillText = function (text, x, y) {
    const c = this.canvas;
    if (inChart(c) && String(text).trim()) {
      const s = c.clientWidth > 0 ? c.width / c.clientWidth : 1;
      const m = this.measureText(text), t = this.getTransform();
      const l = -m.actualBoundingBoxLeft, r = m.actualBoundingBoxRight;
      const a = -m.actualBoundingBoxAscent, d = m.actualBoundingBoxDescent;
      const corners = [[l, a], [r, a], [l, d], [r, d]]
        .map(([dx, dy]) => [(t.a * (x + dx) + t.c * (y + dy) + t.e) / s, (t.b * (x + dx) + t.d * (y + dy) + t.f) / s]);
      const xs = corners.map((p) => p[0]), ys = corners.map((p) => p[1]);
      if (!drawn.has(c)) drawn.set(c, []);
      drawn.get(c).push({ text: String(text), px: parseFloat((this.font.match(/([\\d.]+)px/) || [0, 0])[1]) / s,
        bold: /bold|[6-9]00/.test(this.font),
        box: { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) } });
    }
    return fillText.apply(this, arguments);
  };
})();"""

# Every visible uPlot chart in the view (needs CHART_PROBE): the smallest text drawn on it, its titles
# (bold texts), the texts drawn partly outside the canvas, titles overlapped by another text, y titles
# longer than the plot is high, whether the canvas is clipped by its box or the window, the plot area's
# height, and the legend's font size.
CHART_MEASURE = """() => {
  const inside = (a, b, tol = 0.5) => a.left >= b.left - tol && a.right <= b.right + tol &&
    a.top >= b.top - tol && a.bottom <= b.bottom + tol;
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  // Shown charts only: one folded in a closed <details> (More settings) has a layout box in Chromium
  // (content-visibility: hidden), but nobody sees it; checkVisibility() says so.
  const shown = (u) => u.getBoundingClientRect().width > 0 && (!u.checkVisibility || u.checkVisibility());
  return [...document.querySelectorAll('#view .uplot')].filter(shown).map((u) => {
    const canvas = u.querySelector('canvas');
    const texts = window.__chartTexts(canvas);
    const area = { left: 0, top: 0, right: canvas.clientWidth, bottom: canvas.clientHeight };
    const titles = texts.filter((t) => t.bold);
    const r = canvas.getBoundingClientRect();
    const box = u.parentElement.getBoundingClientRect();
    const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    const legend = u.querySelector('.u-legend th');
    const plot = u.querySelector('.u-over').getBoundingClientRect();
    return {
      label: u.parentElement.getAttribute('aria-label') || '',
      minFont: Math.min(...texts.map((t) => t.px)),
      titles: titles.map((t) => t.text),
      cut: texts.filter((t) => !inside(t.box, area)).map((t) => t.text),
      overlapped: titles.filter((a) => texts.some((b) => b !== a && overlap(a.box, b.box))).map((t) => t.text),
      clipped: !inside(r, box, 1) || !inside(r, view, 1),
      plotHeight: plot.height,
      // a y title (drawn turned: taller than wide) longer than the plot is high runs past it
      tooLong: titles.filter((t) => t.box.bottom - t.box.top > Math.max(plot.height + 1, t.box.right - t.box.left))
        .map((t) => t.text),
      legendFont: legend ? parseFloat(getComputedStyle(legend).fontSize) : null,
    };
  });
}"""
