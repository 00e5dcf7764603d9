"""Lesson 3: XOR. One neuron fails; the feature x1 x2 and the gate network succeed; a 2-2-1 net learns it."""
import math

import numpy as np
import pytest

from backprop_lab.lessons import logic, xor

XOR = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}


def check_is_xor(rows):
    assert [(r["x1"], r["x2"]) for r in rows] == list(XOR)
    for r in rows:
        assert r["output"] == XOR[(r["x1"], r["x2"])] and r["right"] is True


def test_a_trained_single_neuron_never_gets_all_four_across_50_seeds():
    for seed in range(50):
        out = xor.train_single_neuron(seed=seed, eta=0.5, epochs=200)
        assert out["n_right"] <= 3, seed
        assert out["n_right_per_epoch"].max() <= 3 and out["best"] <= 3, seed
        assert len(out["losses"]) == 201
        # the cross-entropy cannot go below ln 2: p = 1/2 everywhere is the best a line can do
        assert out["losses"].min() >= math.log(2) - 1e-9


def test_the_single_neurons_line_and_picture_match_its_weights():
    out = xor.train_single_neuron(seed=3, eta=0.5, epochs=20)
    m = out["map"]
    assert m.shape == (xor.SIZE, xor.SIZE) and set(np.unique(m)) <= {0, 255}
    if out["line"] is not None:
        (p1, q1), (p2, q2) = out["line"]
        for x1, x2 in ((p1, q1), (p2, q2)):
            assert abs(out["w1"] * x1 + out["w2"] * x2 + out["b"]) < 1e-6


def at(out, x1, x2):
    """The picture's value at the point (x1, x2) of the square [LOW, HIGH]^2."""
    low, high, n = logic.LOW, logic.HIGH, xor.SIZE
    return out["map"][int((high - x2) / (high - low) * n), int((x1 - low) / (high - low) * n)]


def test_feature_x1x2_with_the_lectures_weight_is_xor_and_its_boundary_is_curved():
    out = xor.feature_neuron(v=-2.0)
    assert out["n_right"] == 4
    check_is_xor(out["rows"])
    assert [r["x1x2"] for r in out["rows"]] == [0, 0, 0, 1]
    # z = -2 (x1 - 1/2)(x2 - 1/2): neither the 1-region nor the 0-region is convex, so no line
    # could draw this boundary. Two 1-points with a 0 midpoint, and two 0-points with a 1 midpoint:
    assert at(out, 0.2, 0.9) == at(out, 0.9, 0.2) == 255 and at(out, 0.55, 0.55) == 0
    assert at(out, 0.2, 0.1) == at(out, 0.9, 0.8) == 0 and at(out, 0.55, 0.45) == 255
    # without the feature (v = 0) it is OR: (1, 1) is wrong
    no_feature = xor.feature_neuron(v=0.0)
    assert no_feature["n_right"] == 3 and not no_feature["rows"][3]["right"]
    # any weight of x1 x2 at or below -3/2 still gives XOR; the boundary is then a proper hyperbola
    assert xor.feature_neuron(v=-1.5)["n_right"] == xor.feature_neuron(v=-3.0)["n_right"] == 4


@pytest.mark.parametrize("v", [-3.0, -2.5, -2.0, -1.75, -1.5, -1.49, -1.25, -1.0, -0.5, 0.0, 1.0])
def test_feature_x1x2_gets_all_four_exactly_when_its_weight_is_at_most_minus_three_halves(v):
    # z(1, 1) = 1 + 1 + v - 1/2 = 3/2 + v must not be positive; the other corners do not depend on v
    out = xor.feature_neuron(v=v)
    assert out["rows"][3]["z"] == pytest.approx(1.5 + v)
    assert (out["n_right"] == 4) == (v <= -1.5)
    if v > -1.5:
        assert out["n_right"] == 3 and not out["rows"][3]["right"]      # only (1, 1) is wrong


def test_gate_network_is_xor_with_or_and_and_as_hidden_neurons():
    out = xor.two_layer_xor()
    assert out["n_right"] == 4
    check_is_xor(out["rows"])
    assert [r["h_or"] for r in out["rows"]] == [0, 1, 1, 1]
    assert [r["h_and"] for r in out["rows"]] == [0, 0, 0, 1]
    assert out["W1"] == [[1.0, 1.0], [1.0, 1.0]] and out["b1"] == [-0.5, -1.5]
    assert out["W2"] == [[1.0], [-1.0]] and out["b2"] == [-0.5]
    assert all(line is not None for line in out["lines"])


