"""Lesson 9, softmax and cross-entropy: logits z (k,) -> probabilities p -> loss -ln p_y.

    p_c = exp(z_c / T) / sum_i exp(z_i / T)        (T = temperature, 1 in the lecture)
    loss = -ln p_y = logsumexp(z / T) - z_y / T

The softmax is computed with activations.softmax (which subtracts the largest
logit first) and the loss with losses.softmax_ce (log-sum-exp), so logits like
1000 give finite numbers. ``naive_softmax`` is the formula taken literally, to
show where it breaks.
"""
import numpy as np

from .. import activations, losses  # looked up at call time: an edited softmax_ce runs here


def logsumexp(z):
    """ln sum_i exp(z_i) for z (k,), as m + ln sum_i exp(z_i - m) with m = max z."""
    m = float(np.max(z))
    return m + float(np.log(np.sum(np.exp(z - m))))


def naive_softmax(z):
    """exp(z) / sum(exp(z)) as written: overflows to inf / inf = NaN once z_i > ~709."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(z)
        return e / e.sum()


def log_softmax(z):
    """ln p_c = z_c - logsumexp(z) for z (k,): finite even where p_c underflows to 0."""
    return z - logsumexp(z)


def cross_entropy(q, log_p):
    """H(q, p) = -sum_c q_c ln p_c for a distribution q (k,) and ln p (k,); 0 ln 0 counts as 0."""
    q = np.asarray(q, dtype=float)
    used = q > 0                                         # terms with q_c = 0 drop out
    return -float(np.sum(q[used] * np.asarray(log_p)[used]))


def report(logits=(2.0, 1.0, 0.1), y=0, T=1.0):
    """Everything the page shows for logits z (k,), true class y and temperature T."""
    z = np.asarray(logits, dtype=float)
    if z.ndim != 1 or len(z) < 2 or not np.all(np.isfinite(z)):
        return {"error": "The logits must be at least two finite numbers."}
    if not (np.isfinite(T) and T > 0):
        return {"error": "The temperature T must be a positive number."}
    y = int(y)
    if not 0 <= y < len(z):
        return {"error": "The true class must be one of 0..%d." % (len(z) - 1)}
    zT = z / T                                           # logits scaled by the temperature
    p = activations.softmax(zT[None, :])[0]                          # p_c = e^{z_c/T} / sum_i e^{z_i/T}
    loss, _ = losses.softmax_ce(zT[None, :], p[None, :], [y], "softmax")   # -ln p_y via log-sum-exp
    q = np.eye(len(z))[y]                                # one-hot target
    log_p = log_softmax(zT)
    return {
        "p": p, "loss": float(loss), "log_p_y": float(log_p[y]), "lse": logsumexp(zT),
        "q": q, "cross_entropy": cross_entropy(q, log_p),     # H(q, p) = -ln p_y for one-hot q
        "naive_ok": bool(np.all(np.isfinite(naive_softmax(zT)))), "max_logit": float(zT.max()),
        "predicted": int(np.argmax(p)), "sum": float(p.sum()), "error": "",
    }
