"""Smoke test of the Pages build against the real Pyodide 314 CDN: every lesson route boots on
Pyodide 314, loads its packages and draws its main figure; the Playground trains 50 epochs and its
loss falls. Skipped with the reason where the CDN cannot be reached (see conftest.py)."""
import os
import re
import time

import pytest
from figures import FIGURES, ROUTES, wait_for_main_figure
from playwright.sync_api import expect

FLAVOUR = os.environ.get("BACKPROP_LAB_SMOKE_FLAVOUR", "cdn")   # as in conftest.py
BOOT_TIMEOUT = 180_000    # a cold boot with the runtime and packages fetched from the CDN
RUNTIME = {"cdn": r"Python 3\.1\d\.\d+ · Pyodide 314\.", "offline": r"Python 3\.8\.\d+ · Pyodide 0\.17\.",
           "core": r"Python 3\.1\d\.\d+ · Pyodide 314\."}[FLAVOUR]


def test_every_lesson_of_the_registry_has_a_figure_here():
    assert ROUTES and set(ROUTES) == set(FIGURES)


@pytest.mark.parametrize("route", ROUTES)
def test_lesson_boots_on_pyodide_314_and_draws_its_main_figure(smoke_site, page, route):
    page.goto(smoke_site + f"#/{route}")
    wait_for_main_figure(page, route, RUNTIME, BOOT_TIMEOUT)
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
