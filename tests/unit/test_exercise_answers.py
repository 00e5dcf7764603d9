"""Never wrong: for every exercise, right answers written other ways pass, and wrong ones fail with
the message meant for them. Run through exercises.run_checks, as the page runs them.

RIGHT[id]    sources that must pass (numpy or math, loops or vectorised, einsum, float32, lists)
MISTAKES[id] {mistake id: source} for every named mistake of the exercise's checks (SPEC.mistakes):
             the run fails, and its first failure is that mistake, with its own sentence
WRONG[id]    more wrong answers: (source, fragment of some failure message)
HARD_CODED   an answer that returns the visible example's numbers: the random cases refuse it
"""
import importlib
import textwrap

import pytest

from backprop_lab import exercises

IDS = [ex["id"] for ex in exercises.list_exercises()]


def run(exercise_id, source):
    return exercises.run_checks(exercise_id, textwrap.dedent(source))


def edited(exercise_id, *pairs):
    text = exercises.solution(exercise_id)
    for old, new in pairs:
        assert old in text, (exercise_id, old)
        text = text.replace(old, new)
    return text


def spec(exercise_id):
    return importlib.import_module("backprop_lab.exercises.checks.check_%s" % exercise_id).SPEC


RIGHT = {
    "sigmoid_derivative": [
        "def sigmoid_derivative(z, a):\n    return a - a ** 2\n",
        "def sigmoid_derivative(z, a):\n    return np.multiply(a, 1 - a)\n",
        "def sigmoid_derivative(z, a):\n    s = (a.astype(np.float32))\n    return s * (1 - s)\n",
        "def sigmoid_derivative(z, a):\n"
        "    return np.array([x * (1 - x) for x in np.ravel(a)]).reshape(np.shape(a))\n",
    ],
    "tanh_derivative": [
        "def tanh_derivative(z, a):\n    return 1 - np.tanh(z) ** 2\n",
        "def tanh_derivative(z, a):\n    a = a.astype(np.float32)\n    return 1 - a * a\n",   # float32
        "def tanh_derivative(z, a):\n    return np.array([1 - math.tanh(x) ** 2 for x in np.ravel(z)]).reshape(np.shape(z))\n",
        "def tanh_derivative(z, a):\n    return 1 - np.square(a)\n",
    ],
    "neuron": [
        "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(X[:, 0] * w1 + X[:, 1] * w2 + b)\n",
        "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(np.einsum('ij,j->i', X, [w1, w2]) + b)\n",
        "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(np.dot(X, np.array([w1, w2])) + b)\n",
        """
        def neuron(X, w1, w2, b, f="sign"):
            out = []
            for x1, x2 in X:
                z = w1 * x1 + w2 * x2 + b
                if f == "sign":
                    a = int(z > 0) - int(z < 0)
                elif f == "sigmoid":
                    a = 1 / (1 + math.exp(-z))
                elif f == "tanh":
                    a = math.tanh(z)
                else:
                    a = max(z, 0.0)
                out.append(a)
            return out
        """,
    ],
    "nand": [
        "def nand_weights():\n    return np.array([-1.0, -1.0, 1.5])\n",
        "def nand_weights():\n    return [-2, -2, 3]\n",
        "def nand_weights():\n    return -1, -1, 1.9\n",
        "def nand_weights():\n    w1, w2, b = GATES['and']\n    return -w1, -w2, -b\n",
    ],
    "softmax_ce": [
        """
        def softmax_ce(z, a, y, output):
            n = z.shape[0]
            m = np.max(z, axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
            onehot = np.eye(z.shape[1])[y]
            return np.mean(lse - np.sum(z * onehot, axis=1)), (a - onehot) / n
        """,
        """
        def softmax_ce(z, a, y, output):
            n, total, dz = len(z), 0.0, np.zeros_like(z)
            for i in range(n):
                m = max(z[i])
                s = sum(math.exp(v - m) for v in z[i])
                total += m + math.log(s) - z[i][y[i]]
                for j in range(len(z[i])):
                    dz[i, j] = (math.exp(z[i][j] - m) / s - (1.0 if j == y[i] else 0.0)) / n
            return total / n, dz
        """,
        """
        def softmax_ce(z, a, y, output):
            n = len(z)
            m = z.max(axis=1, keepdims=True)
            logp = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
            p = np.exp(logp)
            p[np.arange(n), y] -= 1
            return -logp[np.arange(n), y].mean(), p / n
        """,
    ],
    "linear_backward": [
        "def linear_backward(x, W, delta):\n    return np.dot(x.T, delta), np.sum(delta, axis=0), np.dot(delta, W.T)\n",
        "def linear_backward(x, W, delta):\n"
        "    return np.einsum('ni,nj->ij', x, delta), np.einsum('nj->j', delta), np.einsum('nj,ij->ni', delta, W)\n",
        """
        def linear_backward(x, W, delta):
            n, fan_in = x.shape
            fan_out = W.shape[1]
            dW = [[sum(x[s][i] * delta[s][j] for s in range(n)) for j in range(fan_out)] for i in range(fan_in)]
            db = [sum(delta[s][j] for s in range(n)) for j in range(fan_out)]
            dx = [[sum(delta[s][j] * W[i][j] for j in range(fan_out)) for i in range(fan_in)] for s in range(n)]
            return dW, db, dx
        """,
    ],
    "mlp_backward": [
        edited("mlp_backward", ("dz.sum(axis=0)", "np.sum(dz, axis=0)"), ("acts[l].T @ dz", "np.dot(acts[l].T, dz)")),
        edited("mlp_backward", ("acts[l].T @ dz", "np.einsum('ni,nj->ij', acts[l], dz)")),
        edited("mlp_backward",   # the penalty written out, not called
               ("p_value, p_grad = losses.penalty(W, l1, l2)",
                "p_value = l1 * np.abs(W).sum() + 0.5 * l2 * (W ** 2).sum()\n"
                "            p_grad = l1 * np.sign(W) + l2 * W")),
    ],
    "l2_penalty": [
        edited("l2_penalty", ("value += 0.5 * l2 * np.sum(W * W)", "value += l2 / 2 * np.sum(np.square(W))")),
        edited("l2_penalty", ("grad = grad + l2 * W", "grad = grad + np.multiply(l2, W)"),
               ("value += 0.5 * l2 * np.sum(W * W)", "value += 0.5 * l2 * np.einsum('ij,ij->', W, W)")),
        edited("l2_penalty", ("value += 0.5 * l2 * np.sum(W * W)", "value += 0.5 * l2 * float((W ** 2).sum())"),
               ("grad = grad + l2 * W", "grad = grad + W * l2")),
    ],
    "momentum": [
        """
        def step(self, grads):
            for p, g, v in zip(self.params, grads, self.velocity):
                v *= self.beta
                v -= self.eta * g
                p += v
        """,
        """
        def step(self, grads):
            for p, g, v in zip(self.params, grads, self.velocity):
                v[...] = self.beta * v - self.eta * g
                p[...] = p + v
        """,
        """
        def step(self, grads):
            for i in range(len(self.params)):
                self.velocity[i][:] = self.beta * self.velocity[i] - self.eta * grads[i]
                np.add(self.params[i], self.velocity[i], out=self.params[i])
        """,
    ],
    "running_q": [
        "def update_Q(Q, epsilon, lambda_):\n    return Q + lambda_ * (epsilon - Q)\n",
        "def update_Q(Q, epsilon, lambda_):\n    return float(np.dot([lambda_, 1 - lambda_], [epsilon, Q]))\n",
        "def update_Q(Q, epsilon, lambda_):\n    return sum(w * v for w, v in zip((lambda_, 1 - lambda_), (epsilon, Q)))\n",
    ],
    "value_mul": [
        """
        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*", (other.data, self.data))
            return out
        """,
        """
        def __mul__(self, other):
            o = as_value(other)
            a, b = self.data, o.data
            return Value(a * b, (self, o), "*", (b, a))
        """,
        """
        def __mul__(self, other):
            if not isinstance(other, Value):
                other = Value(float(other))
            return Value(other.data * self.data, (self, other), "*", (float(other.data), float(self.data)))
        """,
    ],
    "value_tanh": [
        """
        def tanh(self):
            t = np.tanh(self.data)
            return Value(float(t), (self,), "tanh", (1 - t ** 2,))
        """,
        """
        def tanh(self):
            x = self.data
            t = math.tanh(x)
            out = Value(t, (self,), "tanh", (1.0 - t ** 2,))
            return out
        """,
        """
        def tanh(self):
            e = math.exp(-2 * abs(self.data))
            t = math.copysign((1 - e) / (1 + e), self.data)
            return Value(t, (self,), "tanh", (1 - t * t,))
        """,
    ],
}

