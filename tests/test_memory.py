"""Attribution stays within `budget_mb`: peak resident-memory growth, measured in a fresh process (not a timing).

The child builds a tiny Llama, runs the attribution once to warm up (oneDNN builds and caches kernels per shape, about 15 MB
here, a one-time cost that does not grow with the sequence), resets its peak (`/proc/self/clear_refs`), runs integrated gradients and input × gradient on a long sequence, and reports `VmHWM`
after minus `VmRSS` before. Without the budget, IG's 8 steps (`n_steps=8`, to keep it short) in one batch would hold 8 forward graphs (about 64 MB
at 2,000 tokens here), and the backward graph that the one-row path used to keep per step grew without bound."""
import json, re, subprocess, sys, textwrap
import pytest

CHILD = textwrap.dedent('''
    import json, re, sys, warnings; warnings.filterwarnings('ignore')
    import torch
    from ecco_nb.testing import tiny_lm
    def status(k): return int(re.search(k + r':\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 2**10
    length, budget, method = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    tl = tiny_lm('llama')
    def output(n):
        ids = torch.arange(n + 3).remainder(120).add(3).view(1, -1)
        cap = tl._capture(dict(input_ids=ids, attention_mask=torch.ones_like(ids)), attention=False, activations=False)
        return tl._output(ids, torch.ones_like(ids), n, cap)
    out = output(length)
    tl._attribute(out, [method], budget_mb=budget, progress=False, n_steps=8)   # warm up: oneDNN's kernels for these shapes, the allocator
    before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5')
    tl._attribute(out, [method], budget_mb=budget, progress=False, n_steps=8)
    print(json.dumps(dict(growth_mb=status('VmHWM') - before)))
''')

def growth(length, budget, method):
    r = subprocess.run([sys.executable, '-c', CHILD, str(length), str(budget), method], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])['growth_mb']

@pytest.mark.parametrize('method', ['ig'])
@pytest.mark.parametrize('length', [500, 2000])
@pytest.mark.parametrize('budget', [16, 64])
def test_peak_growth_within_budget(budget, length, method):
    g = growth(length, budget, method)
    assert g <= 1.25 * budget, f"{method} at {length} tokens grew {g:.1f} MB with budget_mb={budget}"

SMOLLM2 = textwrap.dedent('''
    import json, re, sys, time, warnings; warnings.filterwarnings('ignore')
    import torch, ecco_nb
    from ecco_nb.attribution import _Targets, _plan
    def status(k): return int(re.search(k + r':\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 2**10
    length, budget, n = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    def output(length, n):
        ids = torch.arange(length + n).remainder(5000).add(100).view(1, -1)
        cap = lm._capture(dict(input_ids=ids, attention_mask=torch.ones_like(ids)), attention=False, activations=False)
        out = lm._output(ids, torch.ones_like(ids), length, cap)
        out.meta['attribution_targets'] = list(range(length, length + n))
        return out
    out = output(length, n)
    lm._attribute(output(16, 1), ['grad_x_input'], budget_mb=budget, progress=False)   # warm up: imports, first-call set-up
    plan = _plan(lm, _Targets(lm, out.token_ids, list(range(length, length + n))), budget)
    before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5'); t0 = time.perf_counter()
    lm._attribute(out, ['grad_x_input'], budget_mb=budget, progress=False)
    print(json.dumps(dict(growth_mb=status('VmHWM') - before, checkpoint=plan.checkpoint, plan=list(plan),
                          seconds=time.perf_counter() - t0)))
''')

@pytest.mark.parametrize('length,n', [(300, 4), (1000, 4)])
def test_smollm2_long_row_checkpointed_within_budget(length, n):
    """SmolLM2, budget_mb=256: one plain row needs about 370 MB at 300 tokens, 1 GB at 1,000, so the blocks are
    checkpointed. At 1,000 tokens the heap kept the checkpointed blocks' freed temporaries (429 MB for one target) until
    `_checkpointed` released them after each block."""
    r = subprocess.run([sys.executable, '-c', SMOLLM2, str(length), '256', str(n)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res['checkpoint'], res
    assert res['growth_mb'] <= 1.25 * 256, res

LONG_CAPTURE = textwrap.dedent('''
    import json, re, sys, warnings; warnings.filterwarnings('ignore')
    import torch, ecco_nb
    from ecco_nb.testing import tiny_lm
    def status(k): return int(re.search(k + r':\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 2**10
    def size_mb(out):
        arrays = [v for v in vars(out).values() if hasattr(v, 'nbytes')]
        arrays += [a for d in vars(out).values() if isinstance(d, dict) for a in d.values() if hasattr(a, 'nbytes')]
        return sum(a.nbytes for a in arrays) / 2**20
    length, stage, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    # a tiny Llama with many layers: what one layer's pass allocates and frees stays small beside what is kept
    from transformers import LlamaForCausalLM
    base = tiny_lm('llama')
    cfg = base.model.config; cfg.num_hidden_layers = 24
    torch.manual_seed(0)
    tl = ecco_nb.from_model(LlamaForCausalLM(cfg), base.tokenizer, attention=True, activations=True, verbose=False)
    ids = torch.arange(length).remainder(120).add(3).view(1, -1)
    if stage == 'capture':
        tl(dict(input_ids=ids[:, :300]))                   # warm up at a length past LONG_INPUT
        before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5')
        out = tl(dict(input_ids=ids))
        growth = status('VmHWM') - before
        out.save(path, lens='none', progress=False)
    else:
        before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5')
        out = ecco_nb.load(path, lm=tl)
        growth = status('VmHWM') - before
    print(json.dumps(dict(growth_mb=growth, output_mb=size_mb(out))))
''')

def test_long_capture_and_load_hold_one_copy(tmp_path):
    """A long input with attention and activations: the capture, and loading its file, add one copy of the output and
    little else. They added two and more: `OutputSeq` copied the capture's arrays, `load` read through a memory map
    (its pages counted beside the copies), and the file checks built input-sized temporaries (`isfinite`, range
    masks): SmolLM2, 1,000 tokens, 1.3 GB of output: 2.6 GB to capture, 3.1 GB to load, now 1.3 GB each."""
    path = str(tmp_path / 'long.ecco')
    res = {}
    for stage in ('capture', 'load'):
        r = subprocess.run([sys.executable, '-c', LONG_CAPTURE, '1500', stage, path], capture_output=True, text=True,
                           timeout=600)
        assert r.returncode == 0, r.stderr[-3000:]
        res[stage] = json.loads(r.stdout.strip().splitlines()[-1])
    for stage, m in res.items():
        assert m['output_mb'] > 400, m                  # the attention alone: 24 layers x 2 heads x 1500 x 1500 floats
        assert m['growth_mb'] <= 1.25 * m['output_mb'], (stage, m)
