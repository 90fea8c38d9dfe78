"""Checks that need a CUDA GPU (printed, no asserts; run where one is lent, never in CI):

1. exactness on the device: attributions on CUDA equal Ecco's algorithm (Captum, one target at a time) on CUDA, for
   several families; the lens's last layer equals the model's own softmax;
2. `budget_mb` as a bound on the device: `torch.cuda.max_memory_allocated` growth over the loaded model, for a model of
   SmolLM2's shape (random weights: a memory and speed measurement, not a reading), two budgets, prompts of 300 and
   1,000 tokens; and the time against the per-target Captum loop where that fits;
3. corpus collection throughput against a plain batched forward.

    python bench/gpu_check.py            # on a machine with CUDA
"""
import json, sys, time, warnings
warnings.filterwarnings('ignore')
import numpy as np, torch

def row(**kw): print(json.dumps(kw), flush=True)

def exactness():
    from ecco_nb.testing import tiny_lm
    from ecco_nb.testing import captum_loop
    for fam in ('llama', 'gpt2', 'qwen2', 'cohere', 't5', 'bart'):
        try:
            lm = tiny_lm(fam)
            out = lm.generate("the cat sat on the mat", generate=6, min_new_tokens=6,
                              attribution=['grad_x_input', 'ig'], attribution_kwargs=dict(progress=False))
            diffs = {}
            for m in ('grad_x_input', 'integrated_gradients'):
                rows, _ = captum_loop(lm, out, m)
                ours = out.attribution[m]
                diffs[m] = max(float(np.abs(ours[j, :len(r)] - r).max()) for j, r in enumerate(rows))
            lens = None
            if fam not in ('t5', 'bart'):
                with torch.no_grad(): logits = lm.model(out.token_ids.to(lm.device)).logits[0].float().softmax(-1).cpu()
                ln = out.compute_lens()
                top = ln['topk_ids'][-1]                                            # (position, k)
                lens = float((ln['topk_probs'][-1] - logits.gather(-1, top)).abs().max())
            row(check='exact', family=fam, device=str(lm.device), max_diff=diffs, lens_last_layer_diff=lens)
        except Exception as e: row(check='exact', family=fam, error=f"{type(e).__name__}: {e}"[:300])

def smol_shaped():
    "A random model of SmolLM2-135M's shape on CUDA, with the tiny test tokenizer (its ids fit the vocabulary)."
    import transformers as T
    from ecco_nb.lm import from_model
    from ecco_nb.testing import tiny_lm
    cfg = T.LlamaConfig(vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30, num_attention_heads=9,
                        num_key_value_heads=3, max_position_embeddings=8192, tie_word_embeddings=True, rms_norm_eps=1e-5)
    torch.manual_seed(0)
    model = T.LlamaForCausalLM(cfg).eval()
    return from_model(model, tiny_lm('llama').tokenizer, verbose=False)

def memory():
    from ecco_nb.testing import captum_loop
    lm = smol_shaped()
    words = "the cat sat on the mat and the dog is on the mat of the cat ".split()
    for n_tokens in (300, 1000):
        prompt = ' '.join(words[i % len(words)] for i in range(n_tokens))
        for method, targets in (('grad_x_input', 5), ('grad_x_input', 20), ('ig', 5)):
            for budget in (256, 1024):
                torch.cuda.synchronize(); torch.cuda.empty_cache(); torch.cuda.reset_peak_memory_stats()
                base = torch.cuda.memory_allocated()
                try:
                    t0 = time.perf_counter()
                    out = lm.attribute(prompt, ''.join(' ' + w for w in (['the', 'cat', 'sat', 'on', 'mat'] * 4)[:targets]),
                                       methods=[method], budget_mb=budget, progress=False)
                    torch.cuda.synchronize(); dt = time.perf_counter() - t0
                    grew = (torch.cuda.max_memory_allocated() - base) / 2**20
                    res = dict(seconds=round(dt, 2), peak_growth_mb=round(grew, 1), ratio_to_budget=round(grew / budget, 2),
                               tokens=int(out.n_tokens), targets=len(out.meta['attribution_targets']))
                    if budget == 1024 and n_tokens == 300:
                        t0 = time.perf_counter(); captum_loop(lm, out, 'integrated_gradients' if method == 'ig' else method)
                        torch.cuda.synchronize(); res['captum_loop_seconds'] = round(time.perf_counter() - t0, 2)
                    row(check='memory', method=method, prompt_tokens=n_tokens, budget_mb=budget, **res)
                except Exception as e:
                    row(check='memory', method=method, prompt_tokens=n_tokens, budget_mb=budget, error=f"{type(e).__name__}: {e}"[:300])

def corpus():
    lm = smol_shaped()
    if not hasattr(lm, 'collect'): return row(check='corpus', skipped='no LM.collect in this version')
    import inspect, pydoc
    texts = [m.__doc__.strip().split('\n\n')[0] for m in map(pydoc.locate, ['json', 'os', 're', 'math', 'inspect', 'pathlib',
             'itertools', 'functools', 'collections', 'textwrap']) if m is not None and m.__doc__]
    texts = (texts * 200)[:2000]
    enc = lm.tokenizer
    if enc.pad_token is None: enc.pad_token = enc.eos_token
    torch.cuda.synchronize(); t0 = time.perf_counter()
    with torch.no_grad():
        for i in range(0, len(texts), 64):
            b = enc(texts[i:i + 64], return_tensors='pt', padding=True, truncation=True, max_length=64).to('cuda')
            lm.model(**b, use_cache=False)
    torch.cuda.synchronize(); plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    lm.collect(texts, max_tokens=64, batch_size=64, progress=False)
    torch.cuda.synchronize(); col = time.perf_counter() - t0
    row(check='corpus', texts=len(texts), plain_forward_s=round(plain, 2), collect_s=round(col, 2),
        throughput_ratio=round(plain / col, 2))

if __name__ == '__main__':
    if not torch.cuda.is_available(): sys.exit('no CUDA device: this script checks the GPU paths')
    row(device=torch.cuda.get_device_name(), torch=torch.__version__)
    for f in (exactness, memory, corpus):
        try: f()
        except Exception as e: row(check=f.__name__, error=f"{type(e).__name__}: {e}"[:300])
