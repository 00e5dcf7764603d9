"""Lesson 2, logic gates: the gate neuron, its plane and its live truth table, driven by role and label."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import BLUE, ORANGE, check_lesson_nav, check_python_panel, colour_share, picture_changes, steady_picture


def summary(page):
    return page.get_by_role("status").filter(has_text=re.compile(r"\d/\d rows right"))


def test_and_table_is_right_until_the_bias_moves(site, page):
    page.goto(site.url + "#/logic")
    expect(page.get_by_role("heading", name="2. Logic gates")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()
    expect(summary(page)).to_contain_text("4/4 rows right", timeout=BOOT_TIMEOUT)
    table = page.get_by_role("table", name=re.compile("Truth table of AND"))
    expect(table.get_by_text("✓ right")).to_have_count(4)
    plane = page.get_by_role("img", name=re.compile("output over the plane"))
    before = steady_picture(plane)   # drawn on the frame after the answer the summary comes from
    # AND: only the corner (1, 1) is on the blue side, so orange dominates the square
    assert colour_share(before, ORANGE) > colour_share(before, BLUE) > 0.02

    # Keyboard: bias from -1.5 up six steps to -0.9; (0, 1) and (1, 0) now fire too.
    bias = page.get_by_label("Bias b")
    bias.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"b=-0\.9"))
    expect(summary(page)).to_contain_text("2/4 rows right")
    wrong = table.get_by_role("row").filter(has_text="✗ wrong")
    expect(wrong).to_have_count(2)
    expect(wrong.first).to_contain_text("01")   # cells x1 = 0, x2 = 1
    blue_before = colour_share(before, BLUE)
    picture_changes(plane, before, lambda png: colour_share(png, BLUE) > blue_before + 0.1)

    page.get_by_role("button", name="Lecture weights").click()
    expect(summary(page)).to_contain_text("4/4 rows right")
    expect(page).to_have_url(re.compile(r"b=-1\.5"))
    check_python_panel(page, "backprop_lab.lessons.logic.truth_table", "def truth_table(")
    check_lesson_nav(page, "1. One neuron", None)
    assert not page.errors


def test_gate_selector_loads_the_lectures_weights(site, page):
    page.goto(site.url + "#/logic?gate=and&w1=1&w2=1&b=-0.5")
    expect(summary(page)).to_contain_text("2/4 rows right", timeout=BOOT_TIMEOUT)   # OR weights, AND table
    expect(page.locator(".katex").first).to_be_visible()
    plane = page.get_by_role("img", name=re.compile("output over the plane"))
    before = steady_picture(plane)
    page.get_by_label("Gate", exact=True).select_option("not")
    expect(page).to_have_url(re.compile(r"gate=not&w1=-1&w2=0&b=0\.5"))
    expect(summary(page)).to_contain_text("4/4 rows right")
    expect(page.get_by_role("table", name=re.compile("Truth table of NOT"))).to_be_visible()
    picture_changes(plane, before)   # the NOT line is vertical, at x1 = 1/2
    page.get_by_label("Gate", exact=True).select_option("or")
    expect(page.get_by_role("table", name=re.compile("Truth table of OR"))).to_be_visible()
    expect(summary(page)).to_contain_text("4/4 rows right")
    check_python_panel(page, "backprop_lab.lessons.logic.gate_view", "def gate_view(")


def test_the_gate_part_alone_fills_the_frame_and_follows_the_bias(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/logic?embed=1&part=gate")
    expect(page.get_by_role("heading", level=1, name="A logic gate as one neuron")).to_be_visible()
    expect(summary(page)).to_contain_text("4/4 rows right", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("navigation", name="Lesson navigation")).to_have_count(0)
    expect(page.locator(".python")).to_have_count(0)
    plane = page.get_by_role("img", name=re.compile("output over the plane"))
    before = steady_picture(plane)
    bias = page.get_by_label("Bias b")
    bias.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(summary(page)).to_contain_text("2/4 rows right")
    picture_changes(plane, before)
    # The lecture's weights and w1, w2 wait in More settings, closed in a frame.
    expect(page.get_by_role("button", name="Lecture weights")).to_be_hidden()
    page.get_by_text("More settings").click()
    page.get_by_role("button", name="Lecture weights").click()
    expect(summary(page)).to_contain_text("4/4 rows right")
    expect(page.get_by_label("Weight w1")).to_be_visible()
    assert not page.errors
