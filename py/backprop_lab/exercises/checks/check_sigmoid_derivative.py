"""Checks of sigmoid_derivative(z, a): sigma'(z) = a (1 - a) with a = sigma(z)."""
import numpy as np

from backprop_lab.activations import sigmoid
from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import as_array, fail, num, nums, student, worst_entry  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake


def random_z(rng):
    shape = [(rng.randint(1, 9),), (rng.randint(1, 5), rng.randint(1, 4))][rng.randint(2)]
    return {"z": rng.normal(scale=[0.5, 3.0, 40.0][rng.randint(3)], size=shape)}


def overflowing(z, a):
    e = np.exp(-z)
    return e / (1 + e) ** 2


SPEC = Spec(
    "sigmoid_derivative", random_z, lambda fn, z: [fn(z, sigmoid(z))], ["σ'(z)"],
    fixed=[{"z": np.array([-1000.0, -30.0, -4.0, -0.5, 0.0, 0.5, 4.0, 30.0, 1000.0])}],
    mistakes=[
        Mistake("output_itself", "you returned σ(z) itself: its derivative is σ(z)(1 − σ(z)) = a(1 − a)",
                fn=lambda z, a: a),
        Mistake("tanh_formula", "1 − a² is tanh's derivative; the sigmoid's is a(1 − a)", fn=lambda z, a: 1 - a * a),
        Mistake("z_for_a", "you used z where the formula needs the output a = σ(z): σ'(z) = a(1 − a)",
                fn=lambda z, a: z * (1 - z)),
        Mistake("plus", "σ'(z) = a(1 − a), with a minus: yours is a(1 + a)", fn=lambda z, a: a * (1 + a)),
        Mistake("overflow", "e^−z overflows far from 0 (σ'(−1000) comes out nan): write σ' with a = σ(z), "
                            "a(1 − a), which stays finite", fn=overflowing),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (a, 1 − a², z for a, a(1 + a), e^−z overflowing)"""
    SPEC.named_mistakes(student)


def call(student, z):
    z = np.asarray(z, dtype=float)
    return student(z, sigmoid(z))


def test_at_zero(student):
    """σ'(0) = σ(0)(1 − σ(0)) = 1/4"""
    got = as_array(call(student, [0.0]), "σ'(z) for z of shape (1,)", (1,))
    if not abs(got[0] - 0.25) < 1e-9:
        fail("σ'(0) should be 0.25 (σ(0) = 0.5 and 0.5 · (1 − 0.5) = 0.25), yours gives %s" % num(got[0]))


def test_matches_finite_differences(student):
    """σ'(z) agrees with (σ(z + h) − σ(z − h)) / 2h from −6 to 6"""
    z = np.linspace(-6.0, 6.0, 25)
    got = as_array(call(student, z), "σ'(z) for z of shape (25,)", z.shape)
    h = 1e-5
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    i = worst_entry(got, numeric, rtol=1e-5, atol=1e-8)
    if i is not None:
        fail("σ'(z) at z = %s should be %s (the slope of σ there), yours gives %s"
             % ((num(z[i]),) + nums(numeric[i], got[i])))


def test_keeps_the_shape(student):
    """works element-wise on a batch z of shape (n, fan_out)"""
    z = np.array([[-1.0, 0.0, 2.0], [0.5, -3.0, 1.0]])
    got = as_array(call(student, z), "σ'(z) for z of shape (2, 3)", z.shape)
    s = sigmoid(z)
    i = worst_entry(got, s * (1 - s))
    if i is not None:
        fail("σ'(z) at z[%d, %d] = %s should be %s, yours gives %s"
             % ((i[0], i[1], num(z[i])) + nums((s * (1 - s))[i], got[i])))


def test_far_from_zero(student):
    """σ'(±1000) = 0: no overflow, no nan"""
    with np.errstate(all="ignore"):
        got = as_array(call(student, [-1000.0, 1000.0]), "σ'(z) for z of shape (2,)", (2,))
    for zi, gi in zip((-1000, 1000), got):
        if not (np.isfinite(gi) and abs(gi) < 1e-12):
            fail("σ'(%d) should be 0 (σ is flat that far out), yours gives %s: write it with a = σ(z), "
                 "which stays in [0, 1], instead of exp(−z), which overflows" % (zi, num(gi)))


def test_random_cases(student):
    """the lab's own σ' on 12 random batches (shapes, signs, values up to ±100)"""
    SPEC.random_cases(student)
