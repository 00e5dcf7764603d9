"""Pieces of a Playground frame at the default settings, timed in the worker:
    python3 bench/pyodide_timeit.py bench/snippets_playground.py"""
SETUP = '''
import numpy as np
from backprop_lab.lessons import playground as pg
from backprop_lab import bridge, fasttrain
pg.setup()
tr = pg._run["trainer"]; net = pg._run["net"]
for _ in range(20): tr.epoch()
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
    "params as float32": "[p.astype(np.float32) for p in net.params]",
}
NUMBER, REPEAT = 10, 15
