"""The bridge: lesson results cross to JavaScript as JSON plus raw arrays, never NaN."""
import json

import numpy as np
import pytest

from backprop_lab import bridge


def test_arrays_become_placeholders_and_are_taken_by_index():
    out = json.loads(bridge.run_lesson("backprop_lab.lessons.playground", "grid_points", '{"n": 4}'))
    assert out == {"__array__": 0, "dtype": "float64", "shape": [16, 2]}
    grid = bridge.take_array(0)
    assert grid.flags["C_CONTIGUOUS"]
    assert grid[0].tolist() == [-4.5, 4.5]      # top-left cell centre of [-6, 6]^2 in 4 x 4
    assert grid[-1].tolist() == [4.5, -4.5]


def test_numpy_scalars_and_non_finite_floats_are_plain_json():
    value = {"a": np.float32(0.5), "b": np.int64(3), "c": float("nan"), "d": [np.inf, True, np.bool_(False)]}
    assert bridge._plain(value) == {"a": 0.5, "b": 3, "c": None, "d": [None, True, False]}


def test_source_is_read_from_the_loaded_module():
    text = bridge.get_source("backprop_lab.lessons.playground", "train")
    assert text.startswith("def train(")


def test_a_lesson_exception_propagates_to_the_worker():
    with pytest.raises(AttributeError):
        bridge.run_lesson("backprop_lab.lessons.playground", "no_such_function")


def test_after_load_imports_deep_modules_and_restores_the_recursion_limit():
    import sys
    limit = sys.getrecursionlimit()
    bridge.after_load("scikit-learn")
    assert "sklearn.datasets" in sys.modules
    assert sys.getrecursionlimit() == limit
    bridge.after_load("numpy")   # nothing to import: no error


def test_a_user_key_named_like_the_array_placeholder_is_refused_in_one_line():
    # An imported JSON's dict with the key "__array__" would pass for an array placeholder:
    # the worker would then take an array that is not there.
    user = '{"s": "{\\"features\\": {\\"__array__\\": 0, \\"shape\\": [2]}}"}'
    with pytest.raises(ValueError) as err:
        bridge.run_lesson("json", "loads", user)
    message = str(err.value)
    assert "__array__" in message and "\n" not in message
    with pytest.raises(ValueError):
        bridge._plain([{"a": {"__array__": 1}}])
    assert bridge._plain({"array": [1, 2]}) == {"array": [1, 2]}   # other keys cross as they are


def test_taking_an_array_that_is_not_there_says_so_in_one_line():
    bridge.run_lesson("json", "loads", '{"s": "[1]"}')
    with pytest.raises(IndexError) as err:
        bridge.take_array(0)
    assert "no array 0" in str(err.value) and "\n" not in str(err.value)


def _minibatch(client, fn, **args):
    return json.loads(bridge.run_lesson("backprop_lab.lessons.minibatch", fn, json.dumps(args), client))


def test_each_client_of_one_interpreter_keeps_its_own_run():
    """Two slides of a deck share the interpreter: interleaved, each trains its own network, exactly as
    it would alone; and a page of its own ("") is untouched by both."""
    try:
        _minibatch("", "setup", batch_size=10, seed=0)
        alone = [_minibatch("", "train", batches=3)["full"] for _ in range(2)]
        _minibatch("", "setup", batch_size=10, seed=0)          # the page of its own starts again
        _minibatch("slide-a", "setup", batch_size=10, seed=0)
        _minibatch("slide-b", "setup", batch_size=480, seed=5)  # another net, another batch size
        a1 = _minibatch("slide-a", "train", batches=3)["full"]
        b1 = _minibatch("slide-b", "train", batches=3)["full"]
        a2 = _minibatch("slide-a", "train", batches=3)["full"]
        assert [a1, a2] == alone, "slide A trained as if it were alone, though B trained in between"
        assert b1 != a1
        assert _minibatch("", "train", batches=3)["full"] == alone[0], "the page's own run was kept"
    finally:
        bridge.use_client("")
