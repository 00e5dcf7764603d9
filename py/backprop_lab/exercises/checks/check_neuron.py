"""Checks of neuron(X, w1, w2, b, f): a(x, w) = f(<w, x> + b) for every row x of X."""
import numpy as np

from backprop_lab.exercises.checks._support import as_array, fail, num, student, worst_entry  # noqa: F401

F = {"sign": np.sign, "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh,
     "relu": lambda z: np.maximum(z, 0.0)}


def expect(student, X, w1, w2, b, f):
    X = np.asarray(X, dtype=float)
    got = as_array(student(X.copy(), w1, w2, b, f),
                   "neuron(X, w1, w2, b, f) for X of shape %s" % (X.shape,), (len(X),))
    z = X @ np.array([w1, w2]) + b
    want = F[f](z)
    i = worst_entry(got, want)
    if i is not None:
        x = X[i[0]]
        fail("a(x, w) for x = (%s, %s), w = (%s, %s), b = %s with f = %s should be %s "
             "(z = ⟨w, x⟩ + b = %s), yours gives %s"
             % (num(x[0]), num(x[1]), num(w1), num(w2), num(b), f, num(want[i]), num(z[i[0]]), num(got[i])))


def test_sign_neuron(student):
    """the lecture's a(x, w) = sign(⟨w, x⟩ + b) on four points"""
    expect(student, [[0, 0], [1, 0], [0, 1], [2, 1]], 1.0, 2.0, -0.5, "sign")


def test_bias_inside_f(student):
    """b is added to ⟨w, x⟩ before f"""
    expect(student, [[0, 0], [1, -1]], 3.0, -2.0, 0.7, "sigmoid")


def test_every_activation(student):
    """f = sigmoid, tanh or relu, given by name"""
    X = np.random.RandomState(0).uniform(-2, 2, size=(7, 2))
    for f in ("sigmoid", "tanh", "relu"):
        expect(student, X, -0.8, 1.3, 0.2, f)


def test_one_output_per_row(student):
    """X of shape (n, 2) gives n outputs"""
    X = np.random.RandomState(1).uniform(-1, 1, size=(5, 2))
    expect(student, X, 0.5, 0.5, 0.0, "tanh")
