"""The mini-batch training loop of the lecture.

    Q = mean loss over the whole training set
    repeat:
        pick M = batch_size samples at random
        epsilon = loss on those M samples
        W = W - eta * gradient of epsilon         (optim.SGD, maybe with momentum)
        Q = lambda_ * epsilon + (1 - lambda_) * Q  (running estimate of the loss)

"At random" here means: every epoch draws a fresh permutation of the training
set (from the trainer's own seeded generator) and walks through it in slices
of M, so each sample is used once per epoch.  The last slice may be smaller.
"""
import numpy as np

from . import fasttrain
from .losses import check_pair, loss_and_dz
from .optim import SGD

HISTORY_KEYS = ("epsilon", "Q", "epoch", "train_loss", "test_loss", "train_acc", "test_acc")


class Trainer:
    """Trainer(net, X_train, y_train, X_test=None, y_test=None, loss="bce",
               eta=0.03, batch_size=10, l1=0.0, l2=0.0, beta=0.0, lambda_=0.1, seed=0)

    step()   one mini-batch (the UI's "Step" button); returns epsilon
    epoch()  mini-batches until the current pass over the data is finished

    history  dict of lists:
             "epsilon", "Q"                 one entry per mini-batch
             "epoch", "train_loss", "test_loss", "train_acc", "test_acc"
                                            one entry per finished epoch; the test
                                            entries are None without a test set
    epsilon and Q include the l1/l2 penalty (they are what SGD minimises);
    train_loss/test_loss are the plain data loss, as evaluate() returns it.

    eta, beta, l1, l2 and batch_size may be changed between steps.  If the loss
    becomes NaN or infinite, training stops: diverged is set to True and
    step()/epoch() do nothing any more.
    """

    def __init__(self, net, X_train, y_train, X_test=None, y_test=None, loss="bce",
                 eta=0.03, batch_size=10, l1=0.0, l2=0.0, beta=0.0, lambda_=0.1, seed=0):
        check_pair(loss, net.output)
        self.net, self.loss = net, loss
        self.X_train, self.y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
        self.X_test = None if X_test is None else np.asarray(X_test, dtype=float)
        self.y_test = None if y_test is None else np.asarray(y_test)
        self.batch_size, self.l1, self.l2, self.lambda_ = batch_size, l1, l2, lambda_
        self.optimizer = SGD(net.params, eta, beta)
        self.rng = np.random.default_rng(seed)
        self.history = {key: [] for key in HISTORY_KEYS}
        self.epochs = 0                # finished epochs
        self.diverged = False
        self._order, self._pos = None, 0
        # Q starts as the loss on the whole training set
        self.Q = net.loss(self.X_train, self.y_train, loss, l1, l2)

    # eta and beta live in the optimizer; these keep trainer.eta = ... working
    @property
    def eta(self):
        return self.optimizer.eta

    @eta.setter
    def eta(self, value):
        self.optimizer.eta = value

    @property
    def beta(self):
        return self.optimizer.beta

    @beta.setter
    def beta(self, value):
        self.optimizer.beta = value

    def evaluate(self, X, y):
        """(mean data loss without penalty, accuracy) of the net on X, y."""
        loss = self.net.loss(X, y, self.loss)
        acc = np.mean(self.net.predict(X) == np.asarray(y).ravel())
        return float(loss), float(acc)

    def step(self):
        """Train on one mini-batch.  Returns epsilon (None once diverged)."""
        if self.diverged:
            return None
        with np.errstate(over="ignore", invalid="ignore"):   # divergence is handled below
            return self._step()

    def _step(self):
        n = len(self.X_train)
        if self._pos == 0:
            self._order = self.rng.permutation(n)            # new epoch, new order
        idx = self._order[self._pos:self._pos + self.batch_size]
        eps, grads = self.net.loss_and_grads(self.X_train[idx], self.y_train[idx],
                                             self.loss, self.l1, self.l2)
        if not np.isfinite(eps):
            self.diverged = True
            return eps
        self.optimizer.step(grads)                           # W = W - eta grad
        self.Q = self.lambda_ * eps + (1 - self.lambda_) * self.Q
        self.history["epsilon"].append(float(eps))
        self.history["Q"].append(float(self.Q))
        self._pos += len(idx)
        if self._pos >= n:
            self._pos = 0
            self._end_epoch()
        return eps

    def epoch(self):
        """Run mini-batches until this pass over the training set is done.

        A whole epoch runs through fasttrain.run_epoch: the same mini-batches as
        _step, with far fewer numpy calls (Pyodide's per-call overhead, see fasttrain.py).
        """
        done = self.epochs
        with np.errstate(over="ignore", invalid="ignore"):
            if fasttrain.supports(self):
                fasttrain.run_epoch(self)
            while not self.diverged and self.epochs == done:
                self._step()

    def _end_epoch(self):
        self.epochs += 1
        h = self.history
        h["epoch"].append(self.epochs)
        (loss, acc), (test_loss, test_acc) = self._evaluate_splits()
        h["train_loss"].append(loss)
        h["train_acc"].append(acc)
        h["test_loss"].append(test_loss)
        h["test_acc"].append(test_acc)

    def _evaluate_splits(self):
        """(evaluate(train), evaluate(test) or (None, None)), from one forward pass over both sets."""
        if self.X_test is None:
            return self.evaluate(self.X_train, self.y_train), (None, None)
        stack = getattr(self, "_stack", None)
        if stack is None or stack[0] is not self.X_train or stack[1] is not self.X_test:
            stack = self._stack = (self.X_train, self.X_test, np.vstack([self.X_train, self.X_test]))
        zs, acts = self.net._forward(stack[2])
        n, out = len(self.X_train), []
        for rows, y in ((slice(0, n), self.y_train), (slice(n, None), self.y_test)):
            loss, _ = loss_and_dz(self.loss, self.net.output, zs[-1][rows], acts[-1][rows], y)
            acc = np.mean(self.net._labels(acts[-1][rows]) == np.asarray(y).ravel())
            out.append((float(loss), float(acc)))
        return out
