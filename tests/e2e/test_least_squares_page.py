"""Lesson 7, least squares vs gradient descent: the fit, the charts, divergence above 2/λ_max."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel, picture_changes, steady_picture


def animation_finished(page, message):
    """The GD line walks its path in 1.6 s after each answer, writing "Iteration k: ..." as it goes;
    it has finished when k is the last step, the one the divergence message names ("after K steps")."""
    steps = int(re.search(r"\(after (\d+) steps\)", message.text_content()).group(1))
    expect(page.get_by_text(re.compile(rf"^Iteration {steps}: "))).to_be_visible()


def test_gradient_descent_converges_then_diverges_above_the_critical_eta(site, page):
    page.goto(site.url + "#/least-squares?eta=0.15&steps=300")
    expect(page.get_by_role("heading", name="7. Least squares vs gradient descent")).to_be_visible()
    expect(page.locator(".formula .katex").first).to_be_visible()
    critical = page.get_by_text(re.compile(r"^Critical η = 2/λ_max = 0\.\d+"))
    expect(critical).to_be_visible(timeout=BOOT_TIMEOUT)
    eta_crit = float(re.search(r"= (0\.\d+);", critical.text_content()).group(1))
    # The animation ends with GD at the least-squares solution.
    last = page.get_by_text(re.compile(r"^Iteration 300: "))
    expect(last).to_be_visible()
    distance = float(re.search(r"‖W − Ŵ‖ = (\S+)$", last.text_content()).group(1))
    assert distance < 1e-3
    expect(page.get_by_text(re.compile("^diverged: "))).to_have_count(0)
    plot = page.get_by_role("img", name=re.compile("least-squares line"))
    before = steady_picture(plot)

    # Keyboard on the η slider: End jumps to 0.3, above the critical η.
    eta = page.get_by_label("Learning rate η")
    eta.focus()
    page.keyboard.press("End")
    expect(page).to_have_url(re.compile(r"eta=0\.3"))
    assert eta_crit < 0.3
    diverged = page.get_by_text(f"diverged: η above 2/λ_max = {eta_crit:.4g}")
    expect(diverged).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Iteration \d+: W = \[-?\d"))).to_be_visible()
    figure = page.get_by_role("figure").filter(has=page.get_by_role("img", name=re.compile("least-squares line")))
    shown = figure.text_content() + critical.text_content()
    assert not re.search(r"NaN|null|undefined|Infinity", shown), shown
    animation_finished(page, diverged)
    picture_changes(plot, before)   # the GD line moved

    # Back below: a slow but converging η.
    page.keyboard.press("Home")
    expect(page).to_have_url(re.compile(r"eta=0\.005"))
    expect(page.get_by_text(re.compile("^diverged: "))).to_have_count(0)
    check_python_panel(page, "backprop_lab.lessons.least_squares.gradient_descent", "def gradient_descent(")
    check_lesson_nav(page, "6. MNIST: PyTorch, then ten planes", "8. Gradient descent and momentum →")
    assert not page.errors


def test_the_compare_part_alone_fills_a_slide_and_diverges_above_the_critical_eta(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/least-squares?embed=1&part=compare&eta=0.15&steps=300")
    expect(page.get_by_role("heading", level=1, name="Least squares against gradient descent")).to_be_visible()
    critical = page.get_by_text(re.compile(r"^Critical η = 2/λ_max = 0\.\d+"))
    expect(critical).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Iteration 300: "))).to_be_visible()
    expect(page.locator(".python")).to_have_count(0)
    plot = page.get_by_role("img", name=re.compile("least-squares line"))
    before = steady_picture(plot)
    eta = page.get_by_label("Learning rate η")
    eta.focus()
    page.keyboard.press("End")
    diverged = page.get_by_text(re.compile(r"^diverged: η above 2/λ_max"))
    expect(diverged).to_be_visible()
    expect(critical).to_contain_text("now η = 0.3")
    animation_finished(page, diverged)
    picture_changes(plot, before)   # the GD line moved
    # The data settings are folded into More settings.
    expect(page.get_by_label("Number of points n")).to_be_hidden()
    page.get_by_text("More settings").click()
    expect(page.get_by_label("Number of points n")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert not page.errors


# Samples along Ŵ's line as drawn (data-w-hat: its ends in canvas px) inside the plot: how many are its dark dashes?
DASHES_SEEN = """(c) => {
  const [x1, y1, x2, y2] = c.dataset.wHat.split(" ").map(Number);
  const ctx = c.getContext("2d");
  let dark = 0, n = 0;
  for (let i = 0; i <= 300; i++) {
    const x = Math.round(x1 + (x2 - x1) * i / 300), y = Math.round(y1 + (y2 - y1) * i / 300);
    if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
    const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
    n++;
    if (r < 90 && g < 90 && b < 90) dark++;
  }
  return { dark, n };
}"""


def test_the_least_squares_dashes_show_over_the_converged_gd_line_and_the_y_axis_has_ticks(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/least-squares?embed=1&part=compare&eta=0.15&steps=300")
    last = page.get_by_text(re.compile(r"^Iteration 300: "))
    expect(last).to_be_visible(timeout=BOOT_TIMEOUT)
    assert float(re.search(r"‖W − Ŵ‖ = (\S+)$", last.text_content()).group(1)) < 1e-3   # GD lies on Ŵ
    plot = page.get_by_role("img", name=re.compile("least-squares line"))
    seen = plot.evaluate(DASHES_SEEN)
    assert seen["n"] > 200 and seen["dark"] >= 0.3 * seen["n"], seen   # the dashes are on top, visible
    # Ticks on both axes, at round values, the y ticks at least three and evenly spaced.
    ys = [float(t) for t in plot.get_attribute("data-y-ticks").split()]
    xs = [float(t) for t in plot.get_attribute("data-x-ticks").split()]
    assert len(ys) >= 3 and len(xs) >= 3, (ys, xs)
    steps = {round(b - a, 9) for a, b in zip(ys, ys[1:])}
    assert len(steps) == 1 and steps.pop() in (0.5, 1, 2, 5, 10), ys
    assert all(x == int(x) for x in xs), xs
    assert not page.errors
