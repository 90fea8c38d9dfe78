"""Layer-lens benchmark (printed table, no asserts): ecco_nb's batched lens versus Ecco's loop (one lm_head call and a
full argsort per layer and position), SmolLM2, the EU prompt, N=20, in the same process. Ecco skipped the final norm;
the loop here applies it too, so both compute the same numbers and the ranks can be compared. ecco_nb projects with
oneDNN's float32 matmul on CPU (MKL, torch's default, runs AVX2 kernels on AMD CPUs); the table also shows the lens with
torch's default matmul.

    .venv/bin/python bench/bench_lens.py
"""
import time, warnings
warnings.filterwarnings('ignore')
import torch

EU = "The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4."

def ecco_loop(out, lm):
    "Ecco's rankings: for every layer and generated position, project, softmax, argsort the whole vocabulary."
    hs, n_in = out.hidden_states[0, 1:], out.n_input_tokens
    ranks = torch.zeros(hs.shape[0], out.n_tokens - n_in, dtype=torch.long)
    with torch.no_grad():
        for l in range(hs.shape[0]):
            for j, pos in enumerate(range(n_in, out.n_tokens)):
                logits = lm.model.lm_head(lm.model.model.norm(hs[l, pos - 1]))
                order = torch.argsort(torch.softmax(logits, -1), descending=True)
                ranks[l, j] = (order == out.token_ids[0, pos]).nonzero().item() + 1
    return ranks

def best(f, n):
    "Fastest of `n` runs (the first warms up caches and oneDNN's kernels) and the last result."
    ts = []
    for _ in range(n):
        t = time.perf_counter(); r = f(); ts.append(time.perf_counter() - t)
    return min(ts), r

def main():
    import ecco_nb, ecco_nb.lens as lens, ecco_nb.views.lens as lens_views, ecco_nb.kernels as kernels
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    out = lm.generate(EU, generate=20)
    def ours(**kw): out.lens = {}; return out.rankings(**kw)
    t_loop, ref = best(lambda: ecco_loop(out, lm), 2)
    t_ours, ours_json = best(lambda: ours(printJson=True), 5)
    t_fig, _ = best(lambda: lens_views.rankings_plot(ref, [str(i) for i in range(ref.shape[1])]), 3)
    t_ours_fig, _ = best(lambda: ours(plot=True), 3)
    onednn, kernels._onednn = kernels._onednn, None              # torch's default matmul (MKL) for the same lens
    t_mkl, _ = best(lambda: ours(printJson=True), 5)
    kernels._onednn = onednn
    ranks = torch.tensor(ours_json['rankings'])
    diff = (ranks != ref)
    print(f"\ntorch {torch.__version__}, {torch.get_num_threads()} threads; 30 layers x 20 generated tokens, vocabulary 49152; best of 2 (loop) or 3-5 runs\n")
    print(f"{'what':60} {'seconds':>8} {'speed-up':>9}")
    print(f"{'Ecco loop (lm_head + argsort per layer x position)':60} {t_loop:8.3f}")
    print(f"{'ecco_nb rankings(): batched lens, all layers x positions':60} {t_ours:8.3f} {t_loop / t_ours:8.1f}x")
    print(f"{'  the same with torch default matmul (MKL) for the unembedding':60} {t_mkl:8.3f} {t_loop / t_mkl:8.1f}x")
    print(f"{'Ecco loop + the same figure':60} {t_loop + t_fig:8.3f}")
    print(f"{'ecco_nb rankings(plot=True), lens included':60} {t_ours_fig:8.3f} {(t_loop + t_fig) / t_ours_fig:8.1f}x")
    print(f"\nranks identical: {int((~diff).sum())}/{diff.numel()}; where they differ, largest rank {int(ref[diff].max()) if diff.any() else '-'}"
          f" (float32 ties between per-vector and batched products)")

if __name__ == '__main__': main()