def run_to_end(seed, max_calls=2000):
    f = xor.setup(seed)
    losses = list(f["losses"])
    while f["status"] == "training" and max_calls:
        f = xor.train(epochs=50, budget_ms=1000)
        losses += f["losses"]
        max_calls -= 1
    return f, losses


def test_the_2_2_1_net_learns_xor_for_the_default_seed():
    f, losses = run_to_end(0)
    assert f["status"] == "done" and f["n_right"] == 4
    assert f["solved_at"] is not None and 0 < f["solved_at"] <= f["epoch"]
    assert losses[-1] < xor.DONE_LOSS < losses[0]
    assert len(losses) == f["epoch"] + 1       # every epoch's loss was handed out once
    assert f["map"].shape == (xor.SIZE, xor.SIZE)


def test_a_stuck_seed_is_reported_as_stuck_not_as_solved():
    # Seed 9 settles on a plateau: two points at p = 1/2, the loss at about ln(2) / 2.
    f, _ = run_to_end(9)
    assert f["status"] == "stuck" and f["n_right"] < 4 and f["solved_at"] is None
    assert abs(f["loss"] - math.log(2) / 2) < 0.01


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_stuck_is_never_said_of_a_seed_that_then_learns(seed):
    f, _ = run_to_end(seed)
    assert f["status"] == "done"


def test_the_loss_shown_is_the_loss_of_the_weights_shown():
    # The loss handed out for epoch k is that of the weights after k steps (the ones drawn),
    # not the loss computed before the k-th step.
    xor.setup(3)
    for _ in range(5):
        f = xor.train(epochs=7, budget_ms=1000)
        fresh = xor._run["net"].loss(xor.X, xor.Y, "bce")        # a new forward pass on those weights
        assert f["loss"] == pytest.approx(fresh, rel=1e-12)
        assert f["losses"][-1] == f["loss"]
    assert xor.gradient_step() == pytest.approx(xor._run["net"].loss(xor.X, xor.Y, "bce"), rel=1e-12)


@pytest.mark.parametrize("seed", [0, 9])
def test_the_loss_history_has_one_value_per_epoch_and_no_repeated_start(seed):
    f, losses = run_to_end(seed)
    assert len(losses) == f["epoch"] + 1
    assert losses[1] != losses[0], "the untrained loss appears once"
    assert losses[1] < losses[0]                # gradient descent with a small enough step lowers it
    # the same history from a net stepped by hand
    net = xor.MLP([2, 2, 1], activation="sigmoid", output="sigmoid", seed=seed)
    opt = xor.SGD(net.params, xor.ETA)
    mine = [net.loss(xor.X, xor.Y, "bce")]
    for _ in range(20):
        opt.step(net.loss_and_grads(xor.X, xor.Y, loss="bce")[1])
        mine.append(net.loss(xor.X, xor.Y, "bce"))
    assert losses[:21] == pytest.approx(mine, rel=1e-12)


def test_the_rarer_minimum_three_points_at_two_thirds_is_reported_as_stuck():
    # Seed 34 settles where (0,1), (1,0) and (1,1) all get p = 2/3 and (0,0) gets p = 0:
    # the loss is -(2 ln 2/3 + ln 1/3) / 4 = 0.477..., with 3/4 right.
    f, _ = run_to_end(34)
    assert f["status"] == "stuck" and f["n_right"] == 3 and f["solved_at"] is None
    assert [r["p"] for r in f["rows"][1:]] == pytest.approx([2 / 3] * 3, abs=0.01)
    assert f["rows"][0]["p"] < 0.01
    assert f["loss"] == pytest.approx(-(2 * math.log(2 / 3) + math.log(1 / 3)) / 4, abs=0.005)


def test_train_respects_its_epoch_count_and_setup_restarts():
    xor.setup(5)
    f = xor.train(epochs=7, budget_ms=1000)
    assert f["epoch"] == 7 and f["epochs"] == list(range(1, 8))
    assert xor.setup(5)["epoch"] == 0
