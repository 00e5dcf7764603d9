"""Lesson 10: mini-batch SGD, epsilon and Q, and the variance of the gradient against M."""
import numpy as np
import pytest

from backprop_lab.lessons import minibatch as m


@pytest.mark.parametrize("seed", [0, 1])
def test_gradient_variance_falls_like_one_over_M(seed):
    out = m.variance_curve(batches=150, seed=seed)
    v = out["variance"]
    assert all(a > b for a, b in zip(v, v[1:])), v
    assert -1.25 < out["slope"] < -0.75, out["slope"]


def test_full_batch_gradient_has_no_variance():
    trainer = m.make_trainer()
    n = len(trainer.X_train)
    assert m.gradient_variance(n, batches=3, trainer=trainer)["variance"] < 1e-20


def test_fit_slope_recovers_a_power_law():
    Ms = np.array([1, 2, 4, 8])
    assert m.fit_slope(Ms, 3.0 / Ms)["slope"] == pytest.approx(-1.0)


def test_training_returns_epsilon_Q_and_the_full_loss_per_batch():
    first = m.setup(batch_size=10, lambda_=0.1, eta=0.1)
    assert first["n_train"] == 480
    out = m.train(batches=48)
    assert out["batch"] == list(range(1, 49))
    assert len(out["epsilon"]) == len(out["Q"]) == len(out["full"]) == 48
    assert out["epoch"] == pytest.approx(1.0)
    # Q = lambda eps + (1 - lambda) Q, batch after batch
    Q = first["Q"]
    for eps, q in zip(out["epsilon"], out["Q"]):
        Q = 0.1 * eps + 0.9 * Q
        assert q == pytest.approx(Q)
    more = m.train(batches=400)
    assert more["batch"][0] == 49
    assert more["full"][-1] < out["full"][0]          # it learns
    # Q is smoother than epsilon: smaller batch-to-batch changes
    assert np.std(np.diff(more["Q"])) < np.std(np.diff(more["epsilon"]))


def test_rates_change_between_batches():
    m.setup(batch_size=10)
    assert m.set_rates(batch_size=480, lambda_=1.0, eta=0.5) == {"batch_size": 480, "lambda_": 1.0, "eta": 0.5}
    out = m.train(batches=2)
    assert out["epoch"] == pytest.approx(2.0)
    assert out["Q"] == pytest.approx(out["epsilon"])  # lambda = 1: Q is the last epsilon


def test_a_huge_step_diverges_without_nan_in_the_result():
    m.setup(batch_size=1, eta=1e6)
    out = m.train(batches=50)
    assert all(np.isfinite(out["epsilon"])) and all(np.isfinite(out["full"]))


def test_variance_is_measured_at_the_frozen_weights_while_training_goes_on():
    m.setup(batch_size=10, seed=0)
    assert m.freeze() == {"batches_trained": 0}
    first = m.gradient_variance(8, batches=50)["variance"]
    m.train(batches=300)
    assert m.gradient_variance(8, batches=50)["variance"] == first
    m.freeze()
    assert m.gradient_variance(8, batches=50)["variance"] != first
