"""One epoch of Trainer with few numpy calls: the same mini-batches as Trainer._step.

Trainer._step and MLP.loss_and_grads are the readable reference. This module runs
the same epoch faster, because in Pyodide 0.17 (numpy in WebAssembly) every numpy
call costs a few microseconds whatever its size, and the Playground's mini-batches
are tiny (10 x 4 matrices): a reference step makes some 70 numpy calls, builds
lists, converts arrays and updates each parameter separately, which is all overhead.
run_epoch(trainer) does the same work as calling trainer._step() until the epoch ends:

  - the same permutation from the trainer's generator, the same batches, the same
    epsilon, Q and history entries, the same SGD or momentum update;
  - the bias is folded into the weights, [a, 1] [W; b] = a W + b, so a layer takes
    one matmul forward and one backward for both gradients: [dW; db] = [a, 1]^T dz;
  - the weights live in one flat array (a copy of net.params, copied in before the
    epoch and back after it), so one SGD update of all parameters is 2 numpy calls;
  - every buffer is allocated once per trainer and batch size and reused (out=).

Results agree with _step to rounding (the matmul adds the bias and sums db in
another order): tests/unit/test_fast_paths.py compares the histories.
"""
import math
import weakref

import numpy as np

from . import losses

# trainer -> its buffers. Not a trainer attribute: copy.deepcopy would turn the views into copies.
_plans = weakref.WeakKeyDictionary()


def supports(trainer):
    """Whether run_epoch can run this trainer's next epoch (else use _step)."""
    return (trainer._pos == 0 and not trainer.diverged and int(trainer.batch_size) >= 1
            and len(trainer.X_train) > 0)


class _Plan:
    """Buffers for one trainer, batch size and data set."""

    def __init__(self, trainer, key):
        net = trainer.net
        self.key = key
        X = trainer.X_train
        n = len(X)
        self.n, self.L = n, len(net.sizes) - 1
        self.X1 = np.hstack([X, np.ones((n, 1))])                 # [x, 1]: the bias input
        self.Xp = np.empty_like(self.X1)
        if trainer.loss == "softmax_ce":
            self.Y = np.asarray(trainer.y_train).astype(int).ravel()  # class labels
        else:
            self.Y = losses._targets(trainer.y_train, net.sizes[-1])  # float (n, k)
        self.Yp = np.empty_like(self.Y)
        shapes = [(fan_in + 1, fan_out) for fan_in, fan_out in zip(net.sizes[:-1], net.sizes[1:])]
        total = sum(r * c for r, c in shapes)
        self.P, self.G, self.V, self.T = (np.zeros(total) for _ in range(4))
        self.B, self.GB, self.VB = [], [], []                      # [W; b] blocks of P, G, V
        start = 0
        for r, c in shapes:
            for flat, blocks in ((self.P, self.B), (self.G, self.GB), (self.V, self.VB)):
                blocks.append(flat[start:start + r * c].reshape(r, c))
            start += r * c
        self.W = [B[:-1] for B in self.B]
        self.WT = [W.T for W in self.W]
        self.GW = [G[:-1] for G in self.GB]
        M = int(trainer.batch_size)
        self.batches = [(s, min(s + M, n)) for s in range(0, n, M)]
        self.bufs = {m: _Buffers(net.sizes, m) for m in {e - s for s, e in self.batches}}
        self.sigmoid_bce = net.output == "sigmoid" and trainer.loss == "bce"
        self.hidden = net.activation

    def copy_in(self, params, velocity, momentum):
        for l in range(self.L):
            self.W[l][...] = params[2 * l]
            self.B[l][-1] = params[2 * l + 1]
            if momentum:
                self.VB[l][:-1] = velocity[2 * l]
                self.VB[l][-1] = velocity[2 * l + 1]

    def copy_out(self, params, velocity, momentum):
        for l in range(self.L):
            params[2 * l][...] = self.W[l]
            params[2 * l + 1][...] = self.B[l][-1]
            if momentum:
                velocity[2 * l][...] = self.VB[l][:-1]
                velocity[2 * l + 1][...] = self.VB[l][-1]


class _Buffers:
    """Per batch size m: pre-activations z, activations [a, 1], backprop and scratch arrays."""

    def __init__(self, sizes, m):
        widths = sizes[1:]
        self.Z = [np.empty((m, k)) for k in widths]
        self.A = [np.ones((m, k + 1)) for k in widths[:-1]]        # last column stays 1
        self.Av = [A[:, :-1] for A in self.A]
        self.D = [np.empty((m, k)) for k in widths[:-1]]           # dz of hidden layers
        self.Tmp = [np.empty((m, k)) for k in widths]
        self.S = np.empty((m, widths[-1]))
        self.DZ = np.empty((m, widths[-1]))


