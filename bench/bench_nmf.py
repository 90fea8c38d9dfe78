"""NMF benchmark (printed table, no asserts): SmolLM2, the EU prompt, N=20, all 30 layers. Ecco's path (clip negatives,
scikit-learn NMF with init='random', max_iter=500) versus ecco_nb's run_nmf (negative='split' and 'clip', init='nndsvda'),
in the same process, with each one's relative reconstruction error.

    .venv/bin/python bench/bench_nmf.py
"""
import time, warnings
warnings.filterwarnings('ignore')
import numpy as np
from sklearn import decomposition

EU = "The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4."

def ecco_path(acts, n_components=10):
    "Ecco's NMF: layers joined along neurons, positions as samples, negatives clipped, random init."
    merged = np.concatenate([acts[0, l] for l in range(acts.shape[1])], 0)    # (layer*neuron, position)
    X = np.maximum(merged, 0).T
    model = decomposition.NMF(n_components, init='random', random_state=0, max_iter=500)
    W = model.fit_transform(X)
    return W.T, model.reconstruction_err_ / np.linalg.norm(X)

def main():
    import ecco_nb
    lm = ecco_nb.from_pretrained('smollm2', activations=True, verbose=False)
    out = lm.generate(EU, generate=20)
    acts = out.activations['decoder']
    rows = []
    t = time.perf_counter(); _, err = ecco_path(acts); rows.append(("Ecco's path (clip, init='random')", time.perf_counter() - t, err))
    for neg in ('clip', 'split'):
        t = time.perf_counter(); nmf = out.run_nmf(10, negative=neg); dt = time.perf_counter() - t
        rows.append((f"ecco_nb run_nmf(negative='{neg}')", dt, nmf.model.reconstruction_err_ / nmf._norm))
    print(f"\nSmolLM2, {acts.shape[1]} layers x {acts.shape[2]} neurons, {acts.shape[3]} tokens, 10 factors\n")
    print(f"{'what':40} {'seconds':>8} {'x Ecco':>7} {'rel. error':>11}")
    for what, t, e in rows: print(f"{what:40} {t:8.3f} {rows[0][1] / t:7.2f} {e:11.3f}")

if __name__ == '__main__': main()
