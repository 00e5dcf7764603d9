"""Lesson 8, gradient descent and momentum on 2-D loss surfaces.

Two surfaces f(w), w = (x, y):

    quadratic    f = 0.5 (x^2 + KAPPA y^2)           ill-conditioned: curvatures 1 and KAPPA
    rosenbrock   f = (1 - x)^2 + 100 (y - x^2)^2     a curved, flat-bottomed valley

and two ways down them, from the same start w_0:

    plain GD     w = w - eta grad f(w)
    momentum     v = beta v - eta grad f(w);   w = w + v      (v_0 = 0)

With SGD.step of optim.py edited (the momentum exercise), both paths are drawn by
that step instead (sgd_step), so the student's optimizer is what walks the surface.

A run stops early when f is within TOLERANCE of the minimum (converged), or when
w becomes non-finite or leaves a box around the picture (diverged).
"""
import numpy as np

from .. import live, optim  # optim.SGD and live.is_edited at call time: an edited step runs here

KAPPA = 20.0        # condition number of the quadratic
TOLERANCE = 1e-6    # converged when f(w) - f(w*) < TOLERANCE
PICTURE = 200       # the contour picture is PICTURE x PICTURE bytes
LINE = 255          # byte value of a contour line; 0..254 is the height (low to high)


def quadratic(x, y):
    """f = 0.5 (x^2 + KAPPA y^2) and its gradient (x, KAPPA y); x, y numbers or arrays."""
    return 0.5 * (x * x + KAPPA * y * y), (x, KAPPA * y)


def rosenbrock(x, y):
    """f = (1 - x)^2 + 100 (y - x^2)^2 and its gradient."""
    r = y - x * x
    f = (1 - x) ** 2 + 100 * r * r
    return f, (-2 * (1 - x) - 400 * x * r, 200 * r)


# name -> function, picture domain [xmin, xmax, ymin, ymax], minimum, defaults of the page
SURFACES = {
    "quadratic": {"f": quadratic, "domain": [-3.0, 3.0, -3.0, 3.0], "minimum": [0.0, 0.0],
                  "start": [-2.6, 1.2], "eta": 0.09, "beta": 0.6, "n": 100},
    "rosenbrock": {"f": rosenbrock, "domain": [-2.0, 2.0, -1.0, 3.0], "minimum": [1.0, 1.0],
                   "start": [-1.5, 2.5], "eta": 0.001, "beta": 0.9, "n": 1000},
}


def surface(name):
    if name not in SURFACES:
        raise ValueError("unknown surface %r; valid: %s" % (name, ", ".join(SURFACES)))
    return SURFACES[name]


# The steps work on plain floats, w = (x, y) and v = (vx, vy): for 2-D that is
# many times faster than numpy arrays of two numbers.

def gd_step(f, x, y, vx, vy, eta, beta):
    """Plain gradient descent: w = w - eta grad f(w).  (v and beta are unused.)"""
    gx, gy = f(x, y)[1]
    return x - eta * gx, y - eta * gy, vx, vy


def momentum_step(f, x, y, vx, vy, eta, beta):
    """Heavy ball: v = beta v - eta grad f(w);  w = w + v."""
    gx, gy = f(x, y)[1]
    vx, vy = beta * vx - eta * gx, beta * vy - eta * gy
    return x + vx, y + vy, vx, vy


def sgd_step(f, x, y, vx, vy, eta, beta):
    """The same step taken by optim.SGD.step (the Playground's optimizer) on w = (x, y):
    beta = 0 is plain GD, beta > 0 momentum. Slower than the float steps above, so the
    lesson takes it only while SGD.step is edited."""
    w = np.array([x, y], dtype=float)
    opt = optim.SGD([w], eta, beta)
    opt.velocity[0][:] = (vx, vy)
    opt.step([np.array(f(x, y)[1], dtype=float)])
    v = opt.velocity[0]
    return float(w[0]), float(w[1]), float(v[0]), float(v[1])


