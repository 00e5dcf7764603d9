// A plain-JS reference of TensorFlow Playground's algorithm, for bench/race.py.
//
// Written for this bench from the published description of TF Playground (its nn.ts and
// playground.ts): nothing here is copied. It keeps the same data structures and the same
// amount of work per frame, because that is what the race is about:
//
//   - a network of Node objects joined by Link objects; a node adds up bias + sum(w * input)
//     over its input links and applies its activation function object;
//   - one epoch ("oneStep") walks the training points one by one: forward pass, backward pass
//     that stores outputDer / inputDer on the nodes and errorDer on the links and adds them to
//     accInputDer / accErrorDer (counting them in numAccumulatedDers); every batchSize points
//     the weights move by eta * (accumulated derivative / count), then the L1 or L2 penalty step
//     (L1: a weight that crosses 0 is set to 0 and its link marked dead), as TF Playground does;
//   - after the epoch the train and test loss, each a forward pass per point;
//   - updateDecisionBoundary: a forward pass per point of a DENSITY x DENSITY grid over the
//     plane, storing every node's output (TF Playground keeps a DENSITY x DENSITY array per
//     node: the big picture is the output node's, the small neuron pictures are each node's
//     array reduced 10x by averaging, "reduceMatrix"). Here both are included, and both are
//     then turned into bytes (0..255), as the lab's frame sends bytes. Not included: colouring
//     and painting the canvases, the SVG links, the loss chart (the lab's page-side drawing is
//     not in its frame either).
//
// Modes: "tfpg" is TF Playground's own choice (tanh output, square error, labels -1/+1, the
// training points in one fixed order); "lab" is the lab's model (sigmoid output with
// cross-entropy, labels 0/1, a given order per epoch), used only to check that this reference
// trains the very same network as the lab (bench/race.py compares the losses with CPython).
"use strict";
(function () {
  const ACTIVATIONS = {
    tanh: { output: (x) => Math.tanh(x), der: (x) => { const t = Math.tanh(x); return 1 - t * t; } },
    sigmoid: { output: (x) => 1 / (1 + Math.exp(-x)),
               der: (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); } },
    relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
    linear: { output: (x) => x, der: () => 1 },
  };
  const ERRORS = {
    square: { error: (o, t) => 0.5 * (o - t) * (o - t), der: (o, t) => o - t },
    // cross-entropy of a sigmoid output: dE/do = (o - t) / (o (1 - o))
    crossEntropy: { error: (o, t) => -(t * Math.log(o) + (1 - t) * Math.log(1 - o)),
                    der: (o, t) => (o - t) / (o * (1 - o)) },
  };
  const PENALTIES = {
    L1: { output: (w) => Math.abs(w), der: (w) => (w < 0 ? -1 : w > 0 ? 1 : 0) },
    L2: { output: (w) => 0.5 * w * w, der: (w) => w },
  };

  class Node {
    constructor(id, activation) {
      this.id = id;
      this.activation = activation;
      this.inputLinks = [];
      this.outputs = [];
      this.bias = 0.1;
      this.totalInput = 0;
      this.output = 0;
      this.outputDer = 0;
      this.inputDer = 0;
      this.accInputDer = 0;
      this.numAccumulatedDers = 0;
    }
    updateOutput() {
      let total = this.bias;
      for (let k = 0; k < this.inputLinks.length; k++) {
        const link = this.inputLinks[k];
        total += link.weight * link.source.output;
      }
      this.totalInput = total;
      this.output = this.activation.output(total);
      return this.output;
    }
  }

  class Link {
    constructor(source, dest, penalty) {
      this.source = source;
      this.dest = dest;
      this.penalty = penalty;
      this.weight = 0;
      this.isDead = false;
      this.errorDer = 0;
      this.accErrorDer = 0;
      this.numAccumulatedDers = 0;
    }
  }

  /** layers[0] are the inputs; params = [W1, b1, W2, b2, ...] with W[i][j]: unit i -> unit j. */
  function build(shape, hidden, output, penalty, params) {
    const layers = [];
    let id = 0;
    for (let l = 0; l < shape.length; l++) {
      const act = l === shape.length - 1 ? ACTIVATIONS[output] : ACTIVATIONS[hidden];
      const layer = [];
      for (let j = 0; j < shape[l]; j++) {
        const node = new Node(l === 0 ? "x" + (j + 1) : String(++id), act);
        if (l > 0) {
          node.bias = params[2 * (l - 1) + 1][j];
          for (let i = 0; i < shape[l - 1]; i++) {
            const link = new Link(layers[l - 1][i], node, penalty);
            link.weight = params[2 * (l - 1)][i][j];
            layers[l - 1][i].outputs.push(link);
            node.inputLinks.push(link);
          }
        }
        layer.push(node);
      }
      layers.push(layer);
    }
    return layers;
  }

  function forward(net, input) {
    const first = net[0];
    for (let i = 0; i < first.length; i++) first[i].output = input[i];
    for (let l = 1; l < net.length; l++) {
      const layer = net[l];
      for (let j = 0; j < layer.length; j++) layer[j].updateOutput();
    }
    return net[net.length - 1][0].output;
  }

  function backward(net, target, errorFn) {
    const out = net[net.length - 1][0];
    out.outputDer = errorFn.der(out.output, target);
    for (let l = net.length - 1; l >= 1; l--) {
      const layer = net[l];
      for (let j = 0; j < layer.length; j++) {
        const node = layer[j];
        node.inputDer = node.outputDer * node.activation.der(node.totalInput);   // dE/dz
        node.accInputDer += node.inputDer;
        node.numAccumulatedDers++;
      }
      for (let j = 0; j < layer.length; j++) {
        const node = layer[j];
        for (let k = 0; k < node.inputLinks.length; k++) {
          const link = node.inputLinks[k];
          if (link.isDead) continue;
          link.errorDer = node.inputDer * link.source.output;                   // dE/dw
          link.accErrorDer += link.errorDer;
          link.numAccumulatedDers++;
        }
      }
      if (l === 1) continue;
      const prev = net[l - 1];
      for (let i = 0; i < prev.length; i++) {
        const node = prev[i];
        let der = 0;
        for (let k = 0; k < node.outputs.length; k++) der += node.outputs[k].weight * node.outputs[k].dest.inputDer;
        node.outputDer = der;                                                    // dE/da
      }
    }
  }

  function update(net, eta, regRate) {
    for (let l = 1; l < net.length; l++) {
      const layer = net[l];
      for (let j = 0; j < layer.length; j++) {
        const node = layer[j];
        if (node.numAccumulatedDers > 0) {
          node.bias -= eta * node.accInputDer / node.numAccumulatedDers;
          node.accInputDer = 0;
          node.numAccumulatedDers = 0;
        }
        for (let k = 0; k < node.inputLinks.length; k++) {
          const link = node.inputLinks[k];
          if (link.isDead || link.numAccumulatedDers === 0) continue;
          const penaltyDer = link.penalty ? link.penalty.der(link.weight) : 0;
          link.weight -= (eta / link.numAccumulatedDers) * link.accErrorDer;
          const next = link.weight - eta * regRate * penaltyDer;
          if (link.penalty === PENALTIES.L1 && link.weight * next < 0) {
            link.weight = 0;                                                     // crossed 0: dead
            link.isDead = true;
          } else {
            link.weight = next;
          }
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }

  function forEachNode(net, fn) {
    for (let l = 1; l < net.length; l++) for (let j = 0; j < net[l].length; j++) fn(net[l][j]);
  }

  function toByte(v, lo, hi) {
    const s = Math.round((v - lo) / (hi - lo) * 255);
    return s < 0 ? 0 : s > 255 ? 255 : s;
  }

  /**
   * new Reference({X, y, Xt, yt, params, shape, hidden, mode, batchSize, eta, regularization, regRate, density})
   * X, Xt: flat [x1, x2, x1, x2, ...]; y, yt: labels 0/1.
   */
  class Reference {
    constructor(o) {
      this.mode = o.mode || "tfpg";
      const lab = this.mode === "lab";
      this.errorFn = lab ? ERRORS.crossEntropy : ERRORS.square;
      this.lo = lab ? 0 : -1;                                   // the output's range
      const points = (X, y) => Array.from(y, (label, i) => ({ x: X[2 * i], y: X[2 * i + 1],
                                                              label: lab ? label : 2 * label - 1 }));
      this.train = points(o.X, o.y);
      this.test = points(o.Xt, o.yt);
      this.net = build(o.shape, o.hidden || "tanh", lab ? "sigmoid" : "tanh",
                       PENALTIES[o.regularization] || null, o.params);
      this.batchSize = o.batchSize;
      this.eta = o.eta;
      this.regRate = o.regRate || 0;
      this.density = o.density || 100;
      this.domain = o.domain || 6;
      this.iter = 0;
      const n = this.density;
      this.boundary = {};                                       // node id -> n x n outputs
      forEachNode(this.net, (node) => {
        this.boundary[node.id] = Array.from({ length: n }, () => new Array(n));
      });
      this.bytes = new Uint8Array(n * n);
      this.small = {};
      forEachNode(this.net, (node) => { this.small[node.id] = new Uint8Array((n / 10) * (n / 10)); });
    }

    input(x, y) { return [x, y]; }                              // the features x1, x2

    loss(points) {
      let sum = 0;
      for (let i = 0; i < points.length; i++) {
        const p = points[i];
        sum += this.errorFn.error(forward(this.net, this.input(p.x, p.y)), p.label);
      }
      return sum / points.length;
    }

    /** One epoch (TF Playground's oneStep without its drawing); order: indices, or the fixed order. */
    epoch(order) {
      this.iter++;
      const pts = this.train;
      for (let i = 0; i < pts.length; i++) {
        const p = order ? pts[order[i]] : pts[i];
        forward(this.net, this.input(p.x, p.y));
        backward(this.net, p.label, this.errorFn);
        if ((i + 1) % this.batchSize === 0) update(this.net, this.eta, this.regRate);
      }
      this.lossTrain = this.loss(this.train);
      this.lossTest = this.loss(this.test);
      return [this.lossTrain, this.lossTest];
    }

    /** updateDecisionBoundary: every node's output at every grid point; then the pictures as bytes. */
    grid() {
      const n = this.density, d = this.domain, net = this.net, boundary = this.boundary;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const x = -d + (2 * d * i) / (n - 1), y = d - (2 * d * j) / (n - 1);
          forward(net, this.input(x, y));
          forEachNode(net, (node) => { boundary[node.id][i][j] = node.output; });
        }
      }
      const out = boundary[net[net.length - 1][0].id];
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) this.bytes[j * n + i] = toByte(out[i][j], this.lo, 1);
      const f = 10, m = n / f;
      forEachNode(net, (node) => {                               // reduceMatrix(boundary[id], 10)
        const b = boundary[node.id], small = this.small[node.id];
        const lo = node === net[net.length - 1][0] ? this.lo : -1;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) {
            let s = 0;
            for (let a = 0; a < f; a++) for (let c = 0; c < f; c++) s += b[i * f + a][j * f + c];
            small[j * m + i] = toByte(s / (f * f), lo, 1);
          }
        }
      });
      return this.bytes;
    }

    /** One frame, timed: [frame ms, epoch ms, grid ms]. */
    frame(order) {
      const t0 = performance.now();
      this.epoch(order);
      const t1 = performance.now();
      this.grid();
      const t2 = performance.now();
      return [t2 - t0, t1 - t0, t2 - t1];
    }

    params() {                                                   // [W1, b1, ...] like the lab's
      const out = [];
      for (let l = 1; l < this.net.length; l++) {
        const layer = this.net[l];
        out.push(this.net[l - 1].map((src) => layer.map((node) => node.inputLinks[this.net[l - 1].indexOf(src)].weight)));
        out.push(layer.map((node) => node.bias));
      }
      return out;
    }
  }

  self.TFPGReference = Reference;
})();
