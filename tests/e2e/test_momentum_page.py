"""Lesson 8, gradient descent and momentum: both paths drawn, redrawn on every control,
a draggable start point, divergence reported in words."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_python_panel, picture_changes, steady_picture


def surface(page):
    return page.get_by_role("img", name=re.compile("Contours of the loss"))


def gd_text(page):
    return page.get_by_text(re.compile(r"^Plain GD: "))


def momentum_text(page):
    return page.get_by_text(re.compile(r"^Momentum \(β"))


def test_momentum_paths_react_to_sliders_drag_and_keyboard(site, page):
    page.goto(site.url + "#/momentum")
    expect(page.get_by_role("heading", name="8. Gradient descent and momentum")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()
    expect(gd_text(page)).to_contain_text("converged after", timeout=BOOT_TIMEOUT)
    expect(momentum_text(page)).to_contain_text("converged after")
    gd_iters = int(re.search(r"after (\d+)", gd_text(page).inner_text()).group(1))
    mom_iters = int(re.search(r"after (\d+)", momentum_text(page).inner_text()).group(1))
    assert mom_iters < gd_iters
    before = steady_picture(surface(page))

    # β with the keyboard: the momentum path changes, the picture too.
    beta = page.get_by_label("Momentum β")
    beta.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"beta=0\.8"))
    expect(momentum_text(page)).to_contain_text("β = 0.80")
    picture_changes(surface(page), before)
    after_beta = steady_picture(surface(page))

    # Drag the start point: the URL and the paths follow.
    box = surface(page).bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.15, steps=4)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"x0=2\.[0-9]"))
    expect(page.get_by_label("Start x0")).to_have_value(re.compile(r"^2\."))
    picture_changes(surface(page), after_beta)

    # A huge step size diverges: said in words, and nothing NaN reaches the page.
    eta = page.get_by_label("Step size η (log scale)")
    eta.focus()
    page.keyboard.press("End")
    expect(gd_text(page)).to_contain_text("diverged at iteration")
    expect(page).to_have_url(re.compile(r"eta=1(&|$)"))
    assert "NaN" not in page.url and "NaN" not in page.locator("article").inner_text()

    # Rosenbrock: its own defaults; momentum gets much further than plain GD.
    page.get_by_label("Surface").select_option("rosenbrock")
    expect(page).to_have_url(re.compile("surface=rosenbrock.*eta=0\\.001"))
    expect(gd_text(page)).to_contain_text("not converged yet after 1000 iterations")
    check_python_panel(page, "backprop_lab.lessons.momentum.momentum_step", "def momentum_step(")
    assert not page.errors


def test_the_race_part_alone_redraws_when_beta_changes(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/momentum?embed=1&part=race")
    expect(page.get_by_role("heading", level=1, name="Gradient descent and momentum")).to_be_visible()
    expect(momentum_text(page)).to_contain_text("converged after", timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("navigation", name="Lesson navigation")).to_have_count(0)
    before = steady_picture(surface(page))
    beta = page.get_by_label("Momentum β")
    beta.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    expect(momentum_text(page)).to_contain_text("β = 0.80")
    picture_changes(surface(page), before)
    # The start fields are folded into More settings; opened, they move the start point.
    page.get_by_text("More settings").click()
    x0 = page.get_by_label("Start x0")
    x0.fill("1.5")
    x0.press("Enter")
    expect(page).to_have_url(re.compile(r"x0=1\.5"))
    assert not page.errors


# Colours in the lower 40 % of the picture (below the start point and the short paths of N = 1): a picture enlarged
# from the 200 × 200 contour bytes has at most its palette's 256 (163 here); shading smoothed as it is enlarged, with level
# sets drawn as antialiased curves, has many more.
COLOURS_BELOW = """(c) => {
  const y0 = Math.floor(c.height * 0.6);
  const d = c.getContext("2d").getImageData(0, y0, c.width, c.height - y0).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
}"""

# The selected option's text as the select draws it (its font), against the room inside it (less the arrow).
SELECT_ROOM = """(s) => {
  const ctx = document.createElement("canvas").getContext("2d");
  const cs = getComputedStyle(s);
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const text = ctx.measureText(s.options[s.selectedIndex].text).width;
  const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 1.2 * parseFloat(cs.fontSize);
  return { text, room, option: s.options[s.selectedIndex].text };
}"""


def test_the_race_alone_draws_smooth_level_sets_and_shows_the_surface_whole(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/momentum?embed=1&part=race&n=1")
    expect(gd_text(page)).to_contain_text("after 1 iterations", timeout=BOOT_TIMEOUT)
    picture = surface(page)
    expect(picture).to_have_attribute("data-level-segments", re.compile(r"^\d{3,}$"))   # curves, not pixels
    colours = picture.evaluate(COLOURS_BELOW)
    assert colours > 400, colours   # 163 when enlarged from the bytes, 605 drawn smooth (1280×720)
    expect(page.get_by_text("f = ½ (x² + 20 y²)")).to_be_visible()   # the formula the select's name stands for
    select = page.get_by_label("Surface")
    for size in ({"width": 1280, "height": 720}, {"width": 1024, "height": 768}, {"width": 960, "height": 540}):
        page.set_viewport_size(size)
        for value in ("quadratic", "rosenbrock"):
            select.select_option(value)
            seen = select.evaluate(SELECT_ROOM)
            assert seen["text"] <= seen["room"], (size, seen)
    expect(page).to_have_url(re.compile("surface=rosenbrock"))
    expect(page.get_by_text("f = (1 − x)² + 100 (y − x²)²")).to_be_visible()
    expect(picture).to_have_attribute("data-level-segments", re.compile(r"^\d{3,}$"))
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert not page.errors
