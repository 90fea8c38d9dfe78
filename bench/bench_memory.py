"""Memory benchmark (printed table, no asserts): peak resident memory that attribution adds on top of the loaded model, and
its time, on SmolLM2 at long prompts; beside it, Ecco's algorithm (Captum run on each target's prefix, one target at a time:
`captum_loop`) on the same output, in the same script.

Every case runs in a fresh process under an address-space limit (`--cap-gb`, default 8), so a case that cannot fit fails
instead of exhausting the machine. A process loads the model, builds the output (prompt of exactly `length` tokens from a
fixed text, `targets` greedy tokens after it, one capture pass), then resets its peak (`/proc/self/clear_refs`) and runs
the attribution alone: `growth MB` is `VmHWM` after it minus `VmRSS` before it. `budget` is `budget_mb` (`default` is
`BUDGET_MB`, 1024). The loop has no budget: it is run once per (length, targets, method) and its row says `did not fit`
when it hits the limit. Occlusion has no Captum loop here. Results go to a JSON-lines file (`--out`) as they come, so a
long run can be stopped and resumed; `--table` prints the table from that file.

    .venv/bin/python bench/bench_memory.py --lengths 24 93 300 --targets 1 5 20 --methods gradient grad_x_input ig occlusion
    .venv/bin/python bench/bench_memory.py --table

`--generate` runs the user's call end to end instead (`lm.generate(prompt, generate=targets, attribution=[method])`,
growth over the loaded model); `--steps N` runs IG with N steps (rows marked). Set `OMP_NUM_THREADS=1` on a shared machine:
with more busy processes than cores, OpenMP's spinning threads made every case 5-10x slower.

Measured 2026-11-28 (2 cores shared with four other jobs, load average 9-13, OMP_NUM_THREADS=1; times swing 2x between
runs, memory does not; the budget_mb=256 rows re-run at 10:45 UTC after the heap fix below, the others earlier):

    method        prompt targets  budget ecco_nb s growth MB /budget   loop s  loop MB speed-up
    gradient          24      20 default       2.1       194    0.19      6.2       83    3.02x
    grad_x_input      24       5 default       1.1        89    0.09      2.3       46    2.19x
    gradient          24       5 default       5.3        89    0.09      4.3       50    0.81x   (a load spike: see above)
    gradient         300       5 default      13.1       557    0.54     32.5      493    2.49x
    gradient         300       5     256       5.0       254    0.99     32.5      493    6.53x   (checkpointed)
    grad_x_input     300       5 default      18.5       543    0.53     69.5      518    3.77x
    grad_x_input     300       5     256       4.8       280    1.09     69.5      518   14.47x   (checkpointed)
    grad_x_input    1000       5 default      31.9       725    0.71     41.7     1707    1.31x
    grad_x_input    1000       5     256      36.7       264    1.03     41.7     1707    1.14x   (checkpointed)
    gradient        1000       5     256      22.8       265    1.03        -        -        -   (checkpointed)
    grad_x_input    1000      20 default     203.3       959    0.94        -        -        -
    grad_x_input    1000      20     256   MemoryError before allocating: one row and one target need 309 MB
    ig (5 st)        300       5 default     149.5       518    0.51    460.4     2518    3.08x
    ig (5 st)        300       5     256      21.8       255    1.00    460.4     2518   21.12x   (checkpointed)
    lm.generate(300-token prompt, generate=5, attribution=['ig']), default budget, 50 steps: 1064 s, growth 1132 MB
    lm.generate(300-token prompt, generate=5, attribution=['ig']), default budget, n_steps=5: 89 s, growth 601 MB

The checkpointed rows used to grow 1.26-1.29x the budget at 300 tokens and 2.5x (639 MB) at 1,000. The cause was not
the cost model but the C heap: checkpointed, each block frees its multi-megabyte temporaries, and glibc (dynamic mmap
threshold) kept them resident between the tensors the checkpoint keeps. Measured on one row, one target, 1,000 tokens:
400 MB resident after the forward while autograd kept 103 MB (429 MB growth for a 146 MB estimate); with
MALLOC_MMAP_THRESHOLD_=131072 the same row grew 123 MB. `_checkpointed` now calls `malloc_trim` after each block's
forward (and attribution after each chunk and after the probe): that row grows 178 MB, 4 targets 298 MB (274 counted).
A second cause showed at 1,000 tokens: in a fresh process about 150 MB stayed resident from the probe's first run
through every chunk (1,000 tokens x 5 targets grew 403 MB, 1.57x, after the heap fix). The probe's pack hook returned
the saved tensor itself, so an op's saved output held its own graph through the hook, a cycle that gc cannot see (119 MB
after the plain probe); it now returns a detached tensor (9 MB left), and the row grows 264 MB (1.03x).
The rest of the issue's grid (length 93; 1 target;
occlusion; IG at 50 steps beside the loop; IG at 1,000 tokens) was not run in the time on the shared machine.
"""
import argparse, json, os, re, resource, subprocess, sys, time, warnings
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

