"""The Playground's "unstable" signal, by the rule of app/ui/instability.js (mirrored here).

Rule: after each epoch, the run is unstable when the smallest of the last 10 epoch train
losses is above the untrained network's (epoch 0's) train loss.
"""
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


def run(epochs, **settings):
    out = pg.setup(**settings)
    losses = list(out["frame"]["train_loss"])            # [epoch 0's loss], as the page gets it
    assert out["frame"]["epochs"] == [0]
    while len(losses) <= epochs:
        chunk = min(100, epochs + 1 - len(losses))
        losses += pg.train(epochs=chunk)["train_loss"]    # one entry per epoch, as the page gets them
    return losses


def test_the_mirror_matches_the_js_rule_on_small_cases():
    assert first_unstable_epoch([1.0] + [1.5] * 9) is None                 # only 9 epochs
    assert first_unstable_epoch([1.0] + [1.5] * 10) == 10
    assert first_unstable_epoch([1.0] + [1.5] * 9 + [0.9] + [1.5] * 9) is None
    assert first_unstable_epoch([1.0] + [1.0] * 20) is None                 # equal is not above


@pytest.mark.parametrize("dataset", ["circle", "xor", "gauss", "spiral", "moons"])
def test_the_defaults_never_look_unstable_in_2000_epochs(dataset):
    losses = run(2000, dataset=dataset)
    assert len(losses) == 2001
    assert first_unstable_epoch(losses) is None


def test_eta_10_with_cross_entropy_on_circle_fires_within_30_epochs():
    losses = run(30, dataset="circle", eta=10, loss="cross_entropy")
    epoch = first_unstable_epoch(losses)
    assert epoch is not None and epoch <= 30, losses
    assert all(l == l and l < float("inf") for l in losses)   # finite: the NaN stop would not see it
