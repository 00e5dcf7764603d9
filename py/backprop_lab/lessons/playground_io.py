"""The Playground's files: data as CSV (x1, x2, label) and the trained model as JSON."""
import json

import numpy as np

from ..nn import MLP
from . import playground

MAX_POINTS = 3000


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


def parse_csv(text):
    """[[x1, x2, label], ...] from CSV text with columns x1, x2, label (a header is optional).

    Raises ValueError naming the first bad line.
    """
    points = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [c.strip() for c in line.split(",")]
        if not line.strip() or (number == 1 and cells[0].lower() == "x1"):
            continue
        if len(cells) < 3:
            raise ValueError("line %d: expected x1,x2,label, got %r" % (number, line[:60]))
        try:
            x1, x2, label = float(cells[0]), float(cells[1]), float(cells[2])
        except ValueError:
            raise ValueError("line %d: not numbers: %r" % (number, line[:60]))
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
    model["format"] = "backprop-lab-mlp/1"
    return json.dumps(model)


def read_model(text):
    """Check a model file; returns the settings the page must set before loading it."""
    try:
        model = json.loads(text)
        net = MLP.from_dict(model)
    except (ValueError, KeyError, TypeError) as err:
        raise ValueError("not a Backprop Lab model file (%s)" % err)
    if not all(np.all(np.isfinite(p)) for p in net.params):
        raise ValueError("the model holds NaN or infinite weights")
    return {"hidden": net.sizes[1:-1], "activation": net.activation,
            "features": model.get("features", ["x1", "x2"]), "inputs": net.sizes[0], "outputs": net.sizes[-1]}


def load_model(text):
    """Replace the current network's weights with the model's (same architecture); new frame."""
    model = MLP.from_dict(json.loads(text))
    net = playground._run["net"]
    if model.sizes != net.sizes:
        raise ValueError("the model's layers %s do not fit this data's network %s" % (model.sizes, net.sizes))
    for p, q in zip(net.params, model.params):
        p[...] = q
    return playground.refreshed_frame()
