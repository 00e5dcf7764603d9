"""The Playground, driven as a user would: by role, label and text."""
import os
import re
import time

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT, ROOT, wait_ready
from lesson_helpers import BLUE, ORANGE, colour_share, picture_changes, steady_picture


def number(page, label):
    text = page.get_by_label(label, exact=True).text_content()
    return float(text.rstrip("%"))


def epoch(page):
    return int(re.search(r"Epoch (\d+)", page.get_by_text(re.compile(r"^Epoch \d+$")).text_content()).group(1))


def train_until(page, label, below, timeout_s=60):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        text = page.get_by_label(label, exact=True).text_content()
        if text not in ("–", "") and float(text) < below:
            return float(text)
        time.sleep(0.25)   # the poll interval of a wait for a state (the number reached)
    raise AssertionError(f"{label} stayed at {text}, not below {below}")


def test_play_trains_circle_then_pause_stops(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    assert number(page, "Train loss") > 0.3   # untrained
    page.get_by_role("button", name="Play").click()
    loss = train_until(page, "Train loss", 0.2)
    assert loss < 0.2
    page.get_by_role("button", name="Pause").click()
    # "Play" (enabled) after Pause: the chunk in flight has been shown, and nothing moves any more.
    expect(page.get_by_role("button", name="Play")).to_be_enabled()
    stopped_at = epoch(page)
    assert stopped_at > 0
    page.wait_for_timeout(1000)   # a negative check's window: an epoch run after Pause would show by now
    assert epoch(page) == stopped_at, "the epoch counter moved after Pause"
    assert number(page, "Test accuracy") > 90

    boundary = page.get_by_role("img", name=re.compile("Decision boundary"))
    png = steady_picture(boundary)   # the last chunk's boundary, drawn
    assert colour_share(png, ORANGE) > 0.10, "no class-0 region on the boundary"
    assert colour_share(png, BLUE) > 0.05, "no class-1 region on the boundary"
    if os.environ.get("BACKPROP_LAB_SCREENSHOT"):
        page.screenshot(path=str(ROOT / "static" / "screenshot.png"))
    assert not page.errors


def test_step_advances_one_epoch_and_reset_starts_over(site, page):
    page.goto(site.url + "#/playground?dataset=xor")
    wait_ready(page)
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 2", exact=True)).to_be_visible()
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()


def test_works_without_cross_origin_isolation(plain_site, page):
    """GitHub Pages sends no COOP/COEP: training and Pause must still work."""
    page.goto(plain_site.url + "#/playground")
    wait_ready(page)
    assert page.evaluate("crossOriginIsolated") is False
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text(re.compile(r"^Epoch [1-9]\d*$"))).to_be_visible()
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_enabled()   # the chunk in flight has been shown
    stopped_at = epoch(page)
    page.wait_for_timeout(700)   # a negative check's window: an epoch run after Pause would show by now
    assert epoch(page) == stopped_at


def test_settings_come_from_and_go_to_the_url(site, page):
    page.goto(site.url + "#/playground?dataset=gauss&hidden=3&learningRate=0.1&activation=relu&noise=20")
    wait_ready(page)
    expect(page.get_by_label("Learning rate", exact=True)).to_have_value("0.1")
    expect(page.get_by_label("Activation", exact=True)).to_have_value("relu")
    expect(page.get_by_text("Layer 1: 3 neurons")).to_be_visible()
    expect(page.get_by_text("1 hidden layer", exact=True)).to_be_visible()
    expect(page.get_by_role("radio", name="gauss")).to_be_checked()
    # Keyboard only: add a neuron, change the learning rate.
    page.get_by_role("button", name="Add neuron to layer 1").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Layer 1: 4 neurons")).to_be_visible()
    page.get_by_label("Learning rate", exact=True).select_option("0.3")
    expect(page).to_have_url(re.compile(r"hidden=4&"))
    expect(page).to_have_url(re.compile(r"learningRate=0\.3"))
    # The link reopens the same setup.
    url = page.url
    page.goto("about:blank")
    page.goto(url)
    wait_ready(page)
    expect(page.get_by_text("Layer 1: 4 neurons")).to_be_visible()
    expect(page.get_by_label("Learning rate", exact=True)).to_have_value("0.3")


