"""Nothing lost, nothing silently wrong (issue 15): corrupted saved files against `load` and every view, labels that
matplotlib would read as mathtext, a save killed mid-write, and watched words the tokenizer does not know.
The per-function checks live beside the code in the notebooks; these tests need several processes or many files."""
import io, json, os, signal, subprocess, sys, time, traceback, warnings
from pathlib import Path
import numpy as np, pytest, torch
import matplotlib; matplotlib.use('Agg')
import ecco_nb
from ecco_nb.testing import tiny_lm
from ecco_nb.output import load
from safetensors import safe_open
from safetensors.torch import save_file

warnings.filterwarnings('ignore')
PKG = str(Path(ecco_nb.__file__).parent)


@pytest.fixture(scope='module')
def full(tmp_path_factory):
    "A saved output with every part: attention, FFN activations, two attribution methods, lens data; and its file."
    tl = tiny_lm('gpt2', attention=True, activations=True)
    out = tl.generate("the cat sat on", generate=4, min_new_tokens=4, attribution=['grad_x_input', 'ig'],
                      attribution_kwargs=dict(n_steps=4, progress=False))
    path = tmp_path_factory.mktemp('full') / 'full.ecco'
    out.save(path, lens='all', progress=False)
    return tl, out, path


def _draw(fig):
    fig.savefig(io.BytesIO(), format='png', dpi=30)


def views(o):
    "Every view of an output that works without the model, as (name, thunk)."
    fg = o.first_generated
    return [('repr', lambda: repr(o)), ('explorable', lambda: str(o.explorable())), ('printJson', lambda: o.explorable(printJson=True)),
            ('to_html', lambda: o.to_html()), ('attention', lambda: str(o.attention())),
            ('attention layer/head', lambda: str(o.attention(layer=0, head=0))),
            ('rankings', lambda: str(o.rankings())), ('rankings plot', lambda: _draw(o.rankings(plot=True))),
            ('layer_predictions', lambda: str(o.layer_predictions(position=fg))), ('position', lambda: str(o.position(fg))),
            ('primary_attributions', lambda: str(o.primary_attributions(style='detailed'))),
            ('saliency ig', lambda: str(o.saliency('ig'))), ('attribution_heatmap', lambda: _draw(o.attribution_heatmap())),
            ('nmf', lambda: (lambda n: (str(n.explore()), _draw(n.plot(2))))(o.run_nmf(2))),
            ('plot_activations', lambda: _draw(o.plot_activations(0, top=5))), ('plot_neuron', lambda: _draw(o.plot_neuron(1, 0))),
            ('layer_similarity', lambda: o.layer_similarity())]


def _own_error(e):
    "A clear error raised on purpose by ecco_nb (a `raise` in its code), not one from numpy, math or torch deep inside."
    frame = traceback.extract_tb(e.__traceback__)[-1]
    return isinstance(e, ValueError) and frame.filename.startswith(PKG) and 'math domain' not in str(e)


DROP = object()

def _rewrite(src, dst, tensors=None, info=None, header=None, meta=None):
    "Copy `src` to `dst` with tensors, JSON fields, `meta` entries or header fields replaced (None drops a tensor or header field, DROP a JSON one)."
    with safe_open(str(src), framework='pt') as f: hdr, ts = f.metadata(), {k: f.get_tensor(k) for k in f.keys()}
    js = json.loads(hdr['json']) | (info or {})
    if meta: js['meta'] = js['meta'] | meta
    js = {k: v for k, v in js.items() if v is not DROP}
    if isinstance(js.get('meta'), dict): js['meta'] = {k: v for k, v in js['meta'].items() if v is not DROP}
    ts = {k: v for k, v in (ts | (tensors or {})).items() if v is not None}
    hdr = {k: v for k, v in (hdr | {'json': json.dumps(js)} | (header or {})).items() if v is not None}
    save_file({k: v.contiguous() for k, v in ts.items()}, str(dst), metadata=hdr)


