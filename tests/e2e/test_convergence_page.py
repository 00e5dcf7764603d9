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
    expect(race.get_by_role("button", name="Play")).to_be_visible()   # paused itself at the end
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
