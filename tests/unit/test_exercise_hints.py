"""The hint ladder, the line puzzle and the progress file of the exercises (#24 items 5 and 6)."""
import itertools
import json
import textwrap

import pytest

from backprop_lab import exercises
from backprop_lab.exercises import catalog, hints, progress, puzzle

IDS = [ex.id for ex in catalog.EXERCISES]


# ---- hints ---------------------------------------------------------------------------------
@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_a_ladder_of_at_least_three_hints(exercise_id):
    ladder = exercises.ladder(exercise_id)
    assert len(ladder) >= 3
    assert all(isinstance(h, str) and len(h) > 20 for h in ladder)
    assert len(set(ladder)) == len(ladder)
    assert all(h.count("$") % 2 == 0 for h in ladder), "every $ of inline TeX is closed"
    listed = {ex["id"]: ex for ex in exercises.list_exercises()}
    assert listed[exercise_id]["hints"] == ladder, "the page gets the ladder from list_exercises"


def test_an_exercise_with_hints_of_its_own_uses_them():
    ex = catalog.get("neuron")
    own = catalog.Exercise("x", ex.title, ex.lesson, ex.function, ex.reference, ex.statement, ex.hint, "pass",
                           hints=["one idea here", "two narrowing down", "three the key line"])
    assert hints.ladder(own) == ["one idea here", "two narrowing down", "three the key line"]
    assert catalog.get("neuron").hints is None and hints.ladder(catalog.get("neuron")) == hints.HINTS["neuron"]


def test_hints_cover_exactly_the_catalogue():
    assert set(IDS) <= set(hints.HINTS) | {ex.id for ex in catalog.EXERCISES if ex.hints}


# ---- the puzzle ----------------------------------------------------------------------------
def _body(ex):
    _, _, body = ex._parts()
    return [line for line in textwrap.dedent("\n".join(body)).split("\n")
            if line.strip() and not line.strip().startswith("#")]


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_puzzle_is_the_solutions_body_shuffled_and_not_solved(exercise_id):
    ex = catalog.get(exercise_id)
    right, shown = puzzle.pieces(ex), puzzle.shuffled(ex)
    body = [line.rstrip() for line in _body(ex)]
    if len(body) > 1:
        assert right == body, "the pieces are the solution's body lines"
    else:
        assert "".join(right) == "".join(body[0].split("#")[0].split()), "the pieces are the one line's tokens"
    assert sorted(shown) == sorted(right), "the same pieces"
    assert shown != right, "never already in order"
    assert not exercises.check_puzzle(exercise_id, shown)["ok"], "not accepted as it is shown"
    assert shown == puzzle.shuffled(ex), "the same order every time"
    listed = {e["id"]: e for e in exercises.list_exercises()}[exercise_id]
    assert listed["puzzle"]["pieces"] == shown
    assert exercises.check_puzzle(exercise_id, right) == {"ok": True, "message": "Solved: this is the solution's order."}


def test_a_wrong_or_foreign_arrangement_is_not_solved():
    right = puzzle.pieces(catalog.get("softmax_ce"))
    wrong = [right[1], right[0]] + right[2:]     # rows needs n
    res = exercises.check_puzzle("softmax_ce", wrong)
    assert not res["ok"] and res["message"] == "Not yet: the first piece is not the right one."
    late = [right[0], right[2], right[1]] + right[3:]   # m before rows: independent, so fine
    assert exercises.check_puzzle("softmax_ce", late)["ok"]
    dz = right.index(next(p for p in right if p.startswith("dz = a.copy()")))
    swapped = list(right)
    swapped[dz], swapped[dz + 1] = swapped[dz + 1], swapped[dz]   # dz[...] -= 1 before dz exists
    res = exercises.check_puzzle("softmax_ce", swapped)
    assert not res["ok"] and "the first %d pieces are right" % dz in res["message"]
    assert not exercises.check_puzzle("softmax_ce", right[:-1])["ok"]
    assert not exercises.check_puzzle("softmax_ce", right[:-1] + ["import os"])["ok"]
    assert not exercises.check_puzzle("softmax_ce", "not a list")["ok"]


