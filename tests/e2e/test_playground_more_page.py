"""The Playground beyond TensorFlow Playground: every control, own data, files, figures, comparison."""
import io
import json
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT, wait_ready
from lesson_helpers import ACTIVITY_PROBE, BLUE, colour_share, page_settles, picture_changes, steady_picture


def boundary(page):
    return page.get_by_role("img", name=re.compile("Decision boundary"))


def stat(page, label):
    return page.get_by_label(label, exact=True)


def more_settings(page):
    """Open "More settings" (under the network), where the rarer settings live; a no-op when open."""
    summary = page.get_by_text("More settings", exact=True)
    if summary.evaluate("s => !s.parentElement.open"):
        summary.click()


def play_until(page, label, predicate, timeout_s=90):
    page.get_by_role("button", name="Play").click()
    deadline = time.time() + timeout_s
    text = ""
    while time.time() < deadline:
        text = stat(page, label).text_content()
        if text not in ("–", "") and predicate(float(text.rstrip("%"))):
            page.get_by_role("button", name="Pause").click()
            expect(page.get_by_role("button", name="Play")).to_be_visible()
            return float(text.rstrip("%"))
        time.sleep(0.3)   # the poll interval of a wait for a state (the number reached)
    raise AssertionError(f"{label} stayed at {text}")


