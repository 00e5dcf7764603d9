"""Checks of forward(X, layers) -> [a_1, ..., a_L], a_l = [a_{l-1} W_l + b_l > 0] (lesson 4)."""
import numpy as np

from backprop_lab.exercises.cases import Spec, unpack
from backprop_lab.exercises.checks._support import fail, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.lessons import expressive

MAX_LAYERS = 3


def call(fn, X, layers):
    out = unpack(fn(X, layers), len(layers), "a list of %d arrays, one per layer" % len(layers))
    return out + [np.zeros(0)] * (MAX_LAYERS - len(out))       # the same number of outputs for every case


def random_net(rng):
    n, sizes = rng.randint(1, 30), [2] + list(rng.randint(1, 6, size=rng.randint(2, MAX_LAYERS + 1)))
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        if fan_in == 2 or rng.randint(2):
            W, b = rng.normal(size=(fan_in, fan_out)), rng.normal(size=fan_out)
        else:                                                  # AND-like units over the layer below
            W = (rng.uniform(size=(fan_in, fan_out)) < 0.6).astype(float)
            b = -(W.sum(axis=0) - 0.5)
        layers.append((W, b))
    return {"X": rng.uniform(-2, 2, size=(n, 2)), "layers": layers}


SQUARE = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]]
ON_EDGE = {"X": np.array([[0.0, 0.0], [1.0, 0.5], [0.25, 0.0], [3.0, 3.0]]),     # (1, 0.5) lies on an edge: z = 0
           "layers": expressive.convex_net(np.array(SQUARE))}


def _forward(act, feed_x=False):
    def fn(X, layers):
        out, a = [], X
        for W, b in layers:
            a = act((X if feed_x else a) @ W + b)
            out.append(a)
        return out
    return fn


SPEC = Spec(
    "threshold_forward", random_net, call, ["layer 1", "layer 2", "layer 3"],
    fixed=[ON_EDGE, {"X": expressive.grid(6, 2.0), "layers": expressive.union_net(
        [np.array(p) for p in expressive.REGIONS["two-triangles"]])}],
    mistakes=[
        Mistake("no_step", "without the threshold each layer is linear, and linear layers stacked are one linear "
                           "map: a = [aW + b > 0] is what makes the AND and OR of half-planes",
                fn=_forward(lambda z: z)),
        Mistake("at_least", "the lab's units fire for z > 0, not z ≥ 0: a point exactly on an edge (z = 0) is "
                            "outside", fn=_forward(lambda z: (z >= 0).astype(float))),
        Mistake("sigmoid", "these are threshold units, [z > 0], 0 or 1; σ(z) is the smooth unit of the later "
                           "lessons", fn=_forward(lambda z: 1 / (1 + np.exp(-z)))),
        Mistake("input_every_layer", "each layer takes the layer below's output, not X: a = [a W + b > 0] with "
                                     "the new a fed to the next layer", fn=_forward(expressive.step, feed_x=True)),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (no threshold, z ≥ 0, σ, X into every layer)"""
    SPEC.named_mistakes(student)


def test_square(student):
    """the square's net: 4 edge units, then one AND: inside gives 1, outside 0"""
    X = np.array([[0.0, 0.0], [0.5, -0.5], [3.0, 0.0], [0.0, -2.0]])
    out = call(student, X, expressive.convex_net(np.array(SQUARE)))
    got = np.asarray(out[1], dtype=float).reshape(-1)
    if got.shape != (4,) or list(got) != [1.0, 1.0, 0.0, 0.0]:
        fail("the square [−1, 1]² has (0, 0) and (0.5, −0.5) inside and (3, 0), (0, −2) outside: the AND unit "
             "should give [1, 1, 0, 0], yours gives %s" % (list(got),))


def test_random_cases(student):
    """the lab's own layer outputs for the square (a point on an edge), two triangles and 12 random nets"""
    SPEC.random_cases(student)
