"""Data-parallel corpus collection: two CPU processes under `accelerate launch` give what one process gives.

accelerate 1.x runs `accelerate launch --cpu --num_processes 2` as ONE process (its `--cpu` path is the single-process
launcher unless MPI is set up), so the test launches with `--multi_gpu` and no visible CUDA device: torchrun starts two
processes and `LM.collect` joins them with gloo on the CPU. Each process runs every other batch, writes its part and its
shards; the merge must equal a single-process run: counts, histograms and top-k lists exactly, sums and the corpus NMF
(every process makes the same `partial_fit` calls) to float tolerance."""
import json, os, socket, subprocess, sys
from pathlib import Path
import numpy as np

SCRIPT = '''
import sys, warnings; warnings.filterwarnings('ignore')
import transformers as T; T.logging.set_verbosity_error()
import ecco_nb.corpus
from ecco_nb.testing import tiny_lm
words = ['the', 'value', 'list', 'file', 'error', 'return', 'number', 'string', 'object', 'name']
texts = [' '.join(words[(i * k) % 10] for k in range(1, 4 + i % 7)) + f' {i}.' for i in range(30)]
lm = tiny_lm('gpt2', verbose=False)
lm.collect(texts, batch_size=4, top_k=5, top_tokens=16, window=(3, 2), nmf=3, out=sys.argv[1], shards=[1], progress=False)
'''

def _free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def test_two_processes_equal_one(tmp_path):
    from ecco_nb.corpus import load_corpus
    script = tmp_path / 'collect.py'; script.write_text(SCRIPT)
    env = dict(os.environ, CUDA_VISIBLE_DEVICES='', TOKENIZERS_PARALLELISM='false')
    accelerate = Path(sys.executable).with_name('accelerate')
    two = subprocess.run([str(accelerate), 'launch', '--multi_gpu', '--num_processes', '2', '--num_machines', '1',
                          '--mixed_precision', 'no', '--dynamo_backend', 'no', '--main_process_port', str(_free_port()),
                          str(script), str(tmp_path / 'two')], capture_output=True, text=True, timeout=600, env=env)
    assert two.returncode == 0, two.stderr[-4000:]
    one = subprocess.run([sys.executable, str(script), str(tmp_path / 'one')], capture_output=True, text=True, timeout=600, env=env)
    assert one.returncode == 0, one.stderr[-4000:]
    a, b = load_corpus(tmp_path / 'one' / 'corpus.safetensors'), load_corpus(tmp_path / 'two' / 'corpus.safetensors')
    parts = [load_corpus(tmp_path / 'two' / f'part-00{r}.safetensors') for r in (0, 1)]
    # each process did its share (every other batch of 4 texts), and wrote its own shards
    assert [p.meta['n_texts'] for p in parts] == [16, 14] and b.meta['parts'] == 2
    for r in (0, 1):
        batches = json.loads((tmp_path / 'two' / 'shards' / f'manifest-00{r}.json').read_text())['batches']
        assert sorted(map(int, batches)) == list(range(r, 8, 2))
    assert (a.n_texts, a.n_tokens) == (b.n_texts, b.n_tokens) == (30, sum(p.n_tokens for p in parts))
    assert set(a.arrays) == set(b.arrays)
    for k, x in a.arrays.items():
        y = b.arrays[k]
        if x.dtype.kind in 'iu': assert np.array_equal(x, y), k
        else: np.testing.assert_allclose(x, y, rtol=1e-4, atol=1e-5, err_msg=k)
    assert a.meta['vocab'] == b.meta['vocab']
    assert a.factor_top_neurons(0, 3) == b.factor_top_neurons(0, 3)