def test_three_class_spiral_reaches_90_percent(site, page):
    page.goto(site.url + "#/playground?dataset=spiral3&hidden=8,8,8&features=x1,x2,sin_x1,sin_x2&learningRate=0.03")
    wait_ready(page)
    expect(page.get_by_text("Colour: the predicted class")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Confusion matrix"))).to_be_visible()
    acc = play_until(page, "Test accuracy", lambda v: v >= 90, timeout_s=120)
    assert acc >= 90
    expect(page.get_by_role("button", name="Output neuron 3: show its output")).to_be_visible()


def test_controls_change_what_they_should(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    # Features: x1^2 adds an input neuron to the diagram.
    page.get_by_label("x₁²", exact=True).check()
    expect(page.get_by_role("button", name="Input x₁²: show its output")).to_be_visible()
    expect(page).to_have_url(re.compile(r"features=x1,x2,x1%5E2|features=x1,x2,x1\^2"))
    # Hidden layers: a third layer appears in the diagram.
    page.get_by_role("button", name="Add hidden layer").click()
    expect(page.get_by_role("button", name="Layer 3, neuron 2: show its output")).to_be_visible()
    # Optimizer: momentum enables beta. (The rarer settings are under "More settings", folded at first.)
    expect(page.get_by_label("Optimizer", exact=True)).to_be_hidden()
    more_settings(page)
    expect(page.get_by_label("Momentum β", exact=True)).to_be_disabled()
    page.get_by_label("Optimizer", exact=True).select_option("momentum")
    expect(page.get_by_label("Momentum β", exact=True)).to_be_enabled()
    page.get_by_label("Momentum β", exact=True).select_option("0.95")
    expect(page).to_have_url(re.compile(r"optimizer=momentum&beta=0\.95"))
    # Loss and regularization go to the URL without a reset.
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    page.get_by_label("Regularization", exact=True).select_option("L2")
    page.get_by_label("Regularization rate", exact=True).select_option("0.01")
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 2", exact=True)).to_be_visible()
    page.get_by_label("Loss", exact=True).select_option("squared")
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()   # a new loss is a new network
    # Show test data and Discretize change the picture.
    before = steady_picture(boundary(page))
    page.get_by_label("Discretize output", exact=True).check()
    expect(page).to_have_url(re.compile("discretize=1"))
    picture_changes(boundary(page), before)
    before = steady_picture(boundary(page))
    page.get_by_label("Show test data", exact=True).check()
    picture_changes(boundary(page), before)


def test_regression_problem(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_label("Problem type", exact=True).select_option("regression")
    expect(page.get_by_role("radio", name="plane")).to_be_checked()
    more_settings(page)
    expect(page.get_by_label("Loss", exact=True)).to_have_value("squared")
    wait_ready(page)
    expect(page.get_by_text("Colour: orange = −1, blue = +1")).to_be_visible()
    expect(stat(page, "Test accuracy")).to_have_text("–")
    loss = play_until(page, "Train loss", lambda v: v < 0.02)
    assert loss < 0.02


def test_stop_condition_stops_at_the_epoch(site, page):
    page.goto(site.url + "#/playground?stopEpoch=15")
    wait_ready(page)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text("Stopped: reached epoch 15")).to_be_visible()
    expect(page.get_by_text("Epoch 15", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Play")).to_be_visible()


def test_clicks_add_points_and_training_uses_them(site, page):
    page.goto(site.url + "#/playground?dataset=own")
    wait_ready_or_empty = page.get_by_text("click on the plane to add points")
    expect(wait_ready_or_empty).to_be_visible(timeout=BOOT_TIMEOUT)
    canvas = boundary(page)
    box = canvas.bounding_box()
    for fx, fy in [(0.2, 0.2), (0.25, 0.3), (0.3, 0.2), (0.2, 0.35)]:   # class 0, top left
        canvas.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    for fx, fy in [(0.8, 0.8), (0.75, 0.7), (0.7, 0.8), (0.8, 0.65)]:   # class 1 by shift-click, bottom right
        canvas.click(position={"x": box["width"] * fx, "y": box["height"] * fy}, modifiers=["Shift"])
    expect(page).to_have_url(re.compile(r"points=(-?[\d.]+,-?[\d.]+,[01];){7}"))
    wait_ready(page)
    train = play_until(page, "Train accuracy", lambda v: v == 100)
    assert train == 100
    # The class-0 corner is drawn more orange than blue, the class-1 corner the other way round.
    img = Image.open(io.BytesIO(steady_picture(canvas))).convert("RGB")
    w, h = img.size
    r, g, b = img.getpixel((int(w * 0.1), int(h * 0.1)))
    assert r > b + 20, (r, g, b)
    r, g, b = img.getpixel((int(w * 0.9), int(h * 0.9)))
    assert b > r + 20, (r, g, b)
    # Remove one point.
    page.get_by_label("Clicking the plane").select_option("remove")
    canvas.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.2})
    expect(page).to_have_url(re.compile(r"points=[^&]*"))
    assert page.url.split("points=")[1].split("&")[0].count(";") == 6


def test_editing_a_weight_changes_the_boundary(site, page):
    page.goto(site.url + "#/playground?hidden=3")
    wait_ready(page)
    picture = steady_picture(boundary(page))
    before = colour_share(picture, BLUE)
    page.get_by_role("button", name="Output neuron 1: show its output").click()
    bias = page.get_by_label("Bias", exact=True)
    bias.fill("6")
    bias.press("Enter")                      # the change goes to Python; its frame is shown when it returns
    page.get_by_role("button", name="Close").click()
    page.mouse.move(0, 0)                    # no hover: the plane shows the network's output again
    shown = picture_changes(boundary(page), picture, lambda png: colour_share(png, BLUE) > before + 0.3)
    after = colour_share(shown, BLUE)
    assert after > before + 0.3, (before, after)


def test_hovering_a_neuron_shows_its_own_output(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text(re.compile(r"^Epoch [3-9]\d+$"))).to_be_visible()
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_enabled()
    output = steady_picture(boundary(page))
    # Keyboard focus does what hovering does (the screenshot's scrolling would end a hover).
    page.get_by_role("button", name="Layer 1, neuron 1: show its output").focus()
    expect(page.get_by_text("Layer 1, neuron 1: its output over the plane")).to_be_visible()
    picture_changes(boundary(page), output)


def test_classroom_link_hides_chosen_controls(site, page):
    page.goto(site.url + "#/playground?hide=noise,learningRate")
    wait_ready(page)
    expect(page.get_by_label("Noise", exact=True)).to_be_hidden()
    expect(page.get_by_label("Learning rate", exact=True)).to_be_hidden()
    expect(page.get_by_label("Activation", exact=True)).to_be_visible()
    page.get_by_text("Classroom mode").click()
    page.get_by_label("Hide Activation").check()
    expect(page.get_by_label("Activation", exact=True)).to_be_hidden()
    expect(page).to_have_url(re.compile(r"hide=noise,activation,learningRate|hide=[^&]*activation"))


def test_csv_and_model_files(site, page, tmp_path):
    page.goto(site.url + "#/playground?dataset=xor&hidden=3")
    wait_ready(page)
    for _ in range(3):
        page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 3", exact=True)).to_be_visible()
    loss = stat(page, "Train loss").text_content()
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export model (JSON)").click()
    model_path = tmp_path / "model.json"
    dl.value.save_as(model_path)
    model = json.loads(model_path.read_text())
    assert model["sizes"] == [2, 3, 1]
    with page.expect_download() as dl:
        page.get_by_role("button", name="Save data (CSV)").click()
    csv_path = tmp_path / "data.csv"
    dl.value.save_as(csv_path)
    lines = csv_path.read_text().splitlines()
    assert lines[0] == "x1,x2,label,split" and len(lines) == 501

    # A fresh page: import the model, the same loss comes back.
    page.goto(site.url + "#/playground?dataset=xor&hidden=5,5")
    wait_ready(page)
    page.get_by_label("Import model (JSON)").set_input_files(str(model_path))
    expect(page.get_by_text("Imported a 2-3-1 model")).to_be_visible()
    expect(page.get_by_text("Layer 1: 3 neurons")).to_be_visible()
    expect(stat(page, "Train loss")).to_have_text(loss)
    # Load the CSV as own data; a broken CSV names its line.
    page.get_by_label("Load data (CSV: x1,x2,label)").set_input_files(str(csv_path))
    expect(page.get_by_text("Loaded 500 points as your own data")).to_be_visible()
    expect(page.get_by_role("radio", name="your own")).to_be_checked()
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,0\n1,oops,1\n")
    page.get_by_label("Load data (CSV: x1,x2,label)").set_input_files(str(bad))
    expect(page.get_by_text("line 3: not numbers")).to_be_visible()


def test_matplotlib_png_download_is_a_valid_png(site, page, tmp_path):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_role("button", name="Step").click()
    with page.expect_download(timeout=BOOT_TIMEOUT) as dl:
        page.get_by_role("button", name="Download figure (PNG)").click()
    path = tmp_path / "figure.png"
    dl.value.save_as(path)
    from PIL import Image
    with Image.open(path) as img:
        assert img.format == "PNG" and img.size[0] > 800


def test_scikit_learn_comparison_shows_an_accuracy(site, page):
    page.goto(site.url + "#/playground?dataset=gauss")
    wait_ready(page)
    for n in range(1, 6):   # five epochs on the Playground: scikit-learn then trains as many, with its optimizer
        page.get_by_role("button", name="Step").click()
        expect(page.get_by_text(f"Epoch {n}", exact=True)).to_be_visible()
    page.get_by_role("button", name="Compare with scikit-learn").click()
    result = page.get_by_text(re.compile(r"^scikit-learn \((SGD[^,]*), (\d+) epochs; the Playground: (\d+)\): test accuracy "
                                         r"\d+\.\d%\. Not like for like: "))
    expect(result).to_be_visible(timeout=BOOT_TIMEOUT)
    optimizer, epochs, shown = re.match(r"^scikit-learn \((SGD[^,]*), (\d+) epochs; the Playground: (\d+)\)",
                                        result.text_content()).groups()
    assert epochs == shown == "5", result.text_content()
    assert float(re.search(r"(\d+\.\d)%", result.text_content()).group(1)) > 80
    expect(page.get_by_role("img", name="scikit-learn's boundary on the same data")).to_be_visible()
    # Adam, chosen: said as what differs from the Playground.
    page.get_by_label("scikit-learn optimizer", exact=True).select_option("adam")
    page.get_by_role("button", name="Compare with scikit-learn").click()
    result = page.get_by_text(re.compile(r"^scikit-learn \(Adam, \d+ epochs; the Playground: 5\)"))
    expect(result).to_contain_text("Adam is scikit-learn's optimizer here, not the Playground's", timeout=BOOT_TIMEOUT)
    # What scikit-learn cannot do is said, each on its own: L1, squared error, no hidden layer.
    for _ in range(2):
        page.get_by_role("button", name="Remove hidden layer").click()
    more_settings(page)
    page.get_by_label("Regularization", exact=True).select_option("L1")
    page.get_by_label("Regularization rate", exact=True).select_option("0.01")
    page.get_by_label("Loss", exact=True).select_option("squared")
    page.get_by_label("scikit-learn optimizer", exact=True).select_option("sgd")
    wait_ready(page)
    page.get_by_role("button", name="Compare with scikit-learn").click()
    result = page.get_by_text(re.compile(r"^scikit-learn \(SGD[^,]*, \d+ epochs?; the Playground: \d+\)"))
    expect(result).to_contain_text("scikit-learn has no L1 penalty", timeout=BOOT_TIMEOUT)
    expect(result).to_contain_text("always uses log-loss (cross-entropy), not squared error")
    expect(result).to_contain_text("it used one hidden unit where this network has none")


def test_show_the_python_of_a_training_step(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_text("Show the Python of a training step").click()
    # The extras' block, inside the demo (the lesson's own panels below show the same functions too).
    demo = page.get_by_role("region", name="Playground: a network trained live")
    expect(demo.get_by_label("Source of Trainer._step")).to_contain_text("def _step(self):")
    expect(demo.get_by_label("Source of MLP.loss_and_grads")).to_contain_text("def loss_and_grads(")
    expect(demo.get_by_label("Source of SGD.step")).to_contain_text("def step(self, grads):")


LONGTASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({ type: "longtask" });
"""

PAUSE_AND_TIME = """() => new Promise((resolve) => {
  const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Pause");
  const t0 = performance.now();
  new MutationObserver((_, obs) => {
    if (button.textContent === "Play") { obs.disconnect(); resolve(performance.now() - t0); }
  }).observe(button, { childList: true, characterData: true, subtree: true });
  button.click();
})"""


@pytest.mark.timed   # wall-clock bounds: run alone, not beside another test process
def test_extreme_settings_stay_responsive_and_pause_within_200_ms(site, page):
    page.add_init_script(LONGTASKS)
    page.add_init_script(ACTIVITY_PROBE)
    hidden = ",".join(["32"] * 10)
    page.goto(site.url + f"#/playground?big=1&hidden={hidden}&batchSize=1&noise=50&learningRate=10")
    wait_ready(page)
    expect(page.get_by_text("Layer 10: 32 neurons")).to_be_visible()
    more_settings(page)   # the cost is said beside "Allow bigger networks"
    expect(page.get_by_text(re.compile(r"weights and biases; an epoch is about"))).to_be_visible()
    page_settles(page)                      # the page's set-up is over: Python has answered, nothing changes
    page.evaluate("window.__longest = 0")   # from here on: while training
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(3000)   # the measured stretch: 3 s of training (a duration under test, not a wait for a state)
    # The page answers while training: a control reacts at once.
    page.get_by_label("Show test data", exact=True).check()
    expect(page).to_have_url(re.compile("showTest=1"))
    pause_ms = page.evaluate(PAUSE_AND_TIME) if page.get_by_role("button", name="Pause").is_visible() else 0
    assert pause_ms < 200, f"Pause took {pause_ms:.0f} ms"
    longest = page.evaluate("window.__longest")
    assert longest < 200, f"a main-thread task took {longest:.0f} ms"
