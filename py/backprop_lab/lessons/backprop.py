"""Lesson 11, backprop step by step, on the scalar engine (engine.py).

Two small graphs: one neuron o = tanh(w1 x1 + w2 x2 + b), and a 2-2-1 net
with tanh hidden units, a sigmoid output and the loss L = 0.5 (o - y)^2.
trace() runs the forward pass, then the backward pass one node at a time,
recording for every step "local gradient x upstream gradient", and finally
checks each parameter's gradient against central differences.

Pure Python: no numpy, so it runs on a Pyodide without any packages.
"""
from .. import engine  # engine.topological_order at call time: an edited one runs here
from ..engine import Value

MODELS = ("neuron", "net")

# The leaves of each graph, in the order the page shows them, with default values.
DEFAULTS = {
    "neuron": [("x1", 1.5), ("x2", -0.5), ("w1", 0.8), ("w2", -1.2), ("b", 0.2)],
    "net": [("x1", 1.0), ("x2", -2.0), ("y", 1.0),
            ("w11", 0.5), ("w12", -0.3), ("w21", 0.8), ("w22", 0.2), ("b1", 0.1), ("b2", -0.1),
            ("v1", 1.2), ("v2", -0.7), ("c", 0.05)],
}
# Which leaves are parameters (their gradients are checked); the rest are data.
PARAMS = {
    "neuron": ["w1", "w2", "b"],
    "net": ["w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c"],
}


def named(value, label):
    """Give a node a name for the drawing; returns the node."""
    value.label = label
    return value


def neuron(v):
    """o = tanh(w1 x1 + w2 x2 + b); v maps leaf names to Values."""
    s = named(v["x1"] * v["w1"], "x1*w1") + named(v["x2"] * v["w2"], "x2*w2")
    n = named(named(s, "s") + v["b"], "n")            # n = w1 x1 + w2 x2 + b
    return named(n.tanh(), "o")                        # o = tanh(n)


def net(v):
    """2-2-1 net: h_j = tanh(x1 w1j + x2 w2j + b_j), o = sigmoid(h1 v1 + h2 v2 + c),
    L = 0.5 (o - y)^2.  W1 = [[w11, w12], [w21, w22]] (fan_in x fan_out), as in nn.py."""
    h = []
    for j in ("1", "2"):
        s = named(v["x1"] * v["w1" + j], "x1*w1" + j) + named(v["x2"] * v["w2" + j], "x2*w2" + j)
        n = named(named(s, "s" + j) + v["b" + j], "n" + j)   # n_j = x1 w1j + x2 w2j + b_j
        h.append(named(n.tanh(), "h" + j))                     # h_j = tanh(n_j)
    s = named(h[0] * v["v1"], "h1*v1") + named(h[1] * v["v2"], "h2*v2")
    z = named(named(s, "s") + v["c"], "z")                     # z = h1 v1 + h2 v2 + c
    o = named(z.sigmoid(), "o")                                # o = sigmoid(z)
    e = named(o - v["y"], "o-y")
    return named(0.5 * named(e ** 2, "(o-y)^2"), "L")          # L = 0.5 (o - y)^2


BUILD = {"neuron": neuron, "net": net}


def leaves(model, values=None):
    """Leaf Values of `model`, named; `values` overrides the defaults."""
    values = values or {}
    return {name: Value(float(values.get(name, default)), label=name)
            for name, default in DEFAULTS[model]}


def evaluate(model, values):
    """The output's number for these leaf values (a forward pass only)."""
    return BUILD[model](leaves(model, values)).data


def depths(order):
    """Column of each node for a left-to-right drawing: an operation sits one
    right of its deepest input; a leaf sits just left of its first user."""
    depth = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(c)] for c in node._prev), default=-1)
    for node in reversed(order):
        users = [depth[id(u)] for u in order if any(c is node for c in u._prev)]
        if not node._prev and users:
            depth[id(node)] = min(users) - 1
    return depth


def backward_steps(root, order):
    """Run backprop one node at a time and record each step.

    Step k takes the k-th node from the end of the topological order and
    passes its gradient to each input: input.grad += local * upstream.
    """
    index = {id(node): i for i, node in enumerate(order)}
    for node in order:
        node.grad = 0.0
    root.grad = 1.0                                # dL/dL = 1
    steps = []
    for node in reversed(order):
        if not node._prev:
            continue                               # a leaf has nothing to pass on
        parts = []
        for child, local in zip(node._prev, node._local):
            before = child.grad
            node_part = local * node.grad           # local gradient x upstream gradient
            parts.append({"input": index[id(child)], "local": local, "upstream": node.grad,
                          "product": node_part, "before": before, "after": before + node_part})
        node.propagate()                           # the engine's own chain-rule step
        steps.append({"node": index[id(node)], "grad": node.grad, "parts": parts})
    return steps


def numerical_gradient(model, values, name, h=1e-5):
    """d output / d leaf `name` by central differences: (f(p + h) - f(p - h)) / 2h."""
    plus, minus = dict(values), dict(values)
    plus[name] = values[name] + h
    minus[name] = values[name] - h
    return (evaluate(model, plus) - evaluate(model, minus)) / (2 * h)


def relative_error(a, n):
    """|a - n| / max(1e-8, |a| + |n|): 0 when equal, 1 when of opposite sign."""
    return abs(a - n) / max(1e-8, abs(a) + abs(n))


def gradient_check(model, values, grads, tolerance=1e-6):
    """Each parameter's backprop gradient against its numerical estimate."""
    rows = []
    for name in PARAMS[model]:
        n = numerical_gradient(model, values, name)
        err = relative_error(grads[name], n)
        rows.append({"name": name, "backprop": grads[name], "numerical": n,
                     "relative_error": err, "passed": err < tolerance})
    return rows


def trace(model="neuron", values=None):
    """Forward pass, the backward pass step by step, and the gradient check.

    Returns {"nodes": [{label, op, data, grad, depth, leaf, param}],
             "edges": [[input, node], ...], "steps": [...], "check": [...],
             "output": value of the last node}.  Nodes are numbered in
    topological order; the steps refer to them by that number.
    """
    if model not in BUILD:
        raise ValueError("unknown model %r; valid: %s" % (model, ", ".join(MODELS)))
    values = {name: float((values or {}).get(name, d)) for name, d in DEFAULTS[model]}
    v = leaves(model, values)
    root = BUILD[model](v)
    order = engine.topological_order(root)
    index = {id(node): i for i, node in enumerate(order)}
    depth = depths(order)
    steps = backward_steps(root, order)
    nodes = [{"label": node.label, "op": node._op, "data": node.data, "grad": node.grad,
              "depth": depth[id(node)], "leaf": not node._prev,
              "param": node.label in PARAMS[model] and not node._prev}
             for node in order]
    edges = [[index[id(c)], index[id(node)]] for node in order for c in node._prev]
    grads = {name: leaf.grad for name, leaf in v.items()}
    return {"nodes": nodes, "edges": edges, "steps": steps, "output": root.data,
            "check": gradient_check(model, values, grads)}
