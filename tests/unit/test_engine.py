"""engine.py: every operation's gradient against a central difference, backward() on
shared nodes and deep graphs, and the same gradients as nn.py's hand-written backward pass."""
import math

import pytest

from backprop_lab.engine import Value, topological_order

H = 1e-6


def numeric(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


# (name, function of one Value or float, a point where it is smooth)
UNARY = [
    ("exp", lambda a: a.exp() if isinstance(a, Value) else math.exp(a), 0.7),
    ("log", lambda a: a.log() if isinstance(a, Value) else math.log(a), 1.3),
    ("tanh", lambda a: a.tanh() if isinstance(a, Value) else math.tanh(a), -0.4),
    ("sigmoid", lambda a: a.sigmoid() if isinstance(a, Value) else 1 / (1 + math.exp(-a)), 0.3),
    ("relu+", lambda a: a.relu() if isinstance(a, Value) else max(a, 0.0), 0.9),
    ("relu-", lambda a: a.relu() if isinstance(a, Value) else max(a, 0.0), -0.9),
    ("pow3", lambda a: a ** 3, 1.1),
    ("pow-0.5", lambda a: a ** -0.5, 2.0),
    ("neg", lambda a: -a, 0.5),
    ("radd", lambda a: 2.5 + a, 0.5),
    ("rsub", lambda a: 2.5 - a, 0.5),
    ("rmul", lambda a: 2.5 * a, 0.5),
    ("rdiv", lambda a: 2.5 / a, 0.5),
]


@pytest.mark.parametrize("name,f,x", UNARY, ids=[u[0] for u in UNARY])
def test_unary_operation_gradient_matches_finite_difference(name, f, x):
    a = Value(x)
    out = f(a)
    out.backward()
    assert out.data == pytest.approx(f(x))
    assert a.grad == pytest.approx(numeric(f, x), rel=1e-6, abs=1e-9)


BINARY = [("+", lambda a, b: a + b), ("-", lambda a, b: a - b),
          ("*", lambda a, b: a * b), ("/", lambda a, b: a / b)]


@pytest.mark.parametrize("name,f", BINARY, ids=[b[0] for b in BINARY])
def test_binary_operation_gradients_match_finite_differences(name, f):
    x, y = 1.7, -0.6
    a, b = Value(x), Value(y)
    out = f(a, b)
    out.backward()
    assert out.data == pytest.approx(f(x, y))
    assert a.grad == pytest.approx(numeric(lambda t: f(t, y), x), rel=1e-6)
    assert b.grad == pytest.approx(numeric(lambda t: f(x, t), y), rel=1e-6)


def test_a_node_used_twice_gets_both_contributions():
    a = Value(3.0)
    out = a * a + a            # d/da = 2a + 1 = 7
    out.backward()
    assert a.grad == pytest.approx(7.0)


def test_backward_twice_gives_the_same_gradients():
    a, b = Value(0.5), Value(-1.5)
    out = (a * b).tanh() + a.exp()
    out.backward()
    first = (a.grad, b.grad)
    out.backward()
    assert (a.grad, b.grad) == first


def test_topological_order_is_iterative_and_handles_deep_graphs():
    x = Value(0.0)
    out = x
    for _ in range(5000):      # far deeper than any recursion limit
        out = out + 1.0
    order = topological_order(out)
    assert order[-1] is out and order[0] is x
    out.backward()
    assert out.data == 5000.0 and x.grad == 1.0


def test_every_node_comes_after_its_inputs():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    out = (c + a) * (c - b)
    order = topological_order(out)
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for child in node._prev:
            assert position[id(child)] < position[id(node)]


def test_bad_inputs_give_clear_errors():
    with pytest.raises(ValueError, match="must be > 0"):
        Value(-1.0).log()
    with pytest.raises(ZeroDivisionError):
        Value(1.0) / Value(0.0)
    with pytest.raises(TypeError):
        Value(2.0) ** Value(2.0)


def test_sigmoid_does_not_overflow():
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0


def test_engine_gradients_of_a_2_2_1_net_equal_nn_py():
    import numpy as np

    from backprop_lab.lessons import backprop
    from backprop_lab.nn import MLP

    values = dict(backprop.DEFAULTS["net"])
    t = backprop.trace("net", values)
    grads = {n["label"]: n["grad"] for n in t["nodes"] if n["param"]}
    net = MLP([2, 2, 1], activation="tanh", output="sigmoid")
    W1, b1, W2, b2 = net.params
    W1[...] = [[values["w11"], values["w12"]], [values["w21"], values["w22"]]]
    b1[...] = [values["b1"], values["b2"]]
    W2[...] = [[values["v1"]], [values["v2"]]]
    b2[...] = [values["c"]]
    X = np.array([[values["x1"], values["x2"]]])
    loss, (gW1, gb1, gW2, gb2) = net.loss_and_grads(X, np.array([values["y"]]), loss="mse")
    assert t["output"] == pytest.approx(loss)
    expected = {"w11": gW1[0, 0], "w12": gW1[0, 1], "w21": gW1[1, 0], "w22": gW1[1, 1],
                "b1": gb1[0], "b2": gb1[1], "v1": gW2[0, 0], "v2": gW2[1, 0], "c": gb2[0]}
    for name, g in expected.items():
        assert grads[name] == pytest.approx(g, rel=1e-9, abs=1e-12), name
