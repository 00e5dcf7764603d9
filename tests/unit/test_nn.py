import json

import numpy as np

from backprop_lab.nn import MLP
from backprop_lab.train import Trainer

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def test_params_layout_and_shapes():
    net = MLP([2, 4, 2, 1], activation="tanh", output="sigmoid", seed=0)
    assert [p.shape for p in net.params] == [(2, 4), (4,), (4, 2), (2,), (2, 1), (1,)]
    assert net.n_params == 8 + 4 + 8 + 2 + 2 + 1
    assert all(np.all(b == 0) for b in net.params[1::2])          # biases start at 0
    r = np.sqrt(6 / (2 + 4))                                      # Glorot uniform bound
    assert np.all(np.abs(net.params[0]) <= r) and net.params[0].std() > 0.1


def test_forward_shapes_and_layer_outputs():
    X = np.random.default_rng(0).normal(size=(7, 2))
    net = MLP([2, 4, 2, 3], "relu", "softmax", seed=0)
    out = net.forward(X)
    assert out.shape == (7, 3) and np.allclose(out.sum(axis=1), 1.0)
    layers = net.layer_outputs(X)
    assert [a.shape for a in layers] == [(7, 4), (7, 2), (7, 3)]
    assert np.all(layers[0] >= 0) and np.array_equal(layers[-1], out)
    # the first layer by hand: relu(X W1 + b1)
    assert np.allclose(layers[0], np.maximum(X @ net.params[0] + net.params[1], 0))


def test_no_hidden_layer_is_logistic_regression():
    net = MLP([2, 1], output="sigmoid")
    X = np.array([[1.0, 2.0]])
    W, b = net.params
    assert np.allclose(net.forward(X), 1 / (1 + np.exp(-(X @ W + b))))


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = MLP([2, 3, 1], seed=5), MLP([2, 3, 1], seed=5), MLP([2, 3, 1], seed=6)
    assert all(np.array_equal(p, q) for p, q in zip(a.params, b.params))
    assert not np.array_equal(a.params[0], c.params[0])


def test_predict():
    X = np.array([[-3.0, 0.0], [3.0, 0.0]])
    for output, expected in [("sigmoid", [0, 1]), ("tanh", [0, 1]), ("linear", [0, 1])]:
        net = MLP([2, 1], output=output)
        net.params[0][:] = [[1.0], [0.0]]                # z = x1
        if output == "linear":
            net.params[1][:] = 0.5                       # linear thresholds at 0.5
        assert net.predict(X).tolist() == expected
    net = MLP([2, 3], output="softmax")
    net.params[0][:] = [[-1.0, 0.0, 1.0], [0.0, 0.0, 0.0]]
    assert net.predict(X).tolist() == [0, 2]


def test_to_dict_from_dict_roundtrip_through_json():
    net = MLP([2, 4, 2, 1], "relu", "sigmoid", seed=3)
    d = json.loads(json.dumps(net.to_dict()))
    assert d["sizes"] == [2, 4, 2, 1] and d["activation"] == "relu" and d["output"] == "sigmoid"
    assert isinstance(d["params"][0][0][0], float)
    copy = MLP.from_dict(d)
    X = np.random.default_rng(0).normal(size=(5, 2))
    assert np.array_equal(copy.forward(X), net.forward(X))


def test_loss_and_grads_align_with_params():
    net = MLP([2, 4, 2, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(10, 2))
    loss, grads = net.loss_and_grads(X, np.arange(10) % 2, loss="bce", l1=0.0, l2=0.0)
    assert np.ndim(loss) == 0 and loss > 0
    assert [g.shape for g in grads] == [p.shape for p in net.params]


def test_2_2_1_net_learns_xor():
    net = MLP([2, 2, 1], activation="tanh", output="sigmoid", seed=0)
    trainer = Trainer(net, XOR_X, XOR_Y, loss="bce", eta=1.0, batch_size=4, seed=0)
    for _ in range(1000):
        trainer.epoch()
    assert net.predict(XOR_X).tolist() == [0, 1, 1, 0]
    assert trainer.history["train_acc"][-1] == 1.0


def test_a_tanh_output_is_thresholded_between_its_targets_0_and_1():
    # targets are the labels 0 and 1, so the class boundary is their midpoint 0.5, not tanh's 0
    X = np.array([[0.05], [0.1], [-0.05], [0.2], [2.0], [3.0]])
    y = np.array([0, 0, 0, 0, 1, 1])
    net = MLP([1, 1], output="tanh")
    net.params[0][:] = 1.0                       # a = tanh(x): 0.05, 0.10, -0.05, 0.20, 0.96, 0.995
    assert np.all(np.abs(net.forward(X)[:, 0] - y) < 0.25)   # every output is near its target
    assert net.predict(X).tolist() == y.tolist()


def test_a_trained_tanh_output_net_scores_what_its_outputs_say():
    from backprop_lab import datasets
    from backprop_lab.train import Trainer
    X, y, _, _ = datasets.make("circle", n=200, noise=0.0, train_ratio=1.0, seed=0)
    net = MLP([2, 6, 1], activation="tanh", output="tanh", seed=0)
    trainer = Trainer(net, X, y, loss="mse", eta=0.1, batch_size=10, seed=0)
    for _ in range(200):
        trainer.epoch()
    a = net.forward(X)[:, 0]
    nearest = (np.abs(a - 1) < np.abs(a - 0)).astype(int)   # the target each output is nearest
    assert np.mean(nearest == y) > 0.97
    assert np.array_equal(net.predict(X), nearest)
