"""Compare with scikit-learn: its MLP, trained on the same data with the same architecture.

How each Playground setting maps to scikit-learn (checked step by step in
tests/unit/test_playground_sklearn.py, on scikit-learn 0.22 and current):

    Playground                      scikit-learn (solver="sgd")
    eta                             learning_rate_init=eta, learning_rate="constant"
    batch size M                    batch_size=M
    SGD: W = W - eta g              momentum=0
    momentum: v = beta v - eta g,   momentum=beta, nesterovs_momentum=False (its default
              W = W + v             is Nesterov momentum 0.9, which is another update)
    L2: L = mean loss + 0.5 l2 sum W^2,   alpha = l2 * M. scikit-learn's loss is
        dL/dW = ... + l2 W                mean loss + 0.5 alpha sum W^2 / n_samples with
                                          n_samples the batch's size, and its gradient
                                          (X^T delta + alpha W) / n_samples: alpha / M = l2.
                                          (The last batch of an epoch can be smaller, and
                                          there scikit-learn's penalty is alpha / M_last.)
    L1                              none: scikit-learn has no L1 penalty (said in the notes)
    cross-entropy, two classes      log-loss with one logistic output: -mean(y log p + (1-y) log(1-p)),
                                    our bce = mean(softplus(z) - y z), the same value and gradient (p - y)/n
    cross-entropy, more classes     log-loss with softmax outputs: our softmax_ce
    squared error, classification   none: MLPClassifier always uses log-loss (said in the notes)
    squared error, regression       MLPRegressor's squared loss, mean 0.5 (a - y)^2: our mse
    no hidden layer                 none: scikit-learn needs one; it gets one hidden unit (said)
    hidden activation               tanh, relu, logistic (our sigmoid), identity (our linear)

scikit-learn's own fit() starts from its own random weights and shuffles in its own order;
start_from() puts our weights in, for a step-by-step comparison. The page's comparison uses
the Playground's own optimizer (solver="sgd", with its momentum) and trains as many epochs as
the Playground shows; solver="adam" is offered too: Adam is not one of the Playground's
optimizers, and the notes say so, as they say everything else that still differs.
"""
import warnings

import numpy as np

from ..compat import deep_import
from . import playground

ACTIVATION = {"tanh": "tanh", "relu": "relu", "sigmoid": "logistic", "linear": "identity"}


def make_model(solver="sgd", epochs=200, eta=0.03, batch_size=10, regularization="none", reg_rate=0.0,
               loss="cross_entropy", optimizer="sgd", beta=0.9, seed=0):
    """(model, notes): an unfitted MLPClassifier or MLPRegressor with the current run's data kind,
    layers and activation and the given training settings; notes says, in a sentence each, what
    scikit-learn does differently from the Playground in these settings (empty: nothing)."""
    if solver not in ("sgd", "adam"):
        raise ValueError("solver must be sgd or adam, got %r" % (solver,))
    nn = deep_import("sklearn.neural_network")
    run, trainer = playground._run, playground._run["trainer"]
    regression = run["kind"] == "regression"
    M = min(int(batch_size), len(trainer.X_train))
    rate = float(reg_rate or 0.0)
    l2 = rate if regularization == "L2" else 0.0
    notes = []
    if regularization == "L1" and rate:
        notes.append("scikit-learn has no L1 penalty: it trained without regularization")
    if loss == "squared" and not regression:
        notes.append("scikit-learn's classifier always uses log-loss (cross-entropy), not squared error")
    hidden = tuple(run["hidden"])
    if not hidden:
        notes.append("scikit-learn needs a hidden layer: it used one hidden unit where this network has none")
    if solver == "adam":
        notes.append("Adam is scikit-learn's optimizer here, not the Playground's %s"
                     % ("SGD with momentum" if optimizer == "momentum" else "SGD"))
    last = len(trainer.X_train) % M
    if l2 and last:
        notes.append("the last batch of each epoch has %d points, and on it scikit-learn's L2 rate is "
                     "%g (alpha / %d), not %g" % (last, l2 * M / last, last, l2))
    Model = nn.MLPRegressor if regression else nn.MLPClassifier
    model = Model(hidden_layer_sizes=hidden or (1,), activation=ACTIVATION[run["activation"]],
                  solver=solver, learning_rate="constant", learning_rate_init=float(eta), batch_size=M,
                  alpha=l2 * M,                                        # alpha / M = l2 (see above)
                  momentum=float(beta) if optimizer == "momentum" else 0.0, nesterovs_momentum=False,
                  max_iter=int(epochs), random_state=seed, tol=0.0, n_iter_no_change=int(epochs) + 1,
                  shuffle=True)
    return model, notes