# Every named mistake, written as a student would: {exercise: {mistake id: source}}
MISTAKES = {
    "sigmoid_derivative": {
        "output_itself": "def sigmoid_derivative(z, a):\n    return a\n",
        "tanh_formula": "def sigmoid_derivative(z, a):\n    return 1 - a ** 2\n",
        "z_for_a": "def sigmoid_derivative(z, a):\n    return z * (1 - z)\n",
        "plus": "def sigmoid_derivative(z, a):\n    return a * (1 + a)\n",
        "overflow": "def sigmoid_derivative(z, a):\n    e = np.exp(-z)\n    return e / (1 + e) ** 2\n",
    },
    "tanh_derivative": {
        "one_minus_a": "def tanh_derivative(z, a):\n    return 1 - a\n",
        "z_for_a": "def tanh_derivative(z, a):\n    return 1 - z ** 2\n",
        "sigmoid_formula": "def tanh_derivative(z, a):\n    return a * (1 - a)\n",
        "plus": "def tanh_derivative(z, a):\n    return 1 + a * a\n",
    },
    "neuron": {
        "bias_outside": "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(X @ np.array([w1, w2])) + b\n",
        "no_bias": "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(X @ [w1, w2])\n",
        "swapped": "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(X[:, 0] * w2 + X[:, 1] * w1 + b)\n",
        "one_activation": "def neuron(X, w1, w2, b, f='sign'):\n    return np.sign(X @ np.array([w1, w2]) + b)\n",
        "entrywise": "def neuron(X, w1, w2, b, f='sign'):\n    return activation(f)(X * np.array([w1, w2]) + b)\n",
    },
    "nand": {
        "zero_on_a_corner": "def nand_weights():\n    return -1, -1, 1\n",
        "and": "def nand_weights():\n    return 1, 1, -1.5\n",
        "or": "def nand_weights():\n    return 2, 2, -1\n",
        "nor": "def nand_weights():\n    return -1, -1, 0.5\n",
    },
    "softmax_ce": {
        "overflow": """
            def softmax_ce(z, a, y, output):
                n = len(z)
                p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
                dz = p.copy()
                dz[np.arange(n), y] -= 1
                return -np.mean(np.log(p[np.arange(n), y])), dz / n
            """,
        "sum_not_mean": edited("softmax_ce", ("value = np.mean(", "value = np.sum(")),
        "grad_not_divided": edited("softmax_ce", ("return value, dz / n", "return value, dz")),
        "divided_twice": edited("softmax_ce", ("return value, dz / n", "return value, dz / (n * n)")),
        "gradient_sign": edited("softmax_ce", ("return value, dz / n", "return value, (-dz) / n")),
        "global_max": edited("softmax_ce", ("m = z.max(axis=1)", "m = np.max(z) + 0 * z[:, 0]")),
    },
    "linear_backward": {
        "dW_transposed": "def linear_backward(x, W, delta):\n    return delta.T @ x, delta.sum(axis=0), delta @ W.T\n",
        "db_mean": "def linear_backward(x, W, delta):\n    return x.T @ delta, np.mean(delta, axis=0), delta @ W.T\n",
        "db_axis": "def linear_backward(x, W, delta):\n    return x.T @ delta, np.sum(delta, axis=1), delta @ W.T\n",
        "dW_divided": "def linear_backward(x, W, delta):\n    return x.T @ delta / x.shape[0], delta.sum(0), delta @ W.T\n",
        "dx_not_transposed": "def linear_backward(x, W, delta):\n    return x.T @ delta, delta.sum(0), delta @ W\n",
    },
    "mlp_backward": {
        "no_f_prime": edited("mlp_backward", ("dz = (dz @ W.T) * self.f.df(zs[l - 1], acts[l])", "dz = dz @ W.T")),
        "db_mean": edited("mlp_backward", ("dz.sum(axis=0)", "np.mean(dz, axis=0)")),
        "no_penalty_gradient": edited("mlp_backward", ("gW += p_grad", "pass")),
        "no_penalty_value": edited("mlp_backward", ("value += p_value", "pass")),
        "no_l1": edited("mlp_backward",        # the L2 term written out, the L1 term forgotten
                        ("p_value, p_grad = losses.penalty(W, l1, l2)",
                         "p_value, p_grad = 0.5 * l2 * np.sum(W ** 2), l2 * W")),
        "l1_abs": edited("mlp_backward",
                         ("p_value, p_grad = losses.penalty(W, l1, l2)",
                          "p_value = l1 * np.abs(W).sum() + 0.5 * l2 * (W ** 2).sum()\n"
                          "            p_grad = l1 * np.abs(W) + l2 * W")),
    },
    "l2_penalty": {
        "in_place": edited("l2_penalty", ("grad = grad + l2 * W", "W -= l2 * W\n        grad = grad + l2 * W")),
        "no_half": edited("l2_penalty", ("value += 0.5 * l2 * np.sum(W * W)", "value += l2 * np.sum(W ** 2)")),
        "double_gradient": edited("l2_penalty", ("grad = grad + l2 * W", "grad = grad + 2 * l2 * W")),
        "sign_gradient": edited("l2_penalty", ("grad = grad + l2 * W", "grad = grad + l2 * np.sign(W)")),
        "l1_dropped": edited("l2_penalty", ("grad = grad + l2 * W", "grad = l2 * W")),
    },
    "momentum": {
        "uphill": """
            def step(self, grads):
                for p, g, v in zip(self.params, grads, self.velocity):
                    v *= self.beta
                    v += self.eta * g
                    p += v
            """,
        "uphill_with_momentum": edited("momentum", ("v -= self.eta * g", "v += self.eta * g")),
        "old_v": """
            def step(self, grads):
                for p, g, v in zip(self.params, grads, self.velocity):
                    p += v
                    v[...] = self.beta * v - self.eta * g
            """,
        "new_array": """
            def step(self, grads):
                for p, g in zip(self.params, grads):
                    p = p - self.eta * g
            """,
        "no_momentum": """
            def step(self, grads):
                for p, g in zip(self.params, grads):
                    p -= self.eta * g
            """,
    },
    "running_q": {
        "swapped": "def update_Q(Q, epsilon, lambda_):\n    return lambda_ * Q + (1 - lambda_) * epsilon\n",
        "average": "def update_Q(Q, epsilon, lambda_):\n    return (Q + epsilon) / 2\n",
        "forgets": "def update_Q(Q, epsilon, lambda_):\n    return epsilon\n",
        "minus": "def update_Q(Q, epsilon, lambda_):\n    return lambda_ * epsilon - (1 - lambda_) * Q\n",
    },
    "value_mul": {
        "swapped": edited("value_mul", ('"*", (other.data, self.data)', '"*", (self.data, other.data)')),
        "ones": edited("value_mul", ('"*", (other.data, self.data)', '"*", (1, 1)')),
        "sum": edited("value_mul", ("self.data * other.data", "other.data + self.data")),
        "one_input": edited("value_mul", ('"*", (other.data, self.data)', '"*", (other.data, 0)')),
    },
    "value_tanh": {
        "input_squared": edited("value_tanh", ("(1.0 - t * t,)", "(1 - self.data * self.data,)")),
        "not_squared": edited("value_tanh", ("(1.0 - t * t,)", "(1 - t,)")),
        "sigmoid": edited("value_tanh", ("(1.0 - t * t,)", "(t - t * t,)")),
        "data_not_tanh": edited("value_tanh", ("Value(t, (self,)", "Value(self.data, (self,)")),
    },
}

