"""Checks of MLP.loss_and_grads(self, X, y, loss, l1, l2): the backward loop (delta rule)."""
import numpy as np

from backprop_lab.exercises.cases import Spec, unpack
from backprop_lab.exercises.checks._support import as_number, compare_gradient, fail, num, returned_nothing, student  # noqa: F401 (student is a fixture)
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.gradcheck import numerical_grads
from backprop_lab.nn import MLP


def data(n_in, n_out, loss, n=6, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.uniform(-1, 1, size=(n, n_in))
    if loss == "softmax_ce":
        return X, rng.randint(0, n_out, size=n)
    return X, rng.randint(0, 2, size=(n, n_out)).astype(float)


PAIRS = [("sigmoid", "bce"), ("softmax", "softmax_ce"), ("linear", "mse"), ("tanh", "mse")]
NAMES = ["L"] + ["%s%d" % (k, i) for i in range(1, 6) for k in ("dW", "db")]


def random_net(rng):
    output, loss = PAIRS[rng.randint(len(PAIRS))]
    n_out = rng.randint(2, 4) if output == "softmax" else rng.randint(1, 3)
    sizes = [rng.randint(1, 4)] + [rng.randint(1, 5) for _ in range(rng.randint(0, 3))] + [n_out]
    l1, l2 = [(0.0, 0.0), (0.05, 0.0), (0.0, 0.1), (0.03, 0.2)][rng.randint(4)]
    return {"sizes": sizes, "activation": ["tanh", "sigmoid", "relu"][rng.randint(3)], "output": output,
            "loss": loss, "l1": l1, "l2": l2, "n": rng.randint(1, 8), "seed": rng.randint(1000)}


def run_net(fn, sizes, activation, output, loss, l1, l2, n, seed):
    net = MLP(sizes, activation=activation, output=output, seed=seed)
    for p in net.params[1::2]:
        p[...] = np.random.RandomState(seed + 1).uniform(-0.5, 0.5, size=p.shape)
    X, y = data(sizes[0], sizes[-1], loss, n=n, seed=seed)
    value, grads = unpack(fn(net, X, y, loss, l1, l2), 2, "a pair (L, grads)")
    if grads is None or isinstance(grads, (str, bytes)):
        fail("grads should be a list of %d arrays [dW1, db1, ...], yours is %r" % (len(net.params), grads))
    return [value] + unpack(grads, len(net.params), "grads: %d arrays [dW1, db1, dW2, ...]" % len(net.params))


SPEC = Spec(
    "mlp_backward", random_net, run_net, NAMES,
    fixed=[dict(sizes=[2, 3, 1], activation="tanh", output="sigmoid", loss="bce", l1=0.05, l2=0.1, n=6, seed=4),
           dict(sizes=[3, 4, 3, 2], activation="sigmoid", output="softmax", loss="softmax_ce", l1=0.02, l2=0.0,
                n=5, seed=5)],
    mistakes=[
        Mistake("no_f_prime", "going back through a layer multiplies by f'(z) too: δ_{l−1} = (δ_l W_lᵀ) ⊙ f'(z_{l−1})",
                edit=("dz = (dz @ W.T) * self.f.df(zs[l - 1], acts[l])", "dz = dz @ W.T")),
        Mistake("db_mean", "db sums dz over the samples: the mean divides by the batch size a second time",
                edit=("dz.sum(axis=0)", "dz.mean(axis=0)")),
        Mistake("no_penalty_gradient", "the penalty's gradient is missing from dW: add l1 sign(W) + λW to every "
                                       "layer's weight gradient", edit=("gW += p_grad", "pass")),
        Mistake("no_penalty_value", "L must include the penalty l1 Σ|W| + ½ λ ΣW² of every layer",
                edit=("value += p_value", "pass")),
        Mistake("no_l1", "the L1 term is missing: with l1 ≠ 0, add l1 Σ|W| to L and l1 sign(W) to dW",
                edit=("losses.penalty(W, l1, l2)", "losses.penalty(W, 0.0, l2)")),
        Mistake("l1_abs", "the L1 term's gradient is l1 sign(W), not l1 |W|",
                edit=("gW += p_grad", "gW += p_grad - l1 * np.sign(W) + l1 * np.abs(W)")),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (f' left out, mean for db, the penalty or its L1 term left out, l1 |W|)"""
    SPEC.named_mistakes(student)


def param_name(i):
    return ("W%d" if i % 2 == 0 else "b%d") % (i // 2 + 1)


def check_net(student, sizes, activation, output, loss, l1=0.0, l2=0.0, seed=0):
    net = MLP(sizes, activation=activation, output=output, seed=seed)
    for p in net.params[1::2]:                     # biases away from 0, so every term is tested
        p[...] = np.random.RandomState(seed + 1).uniform(-0.5, 0.5, size=p.shape)
    X, y = data(sizes[0], sizes[-1], loss, seed=seed)
    kept = [p.copy() for p in net.params]
    hidden = "%s hidden units" % activation if len(sizes) > 2 else "no hidden layer"
    what = "the network %s with %s, %s output and loss %s%s%s" % (
        sizes, hidden, output, loss, " and l1 = %s" % num(l1) if l1 else "", " and λ = %s" % num(l2) if l2 else "")
    result = student(net, X, y, loss, l1, l2)
    returned_nothing(result, "loss_and_grads")
    try:
        value, grads = result
    except (TypeError, ValueError):
        fail("loss_and_grads should return a pair (L, grads), yours returns %s" % type(result).__name__)
    if any(not np.array_equal(p, k) for p, k in zip(net.params, kept)):
        fail("your loss_and_grads changed the weights: it should only compute the gradients "
             "(the optimizer takes the step)")
    want = net.loss(X, y, loss, l1, l2)
    value = as_number(value, "L")
    if not abs(value - want) <= 1e-9 + 1e-9 * abs(want):
        fail("L for %s should be %s (as MLP.loss gives it), yours gives %s" % (what, num(want), num(value)))
    grads = list(grads) if isinstance(grads, (list, tuple)) else grads
    if not isinstance(grads, list) or len(grads) != len(net.params):
        fail("grads should be a list of %d arrays [dW1, db1, dW2, ...], one per entry of self.params, yours is %s"
             % (len(net.params), "a list of %d" % len(grads) if isinstance(grads, list) else type(grads).__name__))
    numeric = numerical_grads(lambda params: net.loss(X, y, loss, l1, l2), net.params)
    for i, (g, n) in enumerate(zip(grads, numeric)):
        name = param_name(i)
        if g is None:
            fail("grads[%d] = dL/d%s is still None for %s: the loop must fill in every layer" % (i, name, what))
        if np.shape(g) != n.shape:
            fail("dL/d%s should have %s's shape %s, yours has shape %s (for %s)"
                 % (name, name, n.shape, np.shape(g), what))
        try:
            compare_gradient("dL/d%s" % name, name, g, n)
        except AssertionError as e:
            fail("%s, for %s" % (e, what))


def test_no_hidden_layer(student):
    """[2, 1]: logistic regression, one layer (dz = dL/dz from the loss)"""
    check_net(student, [2, 1], "tanh", "sigmoid", "bce")


def test_one_hidden_layer(student):
    """[2, 3, 1] with tanh: one step back through W and f'"""
    check_net(student, [2, 3, 1], "tanh", "sigmoid", "bce")


def test_two_hidden_layers(student):
    """[2, 4, 3, 1] with sigmoid: the loop runs through every layer"""
    check_net(student, [2, 4, 3, 1], "sigmoid", "sigmoid", "bce", seed=1)


def test_softmax_and_relu(student):
    """[3, 5, 4] with ReLU and a softmax output"""
    check_net(student, [3, 5, 4], "relu", "softmax", "softmax_ce", seed=2)


def test_mse_linear_output(student):
    """[2, 3, 2] with a linear output and mean squared error"""
    check_net(student, [2, 3, 2], "tanh", "linear", "mse", seed=3)


def test_with_l2(student):
    """[2, 3, 1] with the L2 term: the penalty's gradient is added to every dW"""
    check_net(student, [2, 3, 1], "tanh", "sigmoid", "bce", l2=0.1, seed=4)


def test_with_l1(student):
    """[2, 3, 1] with the L1 term: l1 Σ|W| in L and l1 sign(W) in every dW"""
    check_net(student, [2, 3, 1], "tanh", "sigmoid", "bce", l1=0.05, seed=5)


def test_with_l1_and_l2(student):
    """[2, 4, 3, 1] with both penalties"""
    check_net(student, [2, 4, 3, 1], "sigmoid", "sigmoid", "bce", l1=0.03, l2=0.2, seed=6)


def test_random_cases(student):
    """the lab's own L and gradients on 12 random networks (depths, widths, activations, losses, l1 and λ)"""
    SPEC.random_cases(student)
