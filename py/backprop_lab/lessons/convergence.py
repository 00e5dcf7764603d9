"""Lesson 12, improving convergence: activation functions, and L2 against overfitting.

Race: the same data, the same seed and the same starting weights, trained with
sigmoid, tanh and ReLU hidden units; the winner is the activation with the
lowest training loss after N epochs (computed from the losses, not assumed).

Overfitting: 30 noisy training points and a 2-16-16-1 net, which can learn the
noise by heart.  The same net is trained without and with the L2 penalty

    L = mean loss + 0.5 * l2 * sum of W^2        (nn.py, weights only)

and the gap between test and training loss shows how much was memorised.
The page calls the *_setup functions once and the *_train ones in short chunks.
"""
import time

import numpy as np

from .. import datasets
from ..nn import MLP
from ..train import Trainer

ACTIVATIONS = ("sigmoid", "tanh", "relu")
RACE_SIZES = [2, 6, 6, 1]
OVERFIT_SIZES = [2, 16, 16, 1]
OVERFIT_EPOCHS = 300
GRID = 80          # the decision boundary is GRID x GRID bytes over [-6, 6]^2

PER_CLIENT_STATE = ("_race", "_overfit")   # each slide of a deck keeps its own (bridge.use_client)
_race = {}
_overfit = {}


# ---- the race of activations -------------------------------------------------
def race_trainers(dataset="xor", seed=0):
    """One Trainer per activation: same data, same seed, same initial weights."""
    X, y, _, _ = datasets.make(dataset, n=400, noise=0.1, train_ratio=0.5, seed=seed)
    return {f: Trainer(MLP(RACE_SIZES, activation=f, output="sigmoid", seed=seed), X, y,
                       loss="bce", eta=0.03, batch_size=10, seed=seed)
            for f in ACTIVATIONS}


def diverged(trainers):
    """The names of the trainers whose loss became NaN or infinite (they stop training)."""
    return [name for name, t in trainers.items() if t.diverged]


def winner(final_loss):
    """The activation with the lowest final loss: {name: loss} -> name."""
    return min(final_loss, key=final_loss.get)


def race_setup(dataset="xor", epochs=40, seed=0):
    """Start a race of `epochs` epochs; returns each net's loss before training."""
    trainers = race_trainers(dataset, seed)
    _race.update(trainers=trainers, epochs=int(epochs))
    return {"epochs": int(epochs),
            "loss": {f: t.evaluate(t.X_train, t.y_train)[0] for f, t in trainers.items()}}


def race_train(budget_ms=15.0):
    """Train every net one more epoch, again and again until `budget_ms` has
    passed or the race is over.  Returns the new epochs' training losses and,
    at the end, the winner."""
    trainers, epochs = _race["trainers"], _race["epochs"]
    start = time.perf_counter()
    first = min(t.epochs for t in trainers.values())
    while min(t.epochs for t in trainers.values()) < epochs and not diverged(trainers):
        for t in trainers.values():
            t.epoch()
        if (time.perf_counter() - start) * 1000 >= budget_ms:
            break
    last = min(t.epochs for t in trainers.values())
    out = {"epoch": list(range(first + 1, last + 1)),
           "loss": {f: t.history["train_loss"][first:last] for f, t in trainers.items()},
           "done": last >= epochs, "diverged": diverged(trainers)}
    if out["done"]:
        final = {f: t.history["train_loss"][epochs - 1] for f, t in trainers.items()}
        out.update(final=final, winner=winner(final))
    return out


def race(dataset="xor", epochs=40, seed=0):
    """The whole race in one call: final losses and the winner."""
    race_setup(dataset, epochs, seed)
    out = race_train(budget_ms=float("inf"))
    return {"final": out.get("final"), "winner": out.get("winner"), "diverged": out["diverged"]}


# ---- overfitting and L2 ------------------------------------------------------
def overfit_trainers(l2=0.01, seed=0, noise=0.3):
    """Two copies of a big net on 30 noisy points: L2 off and L2 = l2."""
    X, y, X_test, y_test = datasets.make("circle", n=230, noise=noise, train_ratio=30 / 230, seed=seed)
    return {name: Trainer(MLP(OVERFIT_SIZES, activation="tanh", output="sigmoid", seed=seed),
                          X, y, X_test, y_test, loss="bce", eta=0.1, batch_size=10, l2=rate, seed=seed)
            for name, rate in (("off", 0.0), ("on", float(l2)))}


def grid_points(n=GRID, d=6.0):
    """Centres of an n x n grid over [-d, d]^2, row 0 at the top: shape (n*n, 2)."""
    ticks = -d + (np.arange(n) + 0.5) * (2 * d / n)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


def boundary(net, n=GRID):
    """The net's output over [-6, 6]^2 as n x n bytes (0 = class 0, 255 = class 1)."""
    with np.errstate(invalid="ignore", over="ignore"):
        p = net.forward(grid_points(n))[:, 0]
    p = np.nan_to_num(p, nan=0.5)                    # a diverged net: grey, never NaN
    return np.round(p * 255).astype(np.uint8).reshape(n, n)


def overfit_setup(l2=0.01, seed=0):
    """Fresh nets; returns the points (train and test), the boundaries and each net's
    training loss before training (the page's instability watch starts from it)."""
    trainers = overfit_trainers(l2, seed)
    _overfit.update(trainers=trainers)
    t = trainers["off"]
    return {"train": {"X": t.X_train.astype(np.float32), "y": t.y_train.astype(np.uint8)},
            "test": {"X": t.X_test.astype(np.float32), "y": t.y_test.astype(np.uint8)},
            "epochs": OVERFIT_EPOCHS,
            "loss": {name: tr.evaluate(tr.X_train, tr.y_train)[0] for name, tr in trainers.items()},
            "boundary": {name: boundary(tr.net) for name, tr in trainers.items()}}


def gap(trainer):
    """Test loss minus training loss after the last epoch: what was memorised."""
    return trainer.history["test_loss"][-1] - trainer.history["train_loss"][-1]


def overfit_train(budget_ms=15.0):
    """More epochs for both nets until `budget_ms` has passed (or OVERFIT_EPOCHS)."""
    trainers = _overfit["trainers"]
    start = time.perf_counter()
    first = trainers["off"].epochs
    while trainers["off"].epochs < OVERFIT_EPOCHS and not diverged(trainers):
        for t in trainers.values():
            t.epoch()
        if (time.perf_counter() - start) * 1000 >= budget_ms:
            break
    last = min(t.epochs for t in trainers.values())
    out = {"epoch": list(range(first + 1, last + 1)), "done": last >= OVERFIT_EPOCHS,
           "diverged": diverged(trainers)}
    for name, t in trainers.items():
        h = t.history
        out[name] = {"train": h["train_loss"][first:last], "test": h["test_loss"][first:last],
                     "gap": gap(t) if last else None, "test_acc": h["test_acc"][-1] if last else None,
                     "boundary": boundary(t.net)}
    return out


def overfit(l2=0.01, seed=0, epochs=OVERFIT_EPOCHS):
    """Train both nets for `epochs`; returns {off/on: {train, test, gap}}."""
    out = {}
    for name, t in overfit_trainers(l2, seed).items():
        for _ in range(epochs):
            t.epoch()
        out[name] = {"train": t.history["train_loss"][-1], "test": t.history["test_loss"][-1], "gap": gap(t)}
    return out
