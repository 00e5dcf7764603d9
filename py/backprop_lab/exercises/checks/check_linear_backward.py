"""Checks of linear_backward(x, W, delta) -> (dW, db, dx) for z = x W + b and delta = dL/dz."""
import numpy as np

from backprop_lab.exercises.cases import Spec, unpack
from backprop_lab.exercises.checks._support import compare_gradient, fail, numeric_gradient, returned_nothing, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake


def random_layer(rng):
    n, fan_in, fan_out = rng.randint(1, 8), rng.randint(1, 6), rng.randint(1, 6)
    scale = [1.0, 10.0, 1000.0][rng.randint(3)]
    return {"x": rng.normal(scale=scale, size=(n, fan_in)), "W": rng.normal(size=(fan_in, fan_out)),
            "delta": rng.normal(size=(n, fan_out))}


SQUARE = np.random.RandomState(11)
SPEC = Spec(
    "linear_backward", random_layer, lambda fn, x, W, delta: unpack(fn(x, W, delta), 3, "three arrays (dW, db, dx)"),
    ["dW", "db", "dx"],
    fixed=[{"x": SQUARE.normal(size=(5, 3)), "W": SQUARE.normal(size=(3, 3)), "delta": SQUARE.normal(size=(5, 3))},
           {"x": SQUARE.normal(size=(4, 3)), "W": SQUARE.normal(size=(3, 2)), "delta": SQUARE.normal(size=(4, 2))}],
    mistakes=[
        Mistake("dW_transposed", "dW needs xᵀδ, not δᵀx: it has W's shape (fan_in, fan_out)",
                edit=("dW = x.T @ delta", "dW = delta.T @ x")),
        Mistake("db_mean", "db sums δ over the samples: the mean divides by the batch size, which the loss "
                           "already did in δ", edit=("db = delta.sum(axis=0)", "db = delta.mean(axis=0)")),
        Mistake("db_axis", "db sums over the samples (axis 0), one number per output unit, not one per sample",
                edit=("db = delta.sum(axis=0)", "db = delta.sum(axis=1)")),
        Mistake("dW_divided", "you divided dW by the batch size: δ already carries the 1/n of the mean loss",
                edit=("dW = x.T @ delta", "dW = x.T @ delta / len(x)")),
        Mistake("dx_not_transposed", "dx needs δWᵀ: z = xW maps fan_in to fan_out, so going back multiplies by "
                                     "W's transpose", edit=("dx = delta @ W.T", "dx = delta @ W")),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (δᵀx, mean or wrong axis for db, dW / n, δW)"""
    SPEC.named_mistakes(student)


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


def test_random_cases(student):
    """the lab's own dW, db and dx on 12 random layers (batch sizes, shapes, inputs up to ±1000)"""
    SPEC.random_cases(student)