def start_from(model, params, X, y):
    """Give an unfitted model the weights `params` ([W1, b1, W2, b2, ...], W: (fan_in, fan_out),
    the same layout as scikit-learn's coefs_/intercepts_) and no velocity, ready for partial_fit.

    scikit-learn sets up its layers on the first partial_fit only, so that call runs on the
    first sample; then the weights are replaced in place and the optimizer is dropped: the
    next partial_fit makes a new one (zero velocity) over these arrays (0.22 and current).
    """
    classes = None if isinstance(model, deep_import("sklearn.neural_network").MLPRegressor) else np.unique(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if classes is None:
            model.partial_fit(X[:1], y[:1])
        else:
            model.partial_fit(X[:1], y[:1], classes=classes)
    for theirs, ours in zip(model.coefs_ + model.intercepts_, list(params[0::2]) + list(params[1::2])):
        if theirs.shape != np.shape(ours):
            raise ValueError("scikit-learn's layer %s does not fit ours %s" % (theirs.shape, np.shape(ours)))
        theirs[...] = ours
    del model._optimizer                   # a fresh optimizer (no momentum yet) at the next step
    model.n_iter_, model.t_ = 0, 0
    return model


def compare(solver="sgd", epochs=200, eta=0.03, batch_size=10, l2=0.0, seed=0, regularization=None,
            reg_rate=0.0, loss="cross_entropy", optimizer="sgd", beta=0.9):
    """Train sklearn's MLPClassifier (or MLPRegressor) like the Playground's net; its test score,
    boundary and the notes of what differs. solver is "sgd" or "adam": L-BFGS crashes Pyodide
    0.17 and is not offered. (l2 alone, without regularization, is the older form of the call.)"""
    if regularization is None:
        regularization, reg_rate = ("L2", l2) if l2 else ("none", 0.0)
    asked = int(epochs)
    epochs = max(1, asked)                          # scikit-learn trains at least one epoch
    model, notes = make_model(solver, epochs, eta, batch_size, regularization, reg_rate, loss, optimizer, beta, seed)
    if asked < 1:
        notes.append("the Playground has trained %d epochs, scikit-learn 1" % asked)
    notes.append("scikit-learn started from its own random weights and shuffled in its own order")
    run, trainer = playground._run, playground._run["trainer"]
    regression = run["kind"] == "regression"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")            # "did not converge" after max_iter is expected
        model.fit(trainer.X_train, np.ravel(trainer.y_train))
    X_test = trainer.X_test if trainer.X_test is not None else trainer.X_train
    y_test = trainer.y_test if trainer.y_test is not None else trainer.y_train
    score = float(model.score(X_test, np.ravel(y_test)))   # accuracy, or R^2 for regression
    return {"score": score, "metric": "R²" if regression else "test accuracy", "epochs": int(model.n_iter_),
            "boundary": _boundary(model, run, regression), "solver": solver, "notes": notes,
            "optimizer": "Adam" if solver == "adam" else
            "SGD with momentum β = %g" % float(beta) if optimizer == "momentum" else "SGD"}


def _boundary(model, run, regression):
    grid = run["grid"]
    if regression:
        return playground._to_bytes(model.predict(grid), -1.0, 1.0).reshape(playground.GRID, playground.GRID)
    p = model.predict_proba(grid)
    if p.shape[1] == 2:
        return playground._to_bytes(p[:, 1], 0.0, 1.0).reshape(playground.GRID, playground.GRID)
    k = p.shape[1]
    return {"boundary": playground._to_bytes(p.max(axis=1), 1.0 / k, 1.0).reshape(playground.GRID, playground.GRID),
            "classes": np.argmax(p, axis=1).astype(np.uint8).reshape(playground.GRID, playground.GRID)}
