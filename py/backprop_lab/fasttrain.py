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

The Playground's own case (sigmoid output with cross-entropy, no L1/L2 penalty) runs
leaner still (_Lean, 16 numpy calls a mini-batch instead of ~28):

  - all layers' inputs [x, 1 | a_1, 1 | ...] of the whole epoch live side by side in one
    array H (n, C), and all layers' dz of a batch side by side in DZ (m, D); the weights
    are the diagonal blocks of one (C, D) matrix, so ONE matmul H^T DZ gives every
    layer's [dW; db] (its diagonal blocks; the other blocks are masked out of the
    update: eta is 0 there), and 1 - a^2 of all tanh layers is 2 calls;
  - the output layer's [W; b] is kept halved, so the matmul gives z / 2 and
    2 (sigmoid(z) - y) = tanh(z / 2) + (1 - 2 y) is 2 calls; dz is thus 2 m times the
    true dz at the output (m times below it): eta / m and eta / 4m in the update's
    mask (eta_masks) make up for it (scaling by 2 is exact; by m only to rounding);
  - epsilon of every batch is computed once at the end of the epoch from the batches'
    z, kept for the purpose; if one is not finite, the epoch is run again from its start
    up to that batch, and training stops there, as _step stops.
"""
import math
import sys
import warnings
import weakref

import numpy as np

from . import losses

# trainer -> its buffers. Not a trainer attribute: copy.deepcopy would turn the views into copies.
_plans = weakref.WeakKeyDictionary()


def edited():
    """True while a function of the training step is edited (live.uses_reference_path):
    then every epoch runs through Trainer._step, which calls the student's code."""
    live = sys.modules.get("backprop_lab.live")   # never imported: nothing is edited
    return live is not None and live.uses_reference_path()


