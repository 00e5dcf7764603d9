"""The Playground's Python side: setup, chunks of training, frames with a byte boundary."""
import numpy as np

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
    assert f["diverged"] and f["boundary"] is None
    assert all(np.isfinite(v) for v in f["train_loss"])


def test_regularization_settings_map_to_l1_and_l2():
    pg.setup(seed=0)
    assert pg.set_rates(regularization="L1", reg_rate=0.01) == {"eta": 0.03, "l1": 0.01, "l2": 0.0}
    assert pg.set_rates(regularization="L2", reg_rate=0.3) == {"eta": 0.03, "l1": 0.0, "l2": 0.3}


def test_thumbnails_show_both_classes_for_every_dataset():
    pics = pg.thumbnails()
    assert set(pics) == {"circle", "xor", "gauss", "spiral", "moons"}
    for pic in pics.values():
        assert {0, 255} <= set(np.unique(pic))