# The answers #23 found judged wrong (both ways), besides those in RIGHT and MISTAKES above
WRONG = {
    "momentum": [("""
        def step(self, grads):
            for p, g, v in zip(self.params, grads, self.velocity):
                v = self.beta * v - self.eta * g
                p += v
        """, "you left out the momentum")],
    "nand": [("def nand_weights():\n    return '-1', '-1', '1.5'\n", "yours is the text '-1'")],
    "mlp_backward": [(edited("mlp_backward",       # the L1 term missing from the value and the gradient
                             ("p_value, p_grad = losses.penalty(W, l1, l2)", "p_value, p_grad = 0.0, 0.0")),
                      "")],
    "neuron": [("def neuron(X, w1, w2, b, f='sign'):\n"
                "    return [(lambda z: (z > 0) - (z < 0))(w1 * x[0] + w2 * x[1] + b) for x in X]\n",
                "write int(z > 0) - int(z < 0), or np.sign(z)")],
}

# Hard-coded: the visible examples' numbers, which the random cases do not share
HARD_CODED = {
    "sigmoid_derivative": "def sigmoid_derivative(z, a):\n    return np.full(np.shape(z), 0.25)\n",
    "tanh_derivative": "def tanh_derivative(z, a):\n    return np.ones(np.shape(z))\n",
    "neuron": "def neuron(X, w1, w2, b, f='sign'):\n    return np.array([-1.0, 1.0, 1.0, 1.0])[:len(X)]\n",
    "softmax_ce": "def softmax_ce(z, a, y, output):\n    return 0.4170300, np.zeros_like(z)\n",
    "linear_backward": "def linear_backward(x, W, delta):\n"
                       "    return np.zeros(W.shape), np.zeros(W.shape[1]), np.zeros(x.shape)\n",
    "mlp_backward": "def loss_and_grads(self, X, y, loss='bce', l1=0.0, l2=0.0):\n"
                    "    return 0.7, [np.zeros_like(p) for p in self.params]\n",
    "l2_penalty": "def penalty(W, l1=0.0, l2=0.0):\n    return 0.7, np.zeros_like(W)\n",
    "momentum": "def step(self, grads):\n    self.params[0][...] = [[0.95, 2.1], [2.8, 4.0]]\n",
    "running_q": "def update_Q(Q, epsilon, lambda_):\n    return 1.9 if Q == 2 else epsilon if lambda_ == 1 else Q\n",
    "value_mul": "def __mul__(self, other):\n    other = as_value(other)\n"
                 "    return Value(-6.0, (self, other), '*', (-3.0, 2.0))\n",
    "value_tanh": "def tanh(self):\n    return Value(0.6640367702678489, (self,), 'tanh', (0.5590551693,))\n",
}

