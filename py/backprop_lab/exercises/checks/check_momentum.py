"""Checks of SGD.step(self, grads): W = W - eta g, or with momentum v = beta v - eta g; W = W + v."""
import numpy as np

from backprop_lab.exercises.cases import Spec
from backprop_lab.exercises.checks._support import fail, num, student, worst_entry  # noqa: F401
from backprop_lab.exercises.mistakes import Mistake
from backprop_lab.optim import SGD

W0 = np.array([[1.0, 2.0], [3.0, 4.0]])
b0 = np.array([0.5, -0.5])
G1 = [np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([1.0, 2.0])]
G2 = [np.array([[1.0, 1.0], [-1.0, 0.5]]), np.array([-2.0, 0.0])]


def random_steps(rng):
    shapes = [tuple(rng.randint(1, 4, size=rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
    steps = rng.randint(1, 4)
    scale = [0.1, 1.0, 100.0][rng.randint(3)]
    return {"params": [rng.normal(size=s) for s in shapes],
            "grads": [[rng.normal(scale=scale, size=s) for s in shapes] for _ in range(steps)],
            "etas": [float(rng.choice([0.001, 0.01, 0.1, 0.5]))] * steps if rng.randint(2) else
                    [float(rng.uniform(0.001, 0.5)) for _ in range(steps)],
            "beta": float(rng.choice([0.0, 0.5, 0.9, 0.99]))}


def run_steps(fn, params, grads, etas, beta):
    """W after every step, all params in one row each, and v after the last (with momentum)."""
    opt = SGD([p.copy() for p in params], etas[0], beta)
    rows = []
    for g, eta in zip(grads, etas):
        opt.eta = eta
        fn(opt, [x.copy() for x in g])
        rows.append(np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in opt.params]))
    velocity = np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in opt.velocity]) if beta else rows[-1] * 0
    return [np.array(rows), velocity]


def _old_v(self, grads):
    for p, g, v in zip(self.params, grads, self.velocity):
        p += v
        v *= self.beta
        v -= self.eta * g


def _new_array(self, grads):
    for p, g in zip(self.params, grads):
        p = p - self.eta * g


def _new_array_momentum(self, grads):
    for p, g, v in zip(self.params, grads, self.velocity):
        v *= self.beta
        v -= self.eta * g
        p = p + v


def _no_momentum(self, grads):
    for p, g in zip(self.params, grads):
        p -= self.eta * g


SPEC = Spec(
    "momentum", random_steps, run_steps, ["W by step", "v"],
    fixed=[{"params": [W0, b0], "grads": [G1, G2], "etas": [0.1, 0.1], "beta": beta} for beta in (0.0, 0.9)],
    mistakes=[
        Mistake("uphill", "this step goes uphill: check the sign of η∇L (W = W − η g)",
                edit=[("p -= self.eta * g", "p += self.eta * g"), ("v -= self.eta * g", "v += self.eta * g")]),
        Mistake("uphill_with_momentum", "this step goes uphill: check the sign of η∇L (v = β v − η g)",
                edit=("v -= self.eta * g", "v += self.eta * g")),
        Mistake("old_v", "the momentum update uses the old v: first v = β v − η g, then W = W + v with the new v",
                fn=_old_v),
        Mistake("new_array", "p = p + v (or p = p − η g) makes a new array that the network never sees: write "
                             "into it, p += v (p -= η g)", fn=[_new_array, _new_array_momentum]),
        Mistake("no_momentum", "you left out the momentum: with β ≠ 0, v = β v − η g is kept in self.velocity "
                               "from step to step (v *= β; v -= η g, in place), then W += v", fn=_no_momentum),
    ])


def test_named_mistakes(student):
    """none of the classic mistakes (uphill, the old v, a new array, no momentum or v not kept)"""
    SPEC.named_mistakes(student)


def optimizer(eta, beta):
    return SGD([W0.copy(), b0.copy()], eta, beta)


def expect(params, wants, what):
    for name, p, want in zip(("W", "b"), params, wants):
        i = worst_entry(p, want, rtol=1e-9, atol=1e-12)
        if i is not None:
            fail("%s, %s[%s] should be %s, yours gives %s"
                 % (what, name, ", ".join(map(str, i)), num(want[i]), num(p[i])))


def test_plain_step(student):
    """β = 0: W = W − η g"""
    opt = optimizer(0.1, 0.0)
    student(opt, G1)
    expect(opt.params, [W0 - 0.1 * G1[0], b0 - 0.1 * G1[1]], "after one step with η = 0.1 and β = 0 (W = W − η g)")


def test_in_place(student):
    """the network's own arrays are updated in place"""
    opt = optimizer(0.1, 0.0)
    W, b = opt.params
    student(opt, G1)
    if opt.params[0] is not W or opt.params[1] is not b:
        fail("self.params should still hold the same arrays after a step: the network reads its W from them")
    if np.array_equal(W, W0):
        fail("W did not change: update the arrays in place (p -= η g, or p += v), because p = p − η g only "
             "makes a new array and the network never sees it")


def test_momentum(student):
    """β = 0.9: v = β v − η g; W = W + v, over two steps"""
    eta, beta = 0.1, 0.9
    opt = optimizer(eta, beta)
    student(opt, G1)
    v1 = [-eta * g for g in G1]
    W1 = [W0 + v1[0], b0 + v1[1]]
    expect(opt.params, W1, "after one step with η = 0.1 and β = 0.9 (v = β v − η g starting from v = 0; W = W + v)")
    student(opt, G2)
    v2 = [beta * v - eta * g for v, g in zip(v1, G2)]
    expect(opt.params, [W1[0] + v2[0], W1[1] + v2[1]],
           "after a second step with η = 0.1 and β = 0.9 (v = β v − η g keeps the velocity of the first step)")


def test_velocity_kept(student):
    """self.velocity holds v after each step (momentum keeps it between steps)"""
    eta, beta = 0.1, 0.9
    opt = optimizer(eta, beta)
    student(opt, G1)
    student(opt, G2)
    v1 = [-eta * g for g in G1]
    v2 = [beta * v - eta * g for v, g in zip(v1, G2)]
    for name, v, want in zip(("v_W", "v_b"), opt.velocity, v2):
        i = worst_entry(v, want, rtol=1e-9, atol=1e-12)
        if i is not None:
            fail("after two steps, self.velocity's %s[%s] should be v = β v − η g = %s, yours holds %s"
                 % (name, ", ".join(map(str, i)), num(want[i]), num(np.asarray(v)[i])))


def test_eta_changed_between_steps(student):
    """η may change between steps: each step uses the current self.eta"""
    opt = optimizer(0.1, 0.0)
    student(opt, G1)
    opt.eta = 0.01
    student(opt, G2)
    W1 = [W0 - 0.1 * G1[0], b0 - 0.1 * G1[1]]
    expect(opt.params, [W1[0] - 0.01 * G2[0], W1[1] - 0.01 * G2[1]],
           "after a step with η = 0.1 and then one with η = 0.01")


def test_random_cases(student):
    """the lab's own steps on 12 random runs (shapes, η, β, several steps, large gradients)"""
    SPEC.random_cases(student)
