"""Lesson 1, one neuron: sliders, activation, the plane and its line, the Python panel."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import BLUE, ORANGE, check_lesson_nav, check_python_panel, colour_share


def legend(page):
    return page.get_by_text(re.compile(r"^Colour: orange"))


def test_neuron_draws_both_sides_and_reacts_to_its_controls(site, page):
    page.goto(site.url + "#/neuron")
    expect(page.get_by_role("heading", name="1. One neuron")).to_be_visible()
    expect(legend(page)).to_contain_text("orange = -1.00, blue = 1.00", timeout=BOOT_TIMEOUT)
    plane = page.get_by_role("img", name=re.compile("output over the plane"))
    png = plane.screenshot()
    assert colour_share(png, ORANGE) > 0.2 and colour_share(png, BLUE) > 0.2

    page.get_by_label("Activation f").select_option("sigmoid")
    expect(legend(page)).to_contain_text("orange = 0.00, blue = 1.00")
    expect(page).to_have_url(re.compile("f=sigmoid"))
    # Keyboard: the bias slider, three steps right.
    bias = page.get_by_label("Bias b")
    bias.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"b=-0\.2"))
    check_python_panel(page, "backprop_lab.lessons.neuron.neuron", "def neuron(")
    check_lesson_nav(page, None, "2. Logic gates →")


def test_a_line_outside_the_square_is_explained(site, page):
    page.goto(site.url + "#/neuron?w1=0.5&w2=0.5&b=3&f=tanh")
    expect(legend(page)).to_contain_text("outside this square", timeout=BOOT_TIMEOUT)
    png = page.get_by_role("img", name=re.compile("output over the plane")).screenshot()
    assert colour_share(png, ORANGE) < 0.01, "all of the square is on the positive side"


def test_lesson_list_links_every_lesson(site, page):
    page.goto(site.url + "#/")
    lessons = page.get_by_role("list").filter(has=page.get_by_role("link", name="1. One neuron"))
    expect(lessons.get_by_role("link", name="Playground")).to_be_visible()
    lessons.get_by_role("link", name="1. One neuron").click()
    expect(page.get_by_role("heading", name="1. One neuron")).to_be_visible()
