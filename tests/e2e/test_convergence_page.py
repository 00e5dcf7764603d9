"""Lesson 12, improving convergence: the activation race names a computed winner; L2 closes
the gap between training and test loss, shown on two decision boundaries."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel


def test_convergence_names_a_winner_and_l2_closes_the_gap(site, page):
    page.goto(site.url + "#/convergence")
    expect(page.get_by_role("heading", name="12. Improving convergence")).to_be_visible()
    expect(page.locator(".katex").first).to_be_visible()
    winner = page.get_by_text(re.compile(r"^Winner after 40 epochs: (sigmoid|tanh|ReLU), with training loss"))
    expect(winner).to_be_visible(timeout=BOOT_TIMEOUT)
    # The named winner has the lowest of the three losses printed.
    text = winner.inner_text()
    best = float(re.search(r"training loss (\d\.\d+)", text).group(1))
    others = [float(v) for v in re.findall(r"(?:sigmoid|tanh|ReLU) (\d\.\d+)", text)]
    assert len(others) == 2 and all(best <= v for v in others)
    race_chart = page.get_by_role("img", name=re.compile("for sigmoid, tanh and ReLU"))
    expect(race_chart).to_contain_text("ReLU")

    gap = page.get_by_text(re.compile(r"^After 300 epochs the test−train gap"))
    expect(gap).to_contain_text("L2 closed", timeout=60_000)
    off = page.get_by_role("img", name="Decision boundary without L2")
    on = page.get_by_role("img", name="Decision boundary with L2")
    assert off.screenshot() != on.screenshot()
    expect(page.get_by_text(re.compile(r"^train loss \d\.\d+ · test loss"))).to_have_count(2)

    # A stronger penalty redraws the right-hand boundary.
    before = on.screenshot()
    page.get_by_label("L2 strength λ (right-hand net)").select_option("0.1")
    expect(page).to_have_url(re.compile(r"l2=0\.1(&|$)"))
    expect(gap).to_contain_text("with λ = 0.1", timeout=60_000)
    assert on.screenshot() != before

    # Another data set: the race runs again and names its own winner.
    page.get_by_label("Data set").select_option("gauss")
    expect(page).to_have_url(re.compile("dataset=gauss"))
    expect(page.get_by_text("Training the three nets", exact=False)).to_have_count(0, timeout=60_000)
    expect(winner).to_be_visible()
    check_python_panel(page, "backprop_lab.lessons.convergence.winner", "def winner(")
    check_lesson_nav(page, "11. Backprop step by step", "Playground →")
    assert not page.errors


def test_each_race_has_its_own_player(site, page):
    page.goto(site.url + "#/convergence?epochs=10")
    race = page.get_by_role("group", name="Training the race")
    winner = page.get_by_text(re.compile(r"^Winner after 10 epochs: "))
    expect(winner).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(race.get_by_role("status")).to_have_text("Epoch 10")
    race.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Epoch 0 of 10: press Play to race.")).to_be_visible()
    expect(race.get_by_role("status")).to_have_text("Epoch 0")
    race.get_by_role("button", name="Step").click()
    expect(race.get_by_role("status")).to_have_text("Epoch 1")
    expect(page.get_by_text("Training the three nets… epoch 1 of 10")).to_be_visible()
    # The shortcuts drive the page's first Player (the race) until the other one is used.
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    expect(race.get_by_role("status")).to_have_text("Epoch 2")
    page.keyboard.press(" ")
    expect(winner).to_be_visible()
    expect(race.get_by_role("button", name="Run again")).to_be_visible()   # paused itself at the end
    expect(race.get_by_role("button", name="Play")).to_have_count(0)     # in Play's place
    both = page.get_by_role("group", name="Training both nets")
    expect(both.get_by_role("status")).to_have_text(re.compile(r"^Epoch \d+$"))
    assert not page.errors


def test_the_activation_race_alone_names_a_winner_and_reruns(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/convergence?embed=1&part=activations&epochs=10")
    expect(page.get_by_role("heading", level=1, name="sigmoid, tanh and ReLU raced")).to_be_visible()
    winner = page.get_by_text(re.compile(r"^Winner after 10 epochs: (sigmoid|tanh|ReLU)"))
    expect(winner).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("group", name="Training both nets")).to_have_count(0)   # the other part is not built
    chart = page.get_by_role("img", name=re.compile("for sigmoid, tanh and ReLU"))
    before = chart.locator("canvas").screenshot()
    page.get_by_label("Epochs N").focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"epochs=15"))
    expect(page.get_by_text(re.compile(r"^Winner after 15 epochs: "))).to_be_visible(timeout=60_000)
    assert chart.locator("canvas").screenshot() != before
    # Epochs are counted: the x axis ticks at whole numbers (it read 2.5, 7.5, 12.5 …), as drawn.
    ticks = [float(t) for t in chart.get_attribute("data-x-ticks").split()]
    assert len(ticks) >= 3 and all(t == int(t) for t in ticks), ticks
    assert not page.errors


def test_the_l2_part_alone_trains_both_nets_and_redraws_with_lambda(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/convergence?embed=1&part=l2")
    expect(page.get_by_role("heading", level=1, name="L2 regularization against overfitting")).to_be_visible()
    gap = page.get_by_text(re.compile(r"^After 300 epochs the test−train gap"))
    expect(gap).to_contain_text("L2 closed", timeout=BOOT_TIMEOUT)
    on = page.get_by_role("img", name="Decision boundary with L2")
    before = on.screenshot()
    page.get_by_label("L2 strength λ (right-hand net)").select_option("0.1")
    expect(gap).to_contain_text("with λ = 0.1", timeout=60_000)
    assert on.screenshot() != before
    expect(page.get_by_text(re.compile(r"^train loss \d\.\d+ · test loss"))).to_have_count(2)
    assert not page.errors


# Records, on every change of the page, whether a run's "again" button and Pause both showed (window.bothShown).
WATCH_BOTH = """(again) => {
  window.bothShown = 0;
  const shown = (name) => [...document.querySelectorAll("button")].some((b) => b.textContent === name &&
    b.offsetParent !== null && getComputedStyle(b).visibility !== "hidden");
  new MutationObserver(() => { if (shown(again) && shown("Pause")) window.bothShown++; })
    .observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
}"""


def test_run_again_and_pause_are_one_control_and_never_show_together(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/convergence?embed=1&part=activations&epochs=100")
    race = page.get_by_role("group", name="Training the race")
    page.evaluate(WATCH_BOTH, "Run again")
    expect(race.get_by_role("button", name="Pause")).to_be_visible(timeout=BOOT_TIMEOUT)   # it starts by itself
    expect(page.get_by_role("button", name="Run again")).to_have_count(0)
    winner = page.get_by_text(re.compile(r"^Winner after 100 epochs: "))
    expect(winner).to_be_visible(timeout=60_000)
    again = race.get_by_role("button", name="Run again")
    expect(again).to_be_visible()
    expect(race.get_by_role("button", name=re.compile("^(Play|Pause)$"))).to_have_count(0)
    # The one control keeps the keyboard: Run again, focused and pressed, hands the focus to Pause.
    again.focus()
    page.keyboard.press("Enter")
    pause = race.get_by_role("button", name="Pause")
    expect(pause).to_be_focused()
    expect(page.get_by_role("button", name="Run again")).to_have_count(0)
    page.keyboard.press("Enter")                    # Pause: the run stops where it is
    expect(race.get_by_role("button", name="Play")).to_be_visible()
    expect(page.get_by_role("button", name="Run again")).to_have_count(0)   # not over: Play goes on
    race.get_by_role("button", name="Play").click()
    expect(winner).to_be_visible(timeout=60_000)
    expect(again).to_be_visible()
    assert page.evaluate("window.bothShown") == 0
    assert not page.errors


def test_the_l2_part_alone_has_square_pictures_hollow_test_dots_and_no_hole(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/convergence?embed=1&part=l2")
    page.evaluate(WATCH_BOTH, "Train again")
    gap = page.get_by_text(re.compile(r"^After 300 epochs the test−train gap"))
    expect(gap).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_role("button", name="Train again")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^(Play|Pause)$"))).to_have_count(0)
    assert page.evaluate("window.bothShown") == 0
    pictures = [page.get_by_role("img", name=f"Decision boundary {w} L2") for w in ("without", "with")]
    for size in ({"width": 1280, "height": 720}, {"width": 1024, "height": 768}, {"width": 1280, "height": 600}):
        page.set_viewport_size(size)
        for picture in pictures:   # square, so the circle data set is drawn as a circle
            box = picture.bounding_box()
            assert abs(box["width"] - box["height"]) <= 2 and box["width"] > 200, (size, box)
            assert box["y"] + box["height"] <= size["height"]
    page.set_viewport_size({"width": 1280, "height": 720})
    for picture in pictures:
        # The 200 test points are drawn hollow: at a centre the picture's own colour shows, not the dot's.
        expect(picture).to_have_attribute("data-hollow", "200")
        seen = picture.evaluate(HOLE_PROBE)
        assert seen["n"] >= 40 and seen["holes"] >= 0.8 * seen["n"], seen
    # Under the status, at once the loss chart, drawn (no empty band), then its keys and the controls.
    layout = page.evaluate("""() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const status = box('[data-part="l2"] .winner'), chart = box(".over-chart"), keys = box(".over-keys");
      const controls = box('[data-part="l2"] .part-controls'), plot = box(".over-chart .u-over");
      return { below: chart.top - status.bottom, keys: keys.top - chart.bottom, controls: controls.top - keys.bottom,
               plot: plot.height, scroll: document.documentElement.scrollHeight - innerHeight };
    }""")
    assert layout["below"] <= 24 and layout["keys"] <= 24 and layout["controls"] <= 24, layout
    assert layout["plot"] >= 80 and layout["scroll"] <= 0, layout
    expect(page.get_by_text("L2 off", exact=True).last).to_be_visible()   # the chart's keys
    assert not page.errors


# Per hollow point listed by the heatmap (data-hollow-at): does its centre show the picture (the background), rather
# than a dot's colour (orange, blue) or a ring's dark edge? Where points crowd, a ring may cover another's centre.
HOLE_PROBE = """(canvas) => {
  const ctx = canvas.getContext("2d");
  const inks = [[232, 113, 10], [25, 103, 210], [27, 27, 31]];
  const far = (p) => inks.every((c) => Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) > 60);
  let holes = 0, n = 0;
  for (const xy of canvas.dataset.hollowAt.split(" ")) {
    const [x, y] = xy.split(",").map(Number);
    n++;
    if (far(ctx.getImageData(x, y, 1, 1).data)) holes++;
  }
  return { n, holes };
}"""
