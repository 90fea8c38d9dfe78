"""Run every notebook in nbs/ with nbdev's runner: each notebook is one pytest test (its cells hold the assertions).
Each runs in its own process, as a reader's kernel would: notebooks `@patch` classes, so running two in one process
would let one notebook's definitions leak into the next."""
import subprocess, sys
from pathlib import Path
import pytest

NBS = Path(__file__).parent.parent / 'nbs'
notebooks = sorted(p for p in NBS.rglob('*.ipynb') if not p.name.startswith(('_', '.')) and '.ipynb_checkpoints' not in p.parts)
RUN = "import sys; from nbdev.test import test_nb; ok, _ = test_nb(sys.argv[1], skip_flags=[], force_flags=['slow']); sys.exit(0 if ok else 1)"

@pytest.mark.parametrize('nb', notebooks, ids=lambda p: str(p.relative_to(NBS)))
def test_notebook(nb):
    r = subprocess.run([sys.executable, '-c', RUN, str(nb)], capture_output=True, text=True)
    assert r.returncode == 0, f"{nb.name} failed:\n{r.stderr[-6000:]}"
