import warnings

import numpy as np
import pytest

from backprop_lab import datasets
from backprop_lab.nn import MLP
from backprop_lab.train import HISTORY_KEYS, Trainer


def _circle_trainer(seed=0, **kwargs):
    X_train, y_train, X_test, y_test = datasets.make("circle", n=100, noise=0.0, seed=0)
    net = MLP([2, 4, 2, 1], "tanh", "sigmoid", seed=0)
    return Trainer(net, X_train, y_train, X_test, y_test, seed=seed, **kwargs)


def test_history_lengths():
    trainer = _circle_trainer(batch_size=10)             # 50 training points: 5 batches
    assert set(trainer.history) == set(HISTORY_KEYS)
    for _ in range(3):
        trainer.epoch()
    h = trainer.history
    assert len(h["epsilon"]) == len(h["Q"]) == 15
    assert h["epoch"] == [1, 2, 3]
    for key in ("train_loss", "test_loss", "train_acc", "test_acc"):
        assert len(h[key]) == 3 and all(isinstance(v, float) for v in h[key])
    trainer.batch_size = 7                               # changed between epochs: 8 batches
    trainer.epoch()
    assert len(h["epsilon"]) == 15 + 8 and h["epoch"][-1] == 4


def test_step_is_one_mini_batch():
    trainer = _circle_trainer(batch_size=10)
    for _ in range(4):
        trainer.step()
    assert len(trainer.history["epsilon"]) == 4 and trainer.history["epoch"] == []
    trainer.step()                                       # 5th batch finishes the epoch
    assert trainer.history["epoch"] == [1]
    trainer.step()
    trainer.epoch()                                      # finishes the current (2nd) pass
    assert trainer.history["epoch"] == [1, 2] and len(trainer.history["epsilon"]) == 10


def test_Q_follows_the_lecture_recursion_exactly():
    lambda_ = 0.3
    trainer = _circle_trainer(lambda_=lambda_, l2=0.01)
    Q = trainer.Q
    assert Q == trainer.net.loss(trainer.X_train, trainer.y_train, "bce", l2=0.01)
    trainer.epoch()
    trainer.epoch()
    for eps, q in zip(trainer.history["epsilon"], trainer.history["Q"]):
        Q = lambda_ * eps + (1 - lambda_) * Q
        assert q == Q


def test_epsilon_is_the_batch_loss_before_the_step():
    trainer = _circle_trainer(batch_size=50)             # one batch = the whole training set
    before = trainer.net.loss(trainer.X_train, trainer.y_train, "bce")
    trainer.step()
    assert trainer.history["epsilon"][0] == pytest.approx(before, rel=1e-12)


def test_evaluate_without_test_set():
    X, y, _, _ = datasets.make("gauss", n=60, seed=1)
    trainer = Trainer(MLP([2, 1], output="sigmoid"), X, y, eta=0.1)
    trainer.epoch()
    assert trainer.history["test_loss"] == [None] and trainer.history["test_acc"] == [None]
    loss, acc = trainer.evaluate(X, y)
    assert loss == trainer.history["train_loss"][0] and 0.9 <= acc <= 1.0


def test_huge_eta_sets_diverged_without_raising():
    X_train, y_train, _, _ = datasets.make("circle", n=100, seed=0)
    net = MLP([2, 8, 8, 1], "relu", "linear", seed=0)
    trainer = Trainer(net, X_train, y_train, loss="mse", eta=1e6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(5):
            trainer.epoch()
    assert trainer.diverged
    n_batches = len(trainer.history["epsilon"])
    assert trainer.step() is None
    trainer.epoch()
    assert len(trainer.history["epsilon"]) == n_batches  # no more steps


def test_live_changes_reach_the_optimizer():
    trainer = _circle_trainer(eta=0.03, beta=0.0)
    trainer.eta, trainer.beta = 0.5, 0.9
    assert trainer.optimizer.eta == 0.5 and trainer.optimizer.beta == 0.9
    params = list(trainer.net.params)
    trainer.epoch()
    assert all(p is q for p, q in zip(params, trainer.net.params))   # updated in place


def _run(data_seed, train_seed, epochs=3):
    X_train, y_train, X_test, y_test = datasets.make("spiral", n=100, noise=0.2, seed=data_seed)
    net = MLP([2, 6, 1], "tanh", "sigmoid", seed=train_seed)
    trainer = Trainer(net, X_train, y_train, X_test, y_test, eta=0.1, beta=0.5, seed=train_seed)
    for _ in range(epochs):
        trainer.epoch()
    return trainer


def test_training_is_reproducible():
    a, b, c = _run(0, 0), _run(0, 0), _run(0, 1)
    assert a.history == b.history
    assert all(np.array_equal(p, q) for p, q in zip(a.net.params, b.net.params))
    assert a.history["epsilon"] != c.history["epsilon"]


def test_mlp_reaches_95_percent_on_moons():
    X_train, y_train, X_test, y_test = datasets.make("moons", n=500, noise=0.15, seed=0)
    net = MLP([2, 8, 8, 1], "tanh", "sigmoid", seed=0)
    trainer = Trainer(net, X_train, y_train, X_test, y_test, loss="bce", eta=0.1, batch_size=10)
    for _ in range(40):
        trainer.epoch()
    assert trainer.history["test_acc"][-1] >= 0.95
    assert trainer.history["Q"][-1] < trainer.history["Q"][0]


def test_softmax_training_on_three_classes():
    rng = np.random.default_rng(0)
    centers = np.array([[-3.0, 0.0], [3.0, 0.0], [0.0, 4.0]])
    y = np.repeat([0, 1, 2], 40)
    X = centers[y] + rng.normal(size=(120, 2))
    net = MLP([2, 5, 3], "relu", "softmax", seed=0)
    trainer = Trainer(net, X, y, loss="softmax_ce", eta=0.05)
    for _ in range(20):
        trainer.epoch()
    assert trainer.history["train_acc"][-1] >= 0.95


def test_invalid_pair_raises_at_construction():
    with pytest.raises(ValueError, match="'softmax_ce' cannot be used with output activation 'sigmoid'"):
        Trainer(MLP([2, 1]), np.zeros((4, 2)), np.zeros(4), loss="softmax_ce")
