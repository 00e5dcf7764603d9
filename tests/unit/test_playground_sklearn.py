"""The scikit-learn comparison trains like for like: from the same weights, on the same
mini-batches, scikit-learn's SGD and the Playground's take the same steps (to 1e-12)."""
import numpy as np
import pytest

from backprop_lab.lessons import playground as pg
from backprop_lab.lessons import playground_sklearn as sk

STEPS = 20

CASES = [
    ("circle", "cross_entropy", {"optimizer": "sgd"}),
    ("circle", "cross_entropy", {"optimizer": "momentum", "beta": 0.9}),
    ("circle", "cross_entropy", {"regularization": "L2", "reg_rate": 0.03}),
    ("xor", "cross_entropy", {"optimizer": "momentum", "beta": 0.5, "regularization": "L2", "reg_rate": 0.1}),
    ("spiral3", "cross_entropy", {"optimizer": "momentum", "beta": 0.9}),          # softmax
    ("plane", "squared", {"optimizer": "momentum", "beta": 0.8, "regularization": "L2", "reg_rate": 0.01}),
]


@pytest.mark.parametrize("dataset,loss,rates", CASES)
def test_twenty_steps_of_ours_and_of_sklearn_agree(dataset, loss, rates):
    eta, batch_size = 0.1, 10
    rates = dict({"optimizer": "sgd", "beta": 0.9, "regularization": "none", "reg_rate": 0.0}, **rates)
    pg.setup(dataset=dataset, loss=loss, hidden=[4, 3], eta=eta, batch_size=batch_size, seed=1, **rates)
    trainer, net = pg._run["trainer"], pg._run["net"]
    X, y = trainer.X_train, np.ravel(trainer.y_train)
    start = [p.copy() for p in net.params]
    ours_eps, batches = [], []
    for _ in range(STEPS):                      # our mini-batches, in our order
        pos = trainer._pos
        ours_eps.append(trainer.step())
        batches.append(trainer._order[pos:pos + batch_size])
    assert all(len(b) == batch_size for b in batches)

    model, notes = sk.make_model(solver="sgd", epochs=1, eta=eta, batch_size=batch_size, loss=loss, seed=1, **rates)
    assert notes == []                          # nothing differs in these settings
    sk.start_from(model, start, X, y)           # the same initial weights, no velocity yet
    theirs_eps = []
    for idx in batches:
        model.partial_fit(X[idx], y[idx])       # one partial_fit = one step on one batch
        theirs_eps.append(model.loss_)          # the batch loss before the step, its L2 term included
    ours = net.params
    theirs = [p for pair in zip(model.coefs_, model.intercepts_) for p in pair]
    gap = max(float(np.max(np.abs(a - b))) for a, b in zip(ours, theirs))
    assert gap < 1e-12, gap
    assert np.allclose(theirs_eps, ours_eps, rtol=1e-12, atol=0), (theirs_eps, ours_eps)


def test_what_sklearn_cannot_do_is_said():
    pg.setup(dataset="circle", hidden=[], loss="squared", seed=0)
    _, notes = sk.make_model(solver="sgd", regularization="L1", reg_rate=0.01, loss="squared")
    text = " ".join(notes)
    assert "no L1" in text and "log-loss" in text and "one hidden unit" in text
    pg.setup(dataset="circle", hidden=[3], seed=0)
    _, notes = sk.make_model(solver="adam", optimizer="momentum")
    assert any("Adam" in n for n in notes)


def test_compare_reports_its_differences_and_a_score():
    pg.setup(dataset="gauss", hidden=[3], seed=0)
    out = sk.compare(solver="sgd", epochs=20, eta=0.03, regularization="L1", reg_rate=0.001)
    assert out["score"] > 0.8 and any("no L1" in n for n in out["notes"])
    assert out["boundary"].shape == (pg.GRID, pg.GRID)


def test_compare_defaults_to_the_playgrounds_optimizer_and_trains_the_epochs_asked():
    """Its defaults are the Playground's: SGD (with the momentum set), not Adam; and exactly the
    epochs asked (the page asks for the epochs the Playground shows)."""
    pg.setup(dataset="gauss", hidden=[3], seed=0)
    out = sk.compare(epochs=7, eta=0.03)
    assert out["solver"] == "sgd" and out["optimizer"] == "SGD" and out["epochs"] == 7
    assert not any("Adam" in n for n in out["notes"])
    model, _ = sk.make_model(optimizer="momentum", beta=0.8)
    assert model.solver == "sgd" and model.momentum == 0.8 and not model.nesterovs_momentum
    out = sk.compare(epochs=3, optimizer="momentum", beta=0.8)
    assert out["optimizer"] == "SGD with momentum β = 0.8" and out["epochs"] == 3
    out = sk.compare(epochs=0)                      # nothing trained yet: one epoch, and said
    assert out["epochs"] == 1 and any("has trained 0 epochs" in n for n in out["notes"])


def test_compare_says_the_last_smaller_batch_gets_another_l2():
    pg.setup(dataset="gauss", hidden=[3], seed=0)         # 250 train points
    out = sk.compare(epochs=1, batch_size=30, regularization="L2", reg_rate=0.1)   # 250 = 8 x 30 + 10
    assert any("last batch of each epoch has 10 points" in n and "0.3" in n for n in out["notes"]), out["notes"]
    out = sk.compare(epochs=1, batch_size=10, regularization="L2", reg_rate=0.1)   # 250 = 25 x 10
    assert not any("last batch" in n for n in out["notes"])
