"""Lesson 6, ten separating planes: training on MNIST (784 inputs), W's 28×28 pictures, the drawing pad."""
import re

from layout_helpers import CHART_MEASURE, CHART_PROBE
from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT
from lesson_helpers import check_lesson_nav, check_python_panel, picture_changes, steady_picture


def accuracy(scope):
    text = scope.get_by_label("Test accuracy").text_content()
    return float(text.rstrip("%")) / 100 if text.endswith("%") else 0.0


def test_digits_trains_and_classifies_a_drawn_stroke(site, page):
    page.goto(site.url + "#/digits")
    expect(page.get_by_role("heading", name="6. MNIST: PyTorch, then ten planes")).to_be_visible()
    expect(page.locator(".formula .katex").first).to_be_visible()
    part = page.get_by_role("region", name="Ten separating planes, trained")
    play = part.get_by_role("button", name="Play")
    expect(play).to_be_enabled(timeout=BOOT_TIMEOUT)
    expect(part.get_by_text("Epoch 0", exact=True)).to_be_visible()
    templates = page.get_by_role("img", name=re.compile("ten columns of W"))
    before = steady_picture(templates)

    play.click()
    page.wait_for_function("() => document.querySelector('#digits-test_acc').textContent.endsWith('%') &&"
                           " parseFloat(document.querySelector('#digits-test_acc').textContent) > 85",
                           timeout=60_000)
    part.get_by_role("button", name="Pause").click()
    expect(play).to_be_enabled()
    assert accuracy(part) > 0.85
    credit = re.compile(r"^MNIST: Yann LeCun, Corinna Cortes and Christopher J\.C\. Burges \(CC BY-SA 3\.0\)")
    expect(page.get_by_text(credit).first).to_be_visible()
    picture_changes(templates, before)   # training changes W's pictures
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="9", exact=True)).to_be_visible()

    # Draw a "1": a vertical stroke with the mouse.
    pad = page.get_by_role("img", name=re.compile("Drawing pad"))
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    x = box["x"] + box["width"] * 0.5
    page.mouse.move(x, box["y"] + box["height"] * 0.15)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x + k * 0.5, box["y"] + box["height"] * (0.15 + 0.07 * k))
    page.mouse.up()
    expect(page.get_by_text(re.compile(r"^The classifier says \d\.$"))).to_be_visible()
    expect(page.get_by_text("Sum: 100.00%")).to_be_visible()
    percents = page.locator(".pbar-value").all_text_contents()
    assert len(percents) == 10 and all(p.endswith("%") for p in percents)

    # Keyboard: a test digit, then Clear.
    page.get_by_role("button", name="Next test digit").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^Test digit #0: a \d; the classifier says \d"))).to_be_visible()
    expect(page.get_by_text("Sum: 100.00%")).to_be_visible()
    page.get_by_role("button", name="Clear").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Sum: –")).to_be_visible()

    page.get_by_label("Learning rate η").select_option("0.1")
    expect(page).to_have_url(re.compile(r"eta=0\.1"))
    check_python_panel(page, "backprop_lab.mnist.preprocess", "def preprocess(")
    check_lesson_nav(page, None, "7. Least squares vs gradient descent →")
    assert not page.errors


