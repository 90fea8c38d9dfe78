"""Memory benchmark (printed table, no asserts): peak resident memory that attribution adds on top of the loaded model, and
its time, on SmolLM2 at long prompts; beside it, Ecco's algorithm (Captum run on each target's prefix, one target at a time:
`captum_loop`) on the same output, in the same script.

Every case runs in a fresh process under an address-space limit (`--cap-gb`, default 8), so a case that cannot fit fails
instead of exhausting the machine. A process loads the model, builds the output (prompt of exactly `length` tokens from a
fixed text, `targets` greedy tokens after it, one capture pass), then resets its peak (`/proc/self/clear_refs`) and runs
the attribution alone: `growth MB` is `VmHWM` after it minus `VmRSS` before it. `budget` is `budget_mb` (`default` is
`BUDGET_MB`, 1024). The loop has no budget: it is run once per (length, targets, method) and its row says `did not fit`
when it hits the limit. Occlusion has no Captum loop here. Results go to a JSON-lines file (`--out`) as they come, so a
long run can be stopped and resumed; `--markdown` prints the tables from that file.

    .venv/bin/python bench/bench_memory.py --lengths 24 93 300 --targets 1 5 20 --methods gradient grad_x_input ig occlusion
    .venv/bin/python bench/bench_memory.py --markdown

`--generate` runs the user's call end to end instead (`lm.generate(prompt, generate=targets, attribution=[method])`,
growth over the loaded model); `--steps N` runs IG with N steps (rows marked). Set `OMP_NUM_THREADS=1` on a shared machine:
with more busy processes than cores, OpenMP's spinning threads made every case 5-10x slower.

`--markdown` prints every row and a summary per method and prompt length (the README's table); `-j 2` runs two cases
at once (each in its own process; memory is per process): set `OMP_NUM_THREADS=1` with it. Each case first runs a
9-token attribution (imports, oneDNN's first-call set-up, and the planner's probe, which is cached per model), so a
row times the attribution itself, not a first call.

Results: `bench_memory.jsonl`, run 2026-11-28 from 11:50 UTC on the 2-core machine, two cases at a time, with other
work beside them at times (so times swing; memory does not). `bench_memory_earlier.jsonl` holds the run before plain
autograd took over chunks of few targets and before the probe's lengths were fixed (load 9-13).

Findings that shaped the code, kept here because the numbers come from this script:
- glibc kept a checkpointed block's freed temporaries resident (one 1,000-token row grew 429 MB for a 146 MB estimate;
  178 MB once `release_free_memory` runs after each block), and the probe's saved-tensor hook that returned the
  tensor itself kept its graphs alive (119 MB): both fixed before this run.
- With one target, a gradient method does what the loop does (one forward, one backward); only the head and the
  set-up are saved, so 1-target rows stay near 1-1.5x. The sharing pays from a few targets on.
- Captum's IG batches all 50 steps: the loop does not fit in 8 GB from 93 tokens on, which is Ecco's 8 GB at 93 tokens.
"""
import argparse, concurrent.futures, json, os, re, resource, subprocess, sys, threading, time, warnings
import numpy as np
warnings.filterwarnings('ignore')

TEXT = ("The European Union is a political and economic union of member states located primarily in Europe. It has an area of "
        "four million square kilometres and an estimated population of over 449 million people. The EU has often been described "
        "as a sui generis political entity combining the characteristics of both a federation and a confederation. "
        "The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4.")
HERE = os.path.dirname(os.path.abspath(__file__))

def status(key): return int(re.search(key + r':\s+(\d+)', open('/proc/self/status').read()).group(1)) / 1024