def test_learning_rate_change_does_not_reset(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    for _ in range(3):
        page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 3", exact=True)).to_be_visible()
    page.get_by_label("Learning rate", exact=True).select_option("0.1")
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 4", exact=True)).to_be_visible()


def test_malformed_url_is_reported_and_ignored(site, page):
    page.goto(site.url + "#/playground?noise=abc&hidden=9,9&dataset=donut&bogus=1")
    wait_ready(page)
    notice = page.get_by_role("status").filter(has_text="Ignored")
    expect(notice).to_contain_text("noise=abc")
    expect(notice).to_contain_text("hidden=9,9")
    expect(notice).to_contain_text("dataset=donut")
    expect(page.get_by_role("radio", name="circle")).to_be_checked()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    assert "noise=abc" not in page.url


def test_moons_loads_scikit_learn_on_demand(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_text("moons", exact=True).click()
    expect(page.get_by_text(re.compile("Loading scikit-learn…"))).to_be_visible(timeout=BOOT_TIMEOUT)
    wait_ready(page)
    expect(page).to_have_url(re.compile("dataset=moons"))
    page.get_by_role("button", name="Play").click()
    train_until(page, "Train loss", 0.3)
    page.get_by_role("button", name="Pause").click()


def test_divergence_pauses_with_a_message(site, page):
    page.goto(site.url + "#/playground?activation=linear&learningRate=10&hidden=8,8,8")
    wait_ready(page)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text("diverged: lower the learning rate", exact=False)).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    for label in ("Train loss", "Test loss", "Train accuracy", "Test accuracy"):
        assert "NaN" not in page.get_by_label(label, exact=True).text_content()
    assert "NaN" not in page.url
    # Reset with a sane rate recovers.
    page.get_by_label("Learning rate", exact=True).select_option("0.03")
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()


def test_the_part_alone_trains_and_folds_the_rest_into_more_settings(site, page):
    """embed=1&part=playground (a slide): the boundary, the numbers, Play, dataset and learning rate."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/playground?embed=1&part=playground&dataset=xor&hide=noise")
    wait_ready(page)
    expect(page.get_by_role("heading", level=1, name="Playground: a network trained live")).to_be_visible()
    expect(page.get_by_role("heading", name="Data", exact=True)).to_have_count(0)   # not the three columns
    expect(page.get_by_role("navigation", name="Lesson navigation")).to_have_count(0)
    boundary = page.get_by_role("img", name=re.compile("Decision boundary"))
    expect(boundary).to_be_visible()
    expect(page.get_by_label("Learning rate", exact=True)).to_be_visible()
    expect(page.get_by_role("radio", name="xor")).to_be_checked()
    activation = page.get_by_label("Activation", exact=True)
    expect(activation).to_be_hidden()   # folded into More settings
    before = steady_picture(boundary)
    untrained = number(page, "Train loss")
    page.get_by_role("button", name="Play").click()
    train_until(page, "Train loss", untrained - 0.1)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_enabled()
    assert epoch(page) > 0
    picture_changes(boundary, before)   # the boundary changed while training
    # The dataset stays at hand: another one starts over.
    page.get_by_text("gauss", exact=True).click()
    expect(page).to_have_url(re.compile("dataset=gauss"))
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    # More settings opens the rest; classroom mode's hide= flags still hide what they name.
    page.get_by_text("More settings", exact=True).click()
    expect(activation).to_be_visible()
    expect(page.get_by_label("Hidden layers")).to_be_visible()
    expect(page.get_by_label("Noise", exact=True)).to_be_hidden()
    assert not page.errors