def test_independent_lines_may_swap_and_dependent_ones_may_not():
    right = puzzle.pieces(catalog.get("linear_backward"))
    accepted = [p for p in itertools.permutations(right) if exercises.check_puzzle("linear_backward", list(p))["ok"]]
    assert len(accepted) == 6, "dW, db and dx in any order, the return last"
    assert all(p[-1].startswith("return") for p in accepted)
    # a loop's body keeps its own order where it matters: v *= beta before v -= eta g
    mom = puzzle.pieces(catalog.get("momentum"))
    i = next(k for k, p in enumerate(mom) if p.strip().startswith("v *="))
    swapped = list(mom)
    swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
    assert not exercises.check_puzzle("momentum", swapped)["ok"]
    # a call that might change state (losses.penalty, self._forward) is never moved
    assert not puzzle.order_equivalent("a = f(x)\nb = g(y)", "b = g(y)\na = f(x)")
    assert puzzle.order_equivalent("a = np.sum(x)\nb = len(y)", "b = len(y)\na = np.sum(x)")
    assert not puzzle.order_equivalent("a = 1\nb = a", "b = a\na = 1")
    assert not puzzle.order_equivalent("x.append(1)\nb = len(x)", "b = len(x)\nx.append(1)")
    assert not puzzle.order_equivalent("a = 1\n  b = 2", "b = 2\na = 1"), "a syntax error is never right"


# ---- the progress file ---------------------------------------------------------------------
def good(**entry):
    e = {"state": "passed", "draft": "def f(): pass\n", "passed": "def f(): pass\n", "hints": 2,
         "puzzle": True, "solved": True, "solution": False}
    e.update(entry)
    return {"format": progress.FORMAT, "exported": "2024-05-01T10:00:00.000Z", "exercises": {"neuron": e}}


def test_a_good_progress_file_is_read_whole():
    res = exercises.check_progress(json.dumps(good()))
    assert res["ok"], res
    assert res["exercises"]["neuron"]["hints"] == 2 and res["exercises"]["neuron"]["state"] == "passed"
    minimal = exercises.check_progress(json.dumps({"format": progress.FORMAT, "exercises": {"nand": {}}}))
    assert minimal["exercises"]["nand"] == {"state": "new", "draft": None, "passed": None, "hints": 0,
                                            "puzzle": False, "solved": False, "solution": False}


BAD = [
    ("not json", "not JSON"),
    ("[1, 2]", "it has no exercises"),
    ("[" * 100000 + "]" * 100000, "not a Backprop Lab progress file"),
    (json.dumps({"exercises": {}}), "format is None"),
    (json.dumps(dict(good(), format="backprop-lab-exercises/2")), "format is 'backprop-lab-exercises/2'"),
    (json.dumps(dict(good(), format="backprop-lab-mlp/1")), "not backprop-lab-exercises/1"),
    (json.dumps(dict(good(), exercises=[1])), "exercises must be an object"),
    (json.dumps(dict(good(), exercises={"rm -rf": {}})), "unknown exercise 'rm -rf'"),
    (json.dumps(dict(good(), exercises={"__proto__": {}})), "unknown exercise '__proto__'"),
    (json.dumps(dict(good(), exported=3)), "exported must be a date"),
    (json.dumps(good(state="won")), "state of neuron must be one of"),
    (json.dumps(good(hints=99)), "hints of neuron must be a whole number from 0 to 4"),
    (json.dumps(good(hints=-1)), "from 0 to"),
    (json.dumps(good(hints=True)), "whole number"),
    (json.dumps(good(hints=1.5)), "whole number"),
    (json.dumps(good(draft=3)), "the code of neuron must be text"),
    (json.dumps(good(draft="x" * 50001)), "50001 characters long: at most 50000"),
    (json.dumps(good(passed=None)), "marked passed but the file has no passing code"),
    (json.dumps(good(passed="x = '\u202e'")), "invisible text-direction character (U+202E)"),
    (json.dumps(good(puzzle="yes")), "puzzle of neuron must be true or false"),
    (json.dumps(good(solved=False, solution=True)), "never solved"),
    (json.dumps(good(grade="A")), "unknown field 'grade'"),
    (json.dumps(dict(good(), exercises={"neuron": [1]})), "entry of neuron must be an object"),
    (" " * (progress.MAX_BYTES + 1), "at most 1 MB"),
]


@pytest.mark.parametrize("text, message", BAD, ids=[m for _, m in BAD])
def test_a_bad_progress_file_is_refused_with_its_reason(text, message):
    res = exercises.check_progress(text)
    assert res["ok"] is False and set(res) == {"ok", "message"}
    assert message in res["message"], res["message"]
