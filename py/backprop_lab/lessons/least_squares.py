"""Lesson 7, least squares vs gradient descent, on a line fit y ~ w x + b.

Stack the inputs as rows [x_i, 1] of X (n, 2) so that W = [w, b] (2,) and the
prediction is XW. The mean squared error

    L(W) = 1/(2n) ||XW - y||^2,    grad L = X^T (XW - y) / n,    Hessian H = X^T X / n

has its minimum where the gradient is 0: X^T X W = X^T y, so W_hat = (X^T X)^-1 X^T y.
We solve that least-squares problem with np.linalg.lstsq (an SVD of X) rather than
forming the inverse. Gradient descent W <- W - eta grad L gets there too, if
eta < 2 / lambda_max(H); above that it diverges.
"""
import numpy as np

X_RANGE = (0.0, 5.0)        # x is drawn uniformly from here
TRUE_W = (0.8, -1.0)        # the line the data is made from: y = 0.8 x - 1 + noise
BLOW_UP = 1e6               # ||W - W_hat|| beyond this counts as diverged


def make_data(n=40, noise=0.5, seed=0):
    """n points (x, y) with y = 0.8 x - 1 + noise * N(0, 1). Returns x (n,), y (n,)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(X_RANGE[0], X_RANGE[1], size=n)
    y = TRUE_W[0] * x + TRUE_W[1] + noise * rng.standard_normal(n)
    return x, y


def design_matrix(x):
    """Rows [x_i, 1]: X of shape (n, 2), so that XW = w x + b for W = [w, b]."""
    return np.column_stack([x, np.ones_like(x)])


def closed_form(X, y):
    """W_hat = argmin ||XW - y||^2 = (X^T X)^-1 X^T y, solved stably by lstsq: (2,)."""
    W_hat, _, _, _ = np.linalg.lstsq(X, y, rcond=None)
    return W_hat


def loss(X, y, W):
    """L(W) = 1/(2n) ||XW - y||^2."""
    r = X @ W - y                               # residuals (n,)
    return 0.5 * float(r @ r) / len(y)


def gradient(X, y, W):
    """grad L(W) = X^T (XW - y) / n: (2,)."""
    return X.T @ (X @ W - y) / len(y)


def hessian(X):
    """H = X^T X / n (2, 2): the same at every W, since L is quadratic."""
    return X.T @ X / len(X)


def critical_eta(X):
    """2 / lambda_max(H): gradient descent converges for eta below it, diverges above."""
    return 2.0 / float(np.linalg.eigvalsh(hessian(X)).max())


def gradient_descent(X, y, eta, steps, W0=(0.0, 0.0), W_hat=None):
    """W_{k+1} = W_k - eta grad L(W_k), for at most `steps` steps.

    Returns path (k+1, 2), losses (k+1,), distances ||W_k - W_hat|| (k+1,) and
    diverged. Stops early, before anything overflows, once ||W - W_hat|| passes
    BLOW_UP: then diverged is True and every returned number is finite.
    """
    W_hat = closed_form(X, y) if W_hat is None else W_hat
    W = np.array(W0, dtype=float)
    path, losses, distances = [W.copy()], [loss(X, y, W)], [float(np.linalg.norm(W - W_hat))]
    diverged = False
    for _ in range(steps):
        W = W - eta * gradient(X, y, W)           # W = W - eta dL/dW
        distance = float(np.linalg.norm(W - W_hat))
        if not distance < BLOW_UP:                # also catches NaN
            diverged = True
            break
        path.append(W.copy())
        losses.append(loss(X, y, W))
        distances.append(distance)
    return np.array(path), np.array(losses), np.array(distances), diverged


def run(n=40, noise=0.5, seed=0, eta=0.1, steps=200):
    """Everything the page shows: the data, W_hat, the GD path and the numbers about H."""
    x, y = make_data(n, noise, seed)
    X = design_matrix(x)
    W_hat = closed_form(X, y)
    path, losses, distances, diverged = gradient_descent(X, y, eta, steps, W_hat=W_hat)
    lambdas = np.linalg.eigvalsh(hessian(X))      # ascending: lambda_min, lambda_max
    eta_crit = critical_eta(X)                    # 2 / lambda_max
    if eta > eta_crit and distances[-1] > distances[0]:
        diverged = True                           # growing, even if not yet past BLOW_UP
    message = ""                                  # the words match the comparison exactly:
    if diverged:                                  # "above" only for eta > eta_crit
        message = "diverged: η %s 2/λ_max = %.4g (after %d steps)" % (
            "above" if eta > eta_crit else "≥", eta_crit, len(path) - 1)
    elif eta >= eta_crit:                         # at, or too little above to blow up yet
        message = "not converging: η ≥ 2/λ_max = %.4g, so W oscillates" % eta_crit
    return {
        "x": x, "y": y, "W_hat": W_hat, "loss_hat": loss(X, y, W_hat),
        "path": path, "losses": losses, "distances": distances,
        "diverged": diverged, "message": message,
        "eta": float(eta), "eta_crit": eta_crit,
        "lambda_min": float(lambdas[0]), "lambda_max": float(lambdas[-1]),
        "cond_X": float(np.linalg.cond(X)), "cond_XtX": float(np.linalg.cond(X.T @ X)),
        "x_range": list(X_RANGE),
    }
