"""Loss functions L and their gradient dL/dz at the output pre-activation z.

Shapes: z, a have shape (n, k): n samples, k output units, a = f_out(z).
Every loss is a MEAN over the n samples (so it does not grow with the batch
size, like epsilon in the lecture) and a SUM over the k outputs.

    name        output    L_i (loss of sample i)               dL/dz (of the mean)
    mse         any       0.5 * sum_k (a_ik - y_ik)^2          (a - y) f'(z) / n
    bce         sigmoid   sum_k softplus(z_ik) - y_ik z_ik     (a - y) / n
    softmax_ce  softmax   logsumexp(z_i) - z_i,y_i             (softmax(z) - onehot(y)) / n

bce and softmax_ce are computed from the logits z, never from log(a), so they
stay finite for z = +-1000: softplus(z) = log(1 + e^z) = logaddexp(0, z).
For bce and mse, y may have shape (n,) or (n, k); for softmax_ce, y holds the
integer class labels, shape (n,).
"""
import numpy as np

from .activations import OUTPUT_ACTIVATIONS


def _targets(y, k):
    """y as a float array of shape (n, k): (n,) -> (n, 1), or one-hot if k > 1."""
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        y = y[:, None] if k == 1 else np.eye(k)[y.astype(int)]
    return y


def mse(z, a, y, output):
    n, k = a.shape
    diff = a - _targets(y, k)
    value = 0.5 * np.sum(diff * diff) / n            # mean_i 0.5 ||a_i - y_i||^2
    da = diff / n                                    # dL/da
    if output == "softmax":
        # softmax Jacobian J = diag(a) - a a^T, so J^T da = a (da - <da, a>)
        return value, a * (da - np.sum(da * a, axis=1, keepdims=True))
    return value, da * OUTPUT_ACTIVATIONS[output].df(z, a)   # chain rule: dL/da * f'(z)


def bce(z, a, y, output):
    n, k = a.shape
    y = _targets(y, k)
    # -[y log s(z) + (1-y) log(1-s(z))]  ==  softplus(z) - y z
    value = np.sum(np.logaddexp(0.0, z) - y * z) / n
    return value, (a - y) / n                        # a = sigmoid(z)


def softmax_ce(z, a, y, output):
    n = len(z)
    rows, labels = np.arange(n), np.asarray(y).astype(int).ravel()
    m = z.max(axis=1)                                # log-sum-exp trick
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    value = np.mean(lse - z[rows, labels])           # -log softmax(z)_y
    dz = a.copy()                                    # a = softmax(z)
    dz[rows, labels] -= 1.0                          # softmax(z) - onehot(y)
    return value, dz / n


# name -> (function, the output activations it may be paired with)
LOSSES = {
    "mse": (mse, ("sigmoid", "tanh", "linear", "softmax")),
    "bce": (bce, ("sigmoid",)),
    "softmax_ce": (softmax_ce, ("softmax",)),
}


def check_pair(loss, output):
    """Raise ValueError unless loss `loss` may follow output activation `output`."""
    if loss not in LOSSES:
        raise ValueError("unknown loss %r; valid: %s" % (loss, ", ".join(sorted(LOSSES))))
    if output not in OUTPUT_ACTIVATIONS:
        raise ValueError("unknown output activation %r; valid: %s"
                         % (output, ", ".join(sorted(OUTPUT_ACTIVATIONS))))
    valid = LOSSES[loss][1]
    if output not in valid:
        raise ValueError("loss %r cannot be used with output activation %r; %r needs output %s"
                         % (loss, output, loss, " or ".join(valid)))


def loss_and_dz(loss, output, z, a, y):
    """(L, dL/dz) for output pre-activation z (n, k) and activation a (n, k)."""
    check_pair(loss, output)
    return LOSSES[loss][0](z, a, y, output)


def penalty(W, l1=0.0, l2=0.0):
    """Weight penalty l1 * sum|W| + 0.5 * l2 * sum W^2 and its gradient.

    Applied to weight matrices only, never to biases, and NOT divided by the
    batch size.  The gradient of |W| at 0 is taken as sign(0) = 0.
    """
    value, grad = 0.0, 0.0
    if l1:
        value += l1 * np.sum(np.abs(W))
        grad = grad + l1 * np.sign(W)                # d|W|/dW = sign(W)
    if l2:
        value += 0.5 * l2 * np.sum(W * W)
        grad = grad + l2 * W                         # d(0.5 W^2)/dW = W
    return value, grad


def constant_loss(loss, y, k=1):
    """The smallest loss any constant output reaches on labels y (k outputs): a net that
    predicts the same for every point can do no better, and a trained one should.

    The best constant is the label mean (the class frequencies), and its loss is
        bce          sum over outputs of the entropy of the label frequency p: -p ln p - (1-p) ln(1-p)
        softmax_ce   the entropy of the class frequencies q: -sum_c q_c ln q_c
        mse          0.5 * sum over outputs of the labels' variance (the mean of 0.5 (a - y)^2 at a = mean y)
    (natural logs, a mean over the samples, as the losses above).
    """
    if loss not in LOSSES:
        raise ValueError("unknown loss %r; valid: %s" % (loss, ", ".join(sorted(LOSSES))))
    if loss == "softmax_ce":
        labels = np.asarray(y).astype(int).ravel()
        q = np.bincount(labels, minlength=k) / len(labels)
    else:
        t = _targets(y, k)
        if loss == "mse":
            return float(0.5 * np.sum(np.var(t, axis=0)))
        p = np.mean(t, axis=0)
        q = np.concatenate([p, 1.0 - p])               # each output's two frequencies
    q = q[q > 0]                                       # 0 ln 0 = 0
    return float(-np.sum(q * np.log(q)))
