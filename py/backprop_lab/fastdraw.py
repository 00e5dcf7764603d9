"""Fast pictures of a network over the plane: for DRAWING ONLY, never for training.

The Playground draws every frame a 100 x 100 boundary and a small picture of each
neuron, which takes a forward pass over some 10,000 points. The exact pass
(MLP.forward, float64, np.tanh/np.exp) is the readable reference; this module
computes the same pictures faster, because in Pyodide 0.17 (numpy compiled to
WebAssembly) np.tanh and np.exp cost 50-100 ns per element while +, *, / and
matmul cost about 0.5 ns. So here:

  - the pass runs in float32 (a picture has 256 levels; float32 has 7 digits),
  - tanh and sigmoid are read from 4096-step tables with linear interpolation
    (TABLES, _interpolate: error below 2e-6, 9 cheap passes; np.modf, which would
    save one, is 10x slower there), the tables' offset and step folded into the
    layer's weights; softmax uses exp(x) = (1 + t) / (1 - t), t = fast_tanh(x/2), a
    clipped rational function of + * / only (error below 2e-6),
  - activations are stored transposed, (units, points), so each neuron's values
    are contiguous, in buffers allocated once and reused every frame (out=).

The results differ from the exact pass by far less than one grey level (1/255);
tests/unit/test_fast_paths.py checks that on many random networks.
"""
import numpy as np

# tanh(x) ~ x P(x^2) / Q(x^2) on [-TANH_CLIP, TANH_CLIP], +-1 beyond (|tanh(7)| > 1 - 2e-6).
# Coefficients fitted to tanh (weighted least squares, iterated to near-minimax): max error < 2e-6.
TANH_CLIP = 7.0
TANH_P = (0.9999956871364654, 0.12302167942485731, 0.0022769752834798517, 3.929947013430512e-06)
TANH_Q = (1.0, 0.45634016331748767, 0.021072116928990175, 0.00014234934720111045)


def fast_tanh(x, out=None, t1=None, t2=None):
    """tanh(x) from + * / only (max error < 2e-6); `out` may be `x`, t1/t2 are scratch arrays.

    NaN counts as large (gives 1): fmin/fmax ignore NaN, so a picture never shows garbage.
    """
    out = np.empty_like(x) if out is None else out
    t1 = np.empty_like(x) if t1 is None else t1
    t2 = np.empty_like(x) if t2 is None else t2
    p0, p1, p2, p3 = TANH_P
    _, q1, q2, q3 = TANH_Q
    np.fmin(x, TANH_CLIP, out=out)
    np.fmax(out, -TANH_CLIP, out=out)       # out = x clipped to [-7, 7]
    np.multiply(out, out, out=t1)           # t1 = x^2
    np.multiply(t1, p3, out=t2)             # t2 = P(x^2) by Horner's rule
    t2 += p2
    t2 *= t1
    t2 += p1
    t2 *= t1
    t2 += p0
    out *= t2                               # out = x P(x^2)
    np.multiply(t1, q3, out=t2)             # t2 = Q(x^2)
    t2 += q2
    t2 *= t1
    t2 += q1
    t2 *= t1
    t2 += 1.0
    return np.divide(out, t2, out=out)


def fast_sigmoid(x, out=None, t1=None, t2=None):
    """sigmoid(x) = 0.5 + 0.5 tanh(x / 2), with fast_tanh."""
    out = np.multiply(x, 0.5, out=out)
    fast_tanh(out, out, t1, t2)
    out *= 0.5
    out += 0.5
    return out


def fast_softmax(z, t1, t2, t3):
    """Softmax over axis 0 of z (k, n), in place: exp(x) = (1 + t) / (1 - t), t = tanh(x / 2), x <= 0."""
    top = z.max(axis=0)
    z -= top                                # every x <= 0, the largest is 0
    z *= 0.5
    fast_tanh(z, z, t1, t2)
    np.subtract(1.0, z, out=t3)
    z += 1.0
    z /= t3                                 # exp(x - max)
    z /= z.sum(axis=0)
    return z


def _table(f, lo, hi, n):
    """f on [lo, hi] for linear interpolation: (lo, step, f at the n left ends, differences), float32."""
    h = (hi - lo) / n
    v = f(lo + h * np.arange(n + 1))
    return lo, h, v[:-1].astype(np.float32), np.diff(v).astype(np.float32)