def supports(trainer):
    """Whether run_epoch can run this trainer's next epoch (else use _step)."""
    return (not edited() and trainer._pos == 0 and not trainer.diverged and int(trainer.batch_size) >= 1
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
    if trainer.net.output == "sigmoid" and trainer.loss == "bce" and not (trainer.l1 or trainer.l2):
        return _run_lean(trainer)
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


# ---- the lean epoch: sigmoid output, cross-entropy, no penalty ----------------------

_leans = weakref.WeakKeyDictionary()


class _Lean:
    """Buffers of the lean epoch for one trainer, batch size and data set.

    H (n, C): block l = [a_l, 1] (a_0 = x), columns cols[l]; DZ (m, D): block l = dz of
    layer l + 1, columns dcols[l]; PF, GF (C, D): weights [W_l; b_l] = PF[cols[l], dcols[l]].
    """

    def __init__(self, trainer, key):
        net = trainer.net
        self.key = key
        sizes = net.sizes
        self.L = L = len(sizes) - 1
        X = trainer.X_train
        self.n = n = len(X)
        widths = [k + 1 for k in sizes[:-1]]                    # [a_l, 1] for l < L
        starts = np.cumsum([0] + widths)
        dstarts = np.cumsum([0] + list(sizes[1:]))
        self.cols = [slice(starts[l], starts[l + 1]) for l in range(L)]
        self.dcols = [slice(dstarts[l], dstarts[l + 1]) for l in range(L)]
        C, D = int(starts[-1]), int(dstarts[-1])
        self.X1 = np.hstack([X, np.ones((n, 1))])
        self.H = np.ones((n, C))                                # the 1 columns stay 1
        self.Y = losses._targets(trainer.y_train, sizes[-1])    # (n, k) float
        self.Yp, self.Yc = np.empty_like(self.Y), np.empty_like(self.Y)
        self.Zo = np.empty((n, sizes[-1]))                      # the output z / 2 of every batch
        self.S, self.Tn = np.empty_like(self.Zo), np.empty_like(self.Zo)
        self.PF, self.GF, self.VF, self.TF = (np.zeros((C, D)) for _ in range(4))
        self.P0, self.V0 = np.empty((C, D)), np.empty((C, D))
        self.mask = np.zeros((C, D))                            # 1 / m on the hidden blocks, 1 / 4m on the output's
        for l in range(L):
            self.mask[self.cols[l], self.dcols[l]] = 1.0 if l < L - 1 else 0.25
        self.eta_masks, self.eta = {}, None
        self.beta_box = np.zeros(())                            # beta, read by the momentum update
        self.programs, self.programs_net = {}, None
        self.B = [self.PF[self.cols[l], self.dcols[l]] for l in range(L)]
        self.VB = [self.VF[self.cols[l], self.dcols[l]] for l in range(L)]
        self.WT = [B[:-1].T for B in self.B]
        M = int(trainer.batch_size)
        bounds = [(s, min(s + M, n)) for s in range(0, n, M)]
        self.starts = np.array([s for s, _ in bounds])
        self.counts = np.array([float(e - s) for s, e in bounds])
        self.hidden = net.activation
        hidden_cols = slice(starts[1], C) if L > 1 else slice(0, 0)
        scratch = {}
        self.batches = []
        for s, e in bounds:
            m = e - s
            if m not in scratch:
                self.eta_masks[m] = np.zeros((C, D))
                scratch[m] = (np.empty((m, D)), [np.empty((m, k)) for k in sizes[1:-1]],
                              np.empty((m, C)))
            DZ, Z, T = scratch[m]
            Hb = self.H[s:e]
            self.batches.append((
                [Hb[:, self.cols[l]] for l in range(L)],                # inputs [a_l, 1] of each layer
                [Hb[:, self.cols[l + 1]][:, :-1] for l in range(L - 1)],  # a_l of the hidden layers
                Z, self.Zo[s:e], self.Yc[s:e], DZ,
                [DZ[:, self.dcols[l]] for l in range(L)],
                Hb[:, hidden_cols], T[:, hidden_cols],
                [T[:, self.cols[l + 1]][:, :-1] for l in range(L - 1)],   # 1 - a_l^2
                Hb.T, self.eta_masks[m], e))

    def copy_in(self, params, velocity, momentum):
        for l in range(self.L):
            f = 1.0 if l < self.L - 1 else 0.5                 # the output layer's halved
            np.multiply(params[2 * l], f, out=self.B[l][:-1])
            np.multiply(params[2 * l + 1], f, out=self.B[l][-1])
            if momentum:
                np.multiply(velocity[2 * l], f, out=self.VB[l][:-1])
                np.multiply(velocity[2 * l + 1], f, out=self.VB[l][-1])

    def copy_out(self, params, velocity, momentum):
        for l in range(self.L):
            f = 1.0 if l < self.L - 1 else 2.0
            np.multiply(self.B[l][:-1], f, out=params[2 * l])
            np.multiply(self.B[l][-1], f, out=params[2 * l + 1])
            if momentum:
                np.multiply(self.VB[l][:-1], f, out=velocity[2 * l])
                np.multiply(self.VB[l][-1], f, out=velocity[2 * l + 1])

    def _ops(self, batch, momentum, net):
        """One batch's forward, backward and update as a list of (numpy function, args), outputs
        passed positionally (cheaper than out= in numpy's argument parsing)."""
        ins, acts, Z, zo, yc, DZ, dzs, Hh, T, dT, HbT, eta_mask, _ = batch
        L, hidden = self.L, self.hidden
        ops = []
        for l in range(L - 1):                                  # a = f([a, 1] [W; b])
            ops.append((np.matmul, (ins[l], self.B[l], Z[l])))
            if hidden == "tanh":
                ops.append((np.tanh, (Z[l], acts[l])))
            elif hidden == "relu":
                ops.append((_relu, (Z[l], acts[l])))
            elif hidden == "linear":
                ops.append((np.copyto, (acts[l], Z[l])))
            else:
                ops.append((_apply, (net, Z[l], acts[l])))
        ops += [(np.matmul, (ins[L - 1], self.B[L - 1], zo)),   # z / 2 = [a, 1] [W; b] / 2
                (np.tanh, (zo, dzs[L - 1])),                    # 2 m dz = 2 (sigmoid(z) - y)
                (np.add, (dzs[L - 1], yc, dzs[L - 1]))]         #        = tanh(z / 2) + (1 - 2 y)
        if L > 1 and hidden == "tanh":
            ops += [(np.multiply, (Hh, Hh, T)), (np.subtract, (1.0, T, T))]   # tanh' = 1 - a^2, all at once
        for l in range(L - 2, -1, -1):                          # dz = (dz W^T) * f'(z)
            ops.append((np.matmul, (dzs[l + 1], self.WT[l + 1], dzs[l])))
            if hidden == "tanh":
                ops.append((np.multiply, (dzs[l], dT[l], dzs[l])))
            elif hidden == "relu":
                ops.append((_relu_df, (dzs[l], Z[l])))
            elif hidden != "linear":
                ops.append((_df, (net, dzs[l], Z[l], acts[l])))
        ops += [(np.matmul, (HbT, DZ, self.GF)),                # every [dW; db] = [a, 1]^T dz
                (np.multiply, (self.GF, eta_mask, self.TF))]    # eta g
        if momentum:                                            # v = beta v - eta g;  W = W + v
            ops += [(np.multiply, (self.VF, self.beta_box, self.VF)), (np.subtract, (self.VF, self.TF, self.VF)),
                    (np.add, (self.PF, self.VF, self.PF))]
        else:
            ops.append((np.subtract, (self.PF, self.TF, self.PF)))   # W = W - eta g
        return ops

    def run(self, count, eta, beta, net):
        """The first `count` batches of the epoch; returns how many ran (all, unless stopped)."""
        if self.eta != eta:                                     # eta / m on the weight blocks, 0 elsewhere
            for m, mask in self.eta_masks.items():
                np.multiply(self.mask, eta / m, out=mask)
            self.eta = eta
        momentum = bool(beta)
        self.beta_box[...] = beta
        if self.programs.get(momentum) is None or self.programs_net is not net:
            self.programs = {momentum: [self._ops(b, momentum, net) for b in self.batches]}
            self.programs_net = net
        self.done = 0                           # batches fully run (an interrupt may stop one midway)
        for ops in self.programs[momentum][:count]:
            for f, args in ops:
                f(*args)
            self.done += 1
        return self.done

    def epsilons(self, count):
        """epsilon of the first `count` batches: mean of softplus(z) - y z over each batch."""
        end = self.batches[count - 1][-1]
        S, z = self.S[:end], self.Tn[:end]
        np.multiply(self.Zo[:end], 2.0, out=z)                  # z = 2 (z / 2), exactly
        np.logaddexp(0.0, z, out=S)
        np.multiply(self.Yp[:end], z, out=z)
        S -= z
        sums = np.add.reduceat(S.sum(axis=1), self.starts[:count])
        return (sums / self.counts[:count]).tolist()


class _quiet_defaults:
    """numpy's default error state, its warnings silenced: a numpy call costs ~20% more (on
    10 x 4 arrays, in Pyodide 0.17) under any other state, such as Trainer.epoch's errstate."""

    def __enter__(self):
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)   # overflow, NaN: divergence is handled
        self.old = np.seterr(divide="warn", over="warn", under="ignore", invalid="warn")

    def __exit__(self, *exc):
        np.seterr(**self.old)
        self.warnings.__exit__(*exc)


