"""Links that must never break a page (issue 14) and page flags before the '#' (issue 12).

- a URL value named like a property of every object (model=constructor) opens the default graph;
- a lesson whose code fails to load or to mount shows the fault box with its message, Retry and a
  link home, never a blank view;
- a '+' typed in a link is a plus (expr=x+1), and the URL the page writes back reads the same;
- ?embed=1#/neuron and ?projector=1#/neuron work like the same flags after the '#'.
"""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT

PROTO = ["constructor", "toString", "__proto__", "hasOwnProperty"]


def go(page, hash_):
    """Follow a link within the booted page (a hashchange), as a user editing the URL does."""
    page.evaluate("h => { location.hash = h; }", hash_)


def test_prototype_named_model_opens_the_default_graph(site, page):
    page.goto(site.url + "#/")
    expect(page.get_by_role("heading", name="Backprop Lab", level=1)).to_be_visible()
    for value in PROTO:
        go(page, f"#/backprop?model={value}&x1=2")
        expect(page.get_by_role("heading", name="11. Backprop step by step", level=1)).to_be_visible()
        expect(page.locator("#view .notice")).to_contain_text(f"Ignored model={value} from the link")
        expect(page.get_by_label("Graph", exact=True)).to_have_value("neuron")
        expect(page.get_by_label("x1", exact=True)).to_have_value("2")
        assert not page.errors, (value, page.errors)
    page.get_by_role("button", name="Forward").click()
    expect(page.get_by_text(re.compile(r"^Forward pass done: "))).to_be_visible(timeout=BOOT_TIMEOUT)
    assert not page.errors, page.errors


def test_a_lesson_that_cannot_load_or_mount_says_so_with_a_way_home(site, page):
    # One lesson's module fails as it is imported; another's mount() throws.
    page.route("**/app/lessons/logic.js", lambda r: r.fulfill(
        body='throw new Error("logic.js broken on purpose");', content_type="text/javascript"))
    page.route("**/app/lessons/softmax.js", lambda r: r.fulfill(
        body='export function mount() { throw new TypeError("mount failed on purpose"); }',
        content_type="text/javascript"))
    fault = page.get_by_role("alert")
    page.goto(site.url + "#/logic")
    expect(fault).to_contain_text("This lesson could not be opened: logic.js broken on purpose")
    expect(page.get_by_role("heading", name="2. Logic gates", level=1)).to_be_visible()
    fault.get_by_role("link", name="All lessons").click()
    expect(page.get_by_role("heading", name="Backprop Lab", level=1)).to_be_visible()
    expect(fault).to_be_hidden()

    page.get_by_role("link", name="9. Softmax and cross-entropy").click()
    expect(fault).to_contain_text("This lesson could not be opened: mount failed on purpose")
    expect(page.get_by_role("heading", name="9. Softmax and cross-entropy", level=1)).to_be_visible()
    # Retry runs the lesson's code again: still broken, so it says so again (never a blank view).
    fault.get_by_role("button", name="Retry").click()
    expect(fault).to_contain_text("mount failed on purpose")
    expect(page.get_by_role("heading", name="9. Softmax and cross-entropy", level=1)).to_be_visible()
    go(page, "#/neuron")
    expect(page.get_by_role("heading", name="1. One neuron", level=1)).to_be_visible()
    expect(fault).to_be_hidden()
    assert not page.errors, page.errors


def test_a_plus_in_a_hand_written_link_is_a_plus(site, page):
    page.goto(site.url + "#/cybenko?target=custom&expr=x+1&H=5")
    expression = page.get_by_label("Expression f(x)")
    expect(expression).to_have_value("x+1")
    expect(page.get_by_text(re.compile(r"^sup \|a − f\| = "))).to_contain_text("H = 5", timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("cannot be used")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"expr=x%2B1(&|$)"))
    # A custom expression with spaces and a plus, typed in the page: the link reopens it exactly.
    expression.fill("x*x + 1/2")
    expression.press("Enter")
    expect(page).to_have_url(re.compile(r"expr=x\*x%20%2B%201%2F2(&|$)"))
    page.reload()
    expect(page.get_by_label("Expression f(x)")).to_have_value("x*x + 1/2")
    expect(page.get_by_text(re.compile(r"^sup \|a − f\| = "))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("cannot be used")).to_have_count(0)
    assert not page.errors, page.errors


def test_page_flags_before_the_hash(site, page):
    page.goto(site.url + "?embed=1#/neuron")
    # Embedded, the lesson shows its one part alone, titled by what it shows.
    expect(page.get_by_role("heading", name="One neuron: weights, bias, activation", level=1)).to_be_visible()
    expect(page.locator("header.site")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Lesson navigation")).to_be_hidden()
    expect(page.get_by_text(re.compile(r"^Colour: "))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.locator("#view .notice").filter(has_text="Ignored")).to_have_count(0)

    page.goto(site.url + "?projector=1#/neuron")
    expect(page.get_by_role("heading", name="1. One neuron", level=1)).to_be_visible()
    expect(page.locator("header.site")).to_be_visible()
    expect(page.get_by_role("button", name="Projector mode")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("body")).to_have_class(re.compile(r"\bprojector\b"))

    # The hash wins over the query: embed=0 after the '#' shows the site again.
    page.goto(site.url + "?embed=1#/neuron?embed=0")
    expect(page.get_by_role("heading", name="1. One neuron", level=1)).to_be_visible()
    expect(page.locator("header.site")).to_be_visible()
    assert not page.errors, page.errors


def test_projector_mode_from_before_the_hash_can_be_switched_off(site, page):
    page.goto(site.url + "?projector=1#/neuron")
    toggle = page.get_by_role("button", name="Projector mode")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false", timeout=5_000)
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bprojector\b"))
