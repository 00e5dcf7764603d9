"""Checks of penalty(W, l1, l2) -> (R, dR/dW) with R = l1 sum|W| + 1/2 l2 sum W^2."""
import numpy as np

from backprop_lab.exercises.cases import Spec, unpack
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
from backprop_lab.exercises.mistakes import Mistake

W0 = np.array([[1.0, -2.0], [0.5, 3.0]])


def random_W(rng):
    scale = [0.1, 1.0, 100.0][rng.randint(3)]
    return {"W": rng.normal(scale=scale, size=(rng.randint(1, 6), rng.randint(1, 5))),
            "l1": float(rng.choice([0.0, rng.uniform(0, 0.5)])), "l2": float(rng.uniform(0.001, 1.0))}


def penalty_pair(fn, W, l1, l2):
    R, grad = unpack(fn(W, l1, l2), 2, "a pair (R, dR/dW)")
    try:                                   # 0.0 or zeros like W: both mean "no gradient"
        grad = np.broadcast_to(np.asarray(grad), W.shape) if np.ndim(grad) == 0 else grad
    except (TypeError, ValueError):
        pass
    return [R, grad]


def changes_W(student):
    W = W0.copy()
    student(W, 0.0, 0.1)
    if np.array_equal(W, W0):
        return None
    return {"input": "W = [[1, −2], [0.5, 3]]; λ = 0.1", "expected": "W unchanged", "got": "W = %s" % array(W),
            "short": "W changed in place"}


SPEC = Spec(
    "l2_penalty", random_W, penalty_pair, ["R", "dR/dW"],
    fixed=[{"W": W0.copy(), "l1": 0.0, "l2": 0.1}, {"W": W0.copy(), "l1": 0.3, "l2": 0.1}],
    mistakes=[
        Mistake("in_place", "you changed W in place (W −= λW is the optimizer's weight decay): penalty only "
                            "computes R = ½ λ ΣW² and dR/dW = λW, and leaves W alone", detect=changes_W),
        Mistake("no_half", "the L2 term is ½ λ ΣW²: you left out the ½",
                edit=("value += 0.5 * l2 * np.sum(W * W)", "value += l2 * np.sum(W * W)")),
        Mistake("double_gradient", "the gradient of ½ λ W² is λW: the ½ cancels the 2",
                edit=("grad = grad + l2 * W", "grad = grad + 2 * l2 * W")),
        Mistake("sign_gradient", "λ sign(W) is the L1 term's kind of gradient; the L2 term's is λW",
                edit=("grad = grad + l2 * W", "grad = grad + l2 * np.sign(W)")),
        Mistake("l1_dropped", "the L2 gradient replaced the L1 one: add λW to grad, as the value adds ½ λ ΣW²",
                edit=("grad = grad + l2 * W", "grad = l2 * W")),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (W changed in place, no ½, 2λW, λ sign(W), L1 gradient dropped)"""
    SPEC.named_mistakes(student)


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


def test_random_cases(student):
    """the lab's own R and dR/dW on 12 random W, l1 and λ (shapes, signs, weights up to ±300)"""
    SPEC.random_cases(student)
