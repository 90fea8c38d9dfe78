"Run every notebook in nbs/ with nbdev's runner: each notebook is one pytest test (its cells hold the assertions)."
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_notebook

NBS = Path(__file__).parent.parent / 'nbs'
notebooks = sorted(p for p in NBS.rglob('*.ipynb') if not p.name.startswith(('_', '.')) and '.ipynb_checkpoints' not in p.parts)

@pytest.mark.parametrize('nb', notebooks, ids=lambda p: str(p.relative_to(NBS)))
def test_notebook(nb):
    ok, secs = run_notebook(nb, skip_flags=[], force_flags=['slow'])
    assert ok, f"{nb.name} failed (see the traceback above)"
