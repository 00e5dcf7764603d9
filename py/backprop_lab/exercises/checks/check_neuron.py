"""Checks of neuron(X, w1, w2, b, f): a(x, w) = f(<w, x> + b) for every row x of X."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import as_array, fail, num, student, worst_entry  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons.neuron import activation


def random_neuron(rng):
    scale = [0.5, 2.0, 8.0][rng.randint(3)]
    return {"X": rng.uniform(-scale, scale, size=(rng.randint(1, 9), 2)),
            "w1": float(rng.normal(scale=2)), "w2": float(rng.normal(scale=2)), "b": float(rng.normal(scale=2)),
            "f": ["sign", "sigmoid", "tanh", "relu"][rng.randint(4)]}


def z_of(X, w1, w2, b):
    return X @ np.array([w1, w2]) + b


SPEC = Spec(
    "neuron", random_neuron, lambda fn, X, w1, w2, b, f: [fn(X, w1, w2, b, f)], ["a(x, w)"],
    fixed=[{"X": np.array([[0.0, 0.0], [1.0, -1.0], [2.0, 0.5], [-1.5, 3.0]]), "w1": w1, "w2": -0.7, "b": 0.4, "f": f}
           for w1, f in ((1.3, "sigmoid"), (-0.9, "tanh"), (0.8, "relu"), (1.1, "sign"))],
    mistakes=[
        Mistake("bias_outside", "the bias goes inside f: a = f(⟨w, x⟩ + b), not f(⟨w, x⟩) + b",
                fn=lambda X, w1, w2, b, f: activation(f)(X @ np.array([w1, w2])) + b),
        Mistake("no_bias", "you left out the bias: z = ⟨w, x⟩ + b, then a = f(z)",
                fn=lambda X, w1, w2, b, f: activation(f)(X @ np.array([w1, w2]))),
        Mistake("swapped", "w1 multiplies x1 and w2 multiplies x2: your weights are swapped",
                fn=lambda X, w1, w2, b, f: activation(f)(z_of(X, w2, w1, b))),
        Mistake("one_activation", "you used the same activation for every f: take the one named by f, activation(f)",
                fn=lambda X, w1, w2, b, f: np.sign(z_of(X, w1, w2, b))),
        Mistake("entrywise", "⟨w, x⟩ adds up w1 x1 + w2 x2: X * w multiplies entry by entry and keeps both "
                             "columns; use X @ w for one number per row",
                fn=lambda X, w1, w2, b, f: activation(f)(X * np.array([w1, w2]) + b)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (bias outside f or left out, swapped weights, one activation for all, X * w)"""
    SPEC.named_mistakes(student)

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


def test_random_cases(student):
    """the lab's own neuron on 12 random inputs (batch sizes, weights, signs, all four activations)"""
    SPEC.random_cases(student)
