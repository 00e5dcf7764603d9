"""#22's findings on the lessons' words: each sentence that said something untrue is gone, and the
replacement says what the code does (the numbers behind each are tested beside their lessons)."""
from pathlib import Path

from backprop_lab.lessons import minibatch

LESSONS = Path(__file__).resolve().parents[2] / "app" / "lessons"


def text(name):
    """A lesson's JS: one file, or every file of its folder."""
    path = LESSONS / name
    return "\n".join(f.read_text() for f in sorted(path.glob("*.js"))) if path.is_dir() else path.read_text()


def test_lesson_4_blames_the_and_not_the_number_of_layers():
    t = text("expressive/polygon.js")
    assert "two layers of this kind cannot carve it out" not in t
    assert "an AND of half-planes is always convex" in t and "with an OR at the output" in t


def test_lesson_10_says_the_batch_is_drawn_without_replacement():
    t = text("minibatch")
    assert "the samples are independent" not in t
    assert "without replacement" in t and "\\\\frac{N-M}{N-1}" in t


def test_the_finite_population_factor_the_page_states_is_what_the_code_measures():
    trainer = minibatch.make_trainer(seed=0)
    N = len(trainer.X_train)
    sigma2 = minibatch.gradient_variance(1, batches=400, seed=0, trainer=trainer)["variance"]
    M = N // 2
    measured = minibatch.gradient_variance(M, batches=400, seed=0, trainer=trainer)["variance"]
    stated = sigma2 / M * (N - M) / (N - 1)
    assert abs(measured / stated - 1) < 0.2, (measured, stated)
    assert measured < 0.7 * sigma2 / M, "at M = N/2, plain 1/M would overstate it by about 2x"


def test_xor_calls_its_stuck_state_a_plateau_not_a_local_minimum():
    t = text("xor")
    assert "local minimum" not in t
    assert "a plateau" in t and "infinite weights" in t


def test_lesson_8_reads_the_likelihood_slide_and_ties_the_gaussian_prior_to_lesson_12s_l2():
    t = text("softmax.js")
    assert "The likelihood slide, and where L2 comes from" in t
    assert "count the prior $\\\\ell$ times" in t and "lost the sum on the right" in t
    # P(w) once, outside the product; the sum over i on the right of L(w)
    assert "\\\\Big(\\\\prod_{i=1}^{\\\\ell} P(y_i \\\\mid w, x_i)\\\\Big) P(w)" in t
    assert "= -\\\\sum_{i=1}^{\\\\ell} \\\\ln P(y_i \\\\mid w, x_i)" in t
    # the Gaussian prior, and lambda with the lab's conventions (a mean data term, lambda/2 ||W||^2)
    assert "$w \\\\sim \\\\mathcal{N}(0, s^2 I)$" in t
    assert "-\\\\ln P(w) = \\\\frac{\\\\lVert w \\\\rVert^2}{2 s^2} + \\\\text{const}" in t
    assert "$\\\\lambda = 1/(n s^2)$" in t and "\\\\lambda = \\\\frac{1}{n s^2}" in t
    assert 'href: "#/convergence"' in t
    # lesson 12 states the convention this relies on
    assert "\\\\frac{1}{M}\\\\sum_{i=1}^{M} \\\\mathcal{L}_i(W) + \\\\frac{\\\\lambda}{2}" in text("convergence")
