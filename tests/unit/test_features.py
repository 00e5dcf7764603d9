"""Input feature transforms."""
import math

import numpy as np
import pytest

from backprop_lab import features


def test_each_feature_by_hand():
    X = np.array([[2.0, -3.0], [0.5, 1.0]])
    F = features.transform(X, list(features.NAMES))
    assert F.shape == (2, 7)
    assert F[0].tolist() == pytest.approx([2.0, -3.0, 4.0, 9.0, -6.0, math.sin(2.0), math.sin(-3.0)])
    assert F[1].tolist() == pytest.approx([0.5, 1.0, 0.25, 1.0, 0.5, math.sin(0.5), math.sin(1.0)])


def test_columns_follow_the_order_asked_for():
    X = np.array([[2.0, 3.0]])
    assert features.transform(X, ["x1x2", "x1"]).tolist() == [[6.0, 2.0]]


@pytest.mark.parametrize("names", [[], ["x3"], ["x1", "cos_x1"]])
def test_bad_choices_are_rejected(names):
    with pytest.raises(ValueError, match="features must be"):
        features.transform(np.zeros((1, 2)), names)