def _apply(net, z, a):
    a[...] = net.f.f(z)


def _relu(z, a):
    np.maximum(z, 0.0, out=a)


def _relu_df(d, z):
    d *= z > 0


def _df(net, d, z, a):
    d *= net.f.df(z, a)


def _lean(trainer):
    net = trainer.net
    key = (trainer.X_train, trainer.y_train, (int(trainer.batch_size), tuple(net.sizes), net.activation))
    lean = _leans.get(trainer)
    if lean is None or lean.key[0] is not key[0] or lean.key[1] is not key[1] or lean.key[2] != key[2]:
        lean = _leans[trainer] = _Lean(trainer, key)
    return lean


def _run_lean(trainer):
    """run_epoch for sigmoid + cross-entropy without penalty (see _Lean)."""
    lean = _lean(trainer)
    params, opt, net = trainer.net.params, trainer.optimizer, trainer.net
    eta, beta, lam = opt.eta, opt.beta, trainer.lambda_
    momentum = beta != 0
    lean.copy_in(params, opt.velocity, momentum)
    order = trainer._order = trainer.rng.permutation(lean.n)    # new epoch, new order
    lean.H[:, lean.cols[0]] = lean.X1[order]
    np.take(lean.Y, order, axis=0, out=lean.Yp)
    np.multiply(lean.Yp, -2.0, out=lean.Yc)
    lean.Yc += 1.0                                              # 1 - 2 y
    lean.P0[...] = lean.PF
    if momentum:
        lean.V0[...] = lean.VF
    lean.done = 0
    try:
        with _quiet_defaults():
            lean.run(len(lean.batches), eta, beta, net)
    finally:                                    # also when stopped (KeyboardInterrupt) mid-epoch
        with _quiet_defaults():
            done = lean.done
            eps = lean.epsilons(done) if done else []
            bad = next((i for i, e in enumerate(eps) if not math.isfinite(e)), None)
            if bad is not None or done < len(lean.batches):
                # stop before the first bad batch, as _step does, or after the last whole batch
                # (an interrupted one may have changed some weights): run them again from the start
                keep = done if bad is None else bad
                lean.PF[...] = lean.P0
                if momentum:
                    lean.VF[...] = lean.V0
                lean.run(keep, eta, beta, net)
                trainer.diverged = bad is not None
                done, eps = keep, eps[:keep]
        lean.copy_out(params, opt.velocity, momentum)
        Q, eps_history, Q_history = trainer.Q, trainer.history["epsilon"], trainer.history["Q"]
        for e in eps:
            Q = lam * e + (1 - lam) * Q
            eps_history.append(e)
            Q_history.append(Q)
        trainer.Q = Q
        pos = lean.batches[done - 1][-1] if done else 0
        trainer._pos = 0 if pos >= lean.n else pos
    if done == len(lean.batches) and not trainer.diverged:
        trainer._end_epoch()
