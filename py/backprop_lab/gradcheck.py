"""Check the hand-written backward pass against finite differences.

Central difference, for every single entry w of every array:

    dL/dw  ~  (L(w + h) - L(w - h)) / (2 h)          error O(h^2)

compared by the relative error |a - n| / max(1e-8, |a| + |n|).
Everything is float64; h = 1e-6 by default.  Slow (two loss evaluations per
parameter) but simple: use it on small nets only.
"""
import numpy as np


def numerical_grads(f, arrays, h=1e-6):
    """Central-difference gradient of f(arrays) -> float w.r.t. every array.

    Each entry is nudged in place and put back, so f may read the arrays
    directly (e.g. net.params).  Returns a list of arrays shaped like `arrays`.
    """
    grads = []
    for A in arrays:
        G = np.zeros(A.shape)
        for i in np.ndindex(*A.shape):
            old = A[i]
            A[i] = old + h
            f_plus = f(arrays)
            A[i] = old - h
            f_minus = f(arrays)
            A[i] = old                                 # restore
            G[i] = (f_plus - f_minus) / (2 * h)
        grads.append(G)
    return grads


def relative_error(a, n):
    """Largest |a - n| / max(1e-8, |a| + |n|) over all entries."""
    a, n = np.asarray(a, dtype=float), np.asarray(n, dtype=float)
    return float(np.max(np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))))


def check_grads(net, X, y, loss="bce", l1=0.0, l2=0.0, h=1e-6):
    """Max relative error between net.loss_and_grads and finite differences."""
    _, analytic = net.loss_and_grads(X, y, loss, l1, l2)
    numeric = numerical_grads(lambda params: net.loss(X, y, loss, l1, l2), net.params, h)
    return max(relative_error(a, n) for a, n in zip(analytic, numeric))
