"""Attribution benchmark (printed table, no asserts): ecco_nb's batched attribution versus Ecco's algorithm (Captum run on each
target's prefix, one target at a time), on SmolLM2. Each measurement runs in its own process so its peak RSS is its own;
the scores of both are compared. `floor` is the bare passes the batched method needs (one forward and a vmapped backward
per chunk of targets; IG: per chunk of steps), timed without any bookkeeping. `MKL` is ecco_nb with torch's default
matmul instead of oneDNN's (MKL runs AVX2 kernels on AMD CPUs): the algorithm's share of the speed-up. `ecco_nb s` is
the public `lm.attribute` call, which also runs the capture pass that builds the output (hidden states and the rest);
`attribution s` is the attribution alone on that output, the part the floor is the floor of. Every process first runs
the gradient method on the same continuation, untimed, so one-time costs (oneDNN builds kernels per shape) are not timed;
gradient methods report the fastest of 3 runs, IG one run.

    .venv/bin/python bench/bench_attribution.py            # EU prompt, 20 tokens; long prompt, 5 tokens
"""
import json, os, resource, subprocess, sys, tempfile, time, warnings
warnings.filterwarnings('ignore')
import numpy as np

EU = "The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4."
LONG = ("The European Union is a political and economic union of member states located primarily in Europe. It has an area of "
        "four million square kilometres and an estimated population of over 449 million people. The EU has often been described "
        "as a sui generis political entity combining the characteristics of both a federation and a confederation. "
        "The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4.")

def one(impl, method, prompt, n, out_path):
    import torch, ecco_nb, ecco_nb.attribution as A, ecco_nb.kernels as AN
    from ecco_nb.testing import captum_loop
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    ids = lm.tokenizer(prompt, return_tensors='pt').input_ids
    gen = lm.model.generate(ids, max_new_tokens=n, min_new_tokens=n, do_sample=False, pad_token_id=lm.tokenizer.eos_token_id)
    cont = lm.tokenizer.decode(gen[0, ids.shape[1]:])
    if impl == 'ecco_nb_mkl': AN._onednn = None                                    # torch's default matmul (MKL) instead of oneDNN
    # warm up every path on the full continuation (allocator, autograd and vmap, oneDNN's kernels for these shapes), untimed
    warm = lm.attribute(prompt, cont, methods=['gradient'], progress=False)
    if impl == 'captum': captum_loop(lm, warm, 'gradient')
    def best(f):
        "Fastest of the runs (3 for gradient methods, 1 for IG: this VM's timings vary by 10-20%) and the last result."
        ts = []
        for _ in range(1 if method == 'ig' else 3):
            t0 = time.perf_counter(); r = f(); ts.append(time.perf_counter() - t0)
        return min(ts), r
    attr_seconds, scores = None, None
    if impl.startswith('ecco_nb'):
        dt, out = best(lambda: lm.attribute(prompt, cont, methods=[method], progress=False))   # the public call: capture included
        scores = out.attribution[A.method_name(method)]
        if impl == 'ecco_nb': attr_seconds, _ = best(lambda: lm._attribute(out, [method], progress=False))  # the attribution alone
    elif impl == 'captum':
        dt, (rows, _) = best(lambda: captum_loop(lm, warm, A.method_name(method)))  # the same targets, from the same output
        scores = np.zeros_like(warm.attribution['gradient'])
        for j, r in enumerate(rows): scores[j, :len(r)] = r
    else:  # floor: the passes alone
        t = A._Targets(lm, warm.token_ids, warm.meta['attribution_targets'])
        def passes():
            with torch.enable_grad(), AN.onednn_linear():
                a, w = A._gauss_legendre(50)
                s, size = A._plan(lm, t, A.BUDGET_MB, 50 if method == 'ig' else 1)   # the chunks the methods use
                for idx, end in t.chunks(size):
                    emb = t.cut(t.embeds, end)[0]
                    if method == 'ig':
                        for s0 in range(0, 50, s): A._batched_grads(t, [a[s0:s0 + s].view(-1, 1, 1) * emb], w[s0:s0 + s])
                    else: A._batched_grads(t, [emb])
        dt, _ = best(passes)
    if scores is not None: np.save(out_path, scores)
    print(json.dumps(dict(seconds=dt, attr_seconds=attr_seconds, rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                          tokens=int(ids.shape[1]))))

def run(impl, method, prompt, n, d):
    path = os.path.join(d, f'{impl}-{method}-{len(prompt)}.npy')
    r = subprocess.run([sys.executable, __file__, '--one', impl, method, str(n), path, 'long' if prompt == LONG else 'eu'],
                       capture_output=True, text=True)
    if r.returncode: raise RuntimeError(r.stderr[-3000:])
    res = json.loads(r.stdout.strip().splitlines()[-1])
    res['scores'] = np.load(path) if os.path.exists(path) else None
    return res

def main():
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for label, prompt, n, methods in [('EU prompt, 20 tokens', EU, 20, ['grad_x_input', 'saliency', 'ig']),
                                           ('~90-token prompt, 5 tokens', LONG, 5, ['grad_x_input', 'ig'])]:
            for m in methods:
                ours, mkl, ref, floor = (run(i, m, prompt, n, d) for i in ('ecco_nb', 'ecco_nb_mkl', 'captum', 'floor'))
                diff = float(np.abs(ours['scores'] - ref['scores']).max())
                rows.append((label, ours['tokens'], m, ref['seconds'], ours['seconds'], mkl['seconds'], ours['attr_seconds'],
                             floor['seconds'], ref['rss_mb'], ours['rss_mb'], diff))
                print(rows[-1], flush=True)
    print(f"\n{'prompt':28} {'tok':>4} {'method':13} {'Captum loop s':>13} {'ecco_nb s':>9} {'speed-up':>8} {'MKL s':>6} {'speed-up':>8} "
          f"{'attribution s':>13} {'floor s':>8} {'x floor':>7} {'loop RSS MB':>11} {'ecco_nb RSS MB':>14} {'max |diff|':>10}")
    for label, tok, m, tl, to, tm, ta, tf, rl, ro, diff in rows:
        print(f"{label:28} {tok:4d} {m:13} {tl:13.2f} {to:9.2f} {tl / to:7.2f}x {tm:6.2f} {tl / tm:7.2f}x {ta:13.2f} {tf:8.2f} {ta / tf:7.2f} "
              f"{rl:11.0f} {ro:14.0f} {diff:10.1e}")

if __name__ == '__main__':
    if sys.argv[1:2] == ['--one']:
        impl, method, n, path, which = sys.argv[2:7]
        one(impl, method, LONG if which == 'long' else EU, int(n), path)
    else: main()
