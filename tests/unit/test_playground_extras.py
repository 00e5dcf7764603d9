"""The Playground's extras: softmax gradients, momentum and penalties by formula, files."""

import numpy as np
import pytest

from backprop_lab import gradcheck
from backprop_lab.lessons import playground as pg
from backprop_lab.lessons import playground_io as io
from backprop_lab.nn import MLP
from backprop_lab.optim import SGD
from backprop_lab.train import Trainer


def test_multiclass_softmax_gradients_pass_the_gradient_check():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(7, 2)), np.array([0, 1, 2, 2, 1, 0, 1])
    net = MLP([2, 5, 3], activation="tanh", output="softmax", seed=1)
    assert gradcheck.check_grads(net, X, y, loss="softmax_ce", l2=0.01) < 1e-6


def test_momentum_follows_its_two_lines():
    w = np.array([1.0, -2.0])
    opt = SGD([w], eta=0.1, beta=0.9)
    g1, g2 = np.array([0.5, 1.0]), np.array([-1.0, 0.25])
    opt.step([g1])
    v1 = -0.1 * g1                                  # v = beta * 0 - eta g1
    assert np.allclose(w, [1.0, -2.0] + v1)
    opt.step([g2])
    v2 = 0.9 * v1 - 0.1 * g2                        # v = beta v - eta g2
    assert np.allclose(w, [1.0, -2.0] + v1 + v2)


@pytest.mark.parametrize("l1,l2", [(0.1, 0.0), (0.0, 0.3)])
def test_l1_and_l2_move_the_weights_as_their_formulas_say(l1, l2):
    X, y = np.array([[0.5, -1.0], [2.0, 0.3]]), np.array([1, 0])
    net = MLP([2, 3, 1], activation="tanh", seed=2)
    W0 = [p.copy() for p in net.params]
    _, plain = net.loss_and_grads(X, y, "bce")
    trainer = Trainer(net, X, y, loss="bce", eta=0.05, batch_size=2, l1=l1, l2=l2, seed=0)
    trainer.step()
    for i in (0, 2):   # weights: W = W - eta (dL/dW + l1 sign(W) + l2 W)
        expected = W0[i] - 0.05 * (plain[i] + l1 * np.sign(W0[i]) + l2 * W0[i])
        assert np.allclose(net.params[i], expected)
    for i in (1, 3):   # biases are not regularized
        assert np.allclose(net.params[i], W0[i] - 0.05 * plain[i])


def test_csv_round_trip_is_exact():
    pg.setup(dataset="spiral3", noise=0.2, seed=4)
    text = io.data_csv()
    points = io.parse_csv(text)
    X = np.vstack([pg._run["X_train"], pg._run["X_test"]])
    y = np.concatenate([pg._run["trainer"].y_train, pg._run["trainer"].y_test])
    assert np.array_equal(np.array(points)[:, :2], X) and np.array_equal(np.array(points)[:, 2], y)


@pytest.mark.parametrize("text,message", [
    ("x1,x2,label\n1,2\n", "line 2: expected x1,x2,label"),
    ("1,2,0\n1,b,1\n", "line 2: not numbers"),
    ("1,2,0\n9,0,1\n", "outside the plane"),
    ("1,2,0\n1,1,0.5\n", "label must be a class"),
    ("1,2,0\n", "fewer than 2 points"),
])
def test_bad_csv_names_the_line(text, message):
    with pytest.raises(ValueError, match=message):
        io.parse_csv(text)


def test_model_json_round_trip_gives_an_identical_forward_pass():
    pg.setup(dataset="xor", hidden=[5, 3], activation="relu", seed=3)
    pg.train(epochs=5)
    text = io.export_model()
    settings = io.read_model(text)
    assert settings["hidden"] == [5, 3] and settings["activation"] == "relu" and settings["features"] == ["x1", "x2"]
    before = pg._run["net"].forward(pg._run["grid"])
    pg.setup(dataset="xor", hidden=[5, 3], activation="relu", seed=99)   # other weights
    io.load_model(text)
    assert np.array_equal(pg._run["net"].forward(pg._run["grid"]), before)
    with pytest.raises(ValueError, match="not a Backprop Lab model"):
        io.read_model('{"sizes": [2, 1]}')
    with pytest.raises(ValueError, match="does not fit"):
        pg.setup(dataset="xor", hidden=[2], seed=0)
        io.load_model(text)


def test_matplotlib_figure_is_a_png_and_an_svg():
    from backprop_lab.lessons import playground_figure
    pg.setup(dataset="circle", seed=0)
    pg.train(epochs=3)
    png = playground_figure.figure("png").tobytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    svg = playground_figure.figure("svg").tobytes()
    assert b"<svg" in svg[:2000]


def test_scikit_learn_comparison_reports_a_score_and_a_boundary():
    from backprop_lab.lessons import playground_sklearn
    pg.setup(dataset="gauss", hidden=[3], seed=0)
    out = playground_sklearn.compare(solver="adam", epochs=50, eta=0.03)
    assert out["metric"] == "test accuracy" and out["score"] > 0.9
    assert out["boundary"].shape == (pg.GRID, pg.GRID)
    with pytest.raises(ValueError, match="sgd or adam"):
        playground_sklearn.compare(solver="lbfgs")


def test_csv_import_takes_excels_bom_and_refuses_what_is_not_a_plain_finite_number():
    """Excel's "CSV UTF-8" starts with a byte order mark; inf, nan, 1e999 and Python's 1_0e-1 are not
    numbers a CSV of points holds, and each is refused with its line, never an OverflowError."""
    assert io.parse_csv("\ufeffx1,x2,label\n1,2,0\n-1,-2,1\n") == [[1.0, 2.0, 0], [-1.0, -2.0, 1]]
    assert io.parse_csv("\ufeff1,2,0\n.5,-1.5e0,1\n") == [[1.0, 2.0, 0], [0.5, -1.5, 1]]
    for bad, line in (("1,2,0\n3,4,inf\n", 2), ("1,2,nan\n3,4,1\n", 1), ("1,2,0\n1_0e-1,0,1\n", 2),
                      ("1,2,0\n0x1,0,1\n", 2), ("1,2,0\n1,2,1e999\n", 2), ("1,2,0\n1,Infinity,1\n", 2)):
        with pytest.raises(ValueError, match=r"^line %d: " % line):
            io.parse_csv(bad)
