"""The Playground's Python side: setup, chunks of training, frames with a byte boundary."""
import time

import numpy as np
import pytest

from backprop_lab import datasets
from backprop_lab.lessons import playground as pg


def test_setup_gives_points_and_an_untrained_frame():
    out = pg.setup(dataset="circle", noise=0.1, train_ratio=0.6, seed=3)
    assert out["train"]["X"].shape == (300, 2) and out["test"]["X"].shape == (200, 2)
    assert set(np.unique(out["train"]["y"])) == {0, 1}
    f = out["frame"]
    assert f["epoch"] == 0 and f["epochs"] == [0]
    assert f["boundary"].shape == (pg.GRID, pg.GRID) and f["boundary"].dtype == np.uint8


def test_training_lowers_the_loss_and_frames_carry_only_new_epochs():
    first = pg.setup(dataset="circle", seed=0)["frame"]
    f = pg.train(epochs=5)
    assert f["epochs"] == [1, 2, 3, 4, 5]
    for _ in range(30):
        f = pg.train(epochs=10)
    assert f["epoch"] == 305
    assert f["train_loss"][-1] < 0.2 < first["train_loss"][0]
    assert f["test_acc"] > 0.9
    # The boundary holds both decisions: inside the circle class 1, outside class 0.
    b = f["boundary"]
    assert b[pg.GRID // 2, pg.GRID // 2] > 200 and b[0, 0] < 55


def test_learning_rate_changes_without_reset_and_divergence_is_reported():
    pg.setup(activation="linear", hidden=[8, 8], eta=0.03, seed=0)
    pg.train(epochs=2)
    pg.set_rates(eta=10.0)
    f = pg.train(epochs=20)
    assert f["epoch"] >= 2, "changing eta kept the epochs already trained"
    assert f["diverged"] and "boundary" not in f and "params" not in f
    assert all(np.isfinite(v) for v in f["train_loss"])


def test_regularization_settings_map_to_l1_and_l2():
    pg.setup(seed=0)
    assert pg.set_rates(regularization="L1", reg_rate=0.01) == {"eta": 0.03, "l1": 0.01, "l2": 0.0, "beta": 0.0}
    assert pg.set_rates(regularization="L2", reg_rate=0.3) == {"eta": 0.03, "l1": 0.0, "l2": 0.3, "beta": 0.0}
    assert pg.set_rates(optimizer="momentum", beta=0.9)["beta"] == 0.9
    assert pg.set_rates(optimizer="sgd", beta=0.9)["beta"] == 0.0


def test_thumbnails_show_every_class_of_every_dataset():
    pics = pg.thumbnails()
    assert set(pics) == set(datasets.NAMES)
    for name, pic in pics.items():
        values = set(np.unique(pic)) - {255}
        if datasets.KIND[name] == "regression":
            assert min(values) < 50 and max(values) > 150     # both ends of [-1, 1]
        else:
            assert values == set(range(datasets.n_classes(name)))


def test_three_class_spiral_trains_with_a_softmax_output():
    out = pg.setup(dataset="spiral3", hidden=[8, 8], activation="tanh", eta=0.1, seed=0)
    assert out["kind"] == "multiclass" and out["classes"] == 3
    assert pg._run["net"].sizes == [2, 8, 8, 3] and pg._run["net"].output == "softmax"
    f = pg.train(epochs=1)
    assert f["classes"].shape == (pg.GRID, pg.GRID) and set(np.unique(f["classes"])) <= {0, 1, 2}
    assert f["confusion"].shape == (3, 3) and f["confusion"].sum() == 250


def test_regression_uses_a_linear_output_and_squared_error():
    out = pg.setup(dataset="plane", hidden=[3], activation="tanh", loss="squared", seed=0)
    assert out["kind"] == "regression" and out["train"]["y"].dtype == np.float32
    for _ in range(10):
        f = pg.train(epochs=5)
    assert f["train_loss"][-1] < 0.01 and f["train_acc"] is None and f["confusion"] is None
    with pytest.raises(ValueError, match="squared error"):
        pg.setup(dataset="plane", loss="cross_entropy")


def test_features_feed_the_network():
    pg.setup(dataset="circle", hidden=[], features=["x1^2", "x2^2"], eta=0.3, seed=0)
    assert pg._run["net"].sizes == [2, 1]
    f = pg.train(epochs=40)
    assert f["test_acc"] > 0.95      # a circle is linear in x1^2 and x2^2


def test_stop_conditions_end_training():
    pg.setup(seed=0)
    f = pg.train(epochs=100, stop_epoch=7)
    assert f["epoch"] == 7 and f["stopped"] == "reached epoch 7"
    f = pg.train(epochs=1000, stop_loss=0.5)
    assert f["train_loss"][-1] <= 0.5 and "train loss" in f["stopped"]


def test_neuron_pictures_cover_every_unit_and_set_param_changes_the_output():
    pg.setup(hidden=[4, 2], seed=0)
    f = pg.frame()
    assert f["neurons"].shape == (4 + 2 + 1, pg.SMALL, pg.SMALL)
    before = f["boundary"].copy()
    f = pg.set_param(5, -1, 0, 5.0)        # the output bias b3 = params[5]
    assert pg._run["net"].params[5][0] == 5.0
    assert f["boundary"].mean() > before.mean()   # a big positive bias pushes p(class 1) up
    pg.set_param(0, 1, 2, -0.75)           # W1[1, 2]
    assert pg._run["net"].params[0][1, 2] == -0.75
    assert pg.neuron_map(0, 1).shape == (pg.GRID, pg.GRID)


def test_own_points_make_a_dataset():
    pts = [[-3, -3, 0], [-3.5, -2, 0], [3, 3, 1], [2, 3.5, 1], [0, 5, 2], [0.5, 4.5, 2]]
    out = pg.setup(dataset="own", points=pts, train_ratio=0.5, hidden=[4], seed=0)
    assert out["kind"] == "multiclass" and out["classes"] == 3
    assert len(out["train"]["X"]) + len(out["test"]["X"]) == 6
    with pytest.raises(ValueError, match="at least 2 points"):
        pg.setup(dataset="own", points=[[0, 0, 1]])


def test_long_epochs_are_trained_in_budgeted_chunks_of_mini_batches():
    pg.setup(hidden=[32] * 10, batch_size=1, noise=0.5, eta=0.03, seed=0)
    pg._run["epoch_ms"] = 1e6           # as if the last epoch took far longer than a chunk
    t = time.perf_counter()
    f = pg.train(epochs=1, budget_ms=20)
    assert (time.perf_counter() - t) < 0.5
    assert f["epoch"] == 0 and pg._run["trainer"]._pos > 0   # part of an epoch was trained
    pg._run["epoch_ms"] = 0.0           # short epochs: whole epochs again
    f = pg.train(epochs=1, budget_ms=0)
    assert f["epoch"] == 1


def test_per_batch_history_is_not_kept_by_the_playground():
    pg.setup(seed=0)
    for _ in range(5):
        pg.train(epochs=3)
    h = pg._run["trainer"].history
    assert h["epsilon"] == [] and h["Q"] == [] and len(h["epoch"]) == 16


def test_after_one_slow_epoch_whole_epochs_resume_once_they_are_cheap_again():
    """A single slow epoch (load, a pre-empted worker) must not leave a small net on the slow
    mini-batch path for good: the batches re-estimate the epoch's cost."""
    pg.setup(seed=0)                    # the defaults: an epoch takes about a millisecond
    pg._run["epoch_ms"] = 60.0          # as if one epoch had been pre-empted (> 4 budgets of 12 ms)
    pg.train(epochs=1, budget_ms=12)    # mini-batches, timed
    assert pg._run["epoch_ms"] < 48, "the estimate follows the batches' real cost"
    before = pg._run["trainer"].epochs
    pg.train(epochs=1, budget_ms=12)
    assert pg._run["trainer"].epochs > before + 1, "whole epochs again: several in one chunk"
