"""Compare with scikit-learn: its MLP, trained on the same data with the same architecture."""
import numpy as np

from ..compat import deep_import
from . import playground

ACTIVATION = {"tanh": "tanh", "relu": "relu", "sigmoid": "logistic", "linear": "identity"}


def compare(solver="adam", epochs=200, eta=0.03, batch_size=10, l2=0.0, seed=0):
    """Train sklearn's MLPClassifier (or MLPRegressor) like the Playground's net; its test score
    and boundary. solver is "sgd" or "adam": L-BFGS crashes Pyodide 0.17 and is not offered."""
    if solver not in ("sgd", "adam"):
        raise ValueError("solver must be sgd or adam, got %r" % solver)
    nn = deep_import("sklearn.neural_network")
    run, trainer = playground._run, playground._run["trainer"]
    regression = run["kind"] == "regression"
    Model = nn.MLPRegressor if regression else nn.MLPClassifier
    model = Model(hidden_layer_sizes=tuple(run["hidden"]) or (1,), activation=ACTIVATION[run["activation"]],
                  solver=solver, learning_rate_init=eta, batch_size=min(batch_size, len(trainer.X_train)),
                  alpha=l2, max_iter=int(epochs), random_state=seed, tol=0.0, n_iter_no_change=int(epochs) + 1)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")            # "did not converge" after max_iter is expected
        model.fit(trainer.X_train, np.ravel(trainer.y_train))
    X_test = trainer.X_test if trainer.X_test is not None else trainer.X_train
    y_test = trainer.y_test if trainer.y_test is not None else trainer.y_train
    score = float(model.score(X_test, np.ravel(y_test)))   # accuracy, or R^2 for regression
    return {"score": score, "metric": "R²" if regression else "test accuracy", "epochs": int(model.n_iter_),
            "boundary": _boundary(model, run, regression), "solver": solver}


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
