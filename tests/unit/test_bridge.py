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
