"""Long-input benchmark (printed table, no asserts): what one long prompt costs in the views and in `save`, on SmolLM2 with
attention captured. Issue 15 measured, before the fix, a 1,000-token prompt writing 107-108 MB of HTML from `attention()` and
`to_html()`, and `save()` spending 48 s (the logit lens of every position, no progress bar) on a 1.3 GB file.
Now the attention view windows long inputs (`ATTENTION_MAX_WEIGHTS`) and says so, and `save` stores the lens of the generated
positions only (`lens='generated'`; `lens='all'` is the old behaviour, timed beside it).

    .venv/bin/python bench/bench_long_input.py          # 1,000-token prompt, 5 new tokens
    .venv/bin/python bench/bench_long_input.py 250      # another prompt length
"""
import os, sys, tempfile, time, warnings
warnings.filterwarnings('ignore')


def main(n_prompt=1000, n_new=5):
    import torch, ecco_nb
    lm = ecco_nb.from_pretrained('smollm2', attention=True, verbose=False)
    words = ("the quick brown fox jumps over the lazy dog and then " * 400).split()
    ids = lm.tokenizer(' '.join(words), return_tensors='pt').input_ids[0, :n_prompt]
    prompt = lm.tokenizer.decode(ids)
    t = time.time(); out = lm.generate(prompt, generate=n_new, min_new_tokens=n_new); gen_s = time.time() - t
    rows = [('generate + capture', f'{gen_s:.1f} s', f'{out.n_tokens} tokens')]
    t = time.time(); a = str(out.attention()); rows.append(('attention() HTML', f'{time.time() - t:.1f} s', f'{len(a) / 1e6:.2f} MB'))
    t = time.time(); h = out.to_html(); rows.append(('to_html() HTML', f'{time.time() - t:.1f} s', f'{len(h) / 1e6:.2f} MB'))
    with tempfile.TemporaryDirectory() as d:
        for lens in ('generated', 'all'):
            out.lens = {}
            p = os.path.join(d, f'{lens}.ecco')
            t = time.time(); out.save(p, lens=lens, progress=False)
            rows.append((f"save(lens='{lens}')", f'{time.time() - t:.1f} s', f'{os.path.getsize(p) / 1e6:.0f} MB'))
    print(f"SmolLM2, {n_prompt}-token prompt, {n_new} new tokens, attention=True ({torch.get_num_threads()} threads)")
    print(f"{'what':<24}{'time':>10}{'size':>14}")
    for r in rows: print(f"{r[0]:<24}{r[1]:>10}{r[2]:>14}")


if __name__ == '__main__': main(*map(int, sys.argv[1:]))
