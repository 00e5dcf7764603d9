"""Checks of penalty(W, l1, l2) -> (R, dR/dW) with R = l1 sum|W| + 1/2 l2 sum W^2."""
import numpy as np

from backprop_lab.exercises.checks._support import (  # noqa: F401 (student is a fixture)
    array,
    as_array,
    as_number,
    compare_gradient,
    fail,
    num,
    numeric_gradient,
    returned_nothing,
    student,
)

W0 = np.array([[1.0, -2.0], [0.5, 3.0]])


def call(student, W, l1=0.0, l2=0.0):
    result = student(W, l1, l2)
    returned_nothing(result, "penalty")
    try:
        value, grad = result
    except (TypeError, ValueError):
        fail("penalty should return a pair (R, dR/dW), yours returns %s" % type(result).__name__)
    return as_number(value, "R"), grad


def test_l2_value(student):
    """R = ½ λ ΣW² for λ = 0.1"""
    R, _ = call(student, W0.copy(), l2=0.1)
    want = 0.5 * 0.1 * np.sum(W0 ** 2)
    if not abs(R - want) < 1e-12:
        extra = " (that is λ ΣW²: the term is ½ λ ΣW²)" if abs(R - 2 * want) < 1e-12 else ""
        fail("the L2 term ½ λ ΣW² with λ = 0.1 for W = [[1, −2], [0.5, 3]] should be %s, yours gives %s%s"
             % (num(want), num(R), extra))


def test_l2_gradient(student):
    """dR/dW = λ W agrees with finite differences"""
    W = np.random.RandomState(5).normal(size=(3, 2))
    _, grad = call(student, W, l2=0.2)
    grad = as_array(grad, "dR/dW (like W: (3, 2))", W.shape)
    numeric = numeric_gradient(lambda: call(student, W, l2=0.2)[0], W)
    compare_gradient("dR/dW", "W", grad, numeric)


def test_l1_still_works(student):
    """the L1 term l1 Σ|W| and its gradient l1 sign(W) are unchanged"""
    R, grad = call(student, W0.copy(), l1=0.3)
    if not abs(R - 0.3 * np.sum(np.abs(W0))) < 1e-12:
        fail("the L1 term l1 Σ|W| with l1 = 0.3 should be %s, yours gives %s" % (num(0.3 * np.sum(np.abs(W0))), num(R)))
    grad = as_array(grad, "dR/dW (like W: (2, 2))", W0.shape)
    if not np.allclose(grad, 0.3 * np.sign(W0)):
        fail("with only l1 = 0.3, dR/dW should be l1 sign(W) = %s, yours gives %s"
             % (array(0.3 * np.sign(W0)), array(grad)))


def test_both_terms_add(student):
    """l1 and l2 together: both terms and both gradients add up"""
    R, grad = call(student, W0.copy(), l1=0.3, l2=0.1)
    want = 0.3 * np.sum(np.abs(W0)) + 0.05 * np.sum(W0 ** 2)
    if not abs(R - want) < 1e-12:
        fail("with l1 = 0.3 and λ = 0.1, R should be l1 Σ|W| + ½ λ ΣW² = %s, yours gives %s" % (num(want), num(R)))
    grad = as_array(grad, "dR/dW (like W: (2, 2))", W0.shape)
    if not np.allclose(grad, 0.3 * np.sign(W0) + 0.1 * W0):
        fail("with l1 = 0.3 and λ = 0.1, dR/dW should be l1 sign(W) + λ W = %s, yours gives %s"
             % (array(0.3 * np.sign(W0) + 0.1 * W0), array(grad)))


def test_no_penalty(student):
    """l1 = λ = 0 adds nothing"""
    R, grad = call(student, W0.copy())
    if R != 0 or not np.all(np.asarray(grad) == 0):
        fail("with l1 = λ = 0 the penalty and its gradient should be 0, yours gives R = %s" % num(R))


def test_leaves_W_alone(student):
    """W is not changed"""
    W = W0.copy()
    call(student, W, l1=0.3, l2=0.1)
    if not np.array_equal(W, W0):
        fail("your penalty changed W in place: it should only compute R and dR/dW")
