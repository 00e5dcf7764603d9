"""Checks of Value.__mul__(self, other): out = a b with local gradients d out/da = b, d out/db = a."""
from backprop_lab.engine import Value
from backprop_lab.exercises.checks._support import as_number, fail, num, nums, patched, student  # noqa: F401


def product(a, b):
    out = a * b
    if not isinstance(out, Value):
        fail("a * b should be a new Value, yours gives %s" % ("None: is the `return` missing?" if out is None
                                                              else type(out).__name__))
    return out


def test_data(student):
    """Value(2) * Value(−3) has data −6"""
    with patched(Value, "__mul__", student):
        out = product(Value(2.0), Value(-3.0))
        if as_number(out.data, "(a * b).data") != -6.0:
            fail("(a · b).data for a = 2 and b = −3 should be −6, yours gives %s" % num(out.data))


def test_local_gradients(student):
    """after backward(): a.grad = b and b.grad = a"""
    with patched(Value, "__mul__", student):
        a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        out = product(a, b)
        out.backward()
        if a.grad != -3.0:
            fail("d(a · b)/da should be b = −3, yours gives %s: the local gradient for a is the OTHER input"
                 % num(a.grad))
        if b.grad != 2.0:
            fail("d(a · b)/db should be a = 2, yours gives %s" % num(b.grad))


def test_square(student):
    """a * a: both shares add up to 2a"""
    with patched(Value, "__mul__", student):
        a = Value(1.5, label="a")
        out = product(a, a)
        out.backward()
        if a.grad != 3.0:
            fail("d(a · a)/da for a = 1.5 should be 2a = 3 (a is both inputs and the two shares add), yours gives %s"
                 % num(a.grad))


def test_numbers(student):
    """a * 3 and 3 * a work (a plain number becomes a constant Value)"""
    with patched(Value, "__mul__", student):
        for label, make in (("a * 3", lambda a: a * 3), ("3 * a", lambda a: 3 * a)):
            a = Value(2.0)
            out = make(a)
            if not isinstance(out, Value) or out.data != 6.0:
                fail("%s for a = 2 should be a Value with data 6, yours gives %r" % (label, out))
            out.backward()
            if a.grad != 3.0:
                fail("d(%s)/da should be 3, yours gives %s" % (label, num(a.grad)))


def test_chain(student):
    """f = (a · b + c) · a: backward() agrees with finite differences"""
    def f(a, b, c):
        return (a * b + c) * a
    x = {"a": 0.7, "b": -1.3, "c": 2.1}
    with patched(Value, "__mul__", student):
        leaves = {k: Value(v, label=k) for k, v in x.items()}
        out = f(**leaves)
        out.backward()
    h = 1e-6
    for k in x:
        up, down = dict(x), dict(x)
        up[k] += h
        down[k] -= h
        numeric = (f(**up) - f(**down)) / (2 * h)
        if abs(leaves[k].grad - numeric) > 1e-6 * max(1.0, abs(numeric)):
            fail("df/d%s for f = (a · b + c) · a should be %s (finite differences), yours gives %s"
                 % ((k,) + nums(numeric, leaves[k].grad)))
