"""Long-input benchmark (printed table, no asserts): what one long prompt costs in the views, in `save` and `load`, on SmolLM2
with attention and neuron activations captured. Issue 15 measured, before the fix, a 1,000-token prompt writing 107-108 MB of
HTML from `attention()` and `to_html()`, and `save()` spending 48 s (the logit lens of every position, no progress bar) on a
1.3 GB file. Now the attention view windows long inputs (`ATTENTION_MAX_WEIGHTS`) and says so, and `save` stores the lens of
the generated positions only (`lens='generated'`; `lens='all'` is the old behaviour, timed beside it).

Memory (issue 13): each step's peak resident growth (`VmHWM`, reset before the step) over what was resident before it, and,
for generate, over the loaded model. The captured output is data the user asked for (1,000 tokens: 1.1 GB of attention
weights alone), so the table gives its size beside the growth: what a step adds beyond it is its working memory. `load`
and the views after it run in a second, fresh process that loads the model and the file.

Measured 2026-11-28 (1 thread, SmolLM2, 1,000-token prompt, 5 new tokens; output 1,285 MB, file 1,366 MB):
generate + capture +1,321 MB (was +2,578 MB: `OutputSeq` copied the capture's arrays, and glibc kept each block's freed
temporaries), save +0 MB (+26), load in a fresh process +1,342 MB (was +3,118 MB: `safe_open`'s memory-mapped pages
beside the copies, and the file checks' whole-array temporaries), attention() 2.76 MB of HTML, to_html() 3.26 MB.

    .venv/bin/python bench/bench_long_input.py          # 1,000-token prompt, 5 new tokens
    .venv/bin/python bench/bench_long_input.py 250      # another prompt length
"""
import json, os, re, subprocess, sys, tempfile, time, warnings
warnings.filterwarnings('ignore')

def status(key): return int(re.search(key + r':\s+(\d+)', open('/proc/self/status').read()).group(1)) / 1024

def step(rows, what, f, size=None):
    "Run `f`, add a row: time, peak growth over resident-before, and `size(result)`."
    before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5')
    t = time.time(); r = f(); dt = time.time() - t
    rows.append((what, f'{dt:.1f} s', f'{status("VmHWM") - before:.0f} MB', size(r) if size else ''))
    return r

def output_mb(out):
    n = sum(a.nbytes for a in vars(out).values() if hasattr(a, 'nbytes'))
    n += sum(v.nbytes for d in vars(out).values() if isinstance(d, dict) for v in d.values() if hasattr(v, 'nbytes'))
    return n / 2**20

def reload(path, rows):
    import ecco_nb
    lm = ecco_nb.from_pretrained('smollm2', attention=True, activations=True, verbose=False)
    out = step(rows, 'load (fresh process)', lambda: ecco_nb.load(path, lm=lm), lambda o: f'output {output_mb(o):.0f} MB')
    step(rows, 'attention() after load', lambda: str(out.attention()), lambda a: f'{len(a) / 1e6:.2f} MB HTML')
    step(rows, 'to_html() after load', lambda: out.to_html(), lambda h: f'{len(h) / 1e6:.2f} MB HTML')

def main(n_prompt=1000, n_new=5):
    import torch, ecco_nb
    lm = ecco_nb.from_pretrained('smollm2', attention=True, activations=True, verbose=False)
    words = ("the quick brown fox jumps over the lazy dog and then " * 400).split()
    ids = lm.tokenizer(' '.join(words), return_tensors='pt').input_ids[0, :n_prompt]
    prompt = lm.tokenizer.decode(ids)
    lm.generate(prompt[:200], generate=2)                                   # warm-up: first-call set-up, not the prompt's cost
    rows = []
    out = step(rows, 'generate + capture', lambda: lm.generate(prompt, generate=n_new, min_new_tokens=n_new),
               lambda o: f'{o.n_tokens} tokens, output {output_mb(o):.0f} MB')
    step(rows, 'attention()', lambda: str(out.attention()), lambda a: f'{len(a) / 1e6:.2f} MB HTML')
    step(rows, 'to_html()', lambda: out.to_html(), lambda h: f'{len(h) / 1e6:.2f} MB HTML')
    with tempfile.TemporaryDirectory() as d:
        for lens in ('generated', 'all'):
            out.lens = {}
            p = os.path.join(d, f'{lens}.ecco')
            step(rows, f"save(lens='{lens}')", lambda: out.save(p, lens=lens, progress=False),
                 lambda _: f'{os.path.getsize(p) / 1e6:.0f} MB file')
        del out
        r = subprocess.run([sys.executable, __file__, '--reload', os.path.join(d, 'generated.ecco')], capture_output=True,
                           text=True)
        rows += [tuple(x) for x in json.loads(r.stdout.strip().splitlines()[-1])] if r.returncode == 0 else \
                [('load', r.stderr.strip().splitlines()[-1][-100:], '', '')]
    print(f"SmolLM2, {n_prompt}-token prompt, {n_new} new tokens, attention=True, activations=True "
          f"({torch.get_num_threads()} threads); growth: peak resident memory the step added")
    print(f"{'what':<24}{'time':>8}{'growth':>10}  {'size'}")
    for r in rows: print(f"{r[0]:<24}{r[1]:>8}{r[2]:>10}  {r[3]}")


if __name__ == '__main__':
    if sys.argv[1:2] == ['--reload']:
        rows = []; reload(sys.argv[2], rows); print(json.dumps(rows))
    else: main(*map(int, sys.argv[1:]))
