"""Lesson 4, expressive power: networks of threshold neurons that carve regions of the plane.

Every neuron here is the lecture's [z > 0] (1 if z > 0, else 0) applied to z = xW + b.

* Two layers separate a convex polygon with k vertices p_1 .. p_k: hidden neuron j is the
  half-plane on the inner side of the edge p_j -> p_{j+1},
      h_j = [<w_j, x> + b_j > 0],  w_j = inward unit normal of the edge,  b_j = -<w_j, p_j>,
  and the output is the AND of all k of them:  a = [h_1 + ... + h_k - (k - 1/2) > 0].
* Three layers separate a union of convex pieces (not convex, maybe not connected):
  one AND neuron per piece in the second layer, and an OR of the pieces at the output,
      a = [g_1 + ... + g_m - 1/2 > 0].

* Two layers compute any Boolean function of n inputs: one AND neuron per row where it is 1,
  and an OR of those at the output (up to 2^n hidden neurons).
* Depth against width, with ReLUs: the tent map composed k times is a sawtooth with 2^k
  linear pieces from k layers of 2 units; one hidden layer needs 2^k - 1 units or more.

The weights are built from the vertices (or the table); the pictures and counts come from
the network's own forward pass, not from geometry or formulas.
"""
import numpy as np

# Vertices (x1, x2) in [-2, 2]^2, counter-clockwise.
POLYGONS = {
    "triangle": [[-1.2, -1.0], [1.3, -0.8], [0.0, 1.3]],
    "square": [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]],
    "hexagon": [[1.3, 0.0], [0.65, 1.13], [-0.65, 1.13], [-1.3, 0.0], [-0.65, -1.13], [0.65, -1.13]],
}

# Regions that no single convex polygon can be: a list of convex pieces each.
REGIONS = {
    "two-triangles": [
        [[-1.7, -1.2], [-0.3, -1.2], [-1.0, 0.9]],
        [[0.2, 1.4], [1.0, -0.6], [1.7, 1.2]],
    ],
    "l-shape": [                     # two overlapping bars: a vertical and a horizontal one
        [[-1.4, -1.4], [-0.4, -1.4], [-0.4, 1.4], [-1.4, 1.4]],
        [[-1.4, -1.4], [1.4, -1.4], [1.4, -0.4], [-1.4, -0.4]],
    ],
}


def step(z):
    """The threshold activation [z > 0], element-wise: 1.0 where z > 0, else 0.0."""
    return (z > 0).astype(float)


