"""Lesson 11, backprop step by step: Forward, every Backward step, the gradient check; on the
offline build and on the Pyodide 314 core (no numpy at all)."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel


def graph(page):
    return page.get_by_role("img", name=re.compile("Computation graph"))


def run_through(page, n_params, one_by_one=True):
    """Forward, then Backward until done; check every node and every parameter."""
    page.get_by_role("button", name="Forward").click()
    status = page.get_by_role("status").filter(has_text=re.compile("Forward pass done|Backward"))
    expect(status).to_contain_text("Forward pass done", timeout=BOOT_TIMEOUT)
    before = graph(page).screenshot()
    step = page.get_by_role("button", name="Backward step", exact=True)
    if one_by_one:
        step.focus()
        steps = 0
        while step.is_enabled():
            page.keyboard.press("Enter")      # keyboard only
            steps += 1
            assert steps < 60
        assert steps > 3
    else:
        page.get_by_role("button", name="All backward steps").click()
    expect(page.get_by_text(re.compile(r"Backward pass complete: all \d+ nodes have their gradient"))).to_be_visible()
    assert graph(page).screenshot() != before, "the gradients were drawn"
    table = page.get_by_role("table")
    expect(table.get_by_role("row").filter(has_text="✓ passed")).to_have_count(n_params)
    expect(table.get_by_text("✗ failed")).to_have_count(0)
    expect(page.get_by_text(f"All {n_params} parameters passed the gradient check.")).to_be_visible()


def test_backprop_steps_to_every_node_and_the_gradient_check_passes(site, page):
    page.goto(site.url + "#/backprop")
    expect(page.get_by_role("heading", name="11. Backprop step by step")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()
    expect(graph(page).locator("g.node")).to_have_count(10, timeout=BOOT_TIMEOUT)   # the neuron's graph
    run_through(page, 3)
    # The side panel shows local x upstream for the last step, typeset.
    expect(page.get_by_text(re.compile(r"^Step \d+ of \d+: node"))).to_be_visible()
    expect(page.locator(".bp-part .katex").first).to_be_visible()

    # Editing a weight (keyboard) resets the pass and changes the output value.
    w1 = page.get_by_label("w1", exact=True)
    w1.fill("-2")
    w1.press("Enter")
    expect(page).to_have_url(re.compile(r"w1=-2"))
    expect(page.get_by_text("Press Forward to compute every node's value.")).to_be_visible()
    w1.fill("")
    w1.press("Enter")
    expect(page.get_by_text("w1 must be a number between -10 and 10; keeping -2.")).to_be_visible()
    w1.fill("99")
    w1.press("Enter")
    expect(w1).to_have_value("-2")

    # The 2-2-1 net with its loss.
    page.get_by_label("Graph", exact=True).select_option("net")
    expect(page).to_have_url(re.compile("model=net"))
    expect(graph(page).locator("g.node")).to_have_count(31)
    run_through(page, 9, one_by_one=False)
    check_python_panel(page, "backprop_lab.lessons.backprop.trace", "def trace(")
    check_python_panel(page, "backprop_lab.engine.topological_order", "def topological_order(")
    check_lesson_nav(page, None, "12. Improving convergence →")
    assert not page.errors


def test_backprop_runs_completely_on_the_314_core(core_site, page):
    page.goto(core_site.url + "#/backprop?model=net")
    expect(page.get_by_text(re.compile(r"Python 3\.14\.\d+ · Pyodide 314"))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(graph(page).locator("g.node")).to_have_count(31, timeout=BOOT_TIMEOUT)
    run_through(page, 9)
    expect(page.locator(".katex").first).to_be_visible()
    check_python_panel(page, "backprop_lab.engine.Value", "class Value")
    assert not page.errors


def test_the_graph_part_alone_steps_forward_and_backward(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/backprop?embed=1&part=graph")
    expect(page.get_by_role("heading", level=1, name="Backprop through a graph, step by step")).to_be_visible()
    expect(graph(page).locator("g.node")).to_have_count(10, timeout=BOOT_TIMEOUT)
    expect(graph(page).get_by_text("data ?")).to_have_count(10)
    page.get_by_role("button", name="Forward").click()
    expect(page.get_by_text(re.compile("^Forward pass done: o = "))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(graph(page).get_by_text("data ?")).to_have_count(0)
    page.get_by_role("button", name="Backward step", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=re.compile(r"^Backward step 1 of \d+\.$"))).to_be_visible()
    step = page.get_by_role("region", name="Current backward step")
    expect(step).to_contain_text("It has received ∂o/∂o = 1.0000")
    expect(step.locator(".katex")).to_have_count(1)
    page.get_by_role("button", name="All backward steps").click()
    expect(page.get_by_text("All 3 parameters passed the gradient check.")).to_be_visible()
    expect(graph(page).get_by_text("grad ?")).to_have_count(0)
    # The graph and the leaves are under More settings: the net has 31 nodes.
    page.get_by_text("More settings").click()
    page.get_by_label("Graph", exact=True).select_option("net")
    expect(graph(page).locator("g.node")).to_have_count(31)
    assert not page.errors
