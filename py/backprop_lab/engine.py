"""A scalar autograd engine, in the style of Karpathy's micrograd.

Every Value holds one number (data) and, after backward(), the derivative of
the final result with respect to it (grad).  Each operation remembers its
inputs (_prev) and its LOCAL derivatives d out / d input (_local), so that the
chain rule is one line:

    input.grad += local * out.grad        (local gradient x upstream gradient)

backward() applies that line to every node, from the output back to the
leaves, in reverse topological order (a node only passes its gradient on once
every node that uses it has added its share).

Pure Python, no packages: it runs on any Python, including a bare Pyodide.
"""
import math


class Value:
    """Value(data, label="") - one scalar node of a computation graph."""

    def __init__(self, data, _prev=(), _op="", _local=(), label=""):
        self.data = float(data)
        self.grad = 0.0              # d(result) / d(this), filled in by backward()
        self._prev = tuple(_prev)    # the Values this one was computed from
        self._op = _op               # "+", "*", "tanh", ... ("" for a leaf)
        self._local = tuple(_local)  # d(this) / d(each of _prev)
        self.label = label

    # ---- arithmetic: out = a (op) b, with d out / d a and d out / d b ----
    def __add__(self, other):
        other = as_value(other)
        return Value(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __sub__(self, other):
        other = as_value(other)
        return Value(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __mul__(self, other):
        other = as_value(other)
        # d(ab)/da = b,  d(ab)/db = a
        return Value(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __truediv__(self, other):
        other = as_value(other)
        a, b = self.data, other.data
        if b == 0:
            raise ZeroDivisionError("division by a Value equal to 0")
        # d(a/b)/da = 1/b,  d(a/b)/db = -a/b^2
        return Value(a / b, (self, other), "/", (1.0 / b, -a / (b * b)))

    def __pow__(self, n):
        if isinstance(n, Value):
            raise TypeError("only powers by a constant number are supported")
        n = float(n)
        # d(a^n)/da = n a^(n-1)
        return Value(self.data ** n, (self,), "^%g" % n, (n * self.data ** (n - 1),))

    def __neg__(self):
        return Value(-self.data, (self,), "neg", (-1.0,))

    # reflected: 2 + v, 2 - v, 2 * v, 2 / v
    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return as_value(other) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return as_value(other) / self

    # ---- functions of one Value ----
    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), "exp", (e,))                    # (e^a)' = e^a

    def log(self):
        if self.data <= 0:
            raise ValueError("log of %g: the argument must be > 0" % self.data)
        return Value(math.log(self.data), (self,), "log", (1.0 / self.data,))   # (ln a)' = 1/a

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), "tanh", (1.0 - t * t,))        # tanh' = 1 - tanh^2

    def sigmoid(self):
        s = _sigmoid(self.data)
        return Value(s, (self,), "sigmoid", (s * (1.0 - s),))   # s' = s (1 - s)

    def relu(self):
        r = max(self.data, 0.0)
        return Value(r, (self,), "relu", (1.0 if self.data > 0 else 0.0,))  # step(a)

    # ---- backward ----
    def propagate(self):
        """One step of the chain rule: pass this node's grad on to its inputs."""
        for child, local in zip(self._prev, self._local):
            child.grad += local * self.grad          # local gradient x upstream gradient

    def backward(self):
        """Fill in .grad of every node this Value depends on: d self / d node."""
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0                              # d self / d self
        for node in reversed(order):
            node.propagate()

    def __repr__(self):
        return "Value(data=%.6g, grad=%.6g%s)" % (self.data, self.grad,
                                                  ", label=%r" % self.label if self.label else "")


def as_value(x):
    """x itself if it is a Value, else a constant leaf Value(x)."""
    return x if isinstance(x, Value) else Value(x, label="%g" % x)


def _sigmoid(z):
    """1 / (1 + e^-z) without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def topological_order(root):
    """Every node root depends on (and root), each after all of its inputs.

    Iterative depth-first search with an explicit stack: no recursion, so deep
    graphs do not hit Python's recursion limit (small in a browser worker).
    """
    order, seen = [], set()
    stack = [(root, False)]            # (node, are its inputs done?)
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)         # every input is already in order
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))     # come back after the inputs
        for child in reversed(node._prev):
            if id(child) not in seen:
                stack.append((child, False))
    return order
