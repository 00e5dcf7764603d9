"""The fast paths agree with the readable reference: pictures (fastdraw) and epochs (fasttrain)."""
import copy

import numpy as np
import pytest

from backprop_lab import datasets, fastdraw, fasttrain
from backprop_lab.lessons import playground as pg
from backprop_lab.nn import MLP
from backprop_lab.train import Trainer


def test_fast_tanh_and_sigmoid_match_numpy():
    x = np.concatenate([np.linspace(-30, 30, 200001), [0.0, 1e-8, -1e-8, 1e30, -1e30]]).astype(np.float32)
    assert np.abs(fastdraw.fast_tanh(x).astype(float) - np.tanh(x.astype(float))).max() < 2e-6
    with np.errstate(over="ignore"):
        sig = 1 / (1 + np.exp(-x.astype(float)))
    assert np.abs(fastdraw.fast_sigmoid(x).astype(float) - sig).max() < 1e-6
    assert fastdraw.fast_tanh(np.array([np.nan], np.float32))[0] == pytest.approx(1.0, abs=2e-6)


def test_fast_softmax_matches_the_exact_one():
    z = np.random.default_rng(0).normal(scale=5, size=(3, 1000))
    exact = np.exp(z - z.max(axis=0)) / np.exp(z - z.max(axis=0)).sum(axis=0)
    t = [np.empty(z.shape, np.float32) for _ in range(3)]
    assert np.abs(fastdraw.fast_softmax(z.astype(np.float32), *t) - exact).max() < 1e-5


CASES = [(dataset, activation, hidden, seed)
         for seed, (dataset, activation, hidden) in enumerate(
             [(d, a, h) for d in ("circle", "spiral3", "plane") for a in ("tanh", "sigmoid", "relu", "linear")
              for h in ([4, 2], [8, 8, 5], [])])]


@pytest.mark.parametrize("dataset,activation,hidden,seed", CASES)
def test_fast_pictures_match_the_exact_ones_within_one_level(dataset, activation, hidden, seed):
    loss = "squared" if dataset == "plane" else "cross_entropy"
    pg.setup(dataset=dataset, activation=activation, hidden=hidden, loss=loss, seed=seed)
    rng = np.random.default_rng(seed)
    for p in pg._run["net"].params:                 # a trained-looking net: weights of all sizes
        p[...] = rng.normal(scale=rng.uniform(0.3, 3.0), size=p.shape)
    for fast_out, exact_out in ((pg.boundary(), pg.boundary(fast=False)),
                                ({"n": pg.neuron_pictures()}, {"n": pg.neuron_pictures(fast=False)})):
        assert fast_out.keys() == exact_out.keys()
        for key in fast_out:
            f, e = fast_out[key], exact_out[key]
            assert f.shape == e.shape and f.dtype == e.dtype == np.uint8
            if key == "classes":      # only cells with a near tie may differ
                assert np.mean(f != e) < 0.002
            else:
                assert np.abs(f.astype(int) - e.astype(int)).max() <= 1


def test_frame_keys_shapes_and_dtypes_are_unchanged():
    pg.setup(seed=0)
    f = pg.train(epochs=2)
    assert f["boundary"].shape == (pg.GRID, pg.GRID) and f["boundary"].dtype == np.uint8
    assert f["neurons"].shape == (7, pg.SMALL, pg.SMALL) and f["neurons"].dtype == np.uint8
    assert [p.dtype for p in f["params"]] == [np.float32] * 6
    assert f["confusion"].dtype == np.int32
    assert np.abs(f["boundary"].astype(int) - pg.boundary(fast=False)["boundary"]).max() <= 1


def test_huge_weights_fall_back_to_the_exact_pictures():
    pg.setup(activation="relu", seed=0)
    pg._run["net"].params[0][...] = 1e200
    assert pg._run["plane"].run() is None
    assert np.array_equal(pg.boundary()["boundary"], pg.boundary(fast=False)["boundary"])


def _trainer(activation, output, loss, dataset, **kw):
    X, y, Xt, yt = datasets.make(dataset, n=203, noise=0.1, seed=0)
    k = datasets.n_classes(dataset) if output == "softmax" else 1
    net = MLP([2, 5, 3, k], activation, output, seed=1)
    return Trainer(net, X, y, Xt, yt, loss=loss, eta=0.05, seed=2, **kw)


