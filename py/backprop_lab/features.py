"""Input features, as in TensorFlow Playground: the network sees chosen functions of (x1, x2).

    name    feature
    x1      x1
    x2      x2
    x1^2    x1 squared
    x2^2    x2 squared
    x1x2    x1 times x2
    sin_x1  sin(x1)
    sin_x2  sin(x2)
"""
import numpy as np

FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: np.sin(x1),
    "sin_x2": lambda x1, x2: np.sin(x2),
}
NAMES = tuple(FEATURES)


def transform(X, names):
    """The chosen features of points X (n, 2): shape (n, len(names)), columns in `names` order."""
    unknown = [n for n in names if n not in FEATURES]
    if unknown or not names:
        raise ValueError("features must be a non-empty choice of %s, got %r" % (", ".join(NAMES), list(names)))
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([FEATURES[n](x1, x2) for n in names])
