"""Checks of Value.tanh(self): out = tanh(a) with local gradient 1 - tanh(a)^2."""
import math

from backprop_lab.engine import Value
from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, num, nums, patched, student  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake


def random_tanh(rng):
    scale = [0.5, 2.0, 50.0][rng.randint(3)]
    return {"a": float(rng.normal(scale=scale)), "b": float(rng.normal()), "chain": bool(rng.randint(2))}


def run_tanh(fn, a, b, chain):
    """tanh(a) (or tanh(a · b) in a chain): out.data, a.grad, b.grad after out.backward()."""
    with patched(Value, "tanh", fn):
        va, vb = Value(a, label="a"), Value(b, label="b")
        out = (va * vb).tanh() if chain else va.tanh()
        if out is None:
            fail("your function returned None: is the `return` missing? (a.tanh() should be a new Value)", mistake="no_return")
        if not isinstance(out, Value):
            fail("a.tanh() should be a new Value, yours gives %s" % type(out).__name__)
        out.backward()
    return [out.data, va.grad, vb.grad]


SPEC = Spec(
    "value_tanh", random_tanh, run_tanh, ["out.data", "a.grad", "b.grad"],
    fixed=[{"a": 0.8, "b": 1.0, "chain": False}, {"a": -1.7, "b": 0.5, "chain": True}],
    mistakes=[
        Mistake("input_squared", "square the output t = tanh(a), not the input a: the local derivative is 1 − t²",
                edit=("(1.0 - t * t,)", "(1.0 - self.data ** 2,)")),
        Mistake("not_squared", "1 − t: the t needs squaring, tanh'(a) = 1 − t²", edit=("(1.0 - t * t,)", "(1.0 - t,)")),
        Mistake("sigmoid", "t(1 − t) is the sigmoid's local derivative; tanh's is 1 − t²",
                edit=("(1.0 - t * t,)", "(t * (1.0 - t),)")),
        Mistake("data_not_tanh", "the output's data is tanh(a), not a itself",
                edit=("Value(t, (self,)", "Value(self.data, (self,)")),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (1 − a², 1 − t, t(1 − t), data a instead of tanh(a))"""
    SPEC.named_mistakes(student)


def tanh_of(a):
    out = a.tanh()
    if not isinstance(out, Value):
        fail("a.tanh() should be a new Value, yours gives %s" % ("None: is the `return` missing?" if out is None
                                                                 else type(out).__name__))
    return out


def test_data(student):
    """tanh(0.5).data = math.tanh(0.5)"""
    with patched(Value, "tanh", student):
        out = tanh_of(Value(0.5))
        if not abs(out.data - math.tanh(0.5)) < 1e-12:
            fail("tanh(a).data for a = 0.5 should be %s, yours gives %s" % (num(math.tanh(0.5)), num(out.data)))


def test_gradient_at_zero(student):
    """d tanh(a)/da at a = 0 is 1"""
    with patched(Value, "tanh", student):
        a = Value(0.0)
        tanh_of(a).backward()
        if not abs(a.grad - 1.0) < 1e-12:
            fail("d tanh(a)/da at a = 0 should be 1 − tanh(0)² = 1, yours gives %s" % num(a.grad))


def test_gradient(student):
    """d tanh(a)/da = 1 − tanh(a)² at a = 0.8 and −1.7"""
    with patched(Value, "tanh", student):
        for x in (0.8, -1.7):
            a = Value(x)
            tanh_of(a).backward()
            want = 1 - math.tanh(x) ** 2
            if not abs(a.grad - want) < 1e-12:
                fail("d tanh(a)/da at a = %s should be 1 − tanh(a)² = %s (the square of the OUTPUT), yours gives %s"
                     % (num(x), num(want), num(a.grad)))


def test_far_out(student):
    """tanh(±1000): data ±1, gradient 0, no overflow"""
    with patched(Value, "tanh", student):
        for x in (1000.0, -1000.0):
            a = Value(x)
            out = tanh_of(a)
            out.backward()
            if out.data != math.copysign(1.0, x) or a.grad != 0.0:
                fail("tanh(%s) should have data %s and gradient 0, yours gives data %s and gradient %s"
                     % (num(x), num(math.copysign(1.0, x)), num(out.data), num(a.grad)))


def test_chain(student):
    """f = tanh(a · b + c): backward() agrees with finite differences"""
    x = {"a": 0.4, "b": -0.9, "c": 0.3}

    def f(a, b, c):
        return math.tanh(a * b + c)
    with patched(Value, "tanh", student):
        leaves = {k: Value(v, label=k) for k, v in x.items()}
        out = tanh_of(leaves["a"] * leaves["b"] + leaves["c"])
        out.backward()
    h = 1e-6
    for k in x:
        up, down = dict(x), dict(x)
        up[k] += h
        down[k] -= h
        numeric = (f(**up) - f(**down)) / (2 * h)
        if abs(leaves[k].grad - numeric) > 1e-6:
            fail("df/d%s for f = tanh(a · b + c) should be %s (finite differences), yours gives %s"
                 % ((k,) + nums(numeric, leaves[k].grad)))


def test_random_cases(student):
    """the engine's own data and gradients on 12 random inputs (signs, values up to ±150, in a chain)"""
    SPEC.random_cases(student)
