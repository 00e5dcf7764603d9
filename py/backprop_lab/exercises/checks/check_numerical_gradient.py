"""Checks of numerical_gradient(model, values, name, h) -> (f(p + h) - f(p - h)) / 2h (lesson 11)."""
import copy

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, num, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import backprop


def random_point(rng):
    model = backprop.MODELS[rng.randint(2)]
    values = {name: float(rng.normal(scale=1.5)) for name, _ in backprop.DEFAULTS[model]}
    names = backprop.PARAMS[model]
    return {"model": model, "values": values, "name": names[rng.randint(len(names))],
            "h": float(rng.choice([1e-5, 1e-4, 1e-3]))}


def call(fn, model, values, name, h):
    return [fn(model, values, name, h)]


def _variant(kind):
    def fn(model, values, name, h=1e-5):
        f = backprop.evaluate
        if kind == "forward":
            plus = dict(values)
            plus[name] = values[name] + h
            return (f(model, plus) - f(model, values)) / h
        plus, minus = dict(values), dict(values)
        plus[name], minus[name] = values[name] + h, values[name] - h
        return (f(model, plus) - f(model, minus)) / h                  # "over_h"
    return fn


def _aliased(model, values, name, h=1e-5):
    plus = minus = values
    plus[name] = values[name] + h
    minus[name] = values[name] - h
    return (backprop.evaluate(model, plus) - backprop.evaluate(model, minus)) / (2 * h)


DEFAULT = {"model": "net", "values": dict(backprop.DEFAULTS["net"]), "name": "w11", "h": 1e-3}


def changes_values(student):
    values = dict(DEFAULT["values"])
    try:
        student("net", values, "w11", 1e-3)
    except Exception:       # told elsewhere
        return None
    if values != DEFAULT["values"]:
        changed = [k for k in values if values[k] != DEFAULT["values"][k]]
        return {"input": "model = 'net', name = 'w11', h = 0.001", "expected": "values as it was",
                "got": "values[%r] = %s afterwards" % (changed[0], num(values[changed[0]], 10)),
                "short": "values[%r] changed from %s to %s" % (changed[0], num(DEFAULT["values"][changed[0]], 10),
                                                               num(values[changed[0]], 10))}
    return None


SPEC = Spec(
    "numerical_gradient", random_point, call, ["numerical gradient"],
    fixed=[DEFAULT, {"model": "neuron", "values": dict(backprop.DEFAULTS["neuron"]), "name": "w1", "h": 1e-3}],
    mistakes=[
        Mistake("aliased", "plus and minus are the dict values itself, not copies, so both evaluate the same point "
                           "and the difference is 0: make each a copy, plus = dict(values)", fn=_aliased),
        Mistake("forward", "(f(p + h) − f(p)) / h is the one-sided difference, off by about h f''/2; the central "
                           "difference (f(p + h) − f(p − h)) / 2h is off by only about h² and is what the lab checks "
                           "with", fn=_variant("forward")),
        Mistake("over_h", "p + h and p − h are 2h apart: divide the difference by 2h, not h", fn=_variant("over_h")),
        Mistake("changes_values", "you changed the values you were given (values[name] += h …): the lesson uses the "
                                  "same dict for every parameter, so nudge copies of it instead",
                detect=changes_values),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (one dict for p ± h, one-sided, / h, values changed)"""
    SPEC.named_mistakes(student)


def test_matches_backprop(student):
    """the 2-2-1 net's dL/dw11 by your differences agrees with backprop's to 1e-6"""
    values = copy.deepcopy(DEFAULT["values"])
    leaves = backprop.leaves("net", values)
    backprop.net(leaves).backward()
    want = leaves["w11"].grad
    got = float(student("net", values, "w11", 1e-5))
    if not abs(got - want) <= 1e-6 * max(1.0, abs(want)):
        fail("for the 2-2-1 net, backprop gives dL/dw11 = %s and your central difference %s" % (num(want, 8), num(got, 8)))


def test_random_cases(student):
    """the lab's own differences on the two graphs at 14 random points (each parameter, h from 1e-5 to 1e-3)"""
    SPEC.random_cases(student)
