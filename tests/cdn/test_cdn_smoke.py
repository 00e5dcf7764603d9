"""Smoke test of the Pages build against the real Pyodide 314 CDN: every lesson route boots on
Pyodide 314, loads its packages and draws its main figure; the Playground trains 50 epochs and its
loss falls. Skipped with the reason where the CDN cannot be reached (see conftest.py)."""
import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
FLAVOUR = os.environ.get("BACKPROP_LAB_SMOKE_FLAVOUR", "cdn")   # as in conftest.py
BOOT_TIMEOUT = 180_000    # a cold boot with the runtime and packages fetched from the CDN
ROUTES = re.findall(r'\{ route: "([\w-]+)"', (ROOT / "app" / "lessons" / "index.js").read_text())
RUNTIME = {"cdn": r"Python 3\.1\d\.\d+ · Pyodide 314\.", "offline": r"Python 3\.8\.\d+ · Pyodide 0\.17\.",
           "core": r"Python 3\.1\d\.\d+ · Pyodide 314\."}[FLAVOUR]

# Each lesson's main figure, by its accessible name, and what it takes to draw it.
FIGURES = {
    "neuron": "The neuron's output over the plane",
    "logic": "The gate neuron's output over the plane",
    "xor": "One neuron trained on XOR: its output over the plane",
    "expressive": "The two-layer network's output over the plane",
    "cybenko": "The fit: f and the network's a(x)",
    "digits": "The ten columns of W as 8×8 images",
    "least-squares": "The data points",
    "softmax": "Probabilities p = softmax(z / T)",
    "momentum": "Contours of the loss",
    "minibatch": "Loss per batch",
    "backprop": "Computation graph",
    "convergence": "Decision boundary without L2",
    "playground": "Decision boundary",
}

# Lessons whose main figure is drawn by training: so many steps first (Step, or "One batch"); a
# chart's line needs at least two points.
STEP_FIRST = {"minibatch": 3}

# A canvas is drawn when it has opaque pixels of at least two colours; another figure (SVG, a list)
# when it holds at least three marks.
DRAWN = """(el) => {
  const canvases = el.tagName === "CANVAS" ? [el] : [...el.querySelectorAll("canvas")];
  if (canvases.length) {
    const colours = new Set();
    for (const c of canvases) {
      let ctx = null;
      try { ctx = c.getContext("2d"); } catch (e) { ctx = null; }
      if (!ctx || !c.width || !c.height) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const step = 4 * Math.max(1, Math.floor(d.length / 4 / 40000));
      for (let i = 0; i < d.length; i += step) if (d[i + 3] > 0) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return colours.size >= 2;
  }
  return el.querySelectorAll("path, circle, rect, line, text, li").length >= 3;
}"""


def test_every_lesson_of_the_registry_has_a_figure_here():
    assert ROUTES and set(ROUTES) == set(FIGURES)


@pytest.mark.parametrize("route", ROUTES)
def test_lesson_boots_on_pyodide_314_and_draws_its_main_figure(smoke_site, page, route):
    page.goto(smoke_site + f"#/{route}")
    expect(page.locator("#python-version")).to_have_text(re.compile(RUNTIME), timeout=BOOT_TIMEOUT)
    figure = page.get_by_label(FIGURES[route]).first
    expect(figure).to_be_visible(timeout=BOOT_TIMEOUT)
    if route in STEP_FIRST:
        step = page.get_by_role("group", name="Training").get_by_role("button", name=re.compile("^(Step|One batch)"))
        for _ in range(STEP_FIRST[route]):
            expect(step).to_be_enabled(timeout=BOOT_TIMEOUT)
            step.click()
    page.wait_for_function(DRAWN, arg=figure.element_handle(), timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("alert")).to_have_count(0)
    assert page.errors == []


def number(page, label):
    text = page.get_by_label(label, exact=True).text_content()
    return float(text.rstrip("%"))


def epoch(page):
    return int(re.search(r"Epoch (\d+)", page.get_by_text(re.compile(r"^Epoch \d+$")).text_content()).group(1))


def test_playground_trains_50_epochs_and_its_loss_falls(smoke_site, page):
    page.goto(smoke_site + "#/playground")
    expect(page.get_by_role("button", name="Play")).to_be_enabled(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    untrained = number(page, "Train loss")
    page.get_by_role("button", name="Play").click()
    deadline = time.time() + 180
    while epoch(page) < 50:
        assert time.time() < deadline, f"only {epoch(page)} epochs in 180 s"
        time.sleep(0.25)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    trained = number(page, "Train loss")
    assert epoch(page) >= 50
    assert trained < 0.9 * untrained, f"train loss {untrained} → {trained} after {epoch(page)} epochs"
    expect(page.get_by_role("alert")).to_have_count(0)
    assert page.errors == []
