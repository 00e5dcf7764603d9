"""Lesson 5, universal approximation: the fit of sin 2πx at H = 50, the H slider by keyboard,
presets, the error-against-H table, bad expressions with their messages, the Python panel."""
import io
import re

from PIL import Image, ImageChops
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel, picture_changes, steady_picture

STAT = re.compile(r"^sup \|a − f\| = ")


def changed_share(png_a, png_b):
    """Fraction of pixels that differ clearly (by more than 30 in some channel) between two screenshots."""
    a, b = (Image.open(io.BytesIO(p)).convert("L") for p in (png_a, png_b))
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 30 else 0)
    return diff.histogram()[255] / (a.size[0] * a.size[1])


def redrawn(locator, before, share=0.005):
    """Wait until more than `share` of the picture's pixels differ clearly from `before`; return it."""
    return picture_changes(locator, before, lambda png: changed_share(png, before) > share)


def sup_error(page):
    text = page.get_by_text(STAT).inner_text()
    return float(re.search(r"= ([0-9.e+-]+) at", text).group(1))


def sweep_errors(page):
    table = page.get_by_role("table")
    cells = table.get_by_role("cell").all_inner_texts()
    return [int(h) for h in cells[0::2]], [float(e) for e in cells[1::2]]


def test_fit_reaches_the_bound_and_follows_the_slider_and_presets(site, page):
    page.goto(site.url + "#/cybenko?target=sin&H=50")
    expect(page.get_by_role("heading", name="5. Universal approximation")).to_be_visible()
    stat = page.get_by_text(STAT)
    expect(stat).to_contain_text("H = 50", timeout=BOOT_TIMEOUT)
    expect(page.locator(".katex").first).to_be_visible()
    expect(page.get_by_role("heading", name="Cybenko's theorem (1989)")).to_be_visible()
    assert sup_error(page) < 0.05
    expect(page.get_by_role("table")).to_contain_text("sin(2*pi*x)")
    hs, errors = sweep_errors(page)
    assert hs == [1, 2, 4, 8, 16, 32, 64, 100]
    assert errors[-1] < errors[2] < errors[0] and errors[-1] < 0.01

    units = page.get_by_role("img", name=re.compile("individual units"))
    fit = page.get_by_role("img", name=re.compile("The fit: f and the network"))
    before_units, before_fit = steady_picture(units), steady_picture(fit)
    # Keyboard: three steps left on the H slider.
    page.get_by_label("Hidden units H").focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    expect(stat).to_contain_text("H = 47")
    expect(page).to_have_url(re.compile("H=47"))
    redrawn(units, before_units)

    # A preset: x² puts its expression in the box, refits, and redraws the error table.
    page.get_by_label("Target f").select_option("square")
    expect(page.get_by_label("Expression f(x)")).to_have_value("x**2")
    expect(page.get_by_role("table")).to_contain_text("f = x**2")
    expect(page).to_have_url(re.compile(r"target=square.*expr=x\*\*2"))
    redrawn(fit, before_fit)
    hs, errors = sweep_errors(page)
    assert all(b <= a for a, b in zip(errors, errors[1:]))
    check_python_panel(page, "backprop_lab.lessons.cybenko.fit_alpha", "def fit_alpha(")
    check_lesson_nav(page, "4. Expressive power", None)
    assert page.errors == []


def test_bad_expressions_show_what_is_wrong_and_keep_the_fit(site, page):
    page.goto(site.url + "#/cybenko?target=kink&H=8")
    stat = page.get_by_text(STAT)
    expect(stat).to_contain_text("H = 8", timeout=BOOT_TIMEOUT)
    fit = page.get_by_role("img", name=re.compile("The fit: f and the network"))
    good_fit = steady_picture(fit)
    good_stat = stat.inner_text()
    box = page.get_by_label("Expression f(x)")
    alert = page.get_by_role("alert").filter(has_text="cannot be used")
    for text, why in [("__import__('os')", "Unknown function"), ("x.real", "attribute access"),
                      ("lambda: 1", "lambda"), ("x + y", 'Unknown name "y" at position 5'),
                      ("sin(2*x", "Syntax error at position"), ("1/x", "not a finite number at x = 0 ")]:
        box.fill(text)
        box.press("Enter")
        expect(alert).to_contain_text(why)
        expect(alert).to_contain_text("The previous fit stays.")
    assert stat.inner_text() == good_stat
    assert changed_share(fit.screenshot(), good_fit) < 0.001     # sub-pixel shifts aside, the same picture
    expect(page).to_have_url(re.compile(r"expr=abs"))
    # A good custom expression clears the message and is kept in the link.
    box.fill("x**3 - x/2")
    page.get_by_role("button", name="Fit f").click()
    expect(alert).to_have_count(0)
    expect(page.get_by_role("table")).to_contain_text("f = x**3 - x/2")
    expect(page).to_have_url(re.compile(r"target=custom"))
    redrawn(fit, good_fit)


def test_the_fit_part_alone_follows_its_h_slider(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/cybenko?embed=1&part=fit&target=sin&H=10")
    expect(page.get_by_role("heading", level=1, name="H sigmoid units fit a function")).to_be_visible()
    stat = page.get_by_text(STAT)
    expect(stat).to_contain_text("H = 10", timeout=BOOT_TIMEOUT)
    expect(page.locator(".python")).to_have_count(0)
    expect(page.get_by_role("heading", name="Cybenko's theorem (1989)")).to_have_count(0)
    units = page.get_by_role("img", name=re.compile("individual units"))
    before = steady_picture(units)
    page.get_by_label("Hidden units H").focus()
    page.keyboard.press("End")
    expect(stat).to_contain_text("H = 100")
    redrawn(units, before)
    # The expression box is in More settings, opened by choosing a custom f.
    expect(page.get_by_label("Expression f(x)")).to_be_hidden()
    page.get_by_label("Target f").select_option("custom")
    expect(page.get_by_label("Expression f(x)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert page.errors == []


def test_the_error_part_alone_follows_its_target(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/cybenko?embed=1&part=error&target=sin&H=10")
    expect(page.get_by_role("heading", level=1, name="The error shrinks as H grows")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("f = sin(2*pi*x)", timeout=BOOT_TIMEOUT)
    curve = page.get_by_role("img", name=re.compile("against H"))
    before = steady_picture(curve)
    page.get_by_label("Target f").select_option("step")
    expect(table).to_contain_text("f = (1 + tanh(30*(x - 1/2)))/2")
    expect(page).to_have_url(re.compile(r"target=step"))
    redrawn(curve, before)
    hs, errors = sweep_errors(page)
    assert hs == [1, 2, 4, 8, 16, 32, 64, 100] and errors[-1] < errors[0]
    assert page.errors == []