CONFIGS = [("tanh", "sigmoid", "bce", "circle", {}), ("tanh", "sigmoid", "bce", "circle", {"beta": 0.9}),
           ("relu", "sigmoid", "bce", "xor", {"l1": 0.01, "batch_size": 7}),
           ("sigmoid", "sigmoid", "mse", "gauss", {"l2": 0.01}),
           ("linear", "linear", "mse", "plane", {"beta": 0.5, "batch_size": 3}),
           ("tanh", "softmax", "softmax_ce", "spiral3", {"batch_size": 64})]


@pytest.mark.parametrize("activation,output,loss,dataset,kw", CONFIGS)
def test_fast_epochs_give_the_reference_history(activation, output, loss, dataset, kw):
    fast, ref = _trainer(activation, output, loss, dataset, **kw), _trainer(activation, output, loss, dataset, **kw)
    for _ in range(6):
        fast.epoch()
        assert not fast.diverged
        done = ref.epochs
        while ref.epochs == done and not ref.diverged:
            ref.step()                       # the readable reference, one mini-batch at a time
    for key, values in ref.history.items():
        assert len(fast.history[key]) == len(values)
        if key.endswith("acc"):
            assert fast.history[key] == values
        elif values and values[0] is not None:
            assert np.allclose(fast.history[key], values, rtol=0, atol=1e-9), key
    for p, q in zip(fast.net.params, ref.net.params):
        assert np.abs(p - q).max() < 1e-9
    for v, w in zip(fast.optimizer.velocity, ref.optimizer.velocity):
        assert np.abs(v - w).max() < 1e-9
    assert fast._pos == ref._pos == 0 and fast.Q == pytest.approx(ref.Q, abs=1e-9)


def test_fast_epochs_follow_live_changes_and_copies():
    trainer = _trainer("tanh", "sigmoid", "bce", "circle")
    trainer.epoch()
    trainer.batch_size, trainer.eta, trainer.l2 = 9, 0.2, 0.01
    trainer.step()                           # mid-epoch: the rest of it runs through _step
    trainer.epoch()
    assert trainer._pos == 0 and trainer.history["epoch"] == [1, 2]
    twin = copy.deepcopy(trainer)            # a copy trains on its own buffers
    trainer.epoch()
    twin.epoch()
    assert trainer.history == twin.history
    assert all(np.array_equal(p, q) for p, q in zip(trainer.net.params, twin.net.params))
    trainer.net.params[0][0, 0] = 3.0        # a hand edit between epochs is trained from
    trainer.epoch()
    assert trainer.net.params[0][0, 0] != twin.net.params[0][0, 0]


def test_a_diverging_fast_epoch_stops_like_the_reference():
    def make():
        X, y, _, _ = datasets.make("circle", n=100, seed=0)
        return Trainer(MLP([2, 8, 8, 1], "relu", "linear", seed=0), X, y, loss="mse", eta=1e6)
    fast, ref = make(), make()
    for _ in range(5):
        fast.epoch()
    for _ in range(1000):
        if ref.step() is None:
            break
    assert fast.diverged and ref.diverged
    assert len(fast.history["epsilon"]) == len(ref.history["epsilon"]) and fast._pos == ref._pos
    assert all(np.array_equal(np.isfinite(p), np.isfinite(q)) for p, q in zip(fast.net.params, ref.net.params))


# The lean epoch (fasttrain._Lean): sigmoid output, cross-entropy, no penalty, any hidden activation.
LEAN_CONFIGS = [("tanh", [5, 3], {}), ("tanh", [4, 2], {"batch_size": 1}), ("tanh", [8], {"beta": 0.9}),
                ("relu", [5, 3], {"batch_size": 7}), ("linear", [3, 3], {"beta": 0.5, "batch_size": 64}),
                ("sigmoid", [5, 3], {}), ("tanh", [], {"batch_size": 500}), ("tanh", [6, 4, 3], {"batch_size": 16})]


