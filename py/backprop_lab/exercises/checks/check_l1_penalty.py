"""Checks of penalty(W, l1, l2) -> (value, grad) with the L1 term l1 sum|W| and its subgradient l1 sign(W)."""
import numpy as np

from backprop_lab.exercises.cases import Spec, unpack
from backprop_lab.exercises.checks._support import fail, num, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake


def random_weights(rng):
    W = rng.normal(scale=[0.1, 1.0, 10.0][rng.randint(3)], size=(rng.randint(1, 6), rng.randint(1, 6)))
    W[rng.uniform(size=W.shape) < 0.2] = 0.0          # weights at exactly 0, as L1 makes them
    return {"W": W, "l1": float(rng.choice([0.001, 0.01, 0.1, 1.0])),
            "l2": float(rng.choice([0.0, 0.0, 0.01, 0.1]))}


def call(fn, W, l1, l2):
    return unpack(fn(W, l1=l1, l2=l2), 2, "two things (value, grad)")


def _l1_without_sign(W, l1, l2, one):
    value, grad = l1 * np.sum(np.abs(W)), 0.0 + l1 * one
    if l2:
        value, grad = value + 0.5 * l2 * np.sum(W * W), grad + l2 * W
    return value, grad


ZEROS = {"W": np.array([[0.5, 0.0], [-2.0, 0.0]]), "l1": 0.1, "l2": 0.0}
SPEC = Spec(
    "l1_penalty", random_weights, call, ["value", "grad"],
    fixed=[ZEROS, {"W": np.array([[1.0, -3.0], [0.0, 2.0]]), "l1": 0.5, "l2": 0.1}],
    mistakes=[
        Mistake("abs_gradient", "the slope of |w| is sign(w), +1 or −1, not |w|: the L1 term pulls every weight "
                                "towards 0 with the same force l1, whatever its size",
                edit=("grad = grad + l1 * np.sign(W)", "grad = grad + l1 * np.abs(W)")),
        Mistake("no_sign", "the slope of |w| is +1 for w > 0 but −1 for w < 0: the gradient is l1 sign(W), so that "
                           "negative weights are pushed up towards 0, not further down",
                fn=[lambda W, l1=0.0, l2=0.0: _l1_without_sign(W, l1, l2, np.ones_like(W)),
                    lambda W, l1=0.0, l2=0.0: _l1_without_sign(W, l1, l2, 1.0)]),
        Mistake("no_abs", "the L1 penalty is l1 Σ|W|: without the absolute value, negative weights lower the penalty "
                          "instead of raising it", edit=("value += l1 * np.sum(np.abs(W))", "value += l1 * np.sum(W)")),
        Mistake("one_at_zero", "|w| has no slope at w = 0; the lab takes the subgradient 0 there (np.sign(0) = 0), "
                               "so a weight at 0 stays at 0 instead of being pushed to −η l1",
                edit=("grad = grad + l1 * np.sign(W)", "grad = grad + l1 * np.where(W >= 0, 1.0, -1.0)")),
        Mistake("half", "the ½ belongs to the L2 term, ½ λ ΣW²; the L1 term is l1 Σ|W|, with no ½",
                edit=("value += l1 * np.sum(np.abs(W))", "value += 0.5 * l1 * np.sum(np.abs(W))")),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (|W| or 1 for the slope, no |·|, slope 1 at 0, a ½)"""
    SPEC.named_mistakes(student)


def test_zero_stays_zero(student):
    """a weight at exactly 0 gets the subgradient 0"""
    value, grad = call(student, ZEROS["W"].copy(), 0.1, 0.0)
    grad = np.asarray(grad, dtype=float)
    if grad.shape == (2, 2) and (grad[0, 1] != 0 or grad[1, 1] != 0):
        fail("at w = 0 the L1 subgradient should be 0 (np.sign(0) = 0), yours gives %s" % num(grad[0, 1] or grad[1, 1]))


def test_random_cases(student):
    """the lab's own penalty on 12 random weight matrices (some weights 0, with and without L2)"""
    SPEC.random_cases(student)