def steps():
    """(plain GD step, momentum step): the float ones, or SGD.step's while it is edited."""
    if live.is_edited("backprop_lab.optim", "SGD.step"):
        return sgd_step, sgd_step
    return gd_step, momentum_step


def run(name, step, x0, y0, eta, beta, n):
    """Up to n steps of `step` from (x0, y0).

    Returns {"path": (k + 1, 2) array of the points visited, "loss": f at the last
    point, "status": "converged" | "diverged" | "running", "iterations": k}.
    """
    s = surface(name)
    f = s["f"]
    f_min = f(*s["minimum"])[0]
    xmin, xmax, ymin, ymax = s["domain"]
    box = 4 * max(xmax - xmin, ymax - ymin)         # leaving this box counts as diverging
    x, y, vx, vy = float(x0), float(y0), 0.0, 0.0
    path, status = [(x, y)], "running"
    for _ in range(int(n)):
        if f(x, y)[0] - f_min < TOLERANCE:
            status = "converged"
            break
        try:
            x, y, vx, vy = step(f, x, y, vx, vy, eta, beta)
        except OverflowError:                       # a float too large to square
            status = "diverged"
            break
        if not (abs(x - xmin) < box and abs(y - ymin) < box):   # also catches NaN
            status = "diverged"                     # stop here: no NaN on the canvas
            break
        path.append((x, y))
    else:
        if f(x, y)[0] - f_min < TOLERANCE:
            status = "converged"
    return {"path": np.array(path), "loss": float(f(*path[-1])[0]), "status": status,
            "iterations": len(path) - 1}


def paths(name="quadratic", x0=-2.6, y0=1.2, eta=0.09, beta=0.6, n=100):
    """Plain GD and momentum from the same start, with the same eta. Each run's "by" says
    whose step drew it: "lab", or "SGD.step" while the student's version of it is in place."""
    gd, heavy = steps()
    out = {"gd": run(name, gd, x0, y0, eta, 0.0, n), "momentum": run(name, heavy, x0, y0, eta, beta, n)}
    for one in out.values():
        one["by"] = "SGD.step" if heavy is sgd_step else "lab"
    return out


def iterations_to_tolerance(name, method, x0, y0, eta, beta=0.0, n=10000):
    """How many steps until f is within TOLERANCE of its minimum (None if never)."""
    gd, heavy = steps()
    step = heavy if method == "momentum" else gd
    out = run(name, step, x0, y0, eta, beta, n)
    return out["iterations"] if out["status"] == "converged" else None


def contours(name="quadratic", size=PICTURE, per_decade=2):
    """The surface as size x size bytes, row 0 at the top: log10 of the height
    above the minimum as 0..254, and LINE where a log-spaced level is crossed
    (per_decade levels per factor of ten). Also that log10 height itself
    ("height", float32, the same grid) and the levels ("levels", log10 values),
    so the page can shade it smoothly and draw the level sets as curves."""
    s = surface(name)
    xmin, xmax, ymin, ymax = s["domain"]
    xs = xmin + (np.arange(size) + 0.5) * (xmax - xmin) / size
    ys = ymax - (np.arange(size) + 0.5) * (ymax - ymin) / size
    X, Y = np.meshgrid(xs, ys)
    height = s["f"](X, Y)[0] - s["f"](*s["minimum"])[0]
    h = np.log10(np.maximum(height, 1e-4))          # log-spaced: equal steps per decade
    shade = (h - h.min()) / max(h.max() - h.min(), 1e-12)
    picture = np.round(shade * 254).astype(np.uint8)
    band = np.floor(h * per_decade)                  # which level each pixel lies between
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    picture[edge] = LINE
    first, last = int(np.floor(h.min() * per_decade)) + 1, int(np.floor(h.max() * per_decade))
    return {"picture": picture, "height": h.astype(np.float32),
            "levels": [k / per_decade for k in range(first, last + 1)],
            "domain": s["domain"], "minimum": s["minimum"],
            "defaults": {"x0": s["start"][0], "y0": s["start"][1], "eta": s["eta"],
                         "beta": s["beta"], "n": s["n"]}}