def signed_area(P):
    """Shoelace formula for vertices P, shape (k, 2): > 0 if counter-clockwise."""
    x, y = P[:, 0], P[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def edge_layer(P):
    """One neuron per edge p_j -> p_{j+1} of the polygon P, shape (k, 2).

    Returns W, shape (2, k), whose column j is the unit normal of edge j pointing into
    the polygon, and b, shape (k,), with b_j = -<w_j, p_j> (so the edge itself is z = 0).
    """
    P = np.asarray(P, dtype=float)
    d = np.roll(P, -1, axis=0) - P                   # edge directions p_{j+1} - p_j
    normals = np.column_stack([-d[:, 1], d[:, 0]])    # d turned 90 degrees to the left
    if signed_area(P) < 0:                            # clockwise: the inside is on the right
        normals = -normals
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = normals / np.maximum(length, 1e-12)
    W = normals.T                                     # (2, k)
    b = -np.sum(normals * P, axis=1)                  # b_j = -<w_j, p_j>
    return W, b


def and_layer(sizes):
    """AND neurons over consecutive groups of inputs: group i has sizes[i] inputs.

    W has shape (sum(sizes), len(sizes)) with ones where input j belongs to group i;
    b_i = -(k_i - 1/2), so output i is 1 only when all k_i of its inputs are 1.
    """
    W = np.zeros((sum(sizes), len(sizes)))
    start = 0
    for i, k in enumerate(sizes):
        W[start:start + k, i] = 1.0
        start += k
    b = -(np.array(sizes, dtype=float) - 0.5)        # [sum - (k - 1/2) > 0]
    return W, b


def or_layer(m):
    """One OR neuron over m inputs: W = ones (m, 1), b = -1/2, i.e. [sum - 1/2 > 0]."""
    return np.ones((m, 1)), np.array([-0.5])


def convex_net(P):
    """The two-layer net for a convex polygon P, shape (k, 2): [(W1, b1), (W2, b2)]."""
    W1, b1 = edge_layer(P)
    W2, b2 = and_layer([len(P)])
    return [(W1, b1), (W2, b2)]


def union_net(pieces):
    """The three-layer net for a union of convex polygons: edges, an AND per piece, an OR."""
    layers = [edge_layer(P) for P in pieces]
    W1 = np.hstack([W for W, _ in layers])            # (2, total number of edges)
    b1 = np.concatenate([b for _, b in layers])
    W2, b2 = and_layer([len(P) for P in pieces])
    W3, b3 = or_layer(len(pieces))
    return [(W1, b1), (W2, b2), (W3, b3)]


def forward(X, layers):
    """Forward pass with step activations: X (n, 2) -> each layer's output, a list of (n, fan_out)."""
    outputs = []
    a = X
    for W, b in layers:
        a = step(a @ W + b)                           # a = [aW + b > 0]
        outputs.append(a)
    return outputs


def grid(size, domain):
    """Centres of a size x size grid over [-domain, domain]^2, row 0 at the top: (size^2, 2)."""
    ticks = -domain + (np.arange(size) + 0.5) * (2 * domain / size)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


def _segments_cross(p, q, r, s):
    """True if the closed segments pq and rs share a point."""
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-12 else (1 if v > 0 else -1)

    def on_segment(a, b, c):      # c on the line ab: is it between a and b?
        return min(a[0], b[0]) - 1e-12 <= c[0] <= max(a[0], b[0]) + 1e-12 and \
            min(a[1], b[1]) - 1e-12 <= c[1] <= max(a[1], b[1]) + 1e-12

    o1, o2, o3, o4 = orient(p, q, r), orient(p, q, s), orient(r, s, p), orient(r, s, q)
    if o1 != o2 and o3 != o4:
        return True
    return (o1 == 0 and on_segment(p, q, r)) or (o2 == 0 and on_segment(p, q, s)) or \
        (o3 == 0 and on_segment(r, s, p)) or (o4 == 0 and on_segment(r, s, q))


def polygon_problem(P):
    """Why the vertices P, shape (k, 2), are not a convex polygon, or None if they are."""
    P = np.asarray(P, dtype=float)
    k = len(P)
    if k < 3:
        return "A polygon needs at least 3 vertices."
    edges = [(P[j], P[(j + 1) % k]) for j in range(k)]
    for j in range(k):
        if np.allclose(edges[j][0], edges[j][1]):
            return "Vertices %d and %d are on top of each other." % (j + 1, (j + 1) % k + 1)
    for i in range(k):
        for j in range(i + 2, k):
            if i == 0 and j == k - 1:
                continue                               # neighbours share a vertex
            if _segments_cross(edges[i][0], edges[i][1], edges[j][0], edges[j][1]):
                return "The polygon crosses itself (edges %d and %d meet)." % (i + 1, j + 1)
    if abs(signed_area(P)) < 1e-9:
        return "The polygon has no area."
    d = np.roll(P, -1, axis=0) - P
    turns = d[:, 0] * np.roll(d, -1, axis=0)[:, 1] - d[:, 1] * np.roll(d, -1, axis=0)[:, 0]
    if np.any(turns * np.sign(signed_area(P)) < -1e-12):
        bad = int(np.argmax(turns * np.sign(signed_area(P)) < -1e-12)) + 2
        return "The polygon is not convex (it bends inwards at vertex %d)." % ((bad - 1) % k + 1)
    return None


def _bytes(a, size):
    """Outputs in {0, 1}, shape (size^2,), as a size x size picture of bytes 0 / 255."""
    return (a.reshape(size, size) * 255).astype(np.uint8)


def _table(layers):
    """Each layer's W and b as nested lists, for the weight table."""
    return [{"W": W.tolist(), "b": b.tolist()} for W, b in layers]


def polygon_map(vertices, size=120, small=48, domain=2.0):
    """The two-layer net of a polygon, run over the plane.

    vertices: [[x1, x2], ...] (k points). Returns the output as size x size bytes
    (255 inside), each hidden neuron's half-plane as (k, small, small) bytes, the
    weights, and a message if the vertices are not a convex polygon.
    """
    P = np.asarray(vertices, dtype=float)
    layers = convex_net(P)
    hidden, out = forward(grid(size, domain), layers)
    hidden_small = forward(grid(small, domain), layers[:1])[0]      # (small^2, k)
    return {
        "map": _bytes(out[:, 0], size),
        "hidden": np.stack([_bytes(hidden_small[:, j], small) for j in range(len(P))]),
        "layers": _table(layers),
        "problem": polygon_problem(P),
        "inside": float(out.mean()),
        "domain": domain,
    }


def region_map(region="two-triangles", size=120, domain=2.0):
    """The three-layer net of a preset region (a union of convex pieces), run over the plane.

    Returns the output as size x size bytes (255 inside), each AND neuron's piece as
    (m, size, size) bytes, the pieces' vertices and the weights.
    """
    pieces = [np.asarray(P, dtype=float) for P in REGIONS[region]]
    layers = union_net(pieces)
    hidden, pieces_out, out = forward(grid(size, domain), layers)
    return {
        "map": _bytes(out[:, 0], size),
        "pieces": np.stack([_bytes(pieces_out[:, i], size) for i in range(len(pieces))]),
        "polygons": [P.tolist() for P in pieces],
        "layers": _table(layers),
        "inside": float(out.mean()),
        "domain": domain,
    }


# ---- Any Boolean function of n inputs, with two layers --------------------------------------
#
# One AND neuron per row where the function is 1 (it fires on that row and nowhere else), and an
# OR of them at the output. Each neuron has lesson 2's form [<w, x> + b > 0].

def cube(n):
    """Every input of {0, 1}^n, one row each, in binary order (x^1 most significant): (2^n, n)."""
    i = np.arange(2 ** n)
    return ((i[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(float)


def row_neuron(x):
    """The AND neuron that fires only on the input x, shape (n,) of 0/1:
    w_j = +1 where x_j = 1 and -1 where x_j = 0, b = -(number of ones - 1/2).

    On x itself z = ones - ones + 1/2 = 1/2 > 0; any other input loses at least 1, so z <= -1/2.
    """
    x = np.asarray(x, dtype=float)
    w = 2 * x - 1                                     # +1 for a 1, -1 for a 0
    b = -(x.sum() - 0.5)                              # -(ones - 1/2)
    return w, b


def boolean_net(table):
    """The two-layer net of a Boolean function given by its truth table, shape (2^n,) of 0/1
    (row i is the input cube(n)[i]). Returns [(W1, b1), (W2, b2)]:
    W1 (n, m), b1 (m,): one row_neuron per true row (m = number of 1s in the table);
    W2 (m, 1), b2 (1,): the OR of them, [h_1 + ... + h_m - 1/2 > 0].
    With m = 0 there is no hidden neuron and the output is [-1/2 > 0] = 0 everywhere.
    """
    table = np.asarray(table, dtype=int)
    n = int(round(np.log2(max(len(table), 1))))
    if n < 1 or len(table) != 2 ** n or not np.isin(table, [0, 1]).all():
        raise ValueError("a truth table has 2^n entries, each 0 or 1")
    neurons = [row_neuron(x) for x in cube(n)[table == 1]]
    W1 = np.array([w for w, _ in neurons]).reshape(-1, n).T   # (n, m)
    b1 = np.array([b for _, b in neurons])                    # (m,)
    W2, b2 = or_layer(len(neurons))                            # (m, 1), [sum - 1/2 > 0]
    return [(W1, b1), (W2, b2)]


def boolean_check(table=(0, 1, 1, 0, 1, 0, 0, 1)):
    """Build the net of a truth table of 3 inputs, shape (8,), and run it on all 8 rows.

    Returns per row the inputs, the table's value, which hidden neurons fire and the net's output
    (from its own forward pass); how many rows agree; the weights of every hidden neuron.
    """
    table = np.asarray(table, dtype=int)
    X = cube(3)                                        # (8, 3)
    layers = boolean_net(table)
    hidden, out = forward(X, layers)                   # (8, m), (8, 1)
    rows = [{"x": [int(v) for v in x], "table": int(t), "net": int(o),
             "fires": [int(j) + 1 for j in np.flatnonzero(h)], "agree": bool(o == t)}
            for x, t, h, o in zip(X, table, hidden, out[:, 0])]
    (W1, b1), (W2, b2) = layers
    return {
        "rows": rows,
        "n_agree": sum(r["agree"] for r in rows),
        "hidden": int(W1.shape[1]),
        "neurons": [{"w": W1[:, j].tolist(), "b": float(b1[j])} for j in range(W1.shape[1])],
        "out": {"w": W2[:, 0].tolist(), "b": float(b2[0])},
    }


# ---- Depth against width: the sawtooth --------------------------------------------------------
#
# The tent map t(x) = 2 relu(x) - 4 relu(x - 1/2) folds [0, 1] onto itself: up with slope 2, then
# down. Composed k times it is a sawtooth with 2^k linear pieces, from k hidden layers of 2 ReLUs.

def relu(z):
    """max(z, 0), element-wise."""
    return np.maximum(z, 0.0)


def deep_net(k):
    """t composed k times as a net: k hidden layers of 2 ReLUs and a linear output.

    Layer 1: W (1, 2) = [[1, 1]], b = [0, -1/2], so (h_1, h_2) = (relu(x), relu(x - 1/2)).
    Layer l > 1 first reads t = 2 h_1 - 4 h_2 of the layer before: W = [[2, 2], [-4, -4]] (2, 2).
    Output: W (2, 1) = [[2], [-4]], b = [0], i.e. t of the last layer.
    """
    bias = np.array([0.0, -0.5])
    read = np.array([[2.0], [-4.0]])                  # t = 2 h_1 - 4 h_2
    layers = [(np.array([[1.0, 1.0]]), bias)]
    layers += [(read @ np.array([[1.0, 1.0]]), bias) for _ in range(k - 1)]
    return layers + [(read, np.zeros(1))]


def shallow_net(k):
    """The same sawtooth with ONE hidden layer: a ReLU at each kink j / 2^k, j = 0 .. 2^k - 1.

    W1 (1, 2^k) = ones, b1_j = -j / 2^k, so unit j is relu(x - j / 2^k).
    The slope starts at +2^k and flips by -+2^(k+1) at each kink:
    W2 (2^k, 1) = [2^k, -2^(k+1), +2^(k+1), ...], b2 = [0].
    """
    m = 2 ** k
    j = np.arange(m)
    W1, b1 = np.ones((1, m)), -j / m
    W2 = np.where(j % 2 == 1, -1.0, 1.0) * 2.0 ** (k + 1)     # slope changes at the kinks
    W2[0] = 2.0 ** k                                           # the first unit starts the slope at 0
    return [(W1, b1), (W2[:, None], np.zeros(1))]


def relu_forward(x, layers):
    """A ReLU net on a 1-D input: x (n,) -> (n,). Hidden layers a = relu(aW + b), linear output."""
    a = np.asarray(x, dtype=float)[:, None]           # (n, 1)
    for W, b in layers[:-1]:
        a = relu(a @ W + b)                           # a = relu(aW + b)
    W, b = layers[-1]
    return (a @ W + b)[:, 0]                          # y = aW + b


def linear_pieces(x, y, tol=1e-6):
    """How many linear pieces the sampled piecewise-linear y(x) has; x (n,) evenly spaced, y (n,).

    A kink shows as a change of slope between neighbouring intervals. A kink that falls between
    two grid points bends the slope at both ends of its interval: consecutive bends are one kink.
    """
    slope = np.diff(y) / np.diff(x)                   # (n - 1,)
    scale = max(1.0, float(np.abs(slope).max()))
    bend = np.abs(np.diff(slope)) > tol * scale       # (n - 2,)
    kinks = bend & ~np.concatenate([[False], bend[:-1]])   # the first bend of each run
    return int(kinks.sum()) + 1


def units(layers):
    """Hidden units of a net: the sum of every hidden layer's width."""
    return int(sum(W.shape[1] for W, _ in layers[:-1]))


def sawtooth(k=3, n=2 ** 14, plot=2 ** 11):
    """The deep and the shallow net of the k-fold tent map, run on [0, 1].

    Counts each net's units and its linear pieces (from its outputs on n + 1 evenly spaced
    points), and the largest gap between the two; the curves on plot + 1 points, for drawing.
    """
    k = int(k)
    if not 1 <= k <= 10:
        raise ValueError("k goes from 1 to 10")
    deep, shallow = deep_net(k), shallow_net(k)
    x = np.linspace(0.0, 1.0, n + 1)
    y_deep, y_shallow = relu_forward(x, deep), relu_forward(x, shallow)
    xp = np.linspace(0.0, 1.0, plot + 1)
    return {
        "k": k,
        "x": xp, "deep": relu_forward(xp, deep), "shallow": relu_forward(xp, shallow),
        "pieces": {"deep": linear_pieces(x, y_deep), "shallow": linear_pieces(x, y_shallow)},
        "units": {"deep": units(deep), "shallow": units(shallow)},
        "layers": {"deep": len(deep) - 1, "shallow": len(shallow) - 1},
        "max_gap": float(np.abs(y_deep - y_shallow).max()),
        "points": n + 1,
    }
