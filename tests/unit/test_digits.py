"""Lesson 6: a softmax linear classifier on scikit-learn's 8x8 digits, and the drawing pad."""
import time

import numpy as np

from backprop_lab.lessons import digits


def test_trained_classifier_reaches_093_test_accuracy_quickly():
    start = time.perf_counter()
    first = digits.setup(eta=0.5, batch_size=32, seed=0)
    assert first["test_acc"][0] < 0.5                      # the untrained net guesses
    out = digits.train(epochs=20)
    assert time.perf_counter() - start < 10
    assert out["epoch"] == 20 and len(out["epochs"]) == 20
    assert out["test_acc"][-1] >= 0.93
    assert out["train_loss"][-1] < first["train_loss"][0] / 3
    C = out["confusion"]
    assert C.shape == (10, 10) and C.sum() == round(0.25 * 1797)   # a quarter of the 1797 images
    assert np.trace(C) / C.sum() == out["test_acc"][-1]


def test_templates_are_the_columns_of_W_as_bytes():
    digits.setup(seed=1)
    digits.train(epochs=2)
    W = digits._run["net"].params[0]
    pictures = digits.templates(W)
    assert pictures.shape == (10, 8, 8) and pictures.dtype == np.uint8
    c = 3
    column = W[:, c].reshape(8, 8)
    # the largest weight of column 3 is brightest in picture 3, and sign is kept around 128
    assert pictures[c].flat[np.argmax(column)] == pictures[c].max()
    clear = np.abs(column) > 0.05 * np.abs(W).max()        # weights clearly away from 0
    assert clear.sum() > 10
    assert np.array_equal(np.sign(pictures[c].astype(int) - 128)[clear], np.sign(column)[clear])
    assert pictures.max() == 255 or pictures.min() == 1


def test_downsample_counts_on_pixels_in_4x4_blocks():
    rng = np.random.default_rng(0)
    bitmap = (rng.random((32, 32)) < 0.4).astype(np.uint8)
    image = digits.downsample(bitmap)
    assert image.shape == (8, 8) and image.min() >= 0 and image.max() <= 16
    for i, j in [(0, 0), (3, 5), (7, 7)]:
        assert image[i, j] == bitmap[4 * i:4 * i + 4, 4 * j:4 * j + 4].sum()
    assert digits.downsample(np.ones((32, 32))).tolist() == [[16] * 8] * 8


def test_downsample_gives_back_a_dataset_image_from_a_bitmap_with_its_counts():
    from sklearn.datasets import load_digits
    image = load_digits().images[7].astype(int)              # counts 0..16 from the dataset
    bitmap = np.zeros((32, 32), dtype=np.uint8)
    for i in range(8):
        for j in range(8):
            block = np.zeros(16, dtype=np.uint8)
            block[:image[i, j]] = 1                          # that many pixels on
            bitmap[4 * i:4 * i + 4, 4 * j:4 * j + 4] = block.reshape(4, 4)
    assert np.array_equal(digits.downsample(bitmap), image)


def test_fit_box_scales_a_small_drawing_to_fill_the_box():
    bitmap = np.zeros((32, 32), dtype=np.uint8)
    bitmap[2:10, 3:5] = 1                                    # a small "1" in the corner
    fitted = digits.fit_box(bitmap)
    rows, cols = np.nonzero(fitted)
    assert rows.min() == 0 and rows.max() == 31              # the tall side fills the box
    assert abs((cols.min() + cols.max()) / 2 - 15.5) <= 1    # centred
    assert digits.fit_box(np.zeros((32, 32))).sum() == 0


def test_a_drawn_digit_gets_probabilities_that_sum_to_1():
    digits.setup(seed=0)
    digits.train(epochs=10)
    rows = ["0" * 32] * 32
    rows = [("0" * 14 + "1111" + "0" * 14) if 2 <= r < 30 else row for r, row in enumerate(rows)]
    out = digits.classify(rows)
    assert out["image"].shape == (8, 8) and out["image"].dtype == np.uint8
    assert out["p"].shape == (10,) and abs(out["sum"] - 1) < 1e-9 and np.all(out["p"] >= 0)
    assert out["predicted"] == int(np.argmax(out["p"])) and not out["empty"]
    assert out["predicted"] == 1                             # a vertical bar is a one


def test_a_test_digit_is_classified_like_the_test_set():
    digits.setup(seed=0)
    digits.train(epochs=10)
    out = digits.test_digit(5)
    trainer = digits._run["trainer"]
    assert out["label"] == trainer.y_test[5]
    expected = digits._run["net"].forward(trainer.X_test[5:6])[0]
    assert np.allclose(out["p"], expected)
    assert digits.test_digit(5 + len(trainer.X_test))["index"] == 5