def corruptions(path):
    "(name, function writing a corrupted copy to a path) for truncations, wrong types, shapes and ranges, future versions."
    raw = path.read_bytes()
    with safe_open(str(path), framework='pt') as f: hdr, ts = f.metadata(), {k: f.get_tensor(k) for k in f.keys()}
    info = json.loads(hdr['json'])
    cases = [(f'truncated to {n}', (lambda n: lambda p: p.write_bytes(raw[:n]))(n)) for n in (0, 7, 8, 60, len(raw) // 2, len(raw) - 1)]
    cases += [(f'header byte {i} flipped', (lambda i: lambda p: p.write_bytes(raw[:i] + bytes([raw[i] ^ 0x55]) + raw[i + 1:]))(i))
              for i in (0, 3, 9, 20, 200)]
    for k, v in dict(version='2', format='other', json='{', ).items():
        cases.append((f'header {k}={v!r}', (lambda k, v: lambda p: _rewrite(path, p, header={k: v}))(k, v)))
    cases += [('version 999', lambda p: _rewrite(path, p, header={'version': '999'})),
              ('version missing', lambda p: _rewrite(path, p, header={'version': None})),
              ('version not a number', lambda p: _rewrite(path, p, header={'version': 'one'})),
              ('json a list', lambda p: _rewrite(path, p, header={'json': '[]'}))]
    bad_values = [DROP, None, 'x', -1, 0, 10**9, 1.5, [], {}, [[]], True]
    for k in info:
        for v in bad_values:
            if v is DROP or v != info[k]: cases.append((f'info {k}={v!r}', (lambda k, v: lambda p: _rewrite(path, p, info={k: v}))(k, v)))
    toks = info['tokens']
    cases += [('tokens row short', lambda p: _rewrite(path, p, info={'tokens': [toks[0][:-1]]})),
              ('tokens not strings', lambda p: _rewrite(path, p, info={'tokens': [[1] * len(toks[0])]})),
              ('extra field', lambda p: _rewrite(path, p, info={'surprise': 1}))]
    for k, v in info['meta'].items():
        for bad in bad_values + [[-1], [10**9], ['a'], {'x': 1}]:
            cases.append((f'meta {k}={bad!r:.30}', (lambda k, b: lambda p: _rewrite(path, p, meta={k: b}))(k, bad)))
    for k, v in ts.items():
        variants = {'dropped': None, 'scalar': torch.tensor(1), 'bool': v.bool(), 'flat': v.flatten()}
        variants['float' if not v.is_floating_point() else 'int'] = v.float() if not v.is_floating_point() else v.long()
        if v.is_floating_point() and v.numel(): variants['nan'] = v.clone().view(-1).index_fill(0, torch.tensor([0]), float('nan')).view(v.shape)
        if not v.is_floating_point() and v.dtype != torch.bool and v.numel(): variants['negative'] = v - v.max() - 1
        if v.is_floating_point() and v.numel(): variants['huge'] = v * 1e6 + 5
        for d in range(v.ndim):
            if v.shape[d] > 1: variants[f'dim {d} short'] = v.narrow(d, 0, v.shape[d] - 1)
            variants[f'dim {d} long'] = torch.cat([v, v.narrow(d, 0, 1)], d)
        for name, t in variants.items():
            cases.append((f'tensor {k} {name}', (lambda k, t: lambda p: _rewrite(path, p, tensors={k: t}))(k, t)))
    cases += [('unknown tensor', lambda p: _rewrite(path, p, tensors={'secret': torch.zeros(2)})),
              ('unknown lens part', lambda p: _rewrite(path, p, tensors={'lens/extra': torch.zeros(2)})),
              ('unknown dict', lambda p: _rewrite(path, p, tensors={'pickles/x': torch.zeros(2)}))]
    return cases


def test_fuzz_load_and_views(full, tmp_path):
    "Every corrupted file is refused by `load` with its own error (naming the file), or loads into an output every view handles."
    tl, out, path = full
    good = load(path)
    for name, run in views(good): run()                    # the intact file: every view works
    cases = corruptions(path)
    assert len(cases) > 200, len(cases)
    refused, loaded, problems = 0, 0, []
    for name, write in cases:
        p = tmp_path / 'bad.ecco'
        write(p)
        try: o = load(p)
        except ValueError as e:
            refused += 1
            if f"path={str(p)!r}" not in str(e): problems.append(f"{name}: load error does not name the file: {e}")
            continue
        except Exception as e:
            problems.append(f"{name}: load raised {type(e).__name__}: {e}"); continue
        loaded += 1
        for view, run in views(o):
            try: run()
            except Exception as e:
                if not _own_error(e): problems.append(f"{name}: {view} raised {type(e).__name__}: {str(e)[:200]}")
    assert not problems, f"{len(problems)} problems:\n" + '\n'.join(problems[:40])
    assert refused > loaded, (refused, loaded)   # most corruptions are refused at the door


def test_future_version_names_file_and_field(full, tmp_path):
    _, _, path = full
    p = tmp_path / 'future.ecco'
    _rewrite(path, p, header={'version': '7'})
    with pytest.raises(ValueError, match=r"path='.*future\.ecco': field 'version' is 7, newer than this ecco_nb reads \(up to 1\)"):
        load(p)


def test_plots_with_mathtext_tokens(full):
    "Tokens such as ' $$' (SmolLM2 has them) and a LaTeX prompt draw as plain text in every matplotlib figure."
    tl, out, _ = full
    o = load(full[2])
    o.tokens = [[(' $$', '$x$', '$', '\\$', ' $5 and $6')[i % 5] for i in range(o.n_tokens)]]
    o.meta['vocab_text'] = {k: ' $$' for k in o.meta['vocab_text']}
    figs = [o.rankings(plot=True), o.attribution_heatmap(), o.run_nmf(2).plot(2), o.plot_activations(0, top=4),
            o.plot_neuron(0, 1), o.plot_clustered_activations(0, top=4)]
    out.compute_lens(); saved = dict(out.meta['vocab_text'])
    out.meta['vocab_text'] = {k: ' $$' for k in saved}   # the live output, with the model: rankings and rankings_watch
    try: figs.append(out.rankings(plot=True)); _draw(out.rankings_watch(['▁cat'], plot=True))
    finally: out.meta['vocab_text'] = saved
    for fig in figs:
        _draw(fig)                                          # matplotlib raised ParseException here
        labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels()]
        assert any('$' in l for l in labels), labels
        assert all(not t._preprocess_math(t.get_text())[1] for ax in fig.axes for t in ax.get_xticklabels())


def test_watched_and_contrast_words_the_tokenizer_does_not_know(full):
    tl, out, _ = full
    with pytest.raises(ValueError, match=r"watch 'Ω' is not in the vocabulary: the tokenizer reads it as '<unk>'"):
        out.rankings_watch(['▁cat', 'Ω'])
    with pytest.raises(ValueError, match=r"watch \(a token id\) must be an int from 0 to"):
        out.rankings_watch([10**6])
    assert np.array(out.rankings_watch(['▁cat', '<unk>'], printJson=True)['rankings']).shape[1] == 2   # <unk> itself is fine


SAVER = """
import sys, torch, time
from ecco_nb.output import OutputSeq
n = int(sys.argv[2])
o = OutputSeq(torch.zeros(1, n, dtype=torch.long), 1, [[''] * n], '', hidden_states=torch.randn(1, 40, n, 1024))
print('saving', flush=True)
while True: o.save(sys.argv[1], progress=False)
"""


def test_killed_save_keeps_the_old_file(tmp_path):
    "A save killed (SIGKILL) while it writes 160 MB leaves the previous file loadable and whole; the next save removes the leftover."
    from ecco_nb.output import OutputSeq
    path = tmp_path / 'work.ecco'
    old = OutputSeq(torch.tensor([[1, 2, 3]]), 1, [['a', 'b', 'c']], 'bc', meta={'model_name': 'old'})
    old.save(path, progress=False)
    before = path.read_bytes()
    proc = subprocess.Popen([sys.executable, '-c', SAVER, str(path), '1000'], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == 'saving'
        deadline = time.time() + 60
        while not list(tmp_path.glob('.work.ecco.*.part')) and time.time() < deadline: time.sleep(0.005)
        time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL); proc.wait()
    data = path.read_bytes()
    if data != before:   # the kill came after a rename: then the file is the new one, whole
        assert load(path).hidden_states.shape == (1, 40, 1000, 1024)
    else: assert load(path).meta['model_name'] == 'old'
    old.save(path, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['work.ecco']   # the killed writer's temporary file is gone


def test_attribute_leaves_a_model_in_train_mode_as_it_was():
    "`from_model` on a model in train mode: attribution runs it in eval mode (no dropout), and the model is in train mode after."
    from ecco_nb.testing import tiny_model
    from ecco_nb.lm import from_model
    m = tiny_model('gpt2'); m.train(); tok = tiny_lm('gpt2').tokenizer
    assert m.config.resid_pdrop > 0                         # dropout would change the numbers in train mode
    a = from_model(m, tok, verbose=False).attribute("the cat sat", " on the", progress=False)
    assert m.training and all(x.training for x in m.modules())
    m2 = tiny_model('gpt2'); m2.load_state_dict(m.state_dict()); m2.eval()
    b = from_model(m2, tok, verbose=False).attribute("the cat sat", " on the", progress=False)
    np.testing.assert_allclose(a.attribution['grad_x_input'], b.attribution['grad_x_input'], rtol=1e-5, atol=1e-7)
