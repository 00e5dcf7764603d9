"""The Playground's files: data as CSV (x1, x2, label) and the trained model as JSON."""
import json
import math
import re

import numpy as np

from .. import features as feature_maps
from ..activations import ACTIVATIONS
from ..nn import MLP
from . import playground

MAX_POINTS = 3000
MAX_MODEL_BYTES = 2_000_000     # 2 MB; the page checks the file's size before reading it, too
MAX_HIDDEN_LAYERS, MAX_WIDTH = 10, 32   # the page's "bigger networks" limits
FORMAT = "backprop-lab-mlp/1"


def data_csv():
    """The current data as CSV text: header x1,x2,label,split; one row per point."""
    trainer = playground._run["trainer"]
    rows = ["x1,x2,label,split"]
    for split, X, y in (("train", playground._run["X_train"], trainer.y_train),
                        ("test", playground._run["X_test"], trainer.y_test)):
        if X is None:
            continue
        for (x1, x2), label in zip(X, y):
            rows.append("%r,%r,%s,%s" % (float(x1), float(x2), _label_text(label), split))
    return "\n".join(rows) + "\n"


def _label_text(label):
    label = float(label)
    return str(int(label)) if label == int(label) else repr(label)


# A number as a CSV cell writes it: no inf, nan, hex or Python's 1_000 underscores.
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_csv(text):
    """[[x1, x2, label], ...] from CSV text with columns x1, x2, label (a header is optional; a UTF-8
    byte order mark, as Excel's "CSV UTF-8" writes, is ignored).

    Raises ValueError naming the first bad line.
    """
    points = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        cells = [c.strip() for c in line.split(",")]
        if not line.strip() or (number == 1 and cells[0].lower() == "x1"):
            continue
        if len(cells) < 3:
            raise ValueError("line %d: expected x1,x2,label, got %r" % (number, line[:60]))
        if not all(NUMBER.fullmatch(c) for c in cells[:3]):
            raise ValueError("line %d: not numbers: %r" % (number, line[:60]))
        x1, x2, label = float(cells[0]), float(cells[1]), float(cells[2])
        if not all(math.isfinite(v) for v in (x1, x2, label)):   # 1e999
            raise ValueError("line %d: a number too large: %r" % (number, line[:60]))
        if not (abs(x1) <= playground.DOMAIN and abs(x2) <= playground.DOMAIN):
            raise ValueError("line %d: the point (%g, %g) is outside the plane [-6, 6]^2" % (number, x1, x2))
        if label != int(label) or not 0 <= label < 8:
            raise ValueError("line %d: the label must be a class 0..7, got %g" % (number, label))
        points.append([x1, x2, int(label)])
    if len(points) > MAX_POINTS:
        raise ValueError("too many points: %d (at most %d)" % (len(points), MAX_POINTS))
    if len(points) < 2:
        raise ValueError("the file has fewer than 2 points")
    return points


def export_model():
    """The network as JSON text: architecture, input features and every weight."""
    model = playground._run["net"].to_dict()
    model["features"] = playground._run["features"]
    model["format"] = FORMAT
    return json.dumps(model)


