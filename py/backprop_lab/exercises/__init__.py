"""Checked exercises: write a function of the lab, and pytest checks it in the page.

    list_exercises()                 -> [{"id", "title", "lesson", "statement", "function", "stub", "target",
                                          "hints": [the hint ladder], "puzzle": {"kind", "pieces": shuffled}}]
    hint(exercise_id)                -> the one-paragraph hint
    ladder(exercise_id)              -> the hint ladder (hints.py), from the idea down to the key line
    check_puzzle(exercise_id, arrangement) -> {"ok", "message"}: the puzzle's pieces in the student's order
                                        (puzzle.py; independent lines may be in either order)
    check_progress(text)             -> {"ok", "exercises"} or {"ok": False, "message"}: an imported
                                        progress file, checked whole (progress.py)
    run_checks(exercise_id, source)  -> {"ok", "state", "passed", "failed", "total", "error", "output"}
                                        state: "passed", "failing" or "new" (not started); a failure
                                        may name its "mistake" and carry its first failing "case"
    solution(exercise_id)            -> the reference solution's text (the lab's own code)
    timed_out(exercise_id, seconds)  -> the result the page shows after stopping runaway code
    as_edit(exercise_id, source)     -> {"module", "name", "source"} for live.install, so a
                                        solved exercise runs in its lesson (None if not live)

The exercises are in catalog.py, their checks in checks/check_<id>.py, the runner in
runner.py. "target" is where live.install can put a solved exercise ({"module",
"name"}), or None where no lesson calls that function.

This package's __init__ imports nothing heavy: live.py uses exercises.studentcode on a
Pyodide without numpy or pytest.
"""


def list_exercises():
    from .catalog import EXERCISES
    return [ex.describe() for ex in EXERCISES]


def hint(exercise_id):
    from .catalog import get
    return get(exercise_id).hint


def ladder(exercise_id):
    from .catalog import get
    from .hints import ladder
    return ladder(get(exercise_id))


def check_puzzle(exercise_id, arrangement):
    from .catalog import get
    from .puzzle import check
    return check(get(exercise_id), arrangement)


def check_progress(text):
    from .progress import check_progress as check
    return check(text)


def solution(exercise_id):
    from .catalog import get
    return get(exercise_id).solution()


def stub(exercise_id):
    from .catalog import get
    return get(exercise_id).stub()


def run_checks(exercise_id, source):
    from .runner import run_checks as run
    return run(exercise_id, source)


def as_edit(exercise_id, source):
    """A solution as the edit live.install takes for the exercise's target, so the lesson
    runs it. None where no lesson calls the exercise's function."""
    from .catalog import get
    return get(exercise_id).as_edit(source)


def timed_out(exercise_id, seconds):
    """The result of a run the page had to stop after `seconds` (an endless loop, say)."""
    message = "stopped after %g s: does a loop never end?" % seconds
    return {"ok": False, "exercise": exercise_id, "state": "failing", "passed": [], "failed": [], "total": 0,
            "error": {"kind": "timeout", "line": None, "message": message, "traceback": message},
            "output": ""}