# ---- the exercises of every lesson (issue "Exercises that teach", item 7) ----------------------
RIGHT.update({
    "xor_feature": [
        "def xor_feature_weights():\n    return 1, 1, -2, -0.5\n",
        "def xor_feature_weights():\n    return np.array([2.0, 2.0, -4.0, -1.0])\n",
        "def xor_feature_weights():\n    w1, w2, b = GATES['or']\n    return w1, w2, -3 * w1, b\n",
        "def xor_feature_weights():\n    return [1.0, 1.0, -2.5, -0.25]\n",
    ],
    "threshold_forward": [
        "def forward(X, layers):\n    out = []\n    for W, b in layers:\n        X = (X @ W + b > 0) * 1.0\n"
        "        out.append(X)\n    return out\n",
        "def forward(X, layers):\n    out, a = [], X\n    for W, b in layers:\n"
        "        a = np.where(np.dot(a, W) + b > 0, 1.0, 0.0)\n        out.append(a)\n    return out\n",
        "def forward(X, layers):\n    out, a = [], X\n    for W, b in layers:\n"
        "        a = np.heaviside(np.einsum('ni,ij->nj', a, W) + b, 0.0)\n        out.append(a)\n    return out\n",
        """
        def forward(X, layers):
            outputs, a = [], [list(row) for row in X]
            for W, b in layers:
                a = [[1.0 if sum(r[i] * W[i][j] for i in range(len(r))) + b[j] > 0 else 0.0
                      for j in range(len(b))] for r in a]
                outputs.append(np.array(a).reshape(len(X), len(b)))
            return outputs
        """,
    ],
    "cybenko_alpha": [
        "def fit_alpha(x, f, w, b):\n    return np.linalg.lstsq(features(x, w, b), f, rcond=None)[0]\n",
        "def fit_alpha(x, f, w, b):\n    P = np.column_stack([1 / (1 + np.exp(-(np.outer(x, w) + b))), np.ones(len(x))])\n"
        "    return np.linalg.pinv(P) @ f\n",
        "def fit_alpha(x, f, w, b):\n    P = np.hstack([activations.sigmoid(x[:, None] * w + b), np.ones((len(x), 1))])\n"
        "    return np.linalg.solve(P.T @ P, P.T @ f)\n",
        "def fit_alpha(x, f, w, b):\n    P = np.column_stack([activations.sigmoid(np.outer(x, w) + b), np.ones_like(x)])\n"
        "    Q, R = np.linalg.qr(P)\n    return np.linalg.solve(R, Q.T @ f)\n",
    ],
    "lstsq": [
        "def closed_form(X, y):\n    W, *_ = np.linalg.lstsq(X, y, rcond=None)\n    return W\n",
        "def closed_form(X, y):\n    return np.linalg.pinv(X) @ y\n",
        "def closed_form(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n",
        "def closed_form(X, y):\n    Q, R = np.linalg.qr(X)\n    return np.linalg.solve(R, Q.T @ y)\n",
    ],
    "normal_equations": [
        "def normal_equations(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n",
        "def normal_equations(X, y):\n    return np.linalg.inv(X.T @ X) @ X.T @ y\n",
        "def normal_equations(X, y):\n    n = len(y)\n    return np.linalg.solve(np.dot(X.T, X) / n, np.dot(X.T, y) / n)\n",
        "def normal_equations(X, y):\n    A = np.einsum('ni,nj->ij', X, X)\n    L = np.linalg.cholesky(A)\n"
        "    return np.linalg.solve(L.T, np.linalg.solve(L, X.T @ y))\n",
    ],
    "ls_gradient": [
        "def gradient(X, y, W):\n    return X.T @ (X @ W - y) / len(y)\n",
        "def gradient(X, y, W):\n    r = np.dot(X, W) - y\n    return np.mean(X * r[:, None], axis=0)\n",
        "def gradient(X, y, W):\n    return (X.T @ X @ W - X.T @ y) / X.shape[0]\n",
        "def gradient(X, y, W):\n    n = len(y)\n    g = np.zeros(len(W))\n    for i in range(n):\n"
        "        g += (X[i] @ W - y[i]) * X[i]\n    return g / n\n",
    ],
    "critical_eta": [
        "def critical_eta(X):\n    return 2.0 / np.linalg.eigvalsh(X.T @ X / len(X)).max()\n",
        "def critical_eta(X):\n    return 2 * len(X) / max(np.linalg.eigvalsh(X.T @ X))\n",
        "def critical_eta(X):\n    s = np.linalg.svd(X, compute_uv=False)\n    return 2 * len(X) / s[0] ** 2\n",
        "def critical_eta(X):\n    return 2.0 / float(np.max(np.real(np.linalg.eigvals(np.dot(X.T, X) / X.shape[0]))))\n",
    ],
    "softmax_jacobian": [
        "def softmax_jacobian(p):\n    return np.diag(p) - np.outer(p, p)\n",
        "def softmax_jacobian(p):\n    return p[:, None] * (np.eye(len(p)) - p[None, :])\n",
        "def softmax_jacobian(p):\n    k = len(p)\n"
        "    return [[p[i] * ((1.0 if i == j else 0.0) - p[j]) for j in range(k)] for i in range(k)]\n",
        "def softmax_jacobian(p):\n    return np.diagflat(p) - np.einsum('i,j->ij', p, p)\n",
    ],
    "minibatches": [
        "def minibatches(n, M, rng):\n    order = rng.permutation(n)\n    return [order[i:i + M] for i in range(0, n, M)]\n",
        "def minibatches(n, M, rng):\n    idx = np.arange(n)\n    rng.shuffle(idx)\n"
        "    return [idx[s:s + M] for s in range(0, n, M)]\n",
        "def minibatches(n, M, rng):\n    order = rng.choice(n, size=n, replace=False)\n"
        "    return np.split(order, range(M, n, M))\n",
        "def minibatches(n, M, rng):\n    order = list(rng.permutation(n))\n    out = []\n    while order:\n"
        "        out.append(np.array(order[:M]))\n        order = order[M:]\n    return out\n",
    ],
    "numerical_gradient": [
        """
        def numerical_gradient(model, values, name, h=1e-5):
            plus, minus = dict(values), dict(values)
            plus[name] += h
            minus[name] -= h
            return (evaluate(model, plus) - evaluate(model, minus)) / (2 * h)
        """,
        """
        def numerical_gradient(model, values, name, h=1e-5):
            def f(p):
                v = values.copy()
                v[name] = p
                return evaluate(model, v)
            p = values[name]
            return (f(p + h) - f(p - h)) / 2 / h
        """,
        """
        def numerical_gradient(model, values, name, h=1e-5):
            p = values[name]
            up = {**values, name: p + h}
            down = {**values, name: p - h}
            return 0.5 * (evaluate(model, up) - evaluate(model, down)) / h
        """,
    ],
    "l1_penalty": [
        edited("l1_penalty", ("grad = grad + l1 * np.sign(W)", "grad = grad + l1 * np.sign(W) * 1.0")),
        edited("l1_penalty", ("value += l1 * np.sum(np.abs(W))", "value += l1 * float(np.abs(W).sum())"),
               ("grad = grad + l1 * np.sign(W)", "grad = grad + l1 * ((W > 0).astype(float) - (W < 0))")),
        edited("l1_penalty", ("value += l1 * np.sum(np.abs(W))", "value += l1 * np.linalg.norm(W.ravel(), 1)"),
               ("grad = grad + l1 * np.sign(W)", "grad = grad + np.where(W > 0, l1, np.where(W < 0, -l1, 0.0))")),
    ],
    "confusion": [
        "def confusion(y_true, y_pred, k=10):\n    C = np.zeros((k, k), dtype=int)\n"
        "    for t, p in zip(y_true, y_pred):\n        C[t, p] += 1\n    return C\n",
        "def confusion(y_true, y_pred, k=10):\n    return np.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)\n",
        "def confusion(y_true, y_pred, k=10):\n"
        "    return np.array([[np.sum((y_true == t) & (y_pred == p)) for p in range(k)] for t in range(k)])\n",
        "def confusion(y_true, y_pred, k=10):\n    return np.histogram2d(y_true, y_pred, bins=k, range=[[0, k], [0, k]])[0]\n",
    ],
})

