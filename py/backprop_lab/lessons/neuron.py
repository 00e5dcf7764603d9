"""Lesson 1, one neuron: a(x, w) = f(<w, x> + b) = f(w1 x1 + w2 x2 + b).

The page moves w1, w2 and b with sliders and picks f; this module computes the
neuron's output over a square of the plane and the line where <w, x> + b = 0.
"""
import numpy as np

from ..activations import ACTIVATIONS

# f and the range its output is drawn in (for relu the top is the largest output seen)
ACTIVATION_RANGE = {"sign": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, None)}


def activation(name):
    """f by name: the lecture's sign(z) plus the smooth ones of activations.py."""
    if name == "sign":
        return np.sign
    return ACTIVATIONS[name].f


def neuron(X, w1, w2, b, f="sign"):
    """a(x, w) = f(w1 x1 + w2 x2 + b) for each row of X, shape (n, 2) -> (n,)."""
    z = X @ np.array([w1, w2]) + b          # z = <w, x> + b
    return activation(f)(z)


def plane(size, domain):
    """Centres of a size x size grid over [-domain, domain]^2, row 0 at the top: (size^2, 2)."""
    ticks = -domain + (np.arange(size) + 0.5) * (2 * domain / size)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


def separating_line(w1, w2, b, domain):
    """Two points of w1 x1 + w2 x2 + b = 0 inside the square, or None if it misses it."""
    d = domain
    points = []
    if abs(w2) > 1e-12:                      # x2 = -(w1 x1 + b) / w2 at the left and right edges
        points += [(x1, -(w1 * x1 + b) / w2) for x1 in (-d, d)]
    if abs(w1) > 1e-12:                      # x1 = -(w2 x2 + b) / w1 at the bottom and top edges
        points += [(-(w2 * x2 + b) / w1, x2) for x2 in (-d, d)]
    inside = [p for p in points if -d - 1e-9 <= p[0] <= d + 1e-9 and -d - 1e-9 <= p[1] <= d + 1e-9]
    inside = sorted(set((round(x, 9), round(y, 9)) for x, y in inside))
    if len(inside) < 2:
        return None
    return [list(inside[0]), list(inside[-1])]


def output_map(w1=1.0, w2=1.0, b=-0.5, f="sign", size=80, domain=2.0):
    """The neuron's output over [-domain, domain]^2 as size x size bytes (0 = bottom of
    f's range, 255 = top), the range itself, and the separating line."""
    a = neuron(plane(size, domain), w1, w2, b, f)
    lo, hi = ACTIVATION_RANGE[f]
    if hi is None:
        hi = max(float(a.max()), 1e-9)
    scaled = np.clip((a - lo) / (hi - lo), 0.0, 1.0)
    return {
        "map": np.round(scaled * 255).astype(np.uint8).reshape(size, size),
        "range": [lo, hi],
        "line": separating_line(w1, w2, b, domain),
        "domain": domain,
    }
