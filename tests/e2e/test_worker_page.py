"""The Python worker: Pause logs nothing, and a worker that dies is restarted with the lesson restored.

Killing the worker uses the runtime's test-only hook (app/runtime/client.js): the page event
"backprop-lab:test-kill-worker", which no control dispatches, terminates the worker from outside,
even in the middle of a long call. The page then sees exactly what a crash or an out-of-memory
abort shows it: the worker is gone (its life lock is free).
"""
import re

from playwright.sync_api import expect
from test_exercises_page import TITLE, set_body

from conftest import wait_ready

KILL = "() => dispatchEvent(new Event('backprop-lab:test-kill-worker'))"


def test_pause_logs_nothing_to_the_console(site, page):
    console = []
    # The one warning that is not the lab's: the test context blocks service workers (conftest.py).
    ours = lambda m: m.type in ("error", "warning") and m.text != "Service Worker registration blocked by Playwright"
    page.on("console", lambda m: console.append((m.type, m.text[:300])) if ours(m) else None)
    page.goto(site.url + "#/playground?dataset=spiral&hidden=8,8,8,8&batch=1")
    wait_ready(page)
    for _ in range(3):
        page.get_by_role("button", name="Play").click()
        expect(page.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
        page.wait_for_timeout(700)   # train a while, so Pause meets a chunk in flight (nothing asserted on it)
        page.get_by_role("button", name="Pause").click()
        expect(page.get_by_role("button", name="Play")).to_be_enabled()
    page.wait_for_timeout(500)   # a negative check's window, from "Play" enabled: a late message would be logged by now
    assert console == [], console
    expect(page.get_by_role("alert")).to_be_hidden()
    assert not page.errors, page.errors


def test_a_dead_worker_is_restarted_and_the_lesson_restored_from_its_link(site, page):
    page.goto(site.url + "#/playground?dataset=xor&hidden=3&seed=7")
    wait_ready(page)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
    page.evaluate(KILL)                                   # dies mid-training
    notice = page.get_by_role("status").filter(
        has_text=re.compile(r"The Python worker stopped.*: it was restarted, and the lesson restored from its link\."))
    expect(notice).to_be_visible(timeout=10_000)
    wait_ready(page)
    # The lesson is the one in the link, on a fresh worker, and every control works without a reload.
    expect(page.get_by_role("radio", name="xor")).to_be_checked()
    expect(page.get_by_text("Layer 1: 3 neurons")).to_be_visible()
    expect(page).to_have_url(re.compile(r"seed=7(&|$)"))
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("alert")).to_be_hidden()

    # A second death within a minute is not restarted in a loop: the page offers Retry, which works.
    page.evaluate(KILL)
    fault = page.get_by_role("alert")
    expect(fault).to_contain_text("The Python worker stopped", timeout=10_000)
    fault.get_by_role("button", name="Retry").click()
    wait_ready(page)
    expect(page.get_by_role("radio", name="xor")).to_be_checked()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    assert not page.errors, page.errors


def test_a_worker_killed_while_it_loads_a_package_is_restarted_and_the_load_works_next_time(site, page):
    """#20: killed mid-import (scikit-learn loading for the comparison): the lesson comes back, and
    the same button then loads it and answers."""
    page.goto(site.url + "#/playground?dataset=gauss")
    wait_ready(page)
    page.get_by_role("button", name="Compare with scikit-learn").click()
    expect(page.get_by_text(re.compile("Loading scikit-learn…"))).to_be_visible(timeout=60_000)
    page.evaluate(KILL)                                   # dies while the package loads
    notice = page.get_by_role("status").filter(
        has_text=re.compile(r"The Python worker stopped.*: it was restarted, and the lesson restored from its link\."))
    expect(notice).to_be_visible(timeout=10_000)
    wait_ready(page)
    expect(page.get_by_role("radio", name="gauss")).to_be_checked()
    page.get_by_role("button", name="Compare with scikit-learn").click()
    answer = re.compile(r"^scikit-learn \(SGD[^,]*, \d+ epochs?; the Playground: 0\): test accuracy")
    expect(page.get_by_text(answer)).to_be_visible(timeout=120_000)
    assert not page.errors, page.errors




def test_a_worker_killed_while_the_checks_run_keeps_the_students_text_and_checks_again(site, page):
    """#20: killed mid-exercise: the answer's text stays, and Run checks works on the new worker."""
    page.goto(site.url + "#/exercises")
    box = page.get_by_role("textbox", name=f"Your sigmoid_derivative for {TITLE}")
    expect(box).to_be_visible(timeout=60_000)
    run = page.get_by_role("button", name=f"Run checks: {TITLE}")
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    set_body(page, "return a * (1 - a)")
    run.click()
    expect(results).to_contain_text("Passed: all 6 checks pass.", timeout=60_000)
    set_body(page, "t = sum(range(10 ** 8)); return a * (1 - a)")
    run.click()
    expect(page.get_by_role("button", name=f"Stop the checks of {TITLE}")).to_be_visible(timeout=30_000)
    page.evaluate(KILL)                                   # dies while the checks run
    expect(page.get_by_text(re.compile(r"The Python worker stopped"))).to_be_visible(timeout=10_000)
    expect(box).to_contain_text("t = sum(range(10 ** 8)); return a * (1 - a)", timeout=60_000)   # kept
    expect(results).not_to_contain_text("Passed: all 6 checks pass.")
    set_body(page, "return a * (1 - a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("Passed: all 6 checks pass.", timeout=120_000)