MISTAKES.update({
    "xor_feature": {
        "zero_on_a_corner": "def xor_feature_weights():\n    return 1, 1, -2, 0\n",
        "v_too_weak": "def xor_feature_weights():\n    return 1, 1, -1, -0.5\n",
        "or": "def xor_feature_weights():\n    return 2, 2, 0, -1\n",
        "xnor": "def xor_feature_weights():\n    return -1, -1, 2, 0.5\n",
    },
    "threshold_forward": {
        "no_step": "def forward(X, layers):\n    out = []\n    for W, b in layers:\n        X = X @ W + b\n"
                   "        out.append(X)\n    return out\n",
        "at_least": "def forward(X, layers):\n    out = []\n    for W, b in layers:\n        X = (X @ W + b >= 0) * 1.0\n"
                    "        out.append(X)\n    return out\n",
        "sigmoid": "def forward(X, layers):\n    out = []\n    for W, b in layers:\n"
                   "        X = 1 / (1 + np.exp(-(X @ W + b)))\n        out.append(X)\n    return out\n",
        "input_every_layer": "def forward(X, layers):\n    return [step(X @ W + b) for W, b in layers]\n",
    },
    "cybenko_alpha": {
        "whole_tuple": "def fit_alpha(x, f, w, b):\n    return np.linalg.lstsq(features(x, w, b), f, rcond=None)\n",
        "no_ones": "def fit_alpha(x, f, w, b):\n"
                   "    return np.linalg.lstsq(activations.sigmoid(np.outer(x, w) + b), f, rcond=None)[0]\n",
        "no_sigma": "def fit_alpha(x, f, w, b):\n    P = np.column_stack([np.outer(x, w) + b, np.ones(len(x))])\n"
                    "    return np.linalg.lstsq(P, f, rcond=None)[0]\n",
        "ones_first": "def fit_alpha(x, f, w, b):\n"
                      "    P = np.column_stack([np.ones(len(x)), activations.sigmoid(np.outer(x, w) + b)])\n"
                      "    return np.linalg.pinv(P) @ f\n",
    },
    "lstsq": {
        "whole_tuple": "def closed_form(X, y):\n    return np.linalg.lstsq(X, y, rcond=None)\n",
        "no_inverse": "def closed_form(X, y):\n    return np.dot(X.T, y)\n",
        "solve_not_square": "def closed_form(X, y):\n    return np.linalg.solve(X, y)\n",
        "through_origin": "def closed_form(X, y):\n    x = X[:, 0]\n    return np.array([x @ y / (x @ x)])\n",
    },
    "normal_equations": {
        "no_inverse": "def normal_equations(X, y):\n    return X.T @ y\n",
        "diagonal_only": "def normal_equations(X, y):\n    A = X.T @ X\n    return X.T @ y / A.diagonal()\n",
        "n_one_side": "def normal_equations(X, y):\n    return np.linalg.inv(X.T @ X / len(X)) @ X.T @ y\n",
    },
    "ls_gradient": {
        "no_mean": "def gradient(X, y, W):\n    return X.T @ (X @ W - y)\n",
        "uphill": "def gradient(X, y, W):\n    return X.T @ (y - X @ W) / len(y)\n",
        "no_half": "def gradient(X, y, W):\n    return 2 * X.T @ (X @ W - y) / len(y)\n",
    },
    "critical_eta": {
        "one_over": "def critical_eta(X):\n    return 1 / np.linalg.eigvalsh(X.T @ X / len(X))[-1]\n",
        "lambda_min": "def critical_eta(X):\n    return 2 / np.linalg.eigvalsh(X.T @ X / len(X))[0]\n",
        "no_mean": "def critical_eta(X):\n    return 2 / max(np.linalg.eigvalsh(X.T @ X))\n",
        "trace": "def critical_eta(X):\n    H = X.T @ X / len(X)\n    return 2 / H.trace()\n",
    },
    "softmax_jacobian": {
        "diagonal_only": "def softmax_jacobian(p):\n    return np.diag(p - p ** 2)\n",
        "diag_p": "def softmax_jacobian(p):\n    return np.diag(p)\n",
        "plus_outer": "def softmax_jacobian(p):\n    return np.diag(p) + np.outer(p, p)\n",
        "outer_only": "def softmax_jacobian(p):\n    return -p[:, None] * p[None, :]\n",
    },
    "minibatches": {
        "with_replacement": "def minibatches(n, M, rng):\n    idx = rng.randint(0, n, size=n)\n"
                            "    return [idx[i:i + M] for i in range(0, n, M)]\n",
        "no_shuffle": "def minibatches(n, M, rng):\n    return [np.arange(i, min(i + M, n)) for i in range(0, n, M)]\n",
        "drops_last": "def minibatches(n, M, rng):\n    order = rng.permutation(n)\n"
                      "    return [order[i * M:(i + 1) * M] for i in range(n // M)]\n",
        "same_order": "def minibatches(n, M, rng):\n    order = np.random.RandomState(0).permutation(n)\n"
                      "    return [order[i:i + M] for i in range(0, n, M)]\n",
    },
    "numerical_gradient": {
        "aliased": """
            def numerical_gradient(model, values, name, h=1e-5):
                plus = values
                minus = values
                plus[name] = values[name] + h
                minus[name] = values[name] - h
                return (evaluate(model, plus) - evaluate(model, minus)) / (2 * h)
            """,
        "forward": """
            def numerical_gradient(model, values, name, h=1e-5):
                plus = dict(values)
                plus[name] += h
                return (evaluate(model, plus) - evaluate(model, values)) / h
            """,
        "over_h": """
            def numerical_gradient(model, values, name, h=1e-5):
                plus, minus = dict(values), dict(values)
                plus[name] += h
                minus[name] -= h
                return (evaluate(model, plus) - evaluate(model, minus)) / h
            """,
        "changes_values": """
            def numerical_gradient(model, values, name, h=1e-5):
                p = values[name]
                values[name] = p + h
                up = evaluate(model, values)
                values[name] = p - h
                down = evaluate(model, values)
                return (up - down) / (2 * h)
            """,
    },
    "l1_penalty": {
        "abs_gradient": edited("l1_penalty", ("grad = grad + l1 * np.sign(W)", "grad = grad + l1 * abs(W)")),
        "no_sign": edited("l1_penalty", ("grad = grad + l1 * np.sign(W)", "grad = grad + l1")),
        "no_abs": edited("l1_penalty", ("value += l1 * np.sum(np.abs(W))", "value += l1 * W.sum()")),
        "one_at_zero": edited("l1_penalty", ("grad = grad + l1 * np.sign(W)",
                                             "grad = grad + l1 * (2 * (W >= 0) - 1)")),
        "half": edited("l1_penalty", ("value += l1 * np.sum(np.abs(W))", "value += l1 / 2 * np.abs(W).sum()")),
    },
    "confusion": {
        "fancy_assign": "def confusion(y_true, y_pred, k=10):\n    C = np.zeros((k, k), int)\n"
                        "    C[y_true, y_pred] += 1\n    return C\n",
        "transposed": "def confusion(y_true, y_pred, k=10):\n    C = np.zeros((k, k), dtype=int)\n"
                      "    np.add.at(C, (y_pred, y_true), 1)\n    return C\n",
        "rates": "def confusion(y_true, y_pred, k=10):\n    C = np.zeros((k, k))\n    np.add.at(C, (y_true, y_pred), 1)\n"
                 "    return C / np.maximum(1, C.sum(axis=1, keepdims=True))\n",
        "diagonal_only": "def confusion(y_true, y_pred, k=10):\n    C = np.zeros((k, k), dtype=int)\n"
                         "    for t, p in zip(y_true, y_pred):\n        if t == p:\n            C[t, t] += 1\n    return C\n",
    },
})

