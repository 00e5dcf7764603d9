import numpy as np
import pytest

from backprop_lab import datasets


@pytest.mark.parametrize("name", datasets.NAMES)
def test_shapes_labels_and_square(name):
    X, y = datasets.GENERATORS[name](n=501, noise=0.3, seed=0)
    assert X.shape == (501, 2) and y.shape == (501,) and X.dtype == float
    if datasets.KIND[name] == "regression":
        assert y.dtype == float and np.all(np.abs(y) <= 1) and y.std() > 0.1
    else:
        assert set(np.unique(y)) == set(range(datasets.n_classes(name)))
    assert np.all(np.abs(X) <= 6)


def test_spiral3_arms_are_rotated_copies():
    X, y = datasets.spiral3(n=300, noise=0.0, seed=0)
    angle = 2 * np.pi / 3
    R = np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    # rotating arm 0's points by 2 pi / 3 (clockwise in these sin/cos coordinates) gives arm 1
    assert np.allclose(X[y == 0] @ R.T, X[y == 1], atol=1e-9) or np.allclose(X[y == 0] @ R, X[y == 1], atol=1e-9)


def test_regression_targets_follow_their_formulas():
    X, y = datasets.plane(n=200, noise=0.0, seed=1)
    assert np.allclose(y, np.clip((X[:, 0] + X[:, 1]) / 10, -1, 1))
    X, y = datasets.reg_gauss(n=2000, noise=0.0, seed=1)
    near = np.hypot(X[:, 0] - 4, X[:, 1] - 2.5) < 0.3    # the bump at (4, 2.5) is positive
    assert near.any() and np.all(y[near] > 0.8)


@pytest.mark.parametrize("name", datasets.NAMES)
def test_make_is_reproducible_and_seed_dependent(name):
    a = datasets.make(name, n=200, noise=0.2, seed=7)
    b = datasets.make(name, n=200, noise=0.2, seed=7)
    c = datasets.make(name, n=200, noise=0.2, seed=8)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_make_splits():
    X_train, y_train, X_test, y_test = datasets.make("xor", n=500, train_ratio=0.7, seed=0)
    assert len(X_train) == len(y_train) == 350 and len(X_test) == len(y_test) == 150
    X, _ = datasets.xor(500, 0.0, 0)
    both = np.concatenate([X_train, X_test])
    assert np.array_equal(both[np.lexsort(both.T)], X[np.lexsort(X.T)])   # a permutation


def test_noise_free_labels_follow_the_geometry():
    X, y = datasets.circle(400, 0.0, 0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all((r < 2.5) == (y == 1)) and np.all(r[y == 0] >= 3.5) and y.sum() == 200
    X, y = datasets.xor(400, 0.0, 0)
    assert np.all((X[:, 0] * X[:, 1] >= 0) == (y == 1)) and np.all(np.abs(X) >= 0.3)
    X, y = datasets.gauss(400, 0.0, 0)
    assert np.allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.2)
    assert np.allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.2)
    X, y = datasets.spiral(400, 0.0, 0)
    assert np.allclose(X[y == 1], -X[y == 0])          # the second arm is the first turned by pi


def test_noise_flips_some_labels():
    X, y = datasets.circle(500, 0.5, 0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert 0 < np.sum((r < 2.5) != (y == 1)) < 250


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="circle, xor, gauss, spiral, moons"):
        datasets.make("swiss_roll")