def test_the_train_part_alone_trains_with_its_player(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/digits?embed=1&part=train")
    expect(page.get_by_role("heading", level=1, name="Ten separating planes, trained")).to_be_visible()
    play = page.get_by_role("button", name="Play")
    expect(play).to_be_enabled(timeout=BOOT_TIMEOUT)
    templates = page.get_by_role("img", name=re.compile("ten columns of W"))
    before = steady_picture(templates)
    page.get_by_role("button", name="Step one epoch").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    picture_changes(templates, before)   # a step changes W's pictures
    expect(page.get_by_label("Batch size M")).to_be_hidden()   # in More settings
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert not page.errors



def test_the_train_parts_charts_have_a_plot_and_whole_titles_at_epoch_0(site, page):
    """On a slide (1280×720) and on half a slide (640×360), before any training: each chart has a plot
    (it was an empty axis about 10 px high), its titles drawn whole ("accuracy" was cut to "accura"),
    ticks ≥ 12 px (19 px at 1280×720), and both charts are in the frame."""
    page.add_init_script(CHART_PROBE)
    page.goto(site.url + "#/digits?embed=1&part=train")
    for width, height, px in ((1280, 720, 19), (640, 360, 12)):
        page.set_viewport_size({"width": width, "height": height})
        page.reload()   # a fresh page at this size
        expect(page.get_by_label("Test accuracy")).to_have_text(re.compile(r"%$"), timeout=BOOT_TIMEOUT)   # epoch 0
        expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
        page.wait_for_function("() => document.querySelectorAll('#view .uplot').length === 2 && "
                               "[...document.querySelectorAll('#view .uplot canvas')].every((c) => "
                               "window.__chartTexts(c).some((t) => t.bold && t.text !== 'epoch'))")
        charts = page.evaluate(CHART_MEASURE)
        where = f"digits/train at {width}×{height}"
        assert [c["titles"] for c in charts] == [["epoch", "accuracy"], ["epoch", "loss"]], f"{where}: {charts}"
        for c in charts:
            assert c["plotHeight"] >= 0.15 * height, f"{where}: a plot {c['plotHeight']:.0f} px high: {c}"
            assert c["cut"] == [] and c["tooLong"] == [] and c["overlapped"] == [] and not c["clipped"], f"{where}: {c}"
            assert round(c["minFont"]) >= px, f"{where}: ticks at {c['minFont']} px"
        assert page.evaluate("document.documentElement.scrollHeight <= innerHeight"), f"{where}: the frame scrolls"
    assert not page.errors

def test_the_confusion_part_alone_trains_and_redraws_the_matrix(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/digits?embed=1&part=confusion")
    expect(page.get_by_role("heading", level=1, name="Confusion matrix (test set)")).to_be_visible()
    matrix = page.get_by_role("img", name=re.compile(r"^Confusion matrix \(test set\): \d+ of 1000 right"))
    expect(matrix).to_be_visible(timeout=BOOT_TIMEOUT)
    name = matrix.get_attribute("aria-label")
    page.get_by_role("button", name="Step one epoch").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    expect(matrix).not_to_have_attribute("aria-label", name)
    assert accuracy(page) > 0.5
    assert not page.errors


def test_the_draw_part_alone_trains_first_then_classifies(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/digits?embed=1&part=draw")
    expect(page.get_by_role("heading", level=1, name="Draw a digit")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Trained 3 epochs: test accuracy \d+\.\d%\.$"))).to_be_visible(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="Next test digit").click()
    expect(page.get_by_text(re.compile(r"^Test digit #0: a \d; the classifier says \d"))).to_be_visible()
    expect(page.get_by_text("Sum: 100.00%")).to_be_visible()
    pad = page.get_by_role("img", name=re.compile("Drawing pad"))
    box = pad.bounding_box()
    x = box["x"] + box["width"] * 0.5
    page.mouse.move(x, box["y"] + box["height"] * 0.15)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x + k * 0.5, box["y"] + box["height"] * (0.15 + 0.07 * k))
    page.mouse.up()
    expect(page.get_by_text(re.compile(r"^The classifier says \d\.$"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert not page.errors


def test_the_pytorch_part_trains_with_the_lectures_loop(site, page):
    page.goto(site.url + "#/digits")
    part = page.get_by_role("region", name="A network in PyTorch, on MNIST")
    play = part.get_by_role("button", name="Play")
    expect(play).to_be_enabled(timeout=BOOT_TIMEOUT)
    expect(part.get_by_text("Step 0", exact=True)).to_be_visible()
    expect(part.get_by_label("Test accuracy")).to_have_text(re.compile(r"^\d+\.\d%$"))
    expect(part.get_by_text(re.compile(r"same losses, weights and accuracy to 1e-8"))).to_be_visible()
    expect(part.get_by_role("link", name="lesson 11, backprop step by step")).to_have_attribute("href", "#/backprop")
    weights = part.get_by_role("img", name=re.compile("first layer's weights"))
    before = steady_picture(weights)

    part.get_by_role("button", name="Step one batch").click()
    expect(part.get_by_text("Step 1", exact=True)).to_be_visible()
    expect(part.get_by_label("Batch loss")).to_have_text(re.compile(r"^\d\.\d{3}$"))
    play.click()
    # One epoch is 125 batches of 32: the test accuracy is measured after each, and beats a guess by far.
    page.wait_for_function("() => Number(document.querySelector('#digits-t_epoch').textContent) >= 1 &&"
                           " parseFloat(document.querySelector('#digits-t_test').textContent) > 80", timeout=90_000)
    part.get_by_role("button", name="Pause").click()
    expect(play).to_be_enabled()
    steps = int(part.get_by_label("Steps").text_content())
    assert steps >= 125
    picture_changes(weights, before)
    page.wait_for_timeout(600)   # paused means paused
    assert int(part.get_by_label("Steps").text_content()) == steps
    check_python_panel(page, "backprop_lab.lessons.torch_mnist.train_loop", "def train_loop(model, loader, loss_fn, optimizer):")
    source = page.get_by_label("Source of train_loop", exact=True)
    for line in ("optimizer.zero_grad()", "loss.backward()", "optimizer.step()"):
        expect(source).to_contain_text(line)
    assert not page.errors


def test_the_pytorch_part_alone_shows_its_script_beside_the_training(site, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(site.url + "#/digits?embed=1&part=pytorch&lr=0.03&H=32")
    expect(page.get_by_role("heading", level=1, name="A network in PyTorch, on MNIST")).to_be_visible()
    script = page.get_by_label("The PyTorch script that trains it")
    expect(script).to_contain_text("from backprop_lab import torch", timeout=BOOT_TIMEOUT)
    for line in ("nn.Linear(784, 32)", "nn.CrossEntropyLoss()", "lr=0.03, momentum=0.9", "loss.backward()"):
        expect(script).to_contain_text(line)
    page.get_by_label("Learning rate lr").select_option("0.1")
    expect(script).to_contain_text("lr=0.1, momentum=0.9")
    page.get_by_role("button", name="Step one batch").click()
    expect(page.get_by_text("Step 1", exact=True)).to_be_visible()
    expect(page.get_by_label("Hidden units", exact=True)).to_be_hidden()   # in More settings
    # The script, the weights and the loss chart all show in the frame, with no scrolling.
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    for name in ("The PyTorch script that trains it",):
        box = page.get_by_label(name).bounding_box()
        assert box["y"] + box["height"] <= 720 and box["x"] + box["width"] <= 1280, box
    code = page.get_by_label("The PyTorch script that trains it")
    assert code.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"), "the script is cut"
    assert float(code.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 14
    assert not page.errors