WRONG.update({
    "normal_equations": [("def normal_equations(X, y):\n    return np.linalg.solve(X @ X.T, X @ y)\n", ""),
                         ("def normal_equations(X, y):\n    return np.linalg.inv(X.T @ X) @ y\n", "")],
    "ls_gradient": [("def gradient(X, y, W):\n    return (X @ W - y) / len(y)\n", "should have shape")],
    "minibatches": [("def minibatches(n, M, rng):\n    order = rng.permutation(n)\n"
                     "    return np.array_split(order, -(-n // M))\n", "")],
    "numerical_gradient": [("def numerical_gradient(model, values, name, h=1e-5):\n    return 0.0\n", "")],
})

HARD_CODED.update({
    "threshold_forward": "def forward(X, layers):\n    return [np.ones((len(X), len(b))) for W, b in layers]\n",
    "cybenko_alpha": "def fit_alpha(x, f, w, b):\n    return np.zeros(len(w) + 1)\n",
    "lstsq": "def closed_form(X, y):\n    return np.array([0.8, -1.0])\n",
    "normal_equations": "def normal_equations(X, y):\n    return np.array([0.8, -1.0])[:X.shape[1]]\n",
    "ls_gradient": "def gradient(X, y, W):\n    return np.array([-2.0, -0.7])[:len(W)]\n",
    "critical_eta": "def critical_eta(X):\n    return 1.0\n",
    "softmax_jacobian": "def softmax_jacobian(p):\n    return np.eye(len(p)) * 0.2\n",
    "minibatches": "def minibatches(n, M, rng):\n    return [np.array([3, 0, 8, 1]), np.array([5, 2, 9, 4]), np.array([7, 6])]\n",
    "numerical_gradient": "def numerical_gradient(model, values, name, h=1e-5):\n    return -0.0347\n",
    "l1_penalty": "def penalty(W, l1=0.0, l2=0.0):\n    return 0.25, np.full(W.shape, 0.1)\n",
    "confusion": "def confusion(y_true, y_pred, k=10):\n    return 2 * np.eye(k, dtype=int)\n",
})