# The picture pass's tanh and sigmoid: linear interpolation in a 4096-step table, clipped at
# the ends (|tanh(7)|, sigmoid(14) are within 2e-6 of 1). Error below 2e-6 (steps of 0.0034,
# 0.0068: h^2/8 max|f''|, plus float32 rounding); 9 cheap passes instead of fast_tanh's 17.
TABLE_N = 4096
TABLES = {"tanh": _table(np.tanh, -TANH_CLIP, TANH_CLIP, TABLE_N),
          "sigmoid": _table(lambda x: 1.0 / (1.0 + np.exp(-x)), -2 * TANH_CLIP, 2 * TANH_CLIP, TABLE_N)}


def _interpolate(u, table, frac, whole, idx):
    """f at the table positions u = (x - lo) / step, in place (float32); NaN counts as large."""
    _, _, v, d = table
    np.fmin(u, TABLE_N - 0.001, u)          # stay in the table: 0 <= u < TABLE_N
    np.fmax(u, 0.0, u)
    np.copyto(idx, u, casting="unsafe")     # i = floor(u), as u >= 0 (np.modf is 10x slower in Pyodide)
    np.copyto(whole, idx, casting="unsafe")
    np.subtract(u, whole, frac)             # frac = u - i
    np.take(d, idx, out=whole, mode="clip")
    frac *= whole                           # frac (f[i+1] - f[i])
    np.take(v, idx, out=u, mode="clip")
    u += frac                               # f[i] + frac (f[i+1] - f[i])
    return u


class PlanePass:
    """The forward pass of `net` over fixed points X (n, inputs), for pictures.

    run() returns [a_1, ..., a_L], a_l of shape (sizes[l], n) float32 (transposed:
    one row per neuron), or None if a value is not finite (then draw with the
    exact pass). The arrays are this object's buffers: they change on the next run().

    Each layer is one matmul [W^T, b] [a; 1] (the buffers of the inputs and hidden layers
    carry a row of ones). tanh and sigmoid come from TABLES, with the table's offset and
    step folded into [W^T, b], so the matmul gives the table positions.
    """

    def __init__(self, net, X):
        self.net = net
        Xt = np.asarray(X, dtype=np.float32).T                       # (inputs, n)
        n = Xt.shape[1]
        self.X1 = np.ones((len(Xt) + 1, n), np.float32)              # [x; 1]
        self.X1[:-1] = Xt
        self.X = self.X1[:-1]                                        # (inputs, n), as given
        L = len(net.sizes) - 1
        self.buf = [np.ones((k + 1 if l < L - 1 else k, n), np.float32) for l, k in enumerate(net.sizes[1:])]
        self.z = [b[:k] for b, k in zip(self.buf, net.sizes[1:])]   # [a_l; 1] -> a_l
        self.Wb = [np.empty((k, fan_in + 1), np.float32) for fan_in, k in zip(net.sizes[:-1], net.sizes[1:])]
        widest = max(net.sizes[1:])
        self.t = [np.empty((widest, n), np.float32) for _ in range(3)]
        self.idx = np.empty((widest, n), np.intp)

    def run(self):
        with np.errstate(over="ignore", invalid="ignore"):   # too large values are caught below
            return self._run()

    def _run(self):
        net = self.net
        L = len(net.sizes) - 1
        a = self.X1
        for l in range(L):
            W, b = net.params[2 * l], net.params[2 * l + 1]
            name = net.output if l == L - 1 else net.activation
            table = TABLES.get(name)
            lo, h = table[:2] if table else (0.0, 1.0)
            Wb, z = self.Wb[l], self.z[l]
            np.divide(W.T, h, Wb[:, :-1])
            np.divide(b - lo, h, Wb[:, -1])
            if not np.abs(Wb).max() < 1e30:
                return None                 # too large for float32 (or not finite)
            np.matmul(Wb, a, z)             # z^T = [W^T, b] [a^T; 1], as table positions (z - lo) / h
            k = len(z)
            t1, t2, t3 = (t[:k] for t in self.t)
            if table:
                _interpolate(z, table, t1, t2, self.idx[:k])
            elif name == "relu":
                np.fmax(z, 0.0, z)
            elif name == "softmax":
                fast_softmax(z, t1, t2, t3)
            if name in ("relu", "linear") and not np.isfinite(z.sum()):
                return None
            a = self.buf[l]
        return self.z


def to_bytes(values, lo, hi, out=None):
    """Like lessons.playground._to_bytes for finite values: [lo, hi] -> 0..255, rounded half up."""
    scale = 255.0 / max(hi - lo, 1e-12)
    v = np.multiply(values, scale, out=out)
    v += 0.5 - lo * scale
    np.fmin(v, 255.0, out=v)
    np.fmax(v, 0.0, out=v)
    return v.astype(np.uint8)
