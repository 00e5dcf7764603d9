"""Lesson 12: activations compared on the same data, and L2 against overfitting."""
import numpy as np
import pytest

from backprop_lab.lessons import convergence as c


def test_winner_is_the_lowest_final_loss():
    assert c.winner({"sigmoid": 0.5, "tanh": 0.1, "relu": 0.3}) == "tanh"
    assert c.winner({"sigmoid": 0.05, "tanh": 0.1, "relu": 0.3}) == "sigmoid"


@pytest.mark.parametrize("dataset", ["xor", "gauss"])
def test_race_names_the_computed_winner(dataset):
    out = c.race(dataset, epochs=15, seed=0)
    assert set(out["final"]) == set(c.ACTIVATIONS)
    assert out["final"][out["winner"]] == min(out["final"].values())
    assert out["winner"] != "sigmoid"          # sigmoid units are the slow ones here


def test_race_in_chunks_equals_the_race_in_one_go():
    whole = c.race("xor", epochs=6, seed=1)
    first = c.race_setup("xor", epochs=6, seed=1)
    assert set(first["loss"]) == set(c.ACTIVATIONS)
    epochs, losses = [], {f: [] for f in c.ACTIVATIONS}
    while True:
        out = c.race_train(budget_ms=0.0)          # one epoch per call
        epochs += out["epoch"]
        for f in c.ACTIVATIONS:
            losses[f] += out["loss"][f]
        if out["done"]:
            break
    assert epochs == [1, 2, 3, 4, 5, 6]
    assert out["winner"] == whole["winner"]
    assert out["final"] == pytest.approx(whole["final"])
    assert {f: v[-1] for f, v in losses.items()} == pytest.approx(whole["final"])


def test_l2_closes_the_gap_between_train_and_test_loss():
    out = c.overfit(l2=0.01, seed=0)
    assert out["off"]["train"] < 0.1                 # the big net learns the noise by heart
    assert out["off"]["gap"] > 0.5
    assert out["on"]["gap"] < 0.6 * out["off"]["gap"]
    assert out["on"]["test"] < out["off"]["test"]


def test_overfit_chunks_return_curves_and_boundaries():
    setup = c.overfit_setup(l2=0.01, seed=0)
    assert setup["train"]["X"].shape == (30, 2) and setup["boundary"]["on"].shape == (c.GRID, c.GRID)
    # the untrained training loss, which the page's instability watch starts from: the loss of
    # the same weights, computed afresh (both nets start from the same seed, so it is the same)
    fresh = c.overfit_trainers(l2=0.01, seed=0)["off"]
    assert setup["loss"]["off"] == pytest.approx(fresh.net.loss(fresh.X_train, fresh.y_train, fresh.loss))
    assert setup["loss"]["on"] == pytest.approx(setup["loss"]["off"])
    out = c.overfit_train(budget_ms=0.0)
    assert out["epoch"] == [1] and not out["done"]
    assert out["off"]["boundary"].dtype == np.uint8
    assert out["off"]["gap"] == pytest.approx(out["off"]["test"][-1] - out["off"]["train"][-1])


def test_a_diverging_net_stops_the_race_with_finite_numbers():
    """The page's rates cannot make these nets diverge; if one ever did, the race must stop
    (not spin forever on a trainer that no longer trains) and say which one."""
    c.race_setup("xor", epochs=20, seed=0)
    c._race["trainers"]["relu"].net.params[0][0, 0] = np.inf   # as if a step had overflowed
    seen = []
    for _ in range(50):
        out = c.race_train(budget_ms=0.0)
        seen += out["epoch"]
        for losses in out["loss"].values():
            assert np.all(np.isfinite(losses))
        if out["diverged"] or out["done"]:
            break
    assert out["diverged"] == ["relu"]
    assert not out["done"]
    assert c.race_train(budget_ms=0.0)["epoch"] == []   # nothing more happens, and it returns at once


def test_a_diverging_net_stops_the_overfit_run():
    c.overfit_setup(l2=0.01, seed=0)
    c._overfit["trainers"]["on"].net.params[0][0, 0] = np.inf
    for _ in range(50):
        out = c.overfit_train(budget_ms=0.0)
        if out["diverged"] or out["done"]:
            break
    assert out["diverged"] == ["on"]
    for name in ("off", "on"):
        assert np.all(np.isfinite(out[name]["train"])) and np.all(np.isfinite(out[name]["test"]))
        assert len(out[name]["train"]) == len(out["epoch"])