RIGHT["torch_linear_backward"] = [
    "def linear_backward(x, W, grad_output):\n"
    "    return np.dot(grad_output, W), np.dot(grad_output.T, x), np.sum(grad_output, 0)\n",
    "def linear_backward(x, W, grad_output):\n    G = grad_output\n"
    "    return np.einsum('no,oi->ni', G, W), np.einsum('no,ni->oi', G, x), np.einsum('no->o', G)\n",
    "def linear_backward(x, W, grad_output):\n    return grad_output @ W, (x.T @ grad_output).T, grad_output.sum(axis=0)\n",
]
MISTAKES["torch_linear_backward"] = {
    "weight_transposed": "def linear_backward(x, W, grad_output):\n"
                         "    return grad_output @ W, x.T @ grad_output, grad_output.sum(0)\n",
    "input_transposed": "def linear_backward(x, W, grad_output):\n"
                        "    return grad_output @ W.T, grad_output.T @ x, grad_output.sum(0)\n",
    "bias_mean": "def linear_backward(x, W, grad_output):\n"
                 "    return grad_output @ W, grad_output.T @ x, grad_output.mean(0)\n",
    "bias_axis": "def linear_backward(x, W, grad_output):\n"
                 "    return grad_output @ W, grad_output.T @ x, grad_output.sum(1)\n",
}
HARD_CODED["torch_linear_backward"] = ("def linear_backward(x, W, grad_output):\n"
                                       "    return np.zeros(x.shape), np.zeros(W.shape), np.zeros(W.shape[0])\n")

REFUSED = [   # (exercise, source, fragment of the refusal)
    ("sigmoid_derivative", "def sigmoid_derivative(z, a):\n    return np.gradient(a, z)\n", "np.gradient estimates"),
    ("tanh_derivative", "from numpy import gradient\ndef tanh_derivative(z, a):\n    return gradient(a, z)\n",
     "np.gradient estimates"),
    ("softmax_ce", "from scipy.special import logsumexp\ndef softmax_ce(z, a, y, output):\n    return 0, 0\n",
     "scipy.special.logsumexp does the log-sum-exp trick for you"),
    ("softmax_ce", "import scipy.special\ndef softmax_ce(z, a, y, output):\n"
                   "    return scipy.special.logsumexp(z), 0\n", "take m = max_j z_j of each row"),
    ("momentum", "def step(self, grads):\n    SGD.step(self, grads)\n", "the lab's own SGD.step"),
    ("mlp_backward", "def loss_and_grads(self, X, y, loss='bce', l1=0.0, l2=0.0):\n"
                     "    return self.loss_and_grads(X, y, loss, l1, l2)\n", "the lab's own MLP.loss_and_grads"),
    ("value_tanh", "def tanh(self):\n    return Value.tanh(self)\n", "the lab's own Value.tanh"),
    ("neuron", "from backprop_lab.lessons.neuron import neuron as n\n"
               "def neuron(X, w1, w2, b, f='sign'):\n    return n(X, w1, w2, b, f)\n", "the lab's own package"),
    ("lstsq", "def closed_form(X, y):\n    return np.polyfit(X[:, 0], y, 1)\n", "np.polyfit fits the line for you"),
    ("normal_equations", "def normal_equations(X, y):\n    return np.linalg.lstsq(X, y, rcond=None)[0]\n",
     "np.linalg.lstsq solves the least squares problem for you"),
    ("normal_equations", "from numpy.linalg import pinv\ndef normal_equations(X, y):\n    return pinv(X) @ y\n",
     "np.linalg.pinv solves"),
    ("confusion", "from sklearn.metrics import confusion_matrix\ndef confusion(y_true, y_pred, k=10):\n"
                  "    return confusion_matrix(y_true, y_pred, labels=range(k))\n", "sklearn's confusion_matrix"),
    ("ls_gradient", "def gradient(X, y, W):\n    return np.gradient(X @ W - y)\n", "np.gradient estimates"),
    ("numerical_gradient", "import backprop_lab.lessons.backprop as bp\n"
                           "def numerical_gradient(model, values, name, h=1e-5):\n"
                           "    return bp.numerical_gradient(model, values, name, h)\n", "the lab's own package"),
]


