"""#20's untested inputs, fuzzed: the model file the Playground imports and the Cybenko lesson's
formula box. Every input, however hostile, either works or is refused with a message (ValueError,
or {"error": ...}); nothing else is raised, nothing hangs, and a refused model changes nothing."""
import json
import random
import time

import numpy as np
import pytest

from backprop_lab.lessons import cybenko
from backprop_lab.lessons import playground as pg
from backprop_lab.lessons import playground_io as io
from backprop_lab.nn import MLP

N = 400


def good_model():
    d = MLP([2, 3, 1], "tanh", "sigmoid", seed=1).to_dict()
    d.update(features=["x1", "x2"], format="backprop-lab-mlp/1")
    return d


NASTY = [None, True, -0.0, 1e308, -1e308, 2 ** 70, "", "x" * 5000, [], {}, [[[]]], {"__proto__": 1},
         {"constructor": {"prototype": 1}}, "NaN", "__import__('os')", [1] * 1000, float("nan")]


def mutate(d, rng):
    """One random hostile change to a model dict (a copy)."""
    d = json.loads(json.dumps(d))
    key = rng.choice(list(d) + ["extra", "__class__"])
    roll = rng.random()
    if roll < 0.3:
        d.pop(key, None)
    elif roll < 0.7:
        d[key] = rng.choice(NASTY)
    elif key in d and isinstance(d[key], list) and d[key]:
        i = rng.randrange(len(d[key]))
        d[key][i] = rng.choice(NASTY)
    else:
        d["params"] = [rng.choice(NASTY) for _ in range(rng.randrange(6))]
    return d


def test_mutated_model_files_are_loaded_or_refused_and_a_refusal_changes_nothing():
    rng = random.Random(20)
    pg.setup(dataset="circle", hidden=[3], seed=0)
    before = [p.copy() for p in pg._run["net"].params]
    refused = 0
    for _ in range(N):
        text = json.dumps(mutate(good_model(), rng), allow_nan=True)
        try:
            io.read_model(text)
        except ValueError as exc:
            assert str(exc), "a refusal says why"
            refused += 1
    assert refused > N // 2, "most mutations are refused"
    assert all(np.array_equal(p, q) for p, q in zip(pg._run["net"].params, before)), "reading changes nothing"


@pytest.mark.parametrize("text", [
    "[" * 100000 + "]" * 100000,                       # nesting deeper than Python's recursion limit
    '{"format": "backprop-lab-mlp/1", "sizes": [2, 3, 1], "params": ' + "[" * 5000 + "]" * 5000 + "}",
    "\ufeff" + json.dumps(good_model()),              # a byte-order mark
    "\x00" * 100,
    json.dumps(good_model()).replace("1", "1" * 400, 1),   # a number of 400 digits
])
def test_pathological_model_texts_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match="not a Backprop Lab model file|must|params|sizes|nested|outputs"):
        io.read_model(text)


def test_a_huge_formula_is_refused_not_drawn_as_infinity():
    out = cybenko.fit("1e308*x", 10)
    assert set(out) == {"error"} and "keep it within" in out["error"]


ALPHABET = ["x", "pi", "e", "1", "2", "0.5", "1e308", "+", "-", "*", "/", "**", "(", ")", "sin(", "exp(",
            "log(", "sqrt(", "abs(", "tanh(", ",", ".", "__", "import", "'", "[", "]", "lambda", ":", " ", "9**9**"]


def test_random_formulas_fit_or_are_refused_quickly():
    rng = random.Random(7)
    slowest = 0.0
    for _ in range(N):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 14)))
        t0 = time.perf_counter()
        out = cybenko.fit(text, 10)
        slowest = max(slowest, time.perf_counter() - t0)
        if "error" in out:
            assert set(out) == {"error"} and out["error"]
        else:
            for key in ("f", "a", "units"):
                assert np.all(np.isfinite(np.asarray(out[key], dtype=float))), (text, key)
    assert slowest < 2.0, "no formula takes long to fit or refuse"