def table(path):
    rows = [json.loads(l) for l in open(path)]
    steps = lambda r: r.get('steps', 50)
    loops = {(r['method'], r['length'], r['targets'], steps(r)): r for r in rows if r['impl'] == 'captum'}
    print(f"{'method':13} {'prompt':>6} {'targets':>7} {'budget':>7} {'ecco_nb s':>9} {'growth MB':>9} {'/budget':>7} "
          f"{'loop s':>8} {'loop MB':>8} {'speed-up':>8}")
    for r in sorted((r for r in rows if r['impl'] == 'ecco_nb'),
                    key=lambda r: (r['method'], r['length'], r['targets'], str(r['budget']), steps(r))):
        b = 1024 if r['budget'] == 'default' else float(r['budget'])
        loop = loops.get((r['method'], r['length'], r['targets'], steps(r)))
        ours = (f"{r['seconds']:9.1f} {r['growth_mb']:9.0f} {r['growth_mb'] / b:7.2f}" if 'error' not in r else f"{r['error']:>27}")
        if loop is None: theirs = f"{'-':>8} {'-':>8} {'-':>8}"
        elif 'error' in loop: theirs = f"{loop['error']:>26}"
        else:
            sp = f"{loop['seconds'] / r['seconds']:7.2f}x" if 'error' not in r else '-'
            theirs = f"{loop['seconds']:8.1f} {loop['growth_mb']:8.0f} {sp:>8}"
        name = r['method'] + (f" ({steps(r)} st)" if steps(r) != 50 else '')
        print(f"{name:13} {r['length']:6d} {r['targets']:7d} {str(r['budget']):>7} {ours} {theirs}")
    for r in (r for r in rows if r['impl'] == 'generate'):
        what = f"lm.generate({r.get('prompt_tokens', r['length'])}-token prompt, generate={r['targets']}, attribution=['{r['method']}'])"
        print(f"{what}, budget {r['budget']}: " + (r['error'] if 'error' in r else f"{r['seconds']:.0f} s, growth {r['growth_mb']:.0f} MB"))

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--lengths', type=int, nargs='+', default=[24, 93, 300, 1000])
    p.add_argument('--targets', type=int, nargs='+', default=[1, 5, 20])
    p.add_argument('--methods', nargs='+', default=['gradient', 'grad_x_input', 'ig', 'occlusion'])
    p.add_argument('--budgets', nargs='+', default=['default', '256'])
    p.add_argument('--no-loop', action='store_true', help='skip the Captum loop rows')
    p.add_argument('--generate', action='store_true', help="only `lm.generate(prompt, generate=targets, attribution=[method])`, end to end")
    p.add_argument('--steps', type=int, default=50, help='IG steps (rows with fewer than 50 are marked)')
    p.add_argument('--cap-gb', type=float, default=8)
    p.add_argument('--timeout', type=int, default=1800)
    p.add_argument('--out', default=os.path.join(HERE, 'bench_memory.jsonl'))
    p.add_argument('--table', action='store_true')
    a = p.parse_args()
    key = lambda r: tuple(r.get(k) for k in ('impl', 'method', 'length', 'targets', 'budget', 'steps'))
    if not a.table:
        done = {key(json.loads(l)) for l in open(a.out)} if os.path.exists(a.out) else set()
        for length in a.lengths:
            for n in a.targets:
                for m in a.methods:
                    if a.generate: jobs = [('generate', b) for b in a.budgets]
                    else: jobs = [('ecco_nb', b) for b in a.budgets] + ([] if a.no_loop or m == 'occlusion' else [('captum', '-')])
                    for impl, b in jobs:
                        steps = a.steps if m in ('ig', 'integrated_gradients') else 50
                        probe = dict(impl=impl, method=m, length=length, targets=n, budget=b) | ({'steps': steps} if steps != 50 else {})
                        if key(probe) in done: continue
                        row = run(impl, m, length, n, b, a.cap_gb, a.timeout, steps)
                        print(row, flush=True)
                        with open(a.out, 'a') as f: f.write(json.dumps(row) + '\n')
    table(a.out)

if __name__ == '__main__':
    if sys.argv[1:2] == ['--one']: one(*sys.argv[2:4], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], int(sys.argv[7]))
    else: main()
