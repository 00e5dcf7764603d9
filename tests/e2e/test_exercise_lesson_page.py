"""A solved exercise drives its lesson: paste the answer on the Exercises page, Run checks,
then "Use it in the lesson". The momentum step draws the momentum lesson's paths, the MLP's
backward trains the Playground (on the reference path), the product's backward fills the
backprop graph, each with its panel's "running your code" badge."""
import re

from playwright.sync_api import expect

from backprop_lab import exercises
from conftest import BOOT_TIMEOUT, wait_ready


def solve(page, title, function, exercise_id):
    """On the Exercises page: paste the right answer over the stub, run its checks, see them pass."""
    page.goto(page.url.split("#")[0] + "#/exercises")
    expect(page.get_by_role("heading", name=re.compile("^" + re.escape(title)))).to_be_visible(timeout=BOOT_TIMEOUT)
    editor = page.get_by_role("textbox", name=f"Your {function} for {title}")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(exercises.solution(exercise_id))   # as a paste: no auto-indent
    use = page.get_by_role("button", name=re.compile(f"^Use my {re.escape(function)} in the lesson"))
    expect(use).to_be_hidden()
    page.get_by_role("button", name=f"Run checks: {title}").click()
    expect(page.get_by_role("region", name=f"Results of {title}")).to_contain_text(
        re.compile(r"Passed: all \d+ checks pass\."), timeout=60_000)
    use.click()


def test_solved_exercises_run_in_their_lessons(site, page):
    page.goto(site.url + "#/exercises")
    # the momentum step draws both paths of the momentum lesson
    solve(page, "The momentum step", "step", "momentum")
    expect(page).to_have_url(re.compile(r"#/momentum"))
    expect(page.get_by_text(re.compile(r"^Momentum by your SGD\.step \(β = 0\.\d\d\): converged after \d+ iterations"))
           ).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Plain GD by your SGD\.step: "))).to_be_visible()
    expect(page.get_by_text("Running your code: SGD.step", exact=True)).to_be_visible()
    expect(page.locator("#py-backprop-lab-optim-SGD-step").get_by_text("running your code")).to_be_visible()

    # the MLP's backward trains the Playground, which says it runs your code
    solve(page, "Backpropagation through the MLP", "loss_and_grads", "mlp_backward")
    expect(page).to_have_url(re.compile(r"#/playground"))
    wait_ready(page)
    expect(page.get_by_text(re.compile("^Training: your code, reference path"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Running your code: .*MLP\.loss_and_grads"))).to_be_visible()
    losses = []
    for i in range(1, 4):
        page.get_by_role("button", name="Step", exact=True).click()
        expect(page.get_by_text(f"Epoch {i}", exact=True)).to_be_visible(timeout=BOOT_TIMEOUT)
        losses.append(float(page.get_by_label("Train loss", exact=True).text_content()))
    assert losses[-1] < losses[0], f"your backward should train the network: train loss {losses}"

    # the product's backward fills the backprop graph, and its gradients pass the check
    solve(page, "Backward of a product", "__mul__", "value_mul")
    expect(page).to_have_url(re.compile(r"#/backprop"))
    page.get_by_role("button", name="Forward").click(timeout=BOOT_TIMEOUT)
    page.get_by_role("button", name="All backward steps").click()
    expect(page.get_by_text(re.compile(r"^All \d+ parameters passed the gradient check\."))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Running your code: .*Value\.__mul__"))).to_be_visible()
    expect(page.locator("#py-backprop-lab-engine-Value---mul--").get_by_text("running your code")).to_be_visible()
    assert not page.errors, page.errors