def check_model(text):
    """The model file `text` as a dict, checked whole against the current data; else ValueError
    saying what is wrong. Nothing is changed either way.

    A model file is {"format": FORMAT (optional), "sizes": [inputs, *hidden, outputs],
    "features": [names] (default x1, x2), "activation": hidden f, "output": output f,
    "params": [W1 (sizes[0], sizes[1]), b1 (sizes[1],), W2, b2, ...]}.
    """
    if len(text) > MAX_MODEL_BYTES:
        raise ValueError("the file is %.1f MB: a model file may be at most 2 MB" % (len(text) / 1e6))
    try:
        model = json.loads(text)
    except ValueError as err:
        raise ValueError("not a Backprop Lab model file: not JSON (%s)" % err) from None
    except RecursionError:   # [[[[...]]]] deeper than Python's stack
        raise ValueError("not a Backprop Lab model file: its JSON is nested too deeply") from None
    if not isinstance(model, dict):
        raise ValueError("not a Backprop Lab model file: it is not a JSON object")
    missing = [key for key in ("sizes", "activation", "output", "params") if key not in model]
    if missing:
        raise ValueError("not a Backprop Lab model file: it has no %s" % ", ".join(missing))
    if model.get("format", FORMAT) != FORMAT:
        raise ValueError("the file's format is %.40r, not %s" % (model.get("format"), FORMAT))
    sizes = model.get("sizes")
    if (not isinstance(sizes, list) or len(sizes) < 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in sizes)):
        raise ValueError("sizes must be a list of whole numbers, inputs first and outputs last, got %.60r" % (sizes,))
    hidden = sizes[1:-1]
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError("the model has %d hidden layers: at most 10 hidden layers are allowed" % len(hidden))
    if any(not 1 <= n <= MAX_WIDTH for n in hidden):
        raise ValueError("each hidden layer must have between 1 and 32 neurons, got %s" % hidden)
    features = model.get("features", ["x1", "x2"])
    if not isinstance(features, list) or not features or not all(isinstance(f, str) for f in features):
        raise ValueError("features must be a list of feature names (%s), got %.60r"
                         % (", ".join(feature_maps.NAMES), features))
    unknown = [f for f in features if f not in feature_maps.FEATURES]
    if unknown:
        raise ValueError("unknown feature %.30s: the features are %s" % (unknown[0], ", ".join(feature_maps.NAMES)))
    if len(set(features)) != len(features):
        raise ValueError("a feature is repeated in %s" % features)
    if sizes[0] != len(features):
        raise ValueError("the model has %d inputs but %d features (%s)" % (sizes[0], len(features), ", ".join(features)))
    activation = model.get("activation")
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError("the hidden activation must be one of %s, got %.30r" % (", ".join(ACTIVATIONS), activation))
    run = playground._run
    if "kind" not in run:
        raise ValueError("there is no data to fit the model to yet: choose or add data first")
    outputs = run["classes"] if run["kind"] == "multiclass" else 1
    if sizes[-1] != outputs:
        raise ValueError("the model has %d outputs; this data (%s) needs %d output%s"
                         % (sizes[-1], run["kind"], outputs, "" if outputs == 1 else "s"))
    output = playground.OUTPUT[run["kind"]]
    if model.get("output") != output:
        raise ValueError("the model's output activation is %.30r; this data (%s) needs %s"
                         % (model.get("output"), run["kind"], output))
    params = model.get("params")
    shapes = [s for fan_in, fan_out in zip(sizes[:-1], sizes[1:]) for s in ((fan_in, fan_out), (fan_out,))]
    if not isinstance(params, list) or len(params) != len(shapes):
        raise ValueError("a %s model needs %d weight arrays (W and b of each layer), the file has %s"
                         % ("-".join(map(str, sizes)), len(shapes), len(params) if isinstance(params, list) else "none"))
    for i, (values, shape) in enumerate(zip(params, shapes)):
        try:
            array = np.asarray(values)
        except ValueError:        # ragged nested lists (current numpy)
            raise ValueError("params[%d] is not a %s array of numbers" % (i, shape)) from None
        if array.dtype.kind not in "iuf" and array.shape == shape:
            raise ValueError("params[%d] must hold numbers only" % i)
        if array.shape != shape:
            raise ValueError("params[%d] has shape %s, not %s" % (i, array.shape, shape))
        if not np.all(np.isfinite(array)):
            raise ValueError("params[%d] holds NaN or infinite weights" % i)
    return model


def read_model(text):
    """Check a model file (check_model); returns the settings the page must set before loading it."""
    model = check_model(text)
    return {"hidden": model["sizes"][1:-1], "activation": model["activation"],
            "features": model.get("features", ["x1", "x2"]), "inputs": model["sizes"][0],
            "outputs": model["sizes"][-1]}


def load_model(text):
    """Replace the current network's weights with the model's (same architecture); new frame."""
    checked = check_model(text)
    model = MLP.from_dict(checked)
    net = playground._run["net"]
    features = checked.get("features", ["x1", "x2"])
    if model.sizes != net.sizes or model.activation != net.activation or features != playground._run["features"]:
        raise ValueError("the model (%s, %s, features %s) does not fit this network (%s, %s, features %s)"
                         % ("-".join(map(str, model.sizes)), model.activation, ", ".join(features),
                            "-".join(map(str, net.sizes)), net.activation, ", ".join(playground._run["features"])))
    for p, q in zip(net.params, model.params):
        p[...] = q
    return playground.refreshed_frame()
