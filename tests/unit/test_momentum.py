"""Lesson 8: gradient descent and momentum on 2-D loss surfaces."""
import numpy as np
import pytest

from backprop_lab.lessons import momentum as m


@pytest.mark.parametrize("name", sorted(m.SURFACES))
def test_gradients_match_finite_differences(name):
    f = m.SURFACES[name]["f"]
    h = 1e-6
    for x, y in [(0.3, -0.7), (-1.2, 1.5)]:
        g = f(x, y)[1]
        gx = (f(x + h, y)[0] - f(x - h, y)[0]) / (2 * h)
        gy = (f(x, y + h)[0] - f(x, y - h)[0]) / (2 * h)
        assert np.allclose(g, [gx, gy], rtol=1e-5)


def test_momentum_needs_fewer_iterations_than_plain_gd_on_the_ill_conditioned_quadratic():
    start = m.SURFACES["quadratic"]["start"]
    for eta in (0.02, 0.05, 0.09):
        gd = m.iterations_to_tolerance("quadratic", "gd", *start, eta)
        mom = m.iterations_to_tolerance("quadratic", "momentum", *start, eta, beta=0.6)
        assert gd is not None and mom is not None
        assert mom < 0.6 * gd, (eta, gd, mom)


def test_momentum_gets_further_down_the_rosenbrock_valley():
    d = m.SURFACES["rosenbrock"]
    out = m.paths("rosenbrock", *d["start"], d["eta"], d["beta"], d["n"])
    assert out["momentum"]["loss"] < out["gd"]["loss"] / 10
    assert out["gd"]["status"] == "running"


def test_a_too_large_step_diverges_and_stops_with_finite_points():
    out = m.paths("quadratic", -2.6, 1.2, eta=0.2, beta=0.0, n=500)["gd"]
    assert out["status"] == "diverged"
    assert out["iterations"] < 500
    assert np.all(np.isfinite(out["path"]))
    out = m.paths("rosenbrock", -1.5, 2.5, eta=0.5, beta=0.9, n=50)
    for run in out.values():
        assert run["status"] == "diverged" and np.all(np.isfinite(run["path"]))


def test_a_run_stops_once_converged():
    out = m.paths("quadratic", 0.0, 0.0, 0.05, 0.5, 100)
    assert out["gd"]["status"] == "converged" and out["gd"]["iterations"] == 0
    assert out["gd"]["path"].shape == (1, 2)


def test_contour_picture_has_lines_and_is_lowest_near_the_minimum():
    c = m.contours("quadratic", size=100)
    p = c["picture"]
    assert p.shape == (100, 100) and p.dtype == np.uint8
    lines = np.mean(p == m.LINE)
    assert 0.01 < lines < 0.3
    shade = np.where(p == m.LINE, 999, p)
    assert shade[50, 50] < 20 and shade[0, 0] > 200          # centre low, corner high
    assert c["defaults"]["eta"] == m.SURFACES["quadratic"]["eta"]
    # The log10 height on the same grid, and the levels the lines mark: each level is crossed by some line.
    h = c["height"]
    assert h.shape == (100, 100) and h.dtype == np.float32 and h[50, 50] < h[0, 0]
    assert len(c["levels"]) >= 8 and all(h.min() < v < h.max() for v in c["levels"])
    assert c["levels"] == sorted(c["levels"]) and np.allclose(np.diff(c["levels"]), 0.5)


def test_unknown_surface_is_refused():
    with pytest.raises(ValueError, match="unknown surface"):
        m.contours("himmelblau")
