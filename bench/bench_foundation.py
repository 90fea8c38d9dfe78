"""Foundation benchmark (printed table, no asserts): embedded-model load time, cold (GGUF conversion) and cached,
and `generate` with full capture versus plain HF `generate` of the same tokens, in the same process.

    .venv/bin/python bench/bench_foundation.py [--repeats 5] [--generate 20]
"""
import argparse, os, statistics, tempfile, time, warnings
warnings.filterwarnings('ignore')
import torch

EU = "The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4."

def timed(f, repeats):
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); r = f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts), r

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--repeats', type=int, default=5); ap.add_argument('--generate', type=int, default=20)
    args = ap.parse_args()
    import ecco_nb
    rows = []
    with tempfile.TemporaryDirectory() as d:
        os.environ['ECCO_NB_CACHE'] = d
        t, _ = timed(lambda: ecco_nb.from_pretrained('smollm2', verbose=False), 1); rows.append(('load smollm2, cold (GGUF -> safetensors cache)', t, None))
        t, _ = timed(lambda: ecco_nb.from_pretrained('smollm2', verbose=False), 3); rows.append(('load smollm2, cached', t, None))
    del os.environ['ECCO_NB_CACHE']
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    lm_act = ecco_nb.from_pretrained('smollm2', activations=True, attention=True, verbose=False)
    enc = lm.tokenizer(EU, return_tensors='pt')
    n = args.generate
    plain = lambda: lm.model.generate(**enc, max_new_tokens=n, min_new_tokens=n, do_sample=False, pad_token_id=lm.tokenizer.eos_token_id)
    plain()  # warm up
    base, ref = timed(plain, args.repeats)
    rows.append((f'plain HF generate, N={n}', base, 1.0))
    for name, m in [('ecco_nb generate + hidden states', lm), ('ecco_nb generate + hidden states + activations + attention', lm_act)]:
        t, out = timed(lambda: m.generate(EU, generate=n, min_new_tokens=n), args.repeats)
        assert torch.equal(out.token_ids, ref)
        rows.append((name, t, t / base))
    print(f"\ntorch {torch.__version__}, {torch.get_num_threads()} threads, median of {args.repeats}\n")
    print(f"{'what':62} {'seconds':>8} {'x plain':>8}")
    for what, t, r in rows: print(f"{what:62} {t:8.3f} {'' if r is None else f'{r:8.2f}'}")

if __name__ == '__main__': main()
