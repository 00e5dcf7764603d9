"""Each lesson's main figure and how to tell that it is drawn: shared by the CDN smoke test and
bench/wire.py (which counts the bytes a cold visit needs until that moment)."""
import re
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
# The lessons of the registry (LESSONS; the check and exercises pages come after "export const PAGES").
REGISTRY = (ROOT / "app" / "lessons" / "registry.js").read_text()
ROUTES = re.findall(r'\{ route: "([\w-]+)"', REGISTRY.split("export const PAGES")[0])

# Each lesson's main figure, by its accessible name, and what "drawn" means for it:
#   plane   a heatmap over the plane: most of the canvas painted (the page draws none of it alone)
#   marks   curves, points, pictures: opaque pixels of at least two colours (or, in SVG, three marks)
#   values  a list whose entries show numbers computed by Python (percentages)
FIGURES = {
    "neuron": ("The neuron's output over the plane", "plane"),
    "logic": ("The gate neuron's output over the plane", "plane"),
    "xor": ("One neuron trained on XOR: its output over the plane", "plane"),
    "expressive": ("The two-layer network's output over the plane", "plane"),
    "cybenko": ("The fit: f and the network's a(x)", "marks"),
    "digits": ("The ten columns of W as 28×28 images", "marks"),
    "least-squares": ("The data points", "marks"),
    "softmax": ("Probabilities p = softmax(z / T)", "values"),
    "momentum": ("Contours of the loss", "marks"),
    "minibatch": ("Loss per batch", "marks"),
    "backprop": ("Computation graph", "marks"),
    "convergence": ("Decision boundary without L2", "plane"),
    "playground": ("Decision boundary", "plane"),
}

# Lessons whose main figure is drawn by training: so many steps first (Step, or "One batch"); a
# chart's line needs at least two points.
STEP_FIRST = {"minibatch": 3}

DRAWN = """([el, kind]) => {
  if (kind === "values") return [...el.querySelectorAll("li")].filter((li) => /\\d\\s*%/.test(li.textContent)).length >= 2;
  const canvases = el.tagName === "CANVAS" ? [el] : [...el.querySelectorAll("canvas")];
  if (!canvases.length) return el.querySelectorAll("path, circle, rect, line, text").length >= 3;
  const colours = new Set();
  let seen = 0, painted = 0;
  for (const c of canvases) {
    let ctx = null;
    try { ctx = c.getContext("2d"); } catch (e) { ctx = null; }
    if (!ctx || !c.width || !c.height) continue;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const step = 4 * Math.max(1, Math.floor(d.length / 4 / 40000));
    for (let i = 0; i < d.length; i += step) {
      seen++;
      if (d[i + 3] > 0) { painted++; colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]); }
    }
  }
  return kind === "plane" ? painted > 0.5 * seen && colours.size >= 2 : colours.size >= 2;
}"""


def wait_for_main_figure(page, route, runtime, timeout):
    """Wait until Python is up (the header names `runtime`, a regex), the boot notice is gone,
    and the lesson's main figure is drawn. Returns the figure's locator."""
    expect(page.locator("#python-version")).to_have_text(re.compile(runtime), timeout=timeout)
    expect(page.locator("#boot")).to_be_hidden(timeout=timeout)
    label, kind = FIGURES[route]
    figure = page.get_by_label(label).first
    expect(figure).to_be_visible(timeout=timeout)
    if route in STEP_FIRST:
        step = page.get_by_role("group", name="Training").get_by_role("button", name=re.compile("^(Step|One batch)"))
        for _ in range(STEP_FIRST[route]):
            expect(step).to_be_enabled(timeout=timeout)
            step.click()
    page.wait_for_function(DRAWN, arg=[figure.element_handle(), kind], timeout=timeout)
    return figure
