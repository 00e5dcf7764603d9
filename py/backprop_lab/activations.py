"""Activation functions a = f(z) and their derivatives.

Every function works element-wise on an array z of any shape, e.g. (n, fan_out).
The derivative df(z, a) receives both the pre-activation z and the activation
a = f(z), so that it can reuse a when that is cheaper (sigmoid, tanh).

    name      f(z)                 f'(z)
    sigmoid   1 / (1 + exp(-z))    a (1 - a)
    tanh      tanh(z)              1 - a^2
    relu      max(0, z)            1 if z > 0 else 0
    linear    z                    1

softmax is not element-wise (each output depends on the whole row), so it is a
separate function; see losses.py for how its gradient is handled.
"""
from collections import namedtuple

import numpy as np

Activation = namedtuple("Activation", ["f", "df"])


def sigmoid(z):
    """1 / (1 + exp(-z)) without overflow, for any z (also |z| ~ 1000).

    Uses exp(-|z|) <= 1, which never overflows:
        z >= 0:  1 / (1 + exp(-z))
        z <  0:  exp(z) / (1 + exp(z))
    """
    e = np.exp(-np.abs(z))                       # e = exp(-|z|) in (0, 1]
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def relu(z):
    return np.maximum(z, 0.0)                    # (z)_+


def linear(z):
    return z


ACTIVATIONS = {
    "sigmoid": Activation(sigmoid, lambda z, a: a * (1.0 - a)),   # s' = s (1 - s)
    "tanh": Activation(np.tanh, lambda z, a: 1.0 - a * a),        # tanh' = 1 - tanh^2
    "relu": Activation(relu, lambda z, a: (z > 0).astype(z.dtype)),  # step(z)
    "linear": Activation(linear, lambda z, a: np.ones_like(z)),   # 1
}


def softmax(z):
    """Row-wise softmax of z with shape (n, k): p_ic = exp(z_ic) / sum_j exp(z_ij).

    Subtracting the row maximum first changes nothing mathematically but keeps
    every exp() argument <= 0, so nothing overflows.
    """
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# What the last layer may use.  softmax has no element-wise derivative: the
# losses apply its Jacobian directly (see losses.py), so df is None here.
OUTPUT_ACTIVATIONS = {
    "sigmoid": ACTIVATIONS["sigmoid"],
    "tanh": ACTIVATIONS["tanh"],
    "linear": ACTIVATIONS["linear"],
    "softmax": Activation(softmax, None),
}


def get(name, table=None, what="activation"):
    """The Activation (f, df) called `name` in `table` (default: ACTIVATIONS).

    Raises ValueError, listing the valid names, if there is no such entry.
    """
    table = ACTIVATIONS if table is None else table
    if name not in table:
        raise ValueError("unknown %s %r; valid: %s"
                         % (what, name, ", ".join(sorted(table))))
    return table[name]