def _lean_pair(activation, hidden, kw, eta=0.05):
    def make():
        X, y, Xt, yt = datasets.make("circle", n=203, noise=0.1, seed=0)
        return Trainer(MLP([2] + hidden + [1], activation, "sigmoid", seed=1), X, y, Xt, yt,
                       loss="bce", eta=eta, seed=2, **kw)
    return make(), make()


def _reference_epoch(ref):
    done = ref.epochs
    while ref.epochs == done and not ref.diverged:
        ref.step()


def _assert_same_run(fast, ref, atol=1e-9):
    for key, values in ref.history.items():
        assert len(fast.history[key]) == len(values), key
        if key.endswith("acc"):
            assert fast.history[key] == values
        elif values and values[0] is not None:
            assert np.allclose(fast.history[key], values, rtol=0, atol=atol), key
    for p, q in zip(fast.net.params + fast.optimizer.velocity, ref.net.params + ref.optimizer.velocity):
        assert np.abs(p - q).max() < atol
    assert fast._pos == ref._pos and fast.Q == pytest.approx(ref.Q, abs=atol)


@pytest.mark.parametrize("activation,hidden,kw", LEAN_CONFIGS)
def test_lean_epochs_give_the_reference_history(activation, hidden, kw):
    fast, ref = _lean_pair(activation, hidden, kw)
    for _ in range(5):
        fast.epoch()
        _reference_epoch(ref)
    assert fast in fasttrain._leans            # the lean path ran, not the general one
    _assert_same_run(fast, ref)


def test_lean_epochs_follow_changes_of_eta_beta_batch_size_and_weights():
    fast, ref = _lean_pair("tanh", [4, 2], {})
    for change in ({}, {"eta": 0.3}, {"beta": 0.9}, {"batch_size": 9}, {"eta": 0.01, "beta": 0.0}, {"w": 2.5}):
        for trainer in (fast, ref):
            for name, value in change.items():
                if name == "w":
                    trainer.net.params[2][1, 0] = value       # a weight set by hand
                else:
                    setattr(trainer, name, value)
        for _ in range(2):
            fast.epoch()
            _reference_epoch(ref)
        _assert_same_run(fast, ref)
    assert fast.net.params[2][1, 0] != 2.5


def test_a_diverging_lean_epoch_stops_at_the_same_batch_as_the_reference():
    fast, ref = _lean_pair("relu", [8, 8], {}, eta=1e100)
    for _ in range(5):
        fast.epoch()
    for _ in range(1000):
        if ref.step() is None:
            break
    assert fast.diverged and ref.diverged and fast in fasttrain._leans
    assert len(fast.history["epsilon"]) == len(ref.history["epsilon"]) > 0 and fast._pos == ref._pos > 0
    assert fast.history["epsilon"] == pytest.approx(ref.history["epsilon"], rel=1e-12)
    for p, q in zip(fast.net.params, ref.net.params):
        assert np.array_equal(np.isfinite(p), np.isfinite(q))
        assert np.allclose(p[np.isfinite(p)], q[np.isfinite(q)], rtol=1e-12, atol=0)


def test_table_tanh_and_sigmoid_of_the_picture_pass_match_numpy():
    x = np.concatenate([np.linspace(-30, 30, 200001), [0.0, 1e-8, -1e-8, 1e30, -1e30, np.nan]])
    with np.errstate(over="ignore"):
        exact = {"tanh": np.tanh(x), "sigmoid": 1 / (1 + np.exp(-x))}
    exact["tanh"][-1] = exact["sigmoid"][-1] = 1.0         # NaN counts as large, as in fast_tanh
    for name, table in fastdraw.TABLES.items():
        lo, h = table[:2]
        u = ((x - lo) / h).astype(np.float32)             # what the layer's matmul gives
        t = [np.empty_like(u) for _ in range(2)] + [np.empty(u.shape, np.intp)]
        got = fastdraw._interpolate(u, table, *t).astype(float)
        assert np.abs(got - exact[name]).max() < 2e-6, name


def _interrupt():
    raise KeyboardInterrupt


