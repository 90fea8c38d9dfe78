"""Layer-lens benchmark (printed table, no asserts): ecco_nb's batched lens versus Ecco's loop (one lm_head call and a
full argsort per layer and position), SmolLM2, the EU prompt, N=20, in the same process. Ecco skipped the final norm;
the loop here applies it too, so both compute the same numbers and the ranks can be compared.

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

def main():
    import ecco_nb
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    out = lm.generate(EU, generate=20)
    t = time.perf_counter(); ref = ecco_loop(out, lm); t_loop = time.perf_counter() - t
    t = time.perf_counter(); out.lens = {}; ours = out.rankings(printJson=True)['rankings']; t_ours = time.perf_counter() - t
    t = time.perf_counter(); fig = ecco_nb.lens.rankings_plot(ref, [str(i) for i in range(ref.shape[1])]); t_fig = time.perf_counter() - t
    t = time.perf_counter(); out.lens = {}; out.rankings(plot=True); t_ours_fig = time.perf_counter() - t
    ours = torch.tensor(ours)
    diff = (ours != ref)
    print(f"\ntorch {torch.__version__}, {torch.get_num_threads()} threads; 30 layers x 20 generated tokens, vocabulary 49152\n")
    print(f"{'what':55} {'seconds':>8} {'speed-up':>9}")
    print(f"{'Ecco loop (lm_head + argsort per layer x position)':55} {t_loop:8.3f}")
    print(f"{'ecco_nb batched lens (all layers x positions, top-50)':55} {t_ours:8.3f} {t_loop / t_ours:8.1f}x")
    print(f"{'Ecco loop + the same figure':55} {t_loop + t_fig:8.3f}")
    print(f"{'ecco_nb rankings(plot=True), lens included':55} {t_ours_fig:8.3f} {(t_loop + t_fig) / t_ours_fig:8.1f}x")
    print(f"\nranks identical: {int((~diff).sum())}/{diff.numel()}; where they differ, largest rank {int(ref[diff].max()) if diff.any() else '-'}"
          f" (float32 ties between per-vector and batched products)")

if __name__ == '__main__': main()
