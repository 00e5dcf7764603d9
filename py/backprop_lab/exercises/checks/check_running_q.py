"""Checks of update_Q(Q, epsilon, lambda_): Q = lambda epsilon + (1 - lambda) Q."""
import numpy as np

from backprop_lab.exercises.checks._support import as_number, fail, num, student  # noqa: F401
from backprop_lab.nn import MLP
from backprop_lab.train import Trainer


def update(student, Q, eps, lam):
    return as_number(student(Q, eps, lam), "update_Q(Q, ε, λ)")


def test_one_update(student):
    """Q = 2, ε = 1, λ = 0.1 gives 1.9"""
    got = update(student, 2.0, 1.0, 0.1)
    if abs(got - 1.9) > 1e-12:
        fail("Q = λε + (1 − λ)Q with Q = 2, ε = 1 and λ = 0.1 should be 1.9 "
             "(mostly the old Q, a little of the new ε), yours gives %s" % num(got))


def test_extremes(student):
    """λ = 1 forgets Q (Q = ε); λ = 0 ignores ε (Q stays)"""
    got = update(student, 2.0, 0.5, 1.0)
    if abs(got - 0.5) > 1e-12:
        fail("with λ = 1 the new Q should be ε = 0.5 (everything old is forgotten), yours gives %s" % num(got))
    got = update(student, 2.0, 0.5, 0.0)
    if abs(got - 2.0) > 1e-12:
        fail("with λ = 0 Q should stay 2 (ε is ignored), yours gives %s" % num(got))


def test_matches_the_trainer(student):
    """the same Q as Trainer reports, mini-batch after mini-batch"""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    trainer = Trainer(MLP([2, 3, 1], seed=0), X, y, eta=0.3, batch_size=8, lambda_=0.2, seed=0)
    Q = trainer.Q
    for _ in range(6):
        trainer.step()
    for i, (eps, want) in enumerate(zip(trainer.history["epsilon"], trainer.history["Q"])):
        Q = update(student, Q, eps, 0.2)
        if abs(Q - want) > 1e-9 * max(1.0, abs(want)):
            fail("after mini-batch %d (ε = %s, λ = 0.2) Q should be %s as in the Trainer, yours gives %s"
                 % (i + 1, num(eps), num(want), num(Q)))