@pytest.mark.parametrize("beta", [0.0, 0.9])
def test_an_interrupted_lean_epoch_keeps_its_whole_batches_like_the_reference(beta):
    fast, ref = _lean_pair("tanh", [4, 2], {"beta": beta})
    fast.epoch()
    _reference_epoch(ref)
    lean = fasttrain._leans[fast]
    ops = lean.programs[bool(beta)][3]
    ops.insert(len(ops) - 1, (_interrupt, ()))   # Pause lands in batch 3, before its last update
    with pytest.raises(KeyboardInterrupt):
        fast.epoch()
    del ops[len(ops) - 2]
    for _ in range(3):
        ref.step()                               # the reference: 3 whole batches of epoch 2
    _assert_same_run(fast, ref)
    assert fast._pos == 30 and not fast.diverged
    fast.epoch()                                 # the rest of the epoch, then a whole one
    fast.epoch()
    _reference_epoch(ref)
    _reference_epoch(ref)
    _assert_same_run(fast, ref)


# What the Playground's code panel says: its fused epochs (fasttrain) give the numbers of the
# reference code shown (Trainer._step, MLP.loss_and_grads), to 1e-12. Checked epoch by epoch at the
# Playground's defaults and some other settings: each fused epoch starts from the reference run's
# state, so rounding amplified by training itself (momentum, many epochs) cannot hide a wrong epoch.
PLAYGROUND_SETTINGS = [{}, {"optimizer": "momentum"}, {"dataset": "spiral", "hidden": (8, 8, 4), "eta": 0.1},
                       {"dataset": "xor", "activation": "relu", "regularization": "L2", "reg_rate": 0.001},
                       {"dataset": "spiral3", "batch_size": 3}, {"dataset": "gauss", "batch_size": 1},
                       {"dataset": "plane", "loss": "squared", "activation": "sigmoid"}]


@pytest.mark.parametrize("settings", PLAYGROUND_SETTINGS)
def test_playground_fused_epochs_match_the_reference_code_to_1e_12(settings):
    import backprop_lab.lessons.playground as playground
    playground.setup(**settings)
    ref = playground._run["trainer"]
    for _ in range(15):
        fast = copy.deepcopy(ref)
        fast.epoch()                            # fasttrain.run_epoch (the lean one where it applies)
        _reference_epoch(ref)                   # Trainer._step, one mini-batch at a time
        for key in ("epsilon", "Q", "train_loss", "test_loss"):
            assert np.abs(np.array(fast.history[key], float) - np.array(ref.history[key], float)).max() <= 1e-12, key
        assert fast.history["train_acc"] == ref.history["train_acc"]
        for p, q in zip(fast.net.params + fast.optimizer.velocity, ref.net.params + ref.optimizer.velocity):
            assert np.abs(p - q).max() <= 1e-12
    assert not fasttrain.edited()


def test_playground_defaults_fused_run_matches_the_reference_run_to_1e_12():
    import backprop_lab.lessons.playground as playground
    playground.setup()
    ref = playground._run["trainer"]
    fast = copy.deepcopy(ref)
    for _ in range(20):
        fast.epoch()
        _reference_epoch(ref)
    assert fast in fasttrain._leans
    _assert_same_run(fast, ref, atol=1e-12)


def test_an_edited_training_step_takes_the_reference_path_and_trains_with_it():
    import backprop_lab.lessons.playground as playground
    from backprop_lab import live
    playground.setup()
    before = playground.train(epochs=3)
    assert before["reference_path"] is False
    zero_df = "def tanh_derivative(z, a):\n    return 0 * a\n"
    assert live.install("backprop_lab.activations", "ACTIVATIONS.tanh.df", zero_df)["ok"]
    try:
        playground.setup()
        trainer = playground._run["trainer"]
        first = [p.copy() for p in trainer.net.params]
        after = playground.train(epochs=3)
        assert after["reference_path"] is True and trainer not in fasttrain._leans
        # f' = 0: nothing reaches the first layers; only the output layer learns
        assert all(np.array_equal(p, q) for p, q in zip(trainer.net.params[:4], first[:4]))
        assert not np.array_equal(trainer.net.params[4], first[4])
        assert after["train_loss"] != before["train_loss"]
    finally:
        live.reset_all()
    playground.setup()
    assert playground.train(epochs=3)["train_loss"] == before["train_loss"]
