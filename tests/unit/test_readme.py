"""The README's notebook example runs as written, on the installed package, and does what it says."""
import re
from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_the_notebook_example_trains_and_its_loss_falls(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    example = next(b for b in blocks if "from backprop_lab" in b)
    namespace = {}
    exec(compile(example, "README.md", "exec"), namespace)
    trainer, loss = namespace["trainer"], namespace["loss"]
    assert trainer.history["train_loss"][-1] < loss, "200 epochs lowered the training loss"
    assert trainer.history["train_loss"][-1] < 0.2
    printed = capsys.readouterr().out
    assert "<" in printed
