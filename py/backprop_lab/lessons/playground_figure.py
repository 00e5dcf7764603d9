"""The Playground's figure for a slide, drawn by matplotlib: boundary, data and loss curve."""
import io

import numpy as np

from . import playground

TWO = ("#e8710a", "#1967d2")
MANY = ("#e69f00", "#0072b2", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#a08c00", "#222222")


def figure(fmt="png"):
    """The current run as a PNG or SVG file, returned as bytes (a uint8 array)."""
    import matplotlib
    matplotlib.use("Agg")                       # no screen: draw into memory
    import matplotlib.pyplot as plt
    if fmt not in ("png", "svg"):
        raise ValueError("figure format must be png or svg, got %r" % fmt)
    run, h = playground._run, playground._run["trainer"].history
    fig, (ax_map, ax_loss) = plt.subplots(1, 2, figsize=(10, 4.4), gridspec_kw={"width_ratios": [1, 1.25]})
    _draw_boundary(ax_map, run)
    ax_loss.plot(h["epoch"], h["train_loss"], color="#1f1f1f", label="train loss")
    if h["test_loss"] and h["test_loss"][0] is not None:
        ax_loss.plot(h["epoch"], h["test_loss"], color="#c5221f", linestyle="--", label="test loss")
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("loss")
    ax_loss.legend()
    ax_loss.set_title("epoch %d" % h["epoch"][-1])
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=120)
    plt.close(fig)
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8)


def _draw_boundary(ax, run):
    d = playground.DOMAIN
    picture = playground.boundary()
    if run["kind"] == "multiclass":
        ax.imshow(picture["classes"], extent=(-d, d, -d, d), cmap=_class_map(run["classes"]),
                  vmin=-0.5, vmax=run["classes"] - 0.5, alpha=0.35)
    else:
        ax.imshow(picture["boundary"], extent=(-d, d, -d, d), cmap=_orange_blue(),
                  vmin=0, vmax=255, alpha=0.8)
    trainer = run["trainer"]
    X, y = run["X_train"], np.asarray(trainer.y_train)
    if run["kind"] == "regression":
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=_orange_blue(), vmin=-1, vmax=1, edgecolors="white", s=18)
    else:
        colours = TWO if run["classes"] <= 2 else MANY
        ax.scatter(X[:, 0], X[:, 1], c=[colours[int(c) % len(colours)] for c in y], edgecolors="white", s=18)
    ax.set_xlim(-d, d)
    ax.set_ylim(-d, d)
    ax.set_title("network %s, %s" % ("-".join(str(s) for s in run["net"].sizes), run["activation"]))


def _orange_blue():
    from matplotlib.colors import LinearSegmentedColormap
    return LinearSegmentedColormap.from_list("orange_blue", ["#f5a762", "#e8eaec", "#7eaae6"])


def _class_map(k):
    from matplotlib.colors import ListedColormap
    return ListedColormap(list(MANY[:k]))
