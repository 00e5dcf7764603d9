"""The live demos run the student's code: the Playground trains with an edited training step
(the reference path, labelled so in the figures), and Reset brings the lab's fused path back."""
import re

from playwright.sync_api import expect

from conftest import BOOT_TIMEOUT, wait_ready

DF = "ACTIVATIONS.tanh.df"
DF_PANEL = "Python: backprop_lab.activations.ACTIVATIONS.tanh.df"
ZERO_DF = "def tanh_derivative(z, a):\nreturn 0 * a\n"
LABEL = re.compile("^Training: your code, reference path")


def steps(page, n):
    """Press Step n times, each time waiting for the epoch counter; the train loss shown then."""
    for i in range(1, n + 1):
        page.get_by_role("button", name="Step", exact=True).click()
        expect(page.get_by_text(f"Epoch {i}", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    return page.get_by_label("Train loss", exact=True).text_content()


def boundary(page):
    return page.get_by_role("img", name=re.compile("Decision boundary")).screenshot()


def test_playground_shows_its_code_and_trains_an_edited_derivative_on_the_reference_path(site, page):
    page.goto(site.url + "#/playground")
    wait_ready(page)
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible()
    expect(page.get_by_text(LABEL)).to_be_hidden()

    # the training panel says which code runs, and links the fused path's own panel
    page.get_by_text("Python: backprop_lab.train.Trainer.epoch", exact=True).click()
    expect(page.get_by_text(re.compile("fused fast path"))).to_be_visible()
    expect(page.get_by_text(re.compile("to 1e-12"))).to_be_visible()
    page.locator("#py-backprop-lab-train-Trainer-epoch").get_by_role("link", name="run_epoch").first.click()
    expect(page.get_by_label("Source of run_epoch")).to_be_visible()
    expect(page.get_by_label("Source of run_epoch")).to_contain_text("def run_epoch(trainer)")
    # every function of the step has a panel, and the step links them
    step_panel = page.locator("#py-backprop-lab-train-Trainer--step")
    step_panel.get_by_text("Python: backprop_lab.train.Trainer._step", exact=True).click()
    expect(step_panel.get_by_role("link", name="MLP.loss_and_grads")).to_be_visible()
    expect(step_panel.get_by_role("link", name="SGD.step")).to_be_visible()
    for name in ("Python: backprop_lab.nn.MLP.loss_and_grads", "Python: backprop_lab.optim.SGD.step",
                 DF_PANEL, "Python: backprop_lab.losses.bce", "Python: backprop_lab.fastdraw.PlanePass.run"):
        expect(page.get_by_text(name, exact=True)).to_be_attached()

    lab_loss = steps(page, 4)
    lab_picture = boundary(page)

    # edit tanh's derivative to 0: nothing flows back below the output layer
    page.get_by_text(DF_PANEL, exact=True).click()
    page.get_by_role("button", name=f"Edit {DF}", exact=True).click()
    editor = page.get_by_role("textbox", name=f"Edit {DF}")
    expect(editor).to_contain_text("def tanh_derivative(z, a):")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(ZERO_DF)
    page.get_by_role("button", name=f"Run {DF}", exact=True).click()
    expect(page.get_by_text(f"Running your code: {DF}")).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(LABEL)).to_be_visible(timeout=BOOT_TIMEOUT)
    mine_loss = steps(page, 4)
    assert mine_loss != lab_loss, "the edited derivative did not change training"
    assert boundary(page) != lab_picture
    expect(page.get_by_text(LABEL)).to_be_visible()

    # Reset: the lab's own derivative, the fused path, the same numbers as before
    page.get_by_role("button", name=f"Reset {DF}", exact=True).click()
    expect(page.get_by_text(f"Running your code: {DF}")).to_be_hidden(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text("Epoch 0", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(LABEL)).to_be_hidden()
    assert steps(page, 4) == lab_loss
    assert not page.errors
