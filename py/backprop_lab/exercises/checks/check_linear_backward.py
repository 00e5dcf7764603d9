"""Checks of linear_backward(x, W, delta) -> (dW, db, dx) for z = x W + b and delta = dL/dz."""
import numpy as np

from backprop_lab.exercises.checks._support import compare_gradient, fail, numeric_gradient, returned_nothing, student  # noqa: F401 (student is a fixture)


def make_layer():
    rng = np.random.RandomState(7)
    x, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    G = rng.normal(size=(4, 2))      # L = sum(z * G), so delta = dL/dz = G
    return x, W, b, G


def results(student, x, W, delta):
    out = student(x.copy(), W.copy(), delta.copy())
    returned_nothing(out, "linear_backward")
    try:
        dW, db, dx = out
    except (TypeError, ValueError):
        fail("linear_backward should return three arrays (dW, db, dx), yours returns %s" % type(out).__name__)
    shapes = (("dW", "W's shape (fan_in, fan_out)", dW, W.shape), ("db", "b's shape (fan_out,)", db, W.shape[1:]),
              ("dx", "x's shape (n, fan_in)", dx, x.shape))
    for name, like, value, shape in shapes:
        got = np.shape(value)
        if got != tuple(shape):
            fail("%s should have %s = %s, yours has shape %s" % (name, like, tuple(shape), got))
    return np.asarray(dW, float), np.asarray(db, float), np.asarray(dx, float)


def loss(x, W, b, G):
    return float(np.sum((x @ W + b) * G))


def test_shapes(student):
    """dW like W (fan_in, fan_out), db like b (fan_out,), dx like x (n, fan_in)"""
    x, W, b, G = make_layer()
    results(student, x, W, G)


def test_dW(student):
    """dL/dW = xᵀ δ agrees with finite differences"""
    x, W, b, G = make_layer()
    dW, _, _ = results(student, x, W, G)
    compare_gradient("dL/dW", "W", dW, numeric_gradient(lambda: loss(x, W, b, G), W))


def test_db(student):
    """dL/db = Σ over samples of δ agrees with finite differences"""
    x, W, b, G = make_layer()
    _, db, _ = results(student, x, W, G)
    compare_gradient("dL/db", "b", db, numeric_gradient(lambda: loss(x, W, b, G), b))


def test_dx(student):
    """dL/dx = δ Wᵀ agrees with finite differences"""
    x, W, b, G = make_layer()
    _, _, dx = results(student, x, W, G)
    compare_gradient("dL/dx", "x", dx, numeric_gradient(lambda: loss(x, W, b, G), x))