def one(impl, method, length, n, budget, steps=50):
    import torch, ecco_nb, ecco_nb.attribution as A
    from ecco_nb.testing import captum_loop
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    tok = lm.tokenizer(TEXT, add_special_tokens=False).input_ids
    ids = torch.tensor([(tok * (length // len(tok) + 1))[-length:]])              # exactly `length` tokens, ending on TEXT's end
    kw = {} if budget in ('default', '-') else dict(budget_mb=float(budget))
    if impl == 'generate':   # the user's call, end to end: generation, capture and attribution (growth over the loaded model)
        prompt = lm.tokenizer.decode(ids[0])
        before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5')
        t0 = time.perf_counter()
        o = lm.generate(prompt, generate=n, attribution=[method], attribution_kwargs=kw | ({'n_steps': steps} if A.method_name(method) == 'integrated_gradients' else {}))
        dt = time.perf_counter() - t0
        print(json.dumps(dict(seconds=dt, growth_mb=status('VmHWM') - before, before_mb=before,
                              prompt_tokens=o.n_input_tokens)))
        return
    gen = lm.model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=n, min_new_tokens=n, do_sample=False,
                            pad_token_id=lm.tokenizer.eos_token_id)
    cap = lm._capture(dict(input_ids=gen, attention_mask=torch.ones_like(gen)), attention=False, activations=False)
    out = lm._output(gen, torch.ones_like(gen), length, cap)
    out.meta['attribution_targets'] = list(range(length, length + n))
    del cap
    name = A.method_name(method)
    steps_kw = dict(n_steps=steps) if name == 'integrated_gradients' else {}
    # warm up on a short output (imports, first-call set-up of oneDNN and functorch), so that small cases time the method
    w = lm._output(gen[:, :9], torch.ones_like(gen[:, :9]), 8, lm._capture(dict(input_ids=gen[:, :9]), attention=False, activations=False))
    w.meta['attribution_targets'] = [8]
    if impl == 'ecco_nb': lm._attribute(w, [name], progress=False, **kw, **steps_kw)
    else: captum_loop(lm, w, name, **steps_kw)
    before = status('VmRSS'); open('/proc/self/clear_refs', 'w').write('5')        # VmHWM := VmRSS: the peak from here on
    t0 = time.perf_counter()
    if impl == 'ecco_nb': lm._attribute(out, [name], progress=False, **kw, **steps_kw)
    else: captum_loop(lm, out, name, **steps_kw)
    dt = time.perf_counter() - t0
    print(json.dumps(dict(seconds=dt, growth_mb=status('VmHWM') - before, before_mb=before)))

def run(impl, method, length, n, budget, cap_gb, timeout, steps=50):
    def limit(): resource.setrlimit(resource.RLIMIT_AS, (int(cap_gb * 2**30),) * 2)
    row = dict(impl=impl, method=method, length=length, targets=n, budget=budget)
    if method in ('ig', 'integrated_gradients') and steps != 50: row['steps'] = steps
    try:
        r = subprocess.run([sys.executable, __file__, '--one', impl, method, str(length), str(n), str(budget), str(steps)],
                           capture_output=True, text=True, preexec_fn=limit, timeout=timeout)
    except subprocess.TimeoutExpired: return row | dict(error=f'over {timeout} s')
    if r.returncode:
        err = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f'exit {r.returncode}'
        if 'MemoryError' in err and 'budget_mb' in err: return row | dict(error='MemoryError: ' + err.split('needs about ')[-1][:60])
        if 'allocate' in err or 'MemoryError' in err or r.returncode < 0: return row | dict(error=f'did not fit in {cap_gb:g} GB')
        return row | dict(error=err[-120:])
    return row | json.loads(r.stdout.strip().splitlines()[-1])

def rows_of(path):
    "The file's rows, the last one of each case (a case re-run after a stopped run replaces the earlier one)."
    key = lambda r: tuple(r.get(k) for k in ('impl', 'method', 'length', 'targets', 'budget', 'steps'))
    return list({key(r): r for r in map(json.loads, open(path))}.values())

def markdown(path):
    "The results as Markdown: every row, then a summary per method and prompt length (the README's table)."
    rows = rows_of(path)
    steps = lambda r: r.get('steps', 50)
    loops = {(r['method'], r['length'], r['targets'], steps(r)): r for r in rows if r['impl'] == 'captum'}
    mb = lambda x: f"{x:,.0f} MB"
    name = lambda r: {'ig': 'IG'}.get(r['method'], r['method']) + (f", {steps(r)} steps" if steps(r) != 50 else '')
    print('| method | prompt | targets | budget_mb | ecco_nb | growth (/ budget) | loop | loop growth | speed-up |')
    print('|---|---|---|---|---|---|---|---|---|')
    summary = {}
    for r in sorted((r for r in rows if r['impl'] == 'ecco_nb'),
                    key=lambda r: (r['method'], steps(r), r['length'], r['targets'], str(r['budget']))):
        b = 1024 if r['budget'] == 'default' else float(r['budget'])
        loop = loops.get((r['method'], r['length'], r['targets'], steps(r)))
        s = summary.setdefault((name(r), r['length']), dict(worst=0, rows=0, speed=[], loop_out=0))
        s['rows'] += 1
        if 'error' in r: ours = f"{r['error']} | – "
        else:
            ours = f"{r['seconds']:.1f} s | {mb(r['growth_mb'])} ({r['growth_mb'] / b:.2f})"
            s['worst'] = max(s['worst'], r['growth_mb'] / b)
        if loop is None: theirs = '– | – | –'
        elif 'error' in loop: theirs = f"{loop['error']} | – | –"; s['loop_out'] += 1
        else:
            sp = loop['seconds'] / r['seconds'] if 'error' not in r else None
            if sp: s['speed'].append(sp)
            theirs = f"{loop['seconds']:.1f} s | {mb(loop['growth_mb'])} | " + (f"{sp:.2f}x" if sp else '–')
        print(f"| {name(r)} | {r['length']} | {r['targets']} | {'1024 (default)' if r['budget'] == 'default' else r['budget']}"
              f" | {ours} | {theirs} |")
    print('\n| method | prompt | rows | worst growth / budget_mb | speed-up against the loop |')
    print('|---|---|---|---|---|')
    for (m, length), s in summary.items():
        sp = (f"{min(s['speed']):.1f}-{max(s['speed']):.1f}x (median {float(np.median(s['speed'])):.1f}x)"
              if s['speed'] else '–') + \
             (f" (the loop did not fit in 8 GB{' in ' + str(s['loop_out']) + ' rows' if s['speed'] else ''})"
              if s['loop_out'] else '')
        print(f"| {m} | {length} | {s['rows']} | {s['worst']:.2f} | {sp} |")

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--lengths', type=int, nargs='+', default=[24, 93, 300, 1000])
    p.add_argument('--targets', type=int, nargs='+', default=[1, 5, 20])
    p.add_argument('--methods', nargs='+', default=['gradient', 'grad_x_input', 'ig', 'occlusion'])
    p.add_argument('--budgets', nargs='+', default=['default', '256'])
    p.add_argument('--no-loop', action='store_true', help='skip the Captum loop rows')
    p.add_argument('--redo', action='store_true', help='run cases the file already holds again (the last row of a case counts)')
    p.add_argument('--generate', action='store_true', help="only `lm.generate(prompt, generate=targets, attribution=[method])`, end to end")
    p.add_argument('--steps', type=int, default=50, help='IG steps (rows with fewer than 50 are marked)')
    p.add_argument('--cap-gb', type=float, default=8)
    p.add_argument('--timeout', type=int, default=1800)
    p.add_argument('--out', default=os.path.join(HERE, 'bench_memory.jsonl'))
    p.add_argument('--table', action='store_true', help='print the results only (same as --markdown)')
    p.add_argument('--markdown', action='store_true', help='print the results as Markdown tables (all rows, then a summary)')
    p.add_argument('-j', '--jobs', type=int, default=1, help='cases run at once (each in its own process; memory is per process)')
    a = p.parse_args()
    key = lambda r: tuple(r.get(k) for k in ('impl', 'method', 'length', 'targets', 'budget', 'steps'))
    if not (a.table or a.markdown):
        done = {key(json.loads(l)) for l in open(a.out)} if os.path.exists(a.out) else set()
        jobs = []
        for length in a.lengths:
            for n in a.targets:
                for m in a.methods:
                    if a.generate: impls = [('generate', b) for b in a.budgets]
                    else: impls = [('ecco_nb', b) for b in a.budgets] + ([] if a.no_loop or m == 'occlusion' else [('captum', '-')])
                    for impl, b in impls:
                        steps = a.steps if m in ('ig', 'integrated_gradients') else 50
                        probe = dict(impl=impl, method=m, length=length, targets=n, budget=b) | ({'steps': steps} if steps != 50 else {})
                        if a.redo or key(probe) not in done: jobs.append((impl, m, length, n, b, steps))
        lock = threading.Lock()
        def work(job):
            impl, m, length, n, b, steps = job
            row = run(impl, m, length, n, b, a.cap_gb, a.timeout, steps)
            with lock:
                print(row, flush=True)
                with open(a.out, 'a') as f: f.write(json.dumps(row) + '\n')
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool: list(pool.map(work, jobs))   # each job: its own process
    markdown(a.out)

if __name__ == '__main__':
    if sys.argv[1:2] == ['--one']: one(*sys.argv[2:4], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], int(sys.argv[7]))
    else: main()