def _plan(trainer):
    net = trainer.net
    key = (trainer.X_train, trainer.y_train,       # the same arrays, and equal settings
           (int(trainer.batch_size), trainer.loss, tuple(net.sizes), net.activation, net.output))
    plan = _plans.get(trainer)
    if plan is None or plan.key[0] is not key[0] or plan.key[1] is not key[1] or plan.key[2] != key[2]:
        plan = _plans[trainer] = _Plan(trainer, key)
    return plan


def _loss_and_dz(plan, buf, trainer, z, y):
    """(epsilon without penalty, dL/dz) at the output, as losses.loss_and_dz computes them."""
    m = len(z)
    if plan.sigmoid_bce:                        # the default: written out with out= buffers
        S, a = buf.S, buf.Tmp[-1]
        np.logaddexp(0.0, z, out=S)             # softplus(z)
        np.multiply(y, z, out=a)
        S -= a
        value = np.add.reduce(S, axis=None) / m  # mean of softplus(z) - y z (np.sum, minus its Python wrapper)
        np.negative(z, out=a)
        np.exp(a, out=a)
        a += 1.0
        np.divide(1.0, a, out=a)                # a = sigmoid(z) = 1 / (1 + e^-z)
        dz = np.subtract(a, y, out=buf.DZ)
        dz /= m                                 # (a - y) / n
        return value, dz
    net = trainer.net
    return losses.LOSSES[trainer.loss][0](z, net.f_out.f(z), y, net.output)


def _batch(plan, buf, trainer, x, y):
    """Forward and backward on one batch: returns epsilon; the gradient is left in plan.G."""
    net, L, hidden = trainer.net, plan.L, plan.hidden
    a = x
    for l in range(L - 1):                      # hidden layers: a = f([a, 1] [W; b])
        z, av = buf.Z[l], buf.Av[l]
        np.matmul(a, plan.B[l], out=z)
        if hidden == "tanh":
            np.tanh(z, out=av)
        elif hidden == "relu":
            np.maximum(z, 0.0, out=av)
        else:
            av[...] = net.f.f(z)
        a = buf.A[l]
    z = np.matmul(a, plan.B[L - 1], out=buf.Z[L - 1])
    value, dz = _loss_and_dz(plan, buf, trainer, z, y)
    l1, l2 = trainer.l1, trainer.l2
    for l in range(L - 1, -1, -1):
        np.matmul((buf.A[l - 1] if l > 0 else x).T, dz, out=plan.GB[l])   # [dW; db] = [a, 1]^T dz
        if l1 or l2:
            p_value, p_grad = losses.penalty(plan.W[l], l1, l2)
            value += p_value
            plan.GW[l] += p_grad
        if l > 0:                               # dz = (dz W^T) * f'(z)
            d, av = np.matmul(dz, plan.WT[l], out=buf.D[l - 1]), buf.Av[l - 1]
            if hidden == "tanh":
                t = buf.Tmp[l - 1]
                np.multiply(av, av, out=t)
                np.subtract(1.0, t, out=t)
                d *= t                          # tanh' = 1 - a^2
            elif hidden == "relu":
                d *= buf.Z[l - 1] > 0
            elif hidden != "linear":
                d *= net.f.df(buf.Z[l - 1], av)
            dz = d
    return value


def run_epoch(trainer):
    """The rest of the current epoch (from its start), as repeated trainer._step() would run it."""
    plan = _plan(trainer)
    params, opt = trainer.net.params, trainer.optimizer
    eta, beta, lam = opt.eta, opt.beta, trainer.lambda_
    momentum = beta != 0
    plan.copy_in(params, opt.velocity, momentum)
    order = trainer._order = trainer.rng.permutation(plan.n)   # new epoch, new order
    np.take(plan.X1, order, axis=0, out=plan.Xp)
    np.take(plan.Y, order, axis=0, out=plan.Yp)
    eps_history, Q_history = trainer.history["epsilon"], trainer.history["Q"]
    P, G, V, T = plan.P, plan.G, plan.V, plan.T
    Q, pos = trainer.Q, 0
    try:
        for s, e in plan.batches:
            eps = _batch(plan, plan.bufs[e - s], trainer, plan.Xp[s:e], plan.Yp[s:e])
            if not math.isfinite(eps):
                trainer.diverged = True
                return
            np.multiply(G, eta, out=T)          # eta g
            if momentum:
                V *= beta                       # v = beta v - eta g;  W = W + v
                V -= T
                P += V
            else:
                P -= T                          # W = W - eta g
            Q = lam * eps + (1 - lam) * Q
            eps_history.append(float(eps))
            Q_history.append(float(Q))
            pos = e
    finally:                                    # also when stopped (KeyboardInterrupt) mid-epoch
        plan.copy_out(params, opt.velocity, momentum)
        trainer.Q = Q
        trainer._pos = 0 if pos >= plan.n else pos
    trainer._end_epoch()
