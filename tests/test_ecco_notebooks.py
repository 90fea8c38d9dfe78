"""Ecco's own tutorial notebooks (jalammar/ecco, `notebooks/`), ported with only `import ecco_nb as ecco`, the model names
(SmolLM2 for distilgpt2/gpt2, MiniLM for the BERT family) and fewer generated tokens changed, run cell by cell as a reader's
kernel would, one process per notebook. Every cell that runs under Ecco itself must run here; the few cells that fail in
Ecco too are left out (see tests/ecco_notebooks/README.md)."""
import os, subprocess, sys
from pathlib import Path
import pytest

NBS = Path(__file__).parent / 'ecco_notebooks'
notebooks = sorted(NBS.glob('*.ipynb'))
# minutes of CPU each on a busy machine: run with ECCO_NB_ALL_ECCO_NOTEBOOKS=1
SLOW = {'evolution_of_selected_token', 'neuron_factors', 'output_token_scores', 'primary_attributions'}
RUN = "import sys; from nbdev.test import test_nb; ok, _ = test_nb(sys.argv[1], skip_flags=[], force_flags=[]); sys.exit(0 if ok else 1)"

@pytest.mark.parametrize('nb', notebooks, ids=lambda p: p.stem)
def test_ecco_notebook(nb):
    if nb.stem in SLOW and not os.environ.get('ECCO_NB_ALL_ECCO_NOTEBOOKS'):
        pytest.skip('slow: set ECCO_NB_ALL_ECCO_NOTEBOOKS=1 to run it')
    r = subprocess.run([sys.executable, '-c', RUN, str(nb)], capture_output=True, text=True, cwd=NBS)
    assert r.returncode == 0, f"{nb.name} failed:\n{r.stderr[-6000:]}"
