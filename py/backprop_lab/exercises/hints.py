r"""The hint ladder of each exercise: from the idea down to the key line, shown one at a time.

HINTS = {exercise_id: [hint 1, hint 2, hint 3, ...]} for the exercises that do not carry their
own (Exercise(..., hints=[...]) in catalog.py wins: ladder(exercise)). Plain text in the
lecture's terms, with $...$ for inline TeX (the page typesets it). The first hint names the idea,
the middle ones narrow it down, the last one is (nearly) the key line itself.

After the hints comes the line puzzle (puzzle.py), and only after the puzzle the solution.
"""

HINTS = {
    "sigmoid_derivative": [
        r"Backprop needs $\sigma'(z)$ at every hidden layer, and the forward pass already gave you "
        r"$a = \sigma(z)$. Look for a way to write the derivative with $a$ alone.",
        r"Differentiate $\sigma(z) = 1/(1 + e^{-z})$: you get $e^{-z}/(1 + e^{-z})^2$. Split it into "
        r"$\frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}$ and name each factor.",
        r"The first factor is $\sigma(z)$, the second is $1 - \sigma(z)$, so $\sigma' = \sigma(1 - \sigma)$. "
        r"Check: at $z = 0$, $0.5 \cdot 0.5 = 1/4$.",
        "The key line: return a * (1 - a). Do not call np.exp(-z): far from 0 it overflows, and a is already there.",
    ],
    "tanh_derivative": [
        r"Like the sigmoid, $\tanh'$ can be written with the output $a = \tanh(z)$ alone, which the "
        "forward pass has already computed.",
        r"$\tanh = \sinh / \cosh$, so by the quotient rule $\tanh' = (\cosh^2 - \sinh^2)/\cosh^2$.",
        r"$\cosh^2 - \sinh^2 = 1$, so $\tanh' = 1/\cosh^2 = 1 - \tanh^2$. At $z = 0$ the slope is 1.",
        "The key line: return 1 - a * a (or 1 - a ** 2).",
    ],
    "neuron": [
        r"A neuron is a linear model, then an activation: first the pre-activation "
        r"$z = \langle w, x \rangle + b$, then $a = f(z)$.",
        r"Do all the rows at once: for X of shape (n, 2), $\langle w, x \rangle$ of every row is the "
        "matrix-vector product X @ w with w = np.array([w1, w2]), shape (n,).",
        "The bias goes inside f: z = X @ np.array([w1, w2]) + b. The activation for the name f is "
        "activation(f), a function you call on z.",
        "The key lines: z = X @ np.array([w1, w2]) + b, then return activation(f)(z).",
    ],
    "nand": [
        "NAND is NOT (x1 AND x2). The lecture already has AND as one threshold neuron; start from it.",
        r"AND is $[x_1 + x_2 - 3/2 > 0]$. To negate a neuron, negate its pre-activation: "
        r"$[-z > 0]$ is $[z < 0]$.",
        r"$[z < 0]$ is NOT $[z > 0]$ only where $z$ is never exactly 0; with $b = \pm 3/2$, $z$ is never 0 "
        "on a corner of {0, 1}².",
        "The key line: return -1, -1, 1.5 (AND's weights and bias, all negated).",
    ],
    "softmax_ce": [
        r"The loss is the mean over samples of $-\ln p_y$ with $p = \mathrm{softmax}(z)$. Never compute "
        r"$e^{z}$ of a large logit: rewrite $-\ln p_y$ first.",
        r"$-\ln p_y = \ln \sum_j e^{z_j} - z_y$. The log-sum-exp trick: with $m = \max_j z_j$, "
        r"$\ln \sum_j e^{z_j} = m + \ln \sum_j e^{z_j - m}$, and every $e^{z_j - m} \le 1$.",
        r"Row by row: m = z.max(axis=1), lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1)); "
        "pick each row's true logit with z[np.arange(n), y].",
        r"The gradient of the mean is $(\mathrm{softmax}(z) - \mathrm{onehot}(y))/n$: dz = a.copy(); "
        "dz[np.arange(n), y] -= 1; return np.mean(lse - z[np.arange(n), y]), dz / n.",
    ],
    "linear_backward": [
        r"The chain rule through $z = xW + b$: each gradient is $\delta = \partial L/\partial z$ multiplied "
        "by what z depends on. Let the shapes tell you the order of the factors.",
        r"dW must have W's shape (fan_in, fan_out); x is (n, fan_in) and $\delta$ is (n, fan_out). Only "
        r"$x^\top \delta$ fits, and it sums over the n samples.",
        r"b is added to every sample's row, so every sample adds its own $\delta$ to db: sum over axis 0. "
        r"dx must have x's shape (n, fan_in): $\delta W^\top$.",
        "The key lines: dW = x.T @ delta; db = delta.sum(axis=0); dx = delta @ W.T; return dW, db, dx.",
    ],
    "mlp_backward": [
        r"Walk back from the output layer to the first. At layer $l$ you hold $\delta_l = \partial L / "
        r"\partial z_l$ (dz); from it come layer $l$'s gradients and the $\delta$ of the layer below.",
        r"Layer $l$ is one linear layer with input acts[l] (acts[0] is X): its gradients are "
        r"$a_{l-1}^\top \delta_l$ for W and the sum of $\delta_l$ over samples for b.",
        r"The delta rule: $\delta_{l-1} = (\delta_l W_l^\top) \odot f'(z_{l-1})$, with "
        "self.f.df(zs[l - 1], acts[l]). The first layer (l = 0) has no layer below: skip it there. "
        "With l1 or l2, add losses.penalty(W, l1, l2)'s value to value and its gradient to gW.",
        "The key lines: gW = acts[l].T @ dz; grads[2 * l], grads[2 * l + 1] = gW, dz.sum(axis=0); "
        "if l > 0: dz = (dz @ W.T) * self.f.df(zs[l - 1], acts[l]).",
    ],
    "l2_penalty": [
        r"The L2 term is $\frac{1}{2}\lambda \sum W^2$: add its value to value and its gradient to grad, "
        "just as the L1 branch does for its own term.",
        r"The derivative of $\frac{1}{2} w^2$ is $w$, so the L2 term's gradient is $\lambda W$, an array "
        "of W's shape.",
        "Only the weights are penalised, and nothing is divided by the batch size. np.sum(W * W) is the sum of squares.",
        "The key lines: value += 0.5 * l2 * np.sum(W * W); grad = grad + l2 * W.",
    ],
    "momentum": [
        r"Two cases: plain gradient descent $W \leftarrow W - \eta g$ when $\beta = 0$, and momentum "
        r"$v \leftarrow \beta v - \eta g$, $W \leftarrow W + v$ otherwise.",
        "The network reads its own arrays, so change them in place: p -= ..., v *= ..., p += v. "
        "A new array (p = p - ...) would never reach the network.",
        "Loop over zip(self.params, grads) for plain descent, and over zip(self.params, grads, "
        "self.velocity) for momentum, one parameter at a time.",
        "The key lines: v *= self.beta; v -= self.eta * g; p += v (and p -= self.eta * g when self.beta == 0).",
    ],
    "running_q": [
        r"Q is an exponentially weighted average of the mini-batch losses $\varepsilon$: each new "
        "batch moves Q a little towards its loss.",
        r"The forgetting rate $\lambda$ is the weight of the new loss, $1 - \lambda$ the weight of the old "
        r"estimate. With $\lambda = 0.1$: one part $\varepsilon$, nine parts old Q.",
        r"The lecture writes it as $Q = \lambda \varepsilon + (1 - \lambda) Q$.",
        "The key line: return lambda_ * epsilon + (1 - lambda_) * Q.",
    ],
    "value_mul": [
        r"An operation returns a new Value that remembers its inputs and the local derivative "
        r"$\partial\,\mathrm{out}/\partial\,\mathrm{input}$ for each of them; backward() does the rest.",
        r"For out $= a \cdot b$: $\partial\,\mathrm{out}/\partial a = b$ and $\partial\,\mathrm{out}/\partial b = a$ "
        "(the data of the other factor, a plain float).",
        "other may be a plain number (v * 3): make it a Value first with other = as_value(other).",
        "The key line: return Value(self.data * other.data, (self, other), \"*\", (other.data, self.data)).",
    ],
    "value_tanh": [
        r"tanh has one input, so its Value has one entry in _prev and one local derivative, "
        r"$\partial\,\mathrm{out}/\partial\,\mathrm{self}$.",
        r"$\tanh'(x) = 1 - \tanh^2(x)$: the local derivative is a function of the output $t$ itself.",
        "Compute t = math.tanh(self.data) once: it never overflows, where e^x or cosh(x) do for x = 1000.",
        "The key line: return Value(t, (self,), \"tanh\", (1.0 - t * t,)).",
    ],
}


def ladder(exercise):
    """The exercise's hints: its own (Exercise(..., hints=[...])), else HINTS[id]."""
    return list(exercise.hints or HINTS[exercise.id])
