"""Checks of softmax_jacobian(p) -> J[i, j] = d p_i / d z_j = p_i ([i = j] - p_j) (lesson 8)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import compare_gradient, student  # noqa: F401 (a fixture)
from backprop_lab.exercises.mistakes import Mistake


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def random_p(rng):
    return {"p": softmax(rng.normal(scale=[0.5, 2.0, 10.0][rng.randint(3)], size=rng.randint(2, 8)))}


LECTURE = {"p": softmax(np.array([2.0, 1.0, 0.1]))}
SPEC = Spec(
    "softmax_jacobian", random_p, lambda fn, p: [fn(p)], ["J"],
    fixed=[LECTURE, {"p": np.array([0.5, 0.5])}],
    mistakes=[
        Mistake("diagonal_only", "that is only the diagonal p_i(1 − p_i): the probabilities share one sum, so "
                                 "raising z_j lowers every other p_i, and J[i, j] = −p_i p_j off the diagonal",
                fn=[lambda p: np.diag(p * (1 - p)), lambda p: p * (1 - p)]),
        Mistake("diag_p", "diag(p) is the derivative of e^z alone; dividing by the sum Σ e^z adds −p pᵀ: "
                          "J = diag(p) − p pᵀ", fn=lambda p: np.diag(p)),
        Mistake("plus_outer", "the outer product comes in with a minus: J = diag(p) − p pᵀ, since raising z_j "
                              "lowers every other probability", fn=lambda p: np.diag(p) + np.outer(p, p)),
        Mistake("outer_only", "−p pᵀ alone forgets that p_i grows with its own logit: J = diag(p) − p pᵀ",
                fn=lambda p: -np.outer(p, p)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (the diagonal only, diag(p), + p pᵀ, − p pᵀ alone)"""
    SPEC.named_mistakes(student)


def test_finite_differences(student):
    """column j of J agrees with central differences of softmax(z) in z_j"""
    z = np.array([2.0, 1.0, 0.1])
    J = student(softmax(z))
    h = 1e-6
    numeric = np.column_stack([(softmax(z + h * e) - softmax(z - h * e)) / (2 * h) for e in np.eye(3)])
    compare_gradient("dp/dz", "J", J, numeric)


def test_random_cases(student):
    """the lab's own J for the lecture's logits (2, 1, 0.1), a coin and 12 random p (k from 2 to 7)"""
    SPEC.random_cases(student)
