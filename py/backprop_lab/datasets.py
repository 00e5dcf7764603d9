"""Two-class 2-D toy data sets as in TensorFlow Playground (playground.tensorflow.org).

Every generator returns X of shape (n, 2), float, inside the square [-6, 6]^2,
and y of shape (n,), int, with labels 0/1 (Playground's -1 becomes 0).
`noise` is a float in [0, 0.5]: the Playground UI's slider 0..50 divided by 100.
The formulas follow Playground's dataset.ts; numbers are drawn in arrays with
np.random.default_rng(seed) instead of point by point, so the exact points
differ from Playground's, but their distribution is the same.

    circle  label 1 inside radius 2.5, label 0 on the ring 3.5 .. 5
    xor     label 1 where x1 * x2 >= 0, uniform in [-5, 5]^2 pushed 0.3 away from the axes
    gauss   label 1 around (2, 2), label 0 around (-2, -2)
    spiral  two interleaved spiral arms
    moons   sklearn.datasets.make_moons, scaled into the square

make(name, ...) adds a seeded shuffle-and-split into train and test sets.
"""
import numpy as np

NAMES = ("circle", "xor", "gauss", "spiral", "moons")


def _halves(n):
    return n // 2, n - n // 2


def circle(n=500, noise=0.0, seed=0):
    rng = np.random.default_rng(seed)
    radius = 5.0
    n1, n0 = _halves(n)
    # r in [0, 2.5] for class 1, r in [3.5, 5] for class 0
    r = np.concatenate([rng.uniform(0, 0.5 * radius, n1), rng.uniform(0.7 * radius, radius, n0)])
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    # Playground labels the point by where its NOISY copy lies, but keeps the clean point
    shifted = X + noise * rng.uniform(-radius, radius, (n, 2))
    y = (np.hypot(shifted[:, 0], shifted[:, 1]) < 0.5 * radius).astype(int)
    return X, y


def xor(n=500, noise=0.0, seed=0):
    rng = np.random.default_rng(seed)
    padding = 0.3
    X = rng.uniform(-5, 5, (n, 2))
    X += np.where(X > 0, padding, -padding)          # keep points off the axes
    shifted = X + noise * rng.uniform(-5, 5, (n, 2))  # noise only moves the label
    y = (shifted[:, 0] * shifted[:, 1] >= 0).astype(int)
    return X, y


def gauss(n=500, noise=0.0, seed=0):
    rng = np.random.default_rng(seed)
    variance = 0.5 + 7.0 * noise                     # Playground maps noise 0..0.5 to 0.5..4
    n1, n0 = _halves(n)
    centers = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [n1, n0], axis=0)
    X = centers + np.sqrt(variance) * rng.standard_normal((n, 2))
    y = np.repeat([1, 0], [n1, n0])
    return np.clip(X, -6, 6), y                      # the few far-out points onto the border


def spiral(n=500, noise=0.0, seed=0):
    rng = np.random.default_rng(seed)
    arms = []
    for delta_t, m in zip((0.0, np.pi), _halves(n)):
        i = np.arange(m) / m
        r = 5 * i                                    # radius grows from 0 to 5
        t = 1.75 * 2 * np.pi * i + delta_t           # 1.75 turns; second arm rotated by pi
        arms.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
    X = np.concatenate(arms) + noise * rng.uniform(-1, 1, (n, 2))
    y = np.repeat([1, 0], _halves(n))
    return X, y


def moons(n=500, noise=0.0, seed=0):
    """sklearn's two half-moons; `noise` is make_moons' Gaussian std (in moon units,
    before the scaling by 3 that maps x in [-1, 2], y in [-0.5, 1] into the square)."""
    from sklearn.datasets import make_moons          # lazy: scikit-learn is a big load
    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    X = 3.0 * (X - [0.5, 0.25])                      # centre, then scale
    return np.clip(X, -6, 6), y.astype(int)


GENERATORS = {"circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral, "moons": moons}


def make(name, n=500, noise=0.0, train_ratio=0.5, seed=0):
    """(X_train, y_train, X_test, y_test) from data set `name`, shuffled and split.

    The first round(train_ratio * n) shuffled points are the training set.
    The same arguments give identical arrays.
    """
    if name not in GENERATORS:
        raise ValueError("unknown data set %r; valid: %s" % (name, ", ".join(NAMES)))
    X, y = GENERATORS[name](n, noise, seed)
    order = np.random.default_rng([seed, 1]).permutation(n)   # its own stream for the split
    n_train = int(round(train_ratio * n))
    train, test = order[:n_train], order[n_train:]
    return X[train], y[train], X[test], y[test]
