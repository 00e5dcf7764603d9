"""Lesson 4: two- and three-layer threshold networks against an independent point-in-polygon test."""
import numpy as np
import pytest

from backprop_lab.lessons import expressive

# The L-shape's outline as one (non-convex) polygon, for the independent test.
L_OUTLINE = [[-1.4, -1.4], [1.4, -1.4], [1.4, -0.4], [-0.4, -0.4], [-0.4, 1.4], [-1.4, 1.4]]
BAND = 0.02


def ray_casting(X, P):
    """Even-odd rule: a horizontal ray from each point crosses the outline an odd number of times."""
    P = np.asarray(P, dtype=float)
    inside = np.zeros(len(X), dtype=bool)
    for (x0, y0), (x1, y1) in zip(P, np.roll(P, -1, axis=0)):
        straddles = (y0 > X[:, 1]) != (y1 > X[:, 1])
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = x0 + (X[:, 1] - y0) * (x1 - x0) / (y1 - y0)
        inside ^= straddles & (X[:, 0] < x_cross)
    return inside


def distance_to_outline(X, P):
    """Distance from each point to the nearest edge of the polygon P."""
    P = np.asarray(P, dtype=float)
    best = np.full(len(X), np.inf)
    for a, b in zip(P, np.roll(P, -1, axis=0)):
        t = np.clip((X - a) @ (b - a) / ((b - a) @ (b - a)), 0, 1)
        best = np.minimum(best, np.linalg.norm(X - (a + t[:, None] * (b - a)), axis=1))
    return best


def dense_sample(n=4000, seed=0):
    grid = expressive.grid(80, 2.0)
    rand = np.random.default_rng(seed).uniform(-2, 2, size=(n, 2))
    return np.vstack([grid, rand])


def compare(X, net_inside, outlines):
    truth = np.zeros(len(X), dtype=bool)
    near = np.zeros(len(X), dtype=bool)
    for P in outlines:
        truth |= ray_casting(X, P)
        near |= distance_to_outline(X, P) < BAND
    far = ~near
    assert far.sum() > 0.9 * len(X)
    assert truth[far].any() and (~truth[far]).any()
    assert np.array_equal(net_inside[far], truth[far])


@pytest.mark.parametrize("name", sorted(expressive.POLYGONS))
def test_two_layer_net_separates_each_convex_preset(name):
    P = expressive.POLYGONS[name]
    X = dense_sample()
    out = expressive.forward(X, expressive.convex_net(P))[-1][:, 0] > 0.5
    compare(X, out, [P])
    assert expressive.polygon_problem(P) is None


@pytest.mark.parametrize("name", sorted(expressive.POLYGONS))
def test_clockwise_vertices_give_the_same_net_output(name):
    P = expressive.POLYGONS[name]
    X = np.random.default_rng(1).uniform(-2, 2, size=(3000, 2))     # no point exactly on an edge
    ccw = expressive.forward(X, expressive.convex_net(P))[-1]
    cw = expressive.forward(X, expressive.convex_net(P[::-1]))[-1]
    assert np.array_equal(ccw, cw)


def test_hidden_neuron_is_the_inner_half_plane_of_its_edge():
    W, b = expressive.edge_layer(expressive.POLYGONS["square"])
    assert W.shape == (2, 4) and b.shape == (4,)
    # edge 1 runs along the bottom (x2 = -1): its inward normal points up, b = 1
    assert np.allclose(W[:, 0], [0, 1]) and np.isclose(b[0], 1.0)
    h = expressive.forward(np.array([[0.0, -0.9], [0.0, -1.1]]), [(W, b)])[0]
    assert h[0, 0] == 1 and h[1, 0] == 0


def test_and_layer_needs_all_inputs():
    W, b = expressive.and_layer([3])
    H = np.array([[1, 1, 1], [1, 1, 0], [0, 0, 0]], dtype=float)
    assert expressive.step(H @ W + b)[:, 0].tolist() == [1, 0, 0]


@pytest.mark.parametrize("name, outlines", [
    ("two-triangles", expressive.REGIONS["two-triangles"]),
    ("l-shape", [L_OUTLINE]),
])
def test_three_layer_net_separates_non_convex_and_disconnected_regions(name, outlines):
    X = dense_sample()
    out = expressive.forward(X, expressive.union_net(expressive.REGIONS[name]))[-1][:, 0] > 0.5
    compare(X, out, outlines)


def test_no_single_convex_polygon_net_gets_the_l_shape_right():
    X = dense_sample(1000)
    truth = ray_casting(X, L_OUTLINE)
    out = expressive.forward(X, expressive.convex_net(L_OUTLINE))[-1][:, 0] > 0.5
    assert expressive.polygon_problem(L_OUTLINE).startswith("The polygon is not convex")
    assert (out != truth).mean() > 0.05


@pytest.mark.parametrize("P, start", [
    ([[0, 0], [1, 1], [1, 0], [0, 1]], "The polygon crosses itself"),
    ([[0, 0], [2, 0], [1, 0.3], [2, 2], [0, 2]], "The polygon is not convex (it bends inwards at vertex 3)"),
    ([[0, 0], [1, 0], [1, 0], [0, 1]], "Vertices 2 and 3 are on top"),
    ([[0, 0], [1, 1], [2, 2]], "The polygon"),
])
def test_bad_polygons_are_named(P, start):
    assert expressive.polygon_problem(P).startswith(start)


def test_polygon_map_returns_bytes_weights_and_half_planes():
    out = expressive.polygon_map(expressive.POLYGONS["hexagon"], size=40, small=16)
    assert out["map"].shape == (40, 40) and out["map"].dtype == np.uint8
    assert set(np.unique(out["map"])) == {0, 255}
    assert out["hidden"].shape == (6, 16, 16)
    assert len(out["layers"]) == 2 and np.array(out["layers"][0]["W"]).shape == (2, 6)
    assert out["layers"][1]["b"] == [-5.5]
    assert out["problem"] is None and 0.1 < out["inside"] < 0.6
    moved = expressive.polygon_map([[-1.9, -1.9], [1.9, -1.9], [0, 1.9]], size=40, small=16)
    assert moved["inside"] != out["inside"]


@pytest.mark.parametrize("region", sorted(expressive.REGIONS))
def test_region_map_has_one_and_neuron_per_piece(region):
    out = expressive.region_map(region, size=40)
    m = len(expressive.REGIONS[region])
    assert out["pieces"].shape == (m, 40, 40)
    assert np.array(out["layers"][2]["W"]).shape == (m, 1) and out["layers"][2]["b"] == [-0.5]
    union = out["pieces"].max(axis=0)
    assert np.array_equal(union, out["map"])
