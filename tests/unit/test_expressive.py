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


# ---- Any Boolean function of 3 inputs with two layers ----------------------------------------

def table_of(f):
    """The truth table of function number f (0..255): row i = (x1, x2, x3) in binary is bit i."""
    return [(f >> i) & 1 for i in range(8)]


def run_by_hand(layers, x):
    """The net's output on one input, with plain Python loops and [z > 0] (not expressive.forward)."""
    a = list(x)
    for W, b in layers:
        a = [1 if sum(a[i] * W[i][j] for i in range(len(a))) + b[j] > 0 else 0 for j in range(len(b))]
    return a[0]


def test_cube_lists_the_rows_in_binary_order():
    assert expressive.cube(3).tolist()[:3] == [[0, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert expressive.cube(3).shape == (8, 3) and len({tuple(r) for r in expressive.cube(3)}) == 8


def test_row_neuron_fires_on_its_row_only():
    for x in expressive.cube(3):
        w, b = expressive.row_neuron(x)
        z = expressive.cube(3) @ w + b
        assert [tuple(r) for r in expressive.cube(3)[z > 0]] == [tuple(x)]
    w, b = expressive.row_neuron([1, 0, 1])
    assert w.tolist() == [1, -1, 1] and b == -1.5      # lesson 2's AND form: -(ones - 1/2)


@pytest.mark.parametrize("f", range(256))
def test_every_boolean_function_of_three_inputs_is_computed(f):
    table = table_of(f)
    layers = expressive.boolean_net(table)
    assert layers[0][0].shape == (3, sum(table))        # one hidden neuron per true row
    assert [run_by_hand(layers, x) for x in expressive.cube(3).tolist()] == table
    out = expressive.boolean_check(table)
    assert out["n_agree"] == 8 and out["hidden"] == sum(table)
    assert [r["net"] for r in out["rows"]] == table


def test_all_false_has_no_hidden_neuron_and_outputs_zero():
    out = expressive.boolean_check([0] * 8)
    assert out["hidden"] == 0 and out["neurons"] == [] and out["out"]["b"] == -0.5
    assert [r["net"] for r in out["rows"]] == [0] * 8


def test_the_agreement_is_measured_by_running_the_net(monkeypatch):
    """A broken neuron shows in the count: the page's line comes from the forward pass, not the table."""
    right = expressive.row_neuron
    monkeypatch.setattr(expressive, "row_neuron", lambda x: (right(x)[0], right(x)[1] - 1))   # never fires
    out = expressive.boolean_check([0, 1, 1, 0, 1, 0, 0, 1])
    assert out["n_agree"] == 4 and [r["net"] for r in out["rows"]] == [0] * 8


def test_a_table_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError):
        expressive.boolean_net([0, 1, 1])
    with pytest.raises(ValueError):
        expressive.boolean_net([0, 2, 1, 0])


# ---- Depth against width: the sawtooth --------------------------------------------------------

def tent_by_hand(x, k):
    for _ in range(k):
        x = 2 * x if x <= 0.5 else 2 - 2 * x
    return x


@pytest.mark.parametrize("k", range(1, 9))
def test_deep_sawtooth_is_the_k_fold_tent_map_with_2_to_the_k_pieces(k):
    x = np.random.default_rng(k).uniform(0, 1, 500)
    deep = expressive.deep_net(k)
    assert np.allclose(expressive.relu_forward(x, deep), [tent_by_hand(v, k) for v in x])
    assert expressive.units(deep) == 2 * k and len(deep) == k + 1
    assert all(W.shape[1] == 2 for W, _ in deep[:-1])
    out = expressive.sawtooth(k)
    assert out["pieces"] == {"deep": 2 ** k, "shallow": 2 ** k}
    assert out["units"] == {"deep": 2 * k, "shallow": 2 ** k}
    assert out["layers"] == {"deep": k, "shallow": 1}


@pytest.mark.parametrize("k", range(1, 9))
def test_shallow_net_equals_the_deep_one_on_a_fine_grid(k):
    x = np.linspace(0, 1, 100001)
    shallow = expressive.shallow_net(k)
    assert len(shallow) == 2 and expressive.units(shallow) == 2 ** k
    gap = np.abs(expressive.relu_forward(x, shallow) - expressive.relu_forward(x, expressive.deep_net(k)))
    assert gap.max() < 1e-9 * 2 ** k
    assert expressive.sawtooth(k)["max_gap"] < 1e-9 * 2 ** k


def test_linear_pieces_counts_kinks_on_and_between_grid_points():
    x = np.linspace(0, 1, 1001)
    assert expressive.linear_pieces(x, 3 * x + 1) == 1
    assert expressive.linear_pieces(x, np.abs(x - 0.5)) == 2          # a kink on a grid point
    assert expressive.linear_pieces(x, np.abs(x - 0.5003)) == 2       # and one between two
    assert expressive.linear_pieces(x, np.abs(x - 0.3) + np.abs(x - 0.7)) == 3


@pytest.mark.parametrize("seed", range(40))
def test_one_hidden_layer_of_m_relus_has_at_most_m_plus_one_pieces(seed):
    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 13))
    W1, b1 = rng.normal(size=(1, m)), rng.normal(size=m)
    W2, b2 = rng.normal(size=(m, 1)), rng.normal(size=1)
    x = np.linspace(-3, 3, 200001)
    pieces = expressive.linear_pieces(x, expressive.relu_forward(x, [(W1, b1), (W2, b2)]))
    assert pieces <= m + 1
    # and the count is exact: one piece more than the kinks -b/w inside the interval (well apart)
    kinks = np.sort(-b1 / W1[0])
    inside = kinks[(kinks > -3 + 1e-3) & (kinks < 3 - 1e-3)]
    if len(inside) > 1 and np.diff(inside).min() < 1e-3:
        pytest.skip("two kinks too close for the grid")
    assert pieces == len(inside) + 1
