"""Lesson 10, mini-batch SGD: the lecture's algorithm (train.Trainer), watched batch by batch.

    Q = mean loss over the whole training set
    repeat:
        1. pick M samples at random
        2. epsilon = mean loss on them
        3. w = w - eta * gradient of epsilon
        4. Q = lambda_ * epsilon + (1 - lambda_) * Q

The page calls ``setup`` once, then ``train`` in short chunks while Play is on.
``gradient_variance`` measures why a bigger M helps: the mini-batch gradient
scatters around the full gradient with a variance that falls like 1/M.
"""
import copy
import time

import numpy as np

from .. import datasets
from ..nn import MLP
from ..train import Trainer

N_POINTS = 600          # 480 for training (the "full" batch), 120 held out
HIDDEN = [6]            # a 2-6-1 tanh net with a sigmoid output
BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64]   # the M of the variance plot

PER_CLIENT_STATE = ("_run",)   # each slide of a deck keeps its own (bridge.use_client)
_run = {}               # this worker's one run: the trainer and its data


def make_trainer(batch_size=10, lambda_=0.1, eta=0.1, seed=0):
    """A fresh 2-6-1 net on the circle data and the lecture's training loop."""
    X, y, _, _ = datasets.make("circle", n=N_POINTS, noise=0.1, train_ratio=0.8, seed=seed)
    net = MLP([2] + HIDDEN + [1], activation="tanh", output="sigmoid", seed=seed)
    return Trainer(net, X, y, loss="bce", eta=eta, batch_size=int(batch_size),
                   lambda_=lambda_, seed=seed)


def setup(batch_size=10, lambda_=0.1, eta=0.1, seed=0):
    """Start a new run; returns the training set size and the first Q."""
    trainer = make_trainer(batch_size, lambda_, eta, seed)
    _run.update(trainer=trainer, sent=0, full=[])
    return {"n_train": len(trainer.X_train), "Q": float(trainer.Q)}


def set_rates(batch_size=None, lambda_=None, eta=None):
    """Change M, lambda_ or eta between batches, keeping the weights."""
    trainer = _run["trainer"]
    if batch_size is not None:
        trainer.batch_size = int(batch_size)
    if lambda_ is not None:
        trainer.lambda_ = float(lambda_)
    if eta is not None:
        trainer.eta = float(eta)
    return {"batch_size": trainer.batch_size, "lambda_": trainer.lambda_, "eta": trainer.eta}


def full_loss(trainer):
    """The true loss: the mean over the whole training set (what Q estimates)."""
    return float(trainer.net.loss(trainer.X_train, trainer.y_train, trainer.loss))


def train(batches=1, budget_ms=0.0):
    """Run `batches` mini-batches, or more until `budget_ms` has passed.

    Returns the new points: batch numbers, epsilon, Q and the full-data loss
    after each batch, plus the epoch (passes over the data, fractional).
    """
    trainer = _run["trainer"]
    start = time.perf_counter()
    done = 0
    while not trainer.diverged and (
            done < batches or (time.perf_counter() - start) * 1000 < budget_ms):
        trainer.step()
        _run["full"].append(full_loss(trainer))
        done += 1
    h, first = trainer.history, _run["sent"]
    _run["sent"] = len(h["epsilon"])
    n = len(trainer.X_train)
    return {"batch": list(range(first + 1, _run["sent"] + 1)), "epsilon": h["epsilon"][first:],
            "Q": h["Q"][first:], "full": _run["full"][first:_run["sent"]],
            "epoch": trainer.epochs + trainer._pos / n, "diverged": trainer.diverged}


def flat_gradient(net, X, y):
    """All of dL/dW and dL/db of the net on (X, y), as one vector."""
    _, grads = net.loss_and_grads(X, y, "bce")
    return np.concatenate([g.ravel() for g in grads])


def freeze():
    """Keep a copy of the net as it is now: gradient_variance measures at these weights
    even while training goes on between its calls."""
    _run["frozen"] = copy.deepcopy(_run["trainer"])
    return {"batches_trained": len(_run["trainer"].history["epsilon"])}


def gradient_variance(M, batches=200, seed=0, trainer=None):
    """Variance of the mini-batch gradient at fixed weights:

        mean over `batches` random batches of || g_M - g_full ||^2

    where g_M is the gradient on M samples drawn without replacement and
    g_full the gradient on the whole training set.  Theory: sigma^2 / M times
    (N - M) / (N - 1), so it falls like 1/M while M is small against N.
    """
    trainer = trainer or _run.get("frozen") or make_trainer(seed=seed)
    net, X, y = trainer.net, trainer.X_train, trainer.y_train
    g_full = flat_gradient(net, X, y)
    rng = np.random.default_rng([seed, int(M)])
    total = 0.0
    for _ in range(int(batches)):
        idx = rng.choice(len(X), size=int(M), replace=False)    # M samples at random
        diff = flat_gradient(net, X[idx], y[idx]) - g_full
        total += float(diff @ diff)                              # || g_M - g_full ||^2
    return {"M": int(M), "variance": total / int(batches)}


def fit_slope(Ms, variances):
    """Slope and intercept of the straight line through (log10 M, log10 variance)."""
    slope, intercept = np.polyfit(np.log10(Ms), np.log10(variances), 1)
    return {"slope": float(slope), "intercept": float(intercept)}


def variance_curve(Ms=BATCH_SIZES, batches=200, seed=0):
    """gradient_variance for every M, and the fitted log-log slope (near -1)."""
    trainer = make_trainer(seed=seed)
    variances = [gradient_variance(M, batches, seed, trainer)["variance"] for M in Ms]
    return dict(fit_slope(Ms, variances), M=list(Ms), variance=variances)
