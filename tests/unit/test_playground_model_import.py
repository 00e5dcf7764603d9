"""A model file is checked whole before anything changes: a rejected file leaves the network,
its epoch and its weights as they were, and the message says what was wrong."""
import json
import re

import numpy as np
import pytest

from backprop_lab.lessons import playground as pg
from backprop_lab.lessons import playground_io as io
from backprop_lab.nn import MLP


def model(sizes, features=None, activation="tanh", output="sigmoid", **extra):
    """A model file like export_model's, with weights of the right shapes."""
    d = MLP(sizes, activation, output, seed=1).to_dict()
    d["features"] = features if features is not None else ["x1", "x2"]
    d["format"] = "backprop-lab-mlp/1"
    d.update(extra)
    return d


def with_params(d, i, values):
    d = dict(d, params=list(d["params"]))
    d["params"][i] = values
    return d


GOOD = model([2, 3, 1])
CASES = [
    ("not json", "not a Backprop Lab model file"),
    ("[1, 2]", "not a Backprop Lab model file"),
    (model([3, 3, 1]), "3 inputs but 2 features"),
    (model([1, 3, 1], features=["bogus"]), "unknown feature bogus"),
    (model([1, 3, 1], features=["constructor"]), "unknown feature constructor"),
    (model([2, 3, 1], features=["x1", "x1"]), "repeated"),
    (model([1, 3, 1], features="x1"), "features must be a list"),
    (dict(GOOD, sizes=[2, 0, 1]), "between 1 and 32"),
    (model([2] + [40] * 40 + [1]), "at most 10 hidden layers"),
    (model([2, 40, 1]), "between 1 and 32"),
    (dict(GOOD, sizes=[2, "3", 1]), "sizes must be"),
    (dict(GOOD, sizes=[2, True, 1]), "sizes must be"),
    (model([2, 3, 3], output="softmax"), "3 outputs"),
    (dict(GOOD, output="softmax"), "output"),
    (dict(GOOD, activation="swish"), "activation"),
    (dict(GOOD, activation=["tanh"]), "activation"),
    (dict(GOOD, format="other/2"), "format"),
    (dict(GOOD, params=GOOD["params"][:2]), "4 weight arrays"),
    (with_params(GOOD, 0, [[1.0, 2.0, 3.0]]), "params[0] has shape (1, 3), not (2, 3)"),
    (with_params(GOOD, 1, [0.0, 0.0]), "params[1] has shape (2,), not (3,)"),
    (with_params(GOOD, 0, [[1.0, 2.0, 3.0], [1.0, 2.0]]), "params[0]"),
    (with_params(GOOD, 1, ["a", "b", "c"]), "params[1] must hold numbers"),
    (with_params(GOOD, 1, [0.0, None, 0.0]), "params[1] must hold numbers"),
    (with_params(GOOD, 1, [0.0, float("nan"), 0.0]), "NaN or infinite"),
    (with_params(GOOD, 1, [0.0, float("inf"), 0.0]), "NaN or infinite"),
]


@pytest.fixture
def trained():
    pg.setup(dataset="circle", hidden=[3], seed=0)
    pg.train(epochs=3)
    return [p.copy() for p in pg._run["net"].params]


@pytest.mark.parametrize("bad,message", CASES)
def test_a_bad_model_is_refused_and_changes_nothing(trained, bad, message):
    text = bad if isinstance(bad, str) else json.dumps(bad)
    for fn in (io.read_model, io.load_model):
        with pytest.raises(ValueError, match=re.escape(message)):
            fn(text)
    assert pg._run["trainer"].history["epoch"][-1] == 3
    assert all(np.array_equal(p, q) for p, q in zip(pg._run["net"].params, trained))
    assert pg._run["hidden"] == [3] and pg._run["features"] == ["x1", "x2"]


def test_a_file_bigger_than_the_limit_is_refused_before_parsing(trained):
    text = json.dumps(GOOD) + " " * io.MAX_MODEL_BYTES
    with pytest.raises(ValueError, match="at most 2 MB"):
        io.read_model(text)


def test_a_good_model_is_read_then_loaded(trained):
    d = model([2, 3, 1], activation="tanh")
    info = io.read_model(json.dumps(d))
    assert info == {"hidden": [3], "activation": "tanh", "features": ["x1", "x2"], "inputs": 2, "outputs": 1}
    io.load_model(json.dumps(d))
    assert np.array_equal(pg._run["net"].params[0], np.array(d["params"][0]))
    # 10 hidden layers of 32 is the largest network the page allows
    big = model([2] + [32] * 10 + [1])
    assert io.read_model(json.dumps(big))["hidden"] == [32] * 10


def test_the_outputs_must_fit_the_data():
    pg.setup(dataset="spiral3", hidden=[3], seed=0)
    assert io.read_model(json.dumps(model([2, 3, 3], output="softmax")))["outputs"] == 3
    with pytest.raises(ValueError, match="1 output"):
        io.read_model(json.dumps(model([2, 3, 1])))
