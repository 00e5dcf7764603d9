"""Checks of Value.__mul__(self, other): out = a b with local gradients d out/da = b, d out/db = a."""
from backprop_lab.engine import Value
from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import as_number, fail, num, nums, patched, student  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake


def random_product(rng):
    scale = [1.0, 10.0, 1e4][rng.randint(3)]
    return {"a": float(rng.normal(scale=scale)), "b": float(rng.normal(scale=scale)),
            "c": float(rng.normal()), "kind": ["a * b", "a * 3", "3 * a", "a * a", "(a * b) * c"][rng.randint(5)]}


def run_product(fn, a, b, c, kind):
    """out.data and the gradients a.grad, b.grad, c.grad after out.backward()."""
    with patched(Value, "__mul__", fn):
        va, vb, vc = Value(a, label="a"), Value(b, label="b"), Value(c, label="c")
        out = {"a * b": lambda: va * vb, "a * 3": lambda: va * 3, "3 * a": lambda: 3 * va, "a * a": lambda: va * va,
               "(a * b) * c": lambda: (va * vb) * vc}[kind]()
        if out is None:
            fail("your function returned None: is the `return` missing? (a * b should be a new Value)", mistake="no_return")
        if not isinstance(out, Value):
            fail("a * b should be a new Value, yours gives %s" % type(out).__name__)
        out.backward()
    return [out.data, va.grad, vb.grad, vc.grad]


SPEC = Spec(
    "value_mul", random_product, run_product, ["out.data", "a.grad", "b.grad", "c.grad"],
    fixed=[{"a": 2.0, "b": -3.0, "c": 0.5, "kind": "a * b"}, {"a": 1.5, "b": 4.0, "c": -2.0, "kind": "(a * b) * c"}],
    mistakes=[
        Mistake("swapped", "each input's local gradient is the OTHER input: d(a · b)/da = b and d(a · b)/db = a",
                edit=('"*", (other.data, self.data)', '"*", (self.data, other.data)')),
        Mistake("ones", "the local gradients of a product are the other factor, not 1 (1 is the sum's)",
                edit=('"*", (other.data, self.data)', '"*", (1.0, 1.0)')),
        Mistake("sum", "the data of a · b is the product self.data * other.data, not the sum",
                edit=("self.data * other.data", "self.data + other.data")),
        Mistake("one_input", "both inputs get a local gradient: d(a · b)/db = a as well as d(a · b)/da = b",
                edit=('"*", (other.data, self.data)', '"*", (other.data, 0.0)')),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (gradients swapped or 1, a sum for the data, one input forgotten)"""
    SPEC.named_mistakes(student)


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


def test_random_cases(student):
    """the engine's own data and gradients on 12 random products (a * b, a * 3, 3 * a, a * a, chains)"""
    SPEC.random_cases(student)
