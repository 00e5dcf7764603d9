"""The Playground's numbers and state can be trusted: an unstable run is said so, bad files
are refused before anything changes, and big files are refused in the page at once."""
import json
import re
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import wait_ready

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "py"))
from backprop_lab.nn import MLP  # noqa: E402

UNSTABLE = "The loss has stayed above the untrained network's for 10 epochs: the learning rate is too high"


def epoch(page):
    return page.get_by_text(re.compile(r"^Epoch \d+$"))


def stat(page, label):
    return page.get_by_label(label, exact=True)


def test_eta_10_is_called_unstable_and_one_click_lowers_it(site, page):
    page.goto(site.url + "#/playground?learningRate=10&stopEpoch=30")   # circle, cross-entropy
    wait_ready(page)
    expect(page.get_by_text(UNSTABLE)).to_be_hidden()
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text("Stopped: reached epoch 30.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(UNSTABLE)).to_be_visible()
    expect(page.get_by_text("Epoch 30", exact=True)).to_be_visible()
    page.get_by_role("button", name="Lower η ×10").click()
    expect(page.get_by_label("Learning rate", exact=True)).to_have_value("1")
    expect(page).to_have_url(re.compile(r"learningRate=1(&|$)"))
    expect(page.get_by_text(UNSTABLE)).to_be_hidden()
    expect(page.get_by_text("Epoch 30", exact=True)).to_be_visible()     # the network was not reset
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 31", exact=True)).to_be_visible()


COLLAPSED = re.compile(r"^The loss has stayed at or above a constant output's \(0\.689, .*\) for 10 epochs without "
                       r"falling: the learning rate is too high\.")
BOTH = "the learning rate or the regularization rate is too high"


def test_a_run_a_high_eta_collapsed_to_a_constant_is_called_unstable(site, page):
    # XOR, ReLU, eta = 3: the net dies at once and sits at the constant's loss (the entropy of the
    # train labels' frequency, 0.689), below its untrained 1.84: the old rule never fired.
    page.goto(site.url + "#/playground?dataset=xor&activation=relu&learningRate=3&stopEpoch=30")
    wait_ready(page)
    notice = page.get_by_role("alert").filter(has_text="constant output")
    expect(notice).to_be_hidden()
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text("Stopped: reached epoch 30.")).to_be_visible(timeout=60_000)
    expect(notice).to_be_visible()
    expect(notice).to_have_text(COLLAPSED)
    expect(notice.get_by_role("button", name="Lower λ ×10")).to_have_count(0)   # no regularization: not offered
    expect(page.get_by_text("Training diverged")).to_be_hidden()


def test_strong_regularization_is_blamed_with_eta_and_lower_lambda_fixes_it(site, page):
    page.goto(site.url + "#/playground?regularization=L2&regRate=1&stopEpoch=40")   # circle, eta 0.03
    wait_ready(page)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_text("Stopped: reached epoch 40.")).to_be_visible(timeout=60_000)
    notice = page.get_by_role("alert").filter(has_text=BOTH)
    expect(notice).to_be_visible()
    expect(notice.get_by_role("button", name="Lower η ×10")).to_be_visible()
    notice.get_by_role("button", name="Lower λ ×10").click()
    expect(page.get_by_label("Regularization rate", exact=True)).to_have_value("0.1")
    expect(page.get_by_label("Learning rate", exact=True)).to_have_value("0.03")       # η untouched
    expect(page).to_have_url(re.compile(r"regRate=0\.1(&|$)"))
    expect(notice).to_be_hidden()
    expect(page.get_by_text("Epoch 40", exact=True)).to_be_visible()     # the network was not reset


def model_file(sizes, features=("x1", "x2"), activation="tanh", output="sigmoid"):
    d = MLP(list(sizes), activation, output, seed=1).to_dict()
    d["features"] = features if isinstance(features, str) else list(features)
    d["format"] = "backprop-lab-mlp/1"
    return json.dumps(d).encode()


BAD_MODELS = [
    ("three-inputs.json", model_file([3, 3, 1]), "the model has 3 inputs but 2 features"),
    ("bogus.json", model_file([1, 3, 1], features=["bogus"]), "unknown feature bogus"),
    ("zero-wide.json", json.dumps(dict(json.loads(model_file([2, 3, 1])), sizes=[2, 0, 1])).encode(),
     "each hidden layer must have between 1 and 32 neurons"),
    ("string-features.json", model_file([1, 3, 1], features="x1"), "features must be a list"),
    ("forty.json", model_file([2] + [40] * 40 + [1]), "at most 10 hidden layers"),
    ("huge.json", b'{"pad": "' + b"x" * 3_000_000 + b'"}', "a model file may be at most 2 MB"),
]


def test_a_rejected_model_changes_nothing(site, page):
    page.goto(site.url + "#/playground?hidden=3")
    wait_ready(page)
    for _ in range(3):
        page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 3", exact=True)).to_be_visible()
    url, loss = page.url, stat(page, "Train loss").text_content()
    for name, content, message in BAD_MODELS:
        page.get_by_label("Import model (JSON)").set_input_files(
            {"name": name, "mimeType": "application/json", "buffer": content})
        expect(page.get_by_text(re.compile("Importing the model failed: .*" + re.escape(message)))).to_be_visible()
        assert page.url == url, name
        expect(page.get_by_text("Epoch 3", exact=True)).to_be_visible()
        expect(stat(page, "Train loss")).to_have_text(loss)
        expect(page.get_by_text("Layer 1: 3 neurons")).to_be_visible()
    assert not page.errors
    page.get_by_role("button", name="Step").click()                     # the network trains on
    expect(page.get_by_text("Epoch 4", exact=True)).to_be_visible()


@pytest.mark.timed   # wall-clock bound (each big file refused within 2 s): run alone, not beside another test process
def test_a_50_mb_csv_is_refused_in_the_page_at_once(site, page, tmp_path):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    url, loss = page.url, stat(page, "Train loss").text_content()
    big = b"x1,x2,label\n" + b"0.5,0.5,1\n" * 5_000_000                  # 50 MB
    assert len(big) > 50e6
    path = tmp_path / "big.csv"
    path.write_bytes(big)    # by path: a 50 MB buffer takes Playwright's pipe minutes to carry here
    started = time.time()
    page.get_by_label("Load data (CSV: x1,x2,label)").set_input_files(str(path))
    handed = time.time()
    expect(page.get_by_text(re.compile(r"Loading the CSV failed: the file is 50\.0 MB.*at most 1 MB"))).to_be_visible(
        timeout=2_000)
    print("50 MB CSV: handed to the page in %.1f s, refused %.2f s later" % (handed - started, time.time() - handed))
    many = b"".join(b"0.5,0.5,%d\n" % (i % 2) for i in range(3_500))     # small, but 3,500 points
    page.get_by_label("Load data (CSV: x1,x2,label)").set_input_files(
        {"name": "many.csv", "mimeType": "text/csv", "buffer": many})
    expect(page.get_by_text(re.compile(r"Loading the CSV failed: the file has 3500 lines.*at most 3000 points"))).to_be_visible(
        timeout=2_000)
    assert page.url == url
    expect(page.get_by_text("Epoch 1", exact=True)).to_be_visible()
    expect(stat(page, "Train loss")).to_have_text(loss)
    expect(page.get_by_role("radio", name="your own")).not_to_be_checked()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Epoch 2", exact=True)).to_be_visible()
