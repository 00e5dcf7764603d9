"""The Exercises page (#/exercises): every exercise listed with its state, a wrong sigmoid
derivative fails with the check's message, the fixed one passes, the state stays in the browser,
hints on request, one at a time, then the line puzzle (solved by keyboard), then the solution;
Export, Forget and Import of the work; syntax errors with their line, and a runaway loop is stopped."""
import json
import re

from playwright.sync_api import expect

from backprop_lab import exercises
from backprop_lab.exercises import catalog, puzzle
from conftest import BOOT_TIMEOUT

TITLE = "The sigmoid's derivative"


def open_exercises(page, url):
    page.goto(url + "#/exercises")
    expect(page.get_by_role("heading", name="Exercises", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(TITLE))).to_be_visible(timeout=BOOT_TIMEOUT)


def sigmoid(page):
    return page.get_by_role("region", name=re.compile(r"^The sigmoid's derivative"))


def set_body(page, line):
    """Replace the stub's last line (the raise NotImplementedError) by `line`."""
    ed = page.get_by_role("textbox", name=f"Your sigmoid_derivative for {TITLE}")
    ed.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type(line)
    return ed


def overview_state(page, title):
    table = page.get_by_role("table", name=re.compile("All exercises"))
    return table.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))


def test_exercises_are_listed_and_a_wrong_sigmoid_derivative_fails_then_passes(site, page):
    open_exercises(page, site.url)
    table = page.get_by_role("table", name=re.compile("All exercises"))
    n = len(exercises.list_exercises())
    assert n >= 20
    expect(table.get_by_role("row")).to_have_count(n + 1)   # header + every exercise
    expect(table.get_by_text("Not started")).to_have_count(n)
    ex = sigmoid(page)
    expect(ex).to_contain_text("Backpropagation multiplies by f'(z)")
    expect(ex.get_by_role("link", name="Lesson: 12. Improving convergence")).to_be_visible()
    ed = page.get_by_role("textbox", name=f"Your sigmoid_derivative for {TITLE}")
    expect(ed).to_contain_text('raise NotImplementedError("TODO')

    # The stub as it is: not written yet.
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    expect(results).to_contain_text("Not written yet", timeout=60_000)
    expect(results).to_contain_text("Not started: the stub's TODO is still there.")
    expect(overview_state(page, TITLE)).to_contain_text("Not started")   # not started is not failing

    # Hint on request only.
    hints = ex.get_by_role("list", name=f"Hints for {TITLE}")
    expect(hints).to_be_hidden()
    page.get_by_role("button", name=f"Hint 1 for {TITLE}").click()
    expect(hints.get_by_role("listitem")).to_have_count(1)
    expect(hints).to_contain_text("Hint 1 of 4: Backprop needs")

    set_body(page, "return a * (1 + a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("Failing: 0 of 6 checks pass.", timeout=60_000)
    expect(results).to_contain_text("σ'(0) should be 0.25 (σ(0) = 0.5 and 0.5 · (1 − 0.5) = 0.25), yours gives 0.75")
    expect(overview_state(page, TITLE)).to_contain_text("Failing")

    set_body(page, "return a * (1 - a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("Passed: all 6 checks pass.", timeout=60_000)
    expect(overview_state(page, TITLE)).to_contain_text("Passed, with 1 hint")

    # Kept in the browser: text and state come back after a reload.
    page.reload()
    expect(page.get_by_role("heading", name=re.compile(TITLE))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(overview_state(page, TITLE)).to_contain_text("Passed")
    expect(page.get_by_role("textbox", name=f"Your sigmoid_derivative for {TITLE}")).to_contain_text("return a * (1 - a)")
    assert not page.errors, page.errors


def test_a_syntax_error_and_a_runaway_loop_in_an_exercise(site, page):
    open_exercises(page, site.url)
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    set_body(page, "return a * (1 - a")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("Syntax error", timeout=60_000)
    expect(results).to_contain_text(re.compile(r"Line (8|9)\b"))

    set_body(page, "while True: pass")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    stop = page.get_by_role("button", name=f"Stop the checks of {TITLE}")
    expect(stop).to_be_visible()
    expect(results).to_contain_text("Running the checks")   # the run has started
    page.wait_for_timeout(1500)   # a negative check's window: the endless loop has not ended the run by now
    expect(results).to_contain_text("Running the checks")
    stop.click()
    # With SharedArrayBuffer (this site sends COOP/COEP) Python is interrupted; on a machine so loaded that
    # the interrupt takes over a second, the worker is restarted instead, and the message says which.
    expect(results).to_contain_text(
        re.compile(r"Stopped after [\d.]+ s: Python (was interrupted|did not stop within a second of the interrupt)"),
        timeout=10_000)
    # Python still works afterwards.
    set_body(page, "return a * (1 - a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("Passed: all 6 checks pass.", timeout=60_000)


def test_the_labs_own_answer_does_not_pass_an_exercise(site, page):
    """#20 item 13: calling the reference from the module's table passed; so did importing it."""
    open_exercises(page, site.url)
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    set_body(page, "return ACTIVATIONS['sigmoid'].df(z, a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("is the lab's own answer to this exercise, so it is not available here",
                                     timeout=60_000)
    expect(overview_state(page, TITLE)).not_to_contain_text("Passed")
    set_body(page, "from backprop_lab.activations import sigmoid_derivative as s; return s(z, a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text(re.compile(r"Not accepted\. Line \d+: Your code uses the lab's own package "
                                               r"\(backprop_lab\).*Write sigmoid_derivative yourself"), timeout=60_000)
    expect(overview_state(page, TITLE)).not_to_contain_text("Passed")


def test_a_wrong_answer_shows_its_named_mistake_and_the_first_failing_case(site, page):
    """#23 items 2 and 3: tanh's derivative written for the sigmoid is named as that mistake, before any
    number, with the case it fails on (input, expected, got) in small print."""
    open_exercises(page, site.url)
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    set_body(page, "return 1 - a ** 2")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    expect(results).to_contain_text("Failing: 0 of 6 checks pass.", timeout=60_000)
    first = results.get_by_role("listitem").first
    expect(first).to_contain_text("Known mistake: 1 − a² is tanh's derivative; the sigmoid's is a(1 − a)")
    case = first.get_by_label("First failing case")
    expect(case).to_contain_text("Input")
    expect(case).to_contain_text("z = [-1000, -30, -4, -0.5, 0, 0.5, 4, 30, 1000]")
    expect(case).to_contain_text("Expected")
    expect(case).to_contain_text("σ'(z)[0] = 0")
    expect(case).to_contain_text("Got")
    expect(case).to_contain_text("σ'(z)[0] = 1")
    # the random cases name the first case they fail on too
    expect(results.get_by_role("listitem").filter(has_text="the same results as the lab's own code")
           ).to_have_count(0)
    expect(results.get_by_role("listitem").filter(has_text=re.compile(r"^the lab's own σ' on 12 random batches"))
           ).to_contain_text("on case 1 of 13 against the lab's own sigmoid_derivative")
    assert not page.errors, page.errors


def solve_puzzle_by_keyboard(page, exercise_id, title):
    """Put the puzzle's pieces in the solution's order with the keyboard only: focus a line,
    Alt+ArrowUp until it is in its place, as a selection sort does."""
    right = puzzle.pieces(catalog.get(exercise_id))
    lines = page.get_by_role("list", name=re.compile("to put in order$"))
    items = lines.get_by_role("listitem")
    expect(items).to_have_count(len(right))
    for i, text in enumerate(right):
        now = items.evaluate_all("els => els.map(e => e.dataset.text)")
        k = next(j for j in range(i, len(now)) if now[j] == text)
        items.nth(k).focus()
        for _ in range(k - i):
            page.keyboard.press("Alt+ArrowUp")
        if k > i:
            expect(page.get_by_text(f"Moved {text} to position {i + 1} of {len(right)}.")).to_be_attached()
        expect(items.nth(i)).to_be_focused()
    assert items.evaluate_all("els => els.map(e => e.dataset.text)") == right


def test_hints_one_at_a_time_then_the_puzzle_then_the_solution_and_the_pass_says_so(site, page):
    open_exercises(page, site.url)
    ex = sigmoid(page)
    hints = ex.get_by_role("list", name=f"Hints for {TITLE}")
    solution = ex.get_by_role("button", name=f"Show the solution of {TITLE}")
    puzzle_button = ex.get_by_role("button", name=f"Line puzzle for {TITLE}")
    for n in (1, 2, 3, 4):
        expect(puzzle_button).to_be_hidden()
        ex.get_by_role("button", name=f"Hint {n} for {TITLE}").click()
        expect(hints.get_by_role("listitem")).to_have_count(n)
        expect(hints.get_by_role("listitem").nth(n - 1)).to_contain_text(f"Hint {n} of 4:")
    expect(hints.get_by_role("listitem").last).to_contain_text("return a * (1 - a)")
    expect(ex.get_by_role("button", name=re.compile(f"^Hint \\d for {re.escape(TITLE)}"))).to_have_count(0)
    expect(solution).to_be_hidden()

    puzzle_button.click()
    items = ex.get_by_role("list", name="Lines of sigmoid_derivative to put in order").get_by_role("listitem")
    expect(items.first).to_be_focused()
    check = ex.get_by_role("button", name=f"Check the order: {TITLE}")
    check.click()
    expect(ex.get_by_role("status").filter(has_text="Not yet")).to_be_visible()
    expect(solution).to_be_hidden()
    # a line's buttons move it too
    first = items.first.get_attribute("data-text")
    items.first.get_by_role("button", name=f"Move down: {first}").click()
    expect(items.nth(1)).to_have_attribute("data-text", first)
    solve_puzzle_by_keyboard(page, "sigmoid_derivative", TITLE)
    check.click()
    expect(ex.get_by_role("status").filter(has_text="Solved: this is the solution's order.")).to_be_visible()
    expect(solution).to_be_focused()
    solution.click()
    expect(ex.get_by_label(f"Solution of {TITLE}", exact=True)).to_contain_text("return a * (1.0 - a)")
    expect(overview_state(page, TITLE)).to_contain_text("Not started")

    set_body(page, "return a * (1 - a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    expect(results).to_contain_text("Passed: all 6 checks pass.", timeout=60_000)
    said = "Passed, with 4 hints, the puzzle and the solution"
    expect(overview_state(page, TITLE)).to_contain_text(said)

    # Still passed, with its help, in a new tab of the same browser, and after a reload.
    other = page.context.new_page()
    try:
        open_exercises(other, site.url)
        expect(overview_state(other, TITLE)).to_contain_text(said)
        expect(sigmoid(other).get_by_label(f"Solution of {TITLE}", exact=True)).to_be_visible()
    finally:
        other.close()
    page.reload()
    expect(page.get_by_role("heading", name=re.compile(TITLE))).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(overview_state(page, TITLE)).to_contain_text(said)
    assert not page.errors, page.errors


def test_export_forget_and_import_of_the_work_and_a_bad_file_changes_nothing(site, page, tmp_path):
    open_exercises(page, site.url)
    set_body(page, "return a * (1 - a)")
    page.get_by_role("button", name=f"Run checks: {TITLE}").click()
    results = page.get_by_role("region", name=f"Results of {TITLE}")
    expect(results).to_contain_text("Passed: all 6 checks pass.", timeout=60_000)
    page.get_by_role("button", name=f"Hint 1 for {TITLE}").click()

    with page.expect_download() as download:
        page.get_by_role("button", name="Export my work").click()
    saved = tmp_path / "work.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "backprop-lab-exercises.json"
    data = json.loads(saved.read_text())
    assert data["format"] == "backprop-lab-exercises/1"
    assert data["exercises"]["sigmoid_derivative"]["state"] == "passed"
    assert "return a * (1 - a)" in data["exercises"]["sigmoid_derivative"]["passed"]
    expect(page.get_by_role("status").filter(has_text="Exported")).to_be_visible()

    page.get_by_role("button", name="Forget my work").click()
    page.get_by_role("group", name="Forget my work?").get_by_role("button", name="Yes, forget it").click()
    expect(page.get_by_role("status").filter(has_text="Forgotten")).to_be_visible(timeout=BOOT_TIMEOUT)
    table = page.get_by_role("table", name=re.compile("All exercises"))
    expect(table.get_by_text("Not started")).to_have_count(len(exercises.list_exercises()))   # every one, none passed
    expect(page.get_by_role("textbox", name=f"Your sigmoid_derivative for {TITLE}")).to_contain_text("NotImplementedError")

    page.get_by_label("Import my work (JSON)").set_input_files(saved)
    expect(page.get_by_role("status").filter(has_text="Imported work.json: 1 exercise, 1 passed.")
           ).to_be_visible(timeout=BOOT_TIMEOUT)
    expect(overview_state(page, TITLE)).to_contain_text("Passed, with 1 hint")
    expect(page.get_by_role("textbox", name=f"Your sigmoid_derivative for {TITLE}")).to_contain_text("return a * (1 - a)")

    for name, content, why in [
        ("other.json", json.dumps({"format": "backprop-lab-exercises/1", "exercises": {"nope": {}}}),
         "Not imported: unknown exercise 'nope'"),
        ("model.json", json.dumps({"format": "backprop-lab-mlp/1", "exercises": {}}),
         "Not imported: the file's format is 'backprop-lab-mlp/1', not backprop-lab-exercises/1"),
        ("big.json", " " * 1_000_001, "Not imported: the file is 1.0 MB: a progress file may be at most 1 MB"),
    ]:
        page.get_by_label("Import my work (JSON)").set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": content.encode()}])
        expect(page.get_by_role("status").filter(has_text=why)).to_contain_text("Nothing changed.")
        expect(overview_state(page, TITLE)).to_contain_text("Passed, with 1 hint")
    assert not page.errors, page.errors