NO_INPUTS = {"nand", "xor_feature"}     # their answer is weights: the random cases are corners in random orders


def test_every_exercise_has_its_tables():
    for table in (RIGHT, MISTAKES, HARD_CODED):
        assert set(table) >= set(IDS) - NO_INPUTS if table is HARD_CODED else set(table) == set(IDS)


@pytest.mark.parametrize("exercise_id", IDS)
def test_right_answers_written_other_ways_pass(exercise_id):
    assert len(RIGHT[exercise_id]) >= 3
    for source in RIGHT[exercise_id]:
        r = run(exercise_id, source)
        assert r["ok"] and r["state"] == "passed", (source, r["error"], r["failed"])


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_named_mistake_gets_its_own_message_first(exercise_id):
    mistakes = spec(exercise_id).mistakes
    assert len(mistakes) >= 3
    assert set(MISTAKES[exercise_id]) == {m.id for m in mistakes}, "an answer for each named mistake"
    for m in mistakes:
        r = run(exercise_id, MISTAKES[exercise_id][m.id])
        assert not r["ok"] and r["state"] == "failing" and r["failed"], (m.id, r)
        first = r["failed"][0]
        assert first.get("mistake") == m.id and first["message"] == m.message, (m.id, r["failed"])
        assert set(first["case"]) == {"input", "expected", "got", "short"}


@pytest.mark.parametrize("exercise_id", IDS)
def test_at_least_four_wrong_answers_fail(exercise_id):
    wrong = list(MISTAKES[exercise_id].values()) + [s for s, _ in WRONG.get(exercise_id, [])]
    assert len(wrong) >= 4
    for source, fragment in WRONG.get(exercise_id, []):
        r = run(exercise_id, source)
        assert not r["ok"], source
        text = "\n".join([f["message"] for f in r["failed"]] + [r["error"]["message"] if r["error"] else ""])
        assert fragment in text, (fragment, text)


@pytest.mark.parametrize("exercise_id", sorted(HARD_CODED))
def test_a_hard_coded_answer_fails_the_random_cases(exercise_id):
    r = run(exercise_id, HARD_CODED[exercise_id])
    assert not r["ok"]
    failed = {f["test"]: f for f in r["failed"]}
    assert "test_random_cases" in failed, r["failed"]
    assert set(failed["test_random_cases"]["case"]) == {"input", "expected", "got", "short"}


def test_nand_random_cases_follow_the_corners_not_a_table():
    # nand has no inputs: its random cases are the corners in random orders, judged on the neuron's outputs
    r = run("nand", "def nand_weights():\n    return 1, 1, -1.5\n")
    assert "test_random_cases" in {f["test"] for f in r["failed"]}
    r = run("xor_feature", "def xor_feature_weights():\n    return 1, 1, 0, -0.5\n")
    assert "test_random_cases" in {f["test"] for f in r["failed"]}


@pytest.mark.parametrize("exercise_id, source, fragment", REFUSED)
def test_shortcuts_are_refused_with_why(exercise_id, source, fragment):
    r = run(exercise_id, source)
    assert not r["ok"] and r["total"] == 0
    assert r["error"]["kind"] == "shortcut" and fragment in r["error"]["message"], r["error"]


@pytest.mark.parametrize("exercise_id", IDS)
def test_not_started_is_not_failing(exercise_id):
    r = run(exercise_id, exercises.stub(exercise_id))
    assert r["state"] == "new" and r["error"]["kind"] == "not_written"
    r = run(exercise_id, exercises.stub(exercise_id).replace("raise NotImplementedError(", "raise NotImplementedError(1, "))
    assert r["state"] == "new"


def test_a_forgotten_return_is_named():
    for exercise_id, source in [
            ("sigmoid_derivative", "def sigmoid_derivative(z, a):\n    a * (1 - a)\n"),
            ("linear_backward", "def linear_backward(x, W, delta):\n    dW, db, dx = x.T @ delta, delta.sum(0), delta @ W.T\n"),
            ("running_q", "def update_Q(Q, epsilon, lambda_):\n    Q = lambda_ * epsilon + (1 - lambda_) * Q\n"),
            ("value_tanh", "def tanh(self):\n    t = math.tanh(self.data)\n    Value(t, (self,), 'tanh', (1 - t * t,))\n")]:
        r = run(exercise_id, source)
        assert r["state"] == "failing"
        first = r["failed"][0]
        assert first.get("mistake") == "no_return", (exercise_id, r["failed"])
        assert "returned None: is the `return` missing?" in first["message"]


def test_a_syntax_error_points_at_its_line_in_plain_words():
    r = run("tanh_derivative", "def tanh_derivative(z, a):\n    return 1 - a * * a\n")
    assert r["error"]["kind"] == "syntax" and r["error"]["line"] == 2 and r["state"] == "failing"
    assert "Python cannot read `return 1 - a * * a`" in r["error"]["message"]


def test_precision_alone_is_said():
    r = run("tanh_derivative", "def tanh_derivative(z, a):\n"
                               "    return (1 - a.astype(np.float32) ** 2).astype(np.float64)\n")
    assert not r["ok"]
    assert any("precision is the only problem" in f["message"] for f in r["failed"]), r["failed"]


def test_named_mistake_comes_before_generic_numbers():
    # #23: an in-place weight decay was first told as "differs from finite differences by 9.9e4"
    r = run("l2_penalty", MISTAKES["l2_penalty"]["in_place"])
    assert r["failed"][0]["mistake"] == "in_place"
    assert "you changed W in place" in r["failed"][0]["message"]
