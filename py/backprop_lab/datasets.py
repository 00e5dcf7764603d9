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

More than two classes (labels 0 .. k-1, for a softmax output):

    spiral3  three interleaved spiral arms
    blobs    four Gaussian clusters around the origin

Regression (y is a float in [-1, 1], as in Playground's regression problems):

    plane      y = (x1 + x2) / 10, with noise moving the point it is read at
    reg-gauss  six signed Gaussian bumps

make(name, ...) adds a seeded shuffle-and-split into train and test sets.
"""
import numpy as np

NAMES = ("circle", "xor", "gauss", "spiral", "moons", "spiral3", "blobs", "plane", "reg-gauss")
# What kind of problem each data set poses: "binary", "multiclass" or "regression"
KIND = {"circle": "binary", "xor": "binary", "gauss": "binary", "spiral": "binary", "moons": "binary",
        "spiral3": "multiclass", "blobs": "multiclass", "plane": "regression", "reg-gauss": "regression"}


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


def _spiral_arms(n, k, noise, rng):
    """k interleaved arms, arm c rotated by 2 pi c / k; returns X (n, 2) and arm index (n,)."""
    sizes = [n // k + (1 if c < n % k else 0) for c in range(k)]
    arms = []
    for c, m in enumerate(sizes):
        i = np.arange(m) / m
        r = 5 * i                                    # radius grows from 0 to 5
        t = 1.75 * 2 * np.pi * i + 2 * np.pi * c / k  # 1.75 turns; arm c rotated by 2 pi c / k
        arms.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
    X = np.concatenate(arms) + noise * rng.uniform(-1, 1, (n, 2))
    return X, np.repeat(np.arange(k), sizes)


def spiral(n=500, noise=0.0, seed=0):
    X, arm = _spiral_arms(n, 2, noise, np.random.default_rng(seed))
    return X, 1 - arm                                # the first arm is class 1, as in Playground


def spiral3(n=500, noise=0.0, seed=0):
    return _spiral_arms(n, 3, noise, np.random.default_rng(seed))


def blobs(n=500, noise=0.0, seed=0, k=4):
    """k Gaussian clusters, centred on a circle of radius 3.5; noise widens them."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % k
    angle = 2 * np.pi * y / k + np.pi / 4
    centres = 3.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    X = centres + (0.6 + 4 * noise) * rng.standard_normal((n, 2))
    return np.clip(X, -6, 6), y


def plane(n=500, noise=0.0, seed=0):
    """Regression: y = (x1 + x2) / 10, in [-1, 1] over the square (Playground's regress plane)."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6, 6, (n, 2))
    shifted = X + noise * rng.uniform(-6, 6, (n, 2))
    return X, np.clip((shifted[:, 0] + shifted[:, 1]) / 10, -1, 1)


# (centre x1, centre x2, sign) of each bump of reg-gauss
BUMPS = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]


def reg_gauss(n=500, noise=0.0, seed=0):
    """Regression: the strongest of six signed bumps, each falling from 1 to 0 over radius 2."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6, 6, (n, 2))
    shifted = X + noise * rng.uniform(-6, 6, (n, 2))
    values = np.stack([sign * np.clip(1 - np.hypot(shifted[:, 0] - cx, shifted[:, 1] - cy) / 2, 0, 1)
                       for cx, cy, sign in BUMPS], axis=1)             # (n, 6)
    strongest = np.argmax(np.abs(values), axis=1)
    return X, values[np.arange(n), strongest]


def moons(n=500, noise=0.0, seed=0):
    """sklearn's two half-moons; `noise` is make_moons' Gaussian std (in moon units,
    before the scaling by 3 that maps x in [-1, 2], y in [-0.5, 1] into the square)."""
    from sklearn.datasets import make_moons  # lazy: scikit-learn is a big load
    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    X = 3.0 * (X - [0.5, 0.25])                      # centre, then scale
    return np.clip(X, -6, 6), y.astype(int)


GENERATORS = {"circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral, "moons": moons,
              "spiral3": spiral3, "blobs": blobs, "plane": plane, "reg-gauss": reg_gauss}


def n_classes(name):
    """Number of classes of a classification data set (1 for regression: one output)."""
    return {"binary": 2, "multiclass": {"spiral3": 3, "blobs": 4}.get(name), "regression": 1}[KIND[name]]


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
