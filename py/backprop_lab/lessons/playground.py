"""The Playground: an MLP learns a 2-D dataset, one short chunk of epochs at a time.

The page calls ``setup`` once per configuration, then ``train`` again and again
while Play is on. Each call returns a *frame*: the epoch counter, the losses of
the epochs just run, and the network's output over a GRID x GRID square as
bytes (0 = surely class 0, 255 = surely class 1), ready to be coloured.
"""
import time

import numpy as np

from .. import datasets
from ..nn import MLP
from ..train import Trainer

GRID = 100      # the boundary is drawn from GRID x GRID forward passes
DOMAIN = 6.0    # the plane shown is [-DOMAIN, DOMAIN]^2, as in TensorFlow Playground
N_POINTS = 500

_run = {}       # this worker's one Playground run: net, trainer, grid


def grid_points(n=GRID, d=DOMAIN):
    """Centres of an n x n grid over [-d, d]^2, row 0 at the top: shape (n*n, 2)."""
    ticks = -d + (np.arange(n) + 0.5) * (2 * d / n)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


def setup(dataset="circle", noise=0.0, train_ratio=0.5, batch_size=10, hidden=(4, 2),
          activation="tanh", eta=0.03, regularization="none", reg_rate=0.0, seed=0):
    """Make the data and a fresh network; return the points and the first frame."""
    X_train, y_train, X_test, y_test = datasets.make(
        dataset, n=N_POINTS, noise=noise, train_ratio=train_ratio, seed=seed)
    net = MLP([2] + list(hidden) + [1], activation=activation, output="sigmoid", seed=seed)
    trainer = Trainer(net, X_train, y_train, X_test, y_test, loss="bce", eta=eta,
                      batch_size=batch_size, seed=seed)
    _run.update(net=net, trainer=trainer, grid=grid_points(), shown=0)
    set_rates(eta=eta, regularization=regularization, reg_rate=reg_rate, batch_size=batch_size)
    _run["trainer"].history["epoch"].append(0)  # epoch 0: the untrained network
    loss_tr, acc_tr = trainer.evaluate(X_train, y_train)
    loss_te, acc_te = trainer.evaluate(X_test, y_test)
    for key, value in (("train_loss", loss_tr), ("test_loss", loss_te),
                       ("train_acc", acc_tr), ("test_acc", acc_te)):
        trainer.history[key].append(value)
    return {
        "train": {"X": X_train.astype(np.float32), "y": y_train.astype(np.uint8)},
        "test": {"X": X_test.astype(np.float32), "y": y_test.astype(np.uint8)},
        "domain": DOMAIN,
        "frame": frame(),
    }


def set_rates(eta=None, regularization=None, reg_rate=None, batch_size=None):
    """Change training settings without resetting the network."""
    trainer = _run["trainer"]
    if eta is not None:
        trainer.eta = float(eta)
    if regularization is not None:
        rate = float(reg_rate or 0.0)
        trainer.l1 = rate if regularization == "L1" else 0.0
        trainer.l2 = rate if regularization == "L2" else 0.0
    if batch_size is not None:
        trainer.batch_size = int(batch_size)
    return {"eta": trainer.eta, "l1": trainer.l1, "l2": trainer.l2}


def train(epochs=1, budget_ms=0.0):
    """Run `epochs` epochs, or more until `budget_ms` has passed; return a frame."""
    trainer = _run["trainer"]
    start = time.perf_counter()
    done = 0
    while not trainer.diverged and (
            done < epochs or (time.perf_counter() - start) * 1000 < budget_ms):
        trainer.epoch()
        done += 1
    return frame()


def boundary():
    """The network's output over the grid, as GRID x GRID bytes: round(255 * p(class 1))."""
    p = _run["net"].forward(_run["grid"])[:, 0]
    return np.round(np.nan_to_num(p) * 255).astype(np.uint8).reshape(GRID, GRID)


def frame():
    """What the page draws: new history since the last frame, numbers and boundary."""
    h = _run["trainer"].history
    start, _run["shown"] = _run["shown"], len(h["epoch"])
    diverged = bool(_run["trainer"].diverged)
    return {
        "epoch": h["epoch"][-1],
        "epochs": h["epoch"][start:],
        "train_loss": h["train_loss"][start:],
        "test_loss": h["test_loss"][start:],
        "train_acc": h["train_acc"][-1],
        "test_acc": h["test_acc"][-1],
        "diverged": diverged,
        "boundary": None if diverged else boundary(),
    }


def _moons_outline(n):
    """make_moons without noise, drawn with numpy alone (the real data needs scikit-learn)."""
    t = np.linspace(0, np.pi, n // 2)
    upper = np.column_stack([np.cos(t), np.sin(t)])             # label 0
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])   # label 1
    X = 3.0 * (np.vstack([upper, lower]) - [0.5, 0.25])         # as datasets.moons scales it
    return X, np.repeat([0, 1], n // 2)


def thumbnails(n=120, size=32):
    """A small class map of each dataset: {name: size x size bytes, 0 / 255 / 127 = empty}."""
    pictures = {}
    for name in datasets.NAMES:
        if name == "moons":
            X, y = _moons_outline(n)
        else:
            X, y, _, _ = datasets.make(name, n=n, noise=0.0, train_ratio=1.0, seed=1)
        image = np.full((size, size), 127, np.uint8)
        col = np.clip(((X[:, 0] + DOMAIN) / (2 * DOMAIN) * size).astype(int), 0, size - 1)
        row = np.clip(((DOMAIN - X[:, 1]) / (2 * DOMAIN) * size).astype(int), 0, size - 1)
        image[row, col] = np.where(y > 0.5, 255, 0)
        pictures[name] = image
    return pictures
