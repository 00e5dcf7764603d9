"""Lesson 2, logic gates: AND, OR and NOT as single threshold neurons.

A neuron with the step activation outputs a(x) = [w1 x1 + w2 x2 + b > 0],
where [P] is 1 if P is true and 0 otherwise. With the lecture's weights

    x1 AND x2 = [x1 + x2 - 3/2 > 0]
    x1 OR  x2 = [x1 + x2 - 1/2 > 0]
    NOT x1    = [-x1 + 1/2 > 0]          (x2 is ignored: w2 = 0)

it computes each gate on the four corners (0/1, 0/1) of the unit square.
The page moves w1, w2 and b and this module recomputes the truth table.
"""
import numpy as np

# The lecture's weights (w1, w2, b) of each gate
GATES = {"and": (1.0, 1.0, -1.5), "or": (1.0, 1.0, -0.5), "not": (-1.0, 0.0, 0.5)}

# The four inputs, one row each: (x1, x2) = (0, 0), (0, 1), (1, 0), (1, 1)
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

# The square of the plane that the page draws: [LOW, HIGH]^2 around the corners
LOW, HIGH = -0.5, 1.5


def target(gate, X):
    """The gate's true value on the inputs X, shape (n, 2) -> (n,) of 0/1."""
    x1, x2 = X[:, 0].astype(bool), X[:, 1].astype(bool)
    if gate == "and":
        return (x1 & x2).astype(int)
    if gate == "or":
        return (x1 | x2).astype(int)
    if gate == "not":
        return (~x1).astype(int)
    raise ValueError("unknown gate %r: choose and, or or not" % (gate,))


def threshold_neuron(X, w1, w2, b):
    """a(x) = [w1 x1 + w2 x2 + b > 0] for each row of X, shape (n, 2) -> (n,) of 0/1."""
    z = X @ np.array([w1, w2]) + b          # z = <w, x> + b
    return (z > 0).astype(int)              # [z > 0]


def truth_table(gate="and", w1=1.0, w2=1.0, b=-1.5):
    """One row per corner: the inputs, z, the neuron's output, the gate's value and
    whether they agree; plus how many rows are right."""
    z = CORNERS @ np.array([w1, w2]) + b
    out = threshold_neuron(CORNERS, w1, w2, b)
    want = target(gate, CORNERS)
    rows = [{"x1": int(x[0]), "x2": int(x[1]), "z": float(zi), "output": int(o),
             "target": int(t), "right": bool(o == t)}
            for x, zi, o, t in zip(CORNERS, z, out, want)]
    return {"rows": rows, "n_right": sum(r["right"] for r in rows), "n_rows": len(rows)}


def square(size, low=LOW, high=HIGH):
    """Centres of a size x size grid over [low, high]^2, row 0 at the top: (size^2, 2)."""
    ticks = low + (np.arange(size) + 0.5) * ((high - low) / size)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


def line_in_square(w1, w2, b, low=LOW, high=HIGH):
    """Two points of w1 x1 + w2 x2 + b = 0 on the edges of [low, high]^2, or None."""
    points = []
    if abs(w2) > 1e-12:                      # x2 = -(w1 x1 + b) / w2 at the left and right edges
        points += [(x1, -(w1 * x1 + b) / w2) for x1 in (low, high)]
    if abs(w1) > 1e-12:                      # x1 = -(w2 x2 + b) / w1 at the bottom and top edges
        points += [(-(w2 * x2 + b) / w1, x2) for x2 in (low, high)]
    eps = 1e-9
    inside = sorted(set((round(p, 9), round(q, 9)) for p, q in points
                        if low - eps <= p <= high + eps and low - eps <= q <= high + eps))
    if len(inside) < 2:
        return None
    return [list(inside[0]), list(inside[-1])]


def gate_view(gate="and", w1=1.0, w2=1.0, b=-1.5, size=80):
    """Everything the page shows: the neuron's output over [LOW, HIGH]^2 as size x size
    bytes (0 = output 0, 255 = output 1), its line, the four corners coloured by the
    gate's true value, and the truth table."""
    a = threshold_neuron(square(size), w1, w2, b)
    return {
        "map": (a * 255).astype(np.uint8).reshape(size, size),
        "line": line_in_square(w1, w2, b),
        "points": {"X": CORNERS.astype(np.float32), "y": target(gate, CORNERS).astype(np.uint8)},
        "table": truth_table(gate, w1, w2, b),
        "square": [LOW, HIGH],
    }

