"""Checks of tanh_derivative(z, a): tanh'(z) = 1 - a^2 with a = tanh(z)."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import as_array, fail, num, nums, student, worst_entry  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake


def random_z(rng):
    shape = [(rng.randint(1, 9),), (rng.randint(1, 5), rng.randint(1, 4))][rng.randint(2)]
    return {"z": rng.normal(scale=[0.5, 2.0, 30.0][rng.randint(3)], size=shape)}


SPEC = Spec(
    "tanh_derivative", random_z, lambda fn, z: [fn(z, np.tanh(z))], ["tanh'(z)"],
    fixed=[{"z": np.array([-1000.0, -4.0, -1.0, 0.0, 0.5, 4.0, 1000.0])}],
    mistakes=[
        Mistake("one_minus_a", "1 − a: the a needs squaring, tanh'(z) = 1 − a²", fn=lambda z, a: 1 - a),
        Mistake("z_for_a", "you used z where the formula needs the output a = tanh(z): tanh'(z) = 1 − a²",
                fn=lambda z, a: 1 - z * z),
        Mistake("sigmoid_formula", "a(1 − a) is the sigmoid's derivative; tanh's is 1 − a²",
                fn=lambda z, a: a * (1 - a)),
        Mistake("plus", "tanh'(z) = 1 − a², with a minus: yours is 1 + a²", fn=lambda z, a: 1 + a * a),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (1 − a, 1 − z², a(1 − a), 1 + a²)"""
    SPEC.named_mistakes(student)


def call(student, z):
    z = np.asarray(z, dtype=float)
    return student(z, np.tanh(z))


def test_at_zero(student):
    """tanh'(0) = 1 − tanh(0)² = 1"""
    got = as_array(call(student, [0.0]), "tanh'(z) for z of shape (1,)", (1,))
    if not abs(got[0] - 1.0) < 1e-9:
        fail("tanh'(0) should be 1 (tanh(0) = 0 and 1 − 0² = 1), yours gives %s" % num(got[0]))


def test_matches_finite_differences(student):
    """tanh'(z) agrees with (tanh(z + h) − tanh(z − h)) / 2h from −4 to 4"""
    z = np.linspace(-4.0, 4.0, 33)
    got = as_array(call(student, z), "tanh'(z) for z of shape (33,)", z.shape)
    h = 1e-5
    numeric = (np.tanh(z + h) - np.tanh(z - h)) / (2 * h)
    i = worst_entry(got, numeric, rtol=1e-5, atol=1e-8)
    if i is not None:
        fail("tanh'(z) at z = %s should be %s (the slope of tanh there), yours gives %s"
             % ((num(z[i]),) + nums(numeric[i], got[i])))


def test_keeps_the_shape(student):
    """works element-wise on a batch z of shape (n, fan_out)"""
    z = np.array([[-1.0, 0.0, 2.0], [0.5, -3.0, 1.0]])
    got = as_array(call(student, z), "tanh'(z) for z of shape (2, 3)", z.shape)
    want = 1 - np.tanh(z) ** 2
    i = worst_entry(got, want)
    if i is not None:
        fail("tanh'(z) at z[%d, %d] = %s should be %s, yours gives %s"
             % ((i[0], i[1], num(z[i])) + nums(want[i], got[i])))


def test_far_from_zero(student):
    """tanh'(±1000) = 0: no overflow, no nan"""
    with np.errstate(all="ignore"):
        got = as_array(call(student, [-1000.0, 1000.0]), "tanh'(z) for z of shape (2,)", (2,))
    for zi, gi in zip((-1000, 1000), got):
        if not (np.isfinite(gi) and abs(gi) < 1e-12):
            fail("tanh'(%d) should be 0 (tanh is flat that far out), yours gives %s" % (zi, num(gi)))


def test_random_cases(student):
    """the lab's own tanh' on 12 random batches (shapes, signs, values up to ±100)"""
    SPEC.random_cases(student)
