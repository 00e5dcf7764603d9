"""Pieces of a Playground frame at the default settings, timed in the worker:
    python3 bench/pyodide_timeit.py bench/snippets_playground.py"""
SETUP = '''
import numpy as np
from backprop_lab.lessons import playground as pg
from backprop_lab import bridge, fasttrain
pg.setup()
tr = pg._run["trainer"]; net = pg._run["net"]
for _ in range(20): tr.epoch()
import json
f = pg.train(epochs=1)
lean = fasttrain._lean(tr) if hasattr(fasttrain, "_lean") else None
layers = pg._layers()
'''
STMTS = {
    "train(epochs=1) via bridge": "bridge.run_lesson('backprop_lab.lessons.playground', 'train', '{\"epochs\": 1}')",
    "frame()": "pg.frame()",
    "trainer.epoch()": "tr.epoch()",
    "  _evaluate_splits()": "tr._evaluate_splits()",
    "  25 x _step() (reference)": "[tr._step() for _ in range(25)]",
    "pictures pass (PlanePass.run)": "pg._run['plane'].run()",
    "boundary()": "pg.boundary()",
    "boundary(fast=False)": "pg.boundary(fast=False)",
    "neuron_pictures(fast=False)": "pg.neuron_pictures(fast=False)",
    "confusion()": "pg.confusion()",
    "boundary(layers=...) (bytes only)": "pg.boundary(layers=layers)",
    "neuron_pictures(layers=...) (bytes only)": "pg.neuron_pictures(layers=layers)",
    "pg.train(epochs=1) (no bridge)": "pg.train(epochs=1)",
    "bridge: _plain(frame) + json.dumps": "del bridge._arrays[:]; json.dumps(bridge._plain(f), allow_nan=False)",
    "  lean: 25 batches": "lean.run(25, tr.eta, 0.0, net) if lean else None",
    "  lean: epsilons of 25 batches": "lean.epsilons(25) if lean else None",
    "  net._forward(500 points)": "net._forward(tr._stack[2])",
    "one small numpy call (np.add, 10 floats)": "np.add(pg._run['grid'][:5], 1.0)",
    "params as float32": "[p.astype(np.float32) for p in net.params]",
}
NUMBER, REPEAT = 10, 21
