import numpy as np

from backprop_lab.optim import SGD


def test_plain_sgd_updates_in_place():
    W = np.array([1.0, 2.0])
    opt = SGD([W], eta=0.1)
    same = W
    opt.step([np.array([1.0, -1.0])])
    assert W is same and np.allclose(W, [0.9, 2.1])        # W = W - eta g


def test_momentum_by_hand_and_live_eta_change():
    W = np.array([0.0])
    opt = SGD([W], eta=0.1, beta=0.5)
    opt.step([np.array([1.0])])          # v = -0.1;                  W = -0.1
    opt.eta = 0.2                        # changed between steps: v is kept
    opt.step([np.array([1.0])])          # v = 0.5 * -0.1 - 0.2 = -0.25; W = -0.35
    assert np.allclose(opt.velocity[0], [-0.25]) and np.allclose(W, [-0.35])


def _descend(beta, steps=100):
    # ill-conditioned quadratic f(w) = 0.5 (w0^2 + 100 w1^2): curvatures 1 and 100
    curvature = np.array([1.0, 100.0])
    w = np.array([1.0, 1.0])
    opt = SGD([w], eta=0.015, beta=beta)     # eta < 2 / 100, so plain SGD is stable
    for _ in range(steps):
        opt.step([curvature * w])             # gradient of f
    return 0.5 * np.sum(curvature * w * w)


def test_momentum_beats_plain_sgd_on_ill_conditioned_quadratic():
    plain, heavy = _descend(0.0), _descend(0.9)
    assert heavy < plain / 100
    assert plain < 0.05                       # from 50.5: plain SGD does decrease, just slowly
