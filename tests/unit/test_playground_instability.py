"""The Playground's "unstable" signal, by the rules of app/ui/instability.js (mirrored here).

Rule 1: after each epoch, the run is unstable when the smallest of the last 10 epoch train
losses is above the untrained network's (epoch 0's) train loss.
Rule 2 (collapsed to a constant): the mean of the last 10 is at or above the best constant
output's loss (setup's constant_loss) and they are not falling (first - last is at most half
their spread, or at most 1e-4 of the constant's loss).
"""
import math

import pytest

from backprop_lab.lessons import playground as pg

WINDOW = 10


def first_unstable_epoch(losses, window=WINDOW):
    """The first epoch after which the rule fires, or None; losses[0] is epoch 0's."""
    untrained = losses[0]
    for epoch in range(window, len(losses)):
        if min(losses[epoch - window + 1:epoch + 1]) > untrained:   # isUnstable(): every one above
            return epoch
    return None


def collapsed(window_losses, constant):
    """isCollapsed() of app/ui/instability.js."""
    w = window_losses
    if sum(w) / len(w) < constant * (1 - 1e-6):
        return False
    fall, spread = w[0] - w[-1], max(w) - min(w)
    return not (fall > 0.5 * spread and fall > 1e-4 * constant)


def first_collapsed_epoch(losses, constant, window=WINDOW):
    """The first epoch after which rule 2 fires, or None."""
    for epoch in range(window, len(losses)):
        if collapsed(losses[epoch - window + 1:epoch + 1], constant):
            return epoch
    return None


def run(epochs, with_constant=False, **settings):
    out = pg.setup(**settings)
    losses = list(out["frame"]["train_loss"])            # [epoch 0's loss], as the page gets it
    assert out["frame"]["epochs"] == [0]
    while len(losses) <= epochs:
        chunk = min(100, epochs + 1 - len(losses))
        losses += pg.train(epochs=chunk)["train_loss"]    # one entry per epoch, as the page gets them
    return (losses, out["constant_loss"]) if with_constant else losses


def test_the_mirror_matches_the_js_rule_on_small_cases():
    assert first_unstable_epoch([1.0] + [1.5] * 9) is None                 # only 9 epochs
    assert first_unstable_epoch([1.0] + [1.5] * 10) == 10
    assert first_unstable_epoch([1.0] + [1.5] * 9 + [0.9] + [1.5] * 9) is None
    assert first_unstable_epoch([1.0] + [1.0] * 20) is None                 # equal is not above


@pytest.mark.parametrize("dataset", ["circle", "xor", "gauss", "spiral", "moons"])
def test_the_defaults_never_look_unstable_in_2000_epochs(dataset):
    losses, constant = run(2000, with_constant=True, dataset=dataset)
    assert len(losses) == 2001
    assert first_unstable_epoch(losses) is None
    assert first_collapsed_epoch(losses, constant) is None


# A high eta broke these: they end near 50 % accuracy at about ln 2, below their untrained loss,
# so rule 1 never fires and the NaN stop neither; rule 2 does, within the epochs given.
@pytest.mark.parametrize("settings, by", [
    (dict(dataset="circle", activation="tanh", eta=3), 110),
    (dict(dataset="moons", activation="relu", eta=10), 15),
    (dict(dataset="xor", activation="relu", eta=3), 15),
])
def test_runs_a_high_eta_collapsed_to_a_constant_are_caught(settings, by):
    losses, constant = run(300, with_constant=True, **settings)
    assert math.isclose(constant, math.log(2), abs_tol=0.005)        # nearly balanced classes
    assert first_unstable_epoch(losses) is None                       # what the old rule saw
    assert all(math.isfinite(l) for l in losses)                      # nor the divergence stop
    epoch = first_collapsed_epoch(losses, constant)
    assert epoch is not None and epoch <= by, (epoch, losses[:by + 1])


# Slow but healthy: small eta sits above the constant's loss for many epochs while falling.
@pytest.mark.parametrize("dataset", ["circle", "xor", "spiral", "moons"])
@pytest.mark.parametrize("eta", [0.0001, 0.001, 0.003])
def test_slow_healthy_runs_are_not_called_collapsed(dataset, eta):
    losses, constant = run(600, with_constant=True, dataset=dataset, eta=eta)
    above = sum(l > constant for l in losses)
    assert first_collapsed_epoch(losses, constant) is None, above


def test_strong_regularization_collapses_and_is_caught():
    for settings in (dict(regularization="L2", reg_rate=1), dict(regularization="L2", reg_rate=0.3),
                     dict(regularization="L1", reg_rate=0.1)):
        losses, constant = run(60, with_constant=True, dataset="circle", **settings)
        assert first_unstable_epoch(losses) is None
        assert first_collapsed_epoch(losses, constant) is not None, settings


def test_eta_10_with_cross_entropy_on_circle_fires_within_30_epochs():
    losses = run(30, dataset="circle", eta=10, loss="cross_entropy")
    epoch = first_unstable_epoch(losses)
    assert epoch is not None and epoch <= 30, losses
    assert all(l == l and l < float("inf") for l in losses)   # finite: the NaN stop would not see it
