"""Open ecco_nb's HTML in a real headless Chromium (Debian's, driven by Playwright) with the network blocked:
no page errors, no requests, the interaction works, and hostile token text stays text."""
from pathlib import Path
import pytest

EVIL = '</script><img src=x onerror="window.__pwned=1">'

def open_page(browser, path):
    "Open `path` with every non-file request blocked; returns the page, its errors and the blocked requests."
    page, errors, requests = browser.new_page(), [], []
    page.on('pageerror', lambda e: errors.append(str(e)))
    def route(r):
        if r.request.url.startswith('file://'): return r.continue_()
        requests.append(r.request.url); r.abort()
    page.route('**/*', route)
    page.goto(Path(path).resolve().as_uri()); page.wait_for_load_state('load')
    return page, errors, requests

@pytest.fixture(scope='module')
def output():
    from ecco_nb.testing import tiny_lm
    out = tiny_lm('gpt2')("the cat sat on the mat")
    out.tokens[0][2] = EVIL   # hostile token text must render as text
    return out

def test_report_page(browser, output, tmp_path):
    output.to_html(tmp_path / 'report.html')
    page, errors, requests = open_page(browser, tmp_path / 'report.html')
    assert errors == [] and requests == []
    assert page.evaluate('window.__pwned') is None and page.locator('img').count() == 0
    assert EVIL.replace('"', '"') in page.locator('[data-i="2"]').inner_text()
    info = page.locator('[data-role=info]')
    before = info.inner_text()
    page.locator('[data-i="1"]').hover()
    assert info.inner_text() != before and 'position 1' in info.inner_text()
    page.locator('[data-i="3"]').focus()
    assert 'position 3' in info.inner_text()

def test_nbconvert_export(browser, output, tmp_path):
    "An executed notebook exported by nbconvert shows the view, with scripts running and no requests."
    import nbformat
    from fastcore.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from nbconvert import HTMLExporter
    src = tmp_path / 'demo.ipynb'
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ecco_nb.testing import tiny_lm\nout = tiny_lm('llama')('the dog sat')\nout"),
        nbformat.v4.new_code_cell("out.explorable()")]), src)
    nb = read_nb(src)
    CaptureShell().run_all(nb, exc_stop=True)
    write_nb(nb, src)
    nb = nbformat.read(src, as_version=4)
    for c in nb.cells: c.metadata.pop('execution', None)   # execnb's timing metadata is not nbformat
    # nbconvert's own template would load require.js and MathJax from a CDN: switch those off, ours need nothing
    body, _ = HTMLExporter(template_name='lab', mathjax_url='', require_js_url='').from_notebook_node(nb)
    (tmp_path / 'nb.html').write_text(body)
    page, errors, requests = open_page(browser, tmp_path / 'nb.html')
    assert errors == [] and requests == []
    views = page.locator('.ecco-nb')
    assert views.count() == 2                     # two outputs of the same data on one page
    views.nth(1).locator('[data-i="1"]').hover()  # each view drives only itself
    assert 'position 1' in views.nth(1).locator('[data-role=info]').inner_text()
    assert 'position 1' not in views.nth(0).locator('[data-role=info]').inner_text()

def test_lens_views(browser, tmp_path):
    "The lens views: hovering a predicted token outlines it in every layer; hovering a rank cell reports it."
    from ecco_nb.testing import tiny_lm
    import ecco_nb.lens
    out = tiny_lm('llama').generate("the cat sat", generate=4, min_new_tokens=4)
    out.to_html(tmp_path / 'lens.html')
    page, errors, requests = open_page(browser, tmp_path / 'lens.html')
    assert errors == [] and requests == []
    lp = page.locator('.ecco-nb[data-view=layer_predictions]')
    chip = lp.locator('[data-layer="0"][data-rank="1"]')
    tid = chip.get_attribute('data-id')
    chip.hover()
    assert 'layer 0 · rank 1' in lp.locator('[data-role=info]').inner_text()
    same = lp.locator(f'[data-id="{tid}"]')
    assert all('solid' in same.nth(i).evaluate('e => e.style.outline') for i in range(same.count()))
    rk = page.locator('.ecco-nb[data-view=rankings]')
    rk.locator('td[data-l="1"][data-j="2"]').hover()
    text = rk.locator('[data-role=info]').inner_text()
    assert text.startswith('layer 1 ·') and f"rank {out.rankings(printJson=True)['rankings'][1][2]}" in text

def test_attention_view(browser, tmp_path):
    "Hovering a query token recolours the keys with its weights; the head menu switches heads."
    from ecco_nb.testing import tiny_lm
    import ecco_nb.attention
    out = tiny_lm('t5', attention=True).generate("the cat sat on", generate=3, min_new_tokens=3)
    (tmp_path / 'att.html').write_text(str(out.attention(layer=1)))
    page, errors, requests = open_page(browser, tmp_path / 'att.html')
    assert errors == [] and requests == []
    panels = page.locator('[data-panel]')
    assert panels.count() == 3
    enc = panels.nth(0)
    key0 = enc.locator('[data-k="0"]')
    served = key0.evaluate('e => e.style.background')
    enc.locator('[data-q="0"]').hover()                 # token 0 attends to key 0 with a different weight than the last token
    hovered = key0.evaluate('e => e.style.background')
    weights = out.attention(layer=1, printJson=True)['panels'][0]['heads']
    mean0 = sum(h[0][0] for h in weights) / len(weights)
    assert hovered != served and f"{mean0:.4f}" in key0.get_attribute('title')
    enc.locator('select').select_option('1')
    assert f"{weights[1][0][0]:.4f}" in key0.get_attribute('title')
    cross = panels.nth(2)
    cross.locator('[data-q="1"]').hover()
    assert 'query 1' in cross.locator('[data-role=info]').inner_text()

def test_explorable_view(browser, tmp_path):
    "Selecting a generated token fills the layer table from its lens data and colours earlier tokens by saliency; a click pins it."
    import numpy as np
    from ecco_nb.testing import tiny_lm
    import ecco_nb.explore
    out = tiny_lm('llama').generate("the cat sat", generate=4, min_new_tokens=4)
    n, first = out.n_tokens, out.first_generated
    out.attribution['uniform'] = np.tile(np.arange(1, n + 1, dtype=float), (n - first, 1))
    (tmp_path / 'ex.html').write_text(str(out.explorable()))
    page, errors, requests = open_page(browser, tmp_path / 'ex.html')
    assert errors == [] and requests == []
    data = out.explorable(printJson=True)
    rank_cell = page.locator('tr[data-l="0"] td').nth(2)
    assert rank_cell.inner_text() == str(data['lens'][str(first)][0][2])
    last = n - 1
    page.locator(f'[data-i="{last}"]').click()
    assert rank_cell.inner_text() == str(data['lens'][str(last)][0][2])
    assert f'position {last}' in page.locator('[data-role=selected]').inner_text()
    assert 'rgba(112, 72, 232' in page.locator('[data-i="1"]').evaluate('e => e.style.background')
    page.locator(f'[data-i="{first}"]').hover()     # pinned: hovering another token changes nothing
    assert f'position {last}' in page.locator('[data-role=selected]').inner_text()

def test_nmf_explore(browser, tmp_path):
    "Selecting a factor shades the tokens by that factor's activation; the button restores strongest-factor colours."
    from ecco_nb.testing import tiny_lm
    import ecco_nb.nmf
    nmf = tiny_lm('gpt2', activations=True)(["the cat sat on the mat"]).run_nmf(n_components=3)
    (tmp_path / 'nmf.html').write_text(str(nmf.explore()))
    page, errors, requests = open_page(browser, tmp_path / 'nmf.html')
    assert errors == [] and requests == []
    tok = page.locator('[data-t="0"]')
    served = tok.evaluate('e => e.style.background')
    acts = nmf.explore(printJson=True)['factors'][0]   # Ecco's shape (1, factors, tokens)
    f = min(range(3), key=lambda k: acts[k][0] / (max(acts[k]) or 1))   # the factor least active on token 0
    page.locator(f'[data-f="{f}"]').hover()
    assert tok.evaluate('e => e.style.background') != served
    assert f'factor {f}' in page.locator('[data-role=info]').inner_text()
    page.locator('[data-role=strongest]').click()
    assert tok.evaluate('e => e.style.background') == served

def test_attribution_view(browser, tmp_path):
    "Hovering a target colours the tokens before it by its scores; a click pins it; detailed bars follow."
    from ecco_nb.testing import tiny_lm
    import ecco_nb.attribution, ecco_nb.primary_attributions
    out = tiny_lm('llama').generate("the cat sat on", generate=3, min_new_tokens=3, attribution=['grad_x_input'])
    (tmp_path / 'a.html').write_text(str(out.primary_attributions(style='detailed')))
    page, errors, requests = open_page(browser, tmp_path / 'a.html')
    assert errors == [] and requests == []
    scores = out.primary_attributions(printJson=True)['attributions']
    first, last = out.first_generated, out.n_tokens - 1
    tok0 = page.locator('[data-i="0"]')
    assert f"{scores[0][0]:.4f}" in page.locator('[data-b="0"] [data-role=value]').inner_text()   # drawn on the server
    page.locator(f'[data-i="{last}"]').click()
    assert f"{scores[-1][0]:.4f}" in tok0.get_attribute('title')
    assert page.locator(f'[data-b="{last - 1}"]').evaluate('e => e.style.display') == 'flex'   # the last target sees one more token
    page.locator(f'[data-i="{first}"]').hover()                                         # pinned
    assert f"{scores[-1][0]:.4f}" in tok0.get_attribute('title')

def test_selection_colour_is_one_line(browser, tmp_path, monkeypatch):
    "Changing `PALETTE['selection']` (one line) changes the selection outline every view draws, server-side and in its script."
    import numpy as np
    from ecco_nb.lm import tiny_lm
    from ecco_nb.palette import PALETTE
    import ecco_nb.lens, ecco_nb.explore, ecco_nb.attribution, ecco_nb.primary_attributions, ecco_nb.nmf, ecco_nb.attention
    from ecco_nb.render import list_views
    monkeypatch.setitem(PALETTE, 'selection', '#123456')
    new, old = 'rgb(18, 52, 86)', '#e8590c'
    out = tiny_lm('llama', activations=True).generate("the cat sat", generate=3, min_new_tokens=3, attribution=['grad_x_input'])
    first, last = out.first_generated, out.n_tokens - 1
    seq = ecco_nb.render.render('sequence', out._sequence_data())
    views = dict(sequence=(seq, '[data-i="1"]', '[data-i="1"]'),
                 explorable=(str(out.explorable()), f'[data-i="{last}"]', f'[data-i="{last}"]'),
                 attribution=(str(out.primary_attributions()), f'[data-i="{last}"]', f'[data-i="{last}"]'),
                 layer_predictions=(str(out.layer_predictions(position=first)), '[data-layer="0"][data-rank="1"]',
                                    '[data-layer="0"][data-rank="1"]'),
                 rankings=(str(out.rankings()), 'td[data-l="0"][data-j="0"]', 'td[data-l="0"][data-j="0"]'),
                 nmf=(str(out.run_nmf(n_components=2).explore()), '[data-f="1"]', '[data-f="1"]'))
    assert {'sequence', 'explorable', 'attribution', 'layer_predictions', 'rankings', 'nmf'} <= set(list_views())
    for name, (html, hover, outlined) in views.items():
        assert '#123456' in html and old not in html, name          # the server's markup and the script's palette
        (tmp_path / f'{name}.html').write_text(html)
        page, errors, requests = open_page(browser, tmp_path / f'{name}.html')
        assert errors == [] and requests == [], name
        page.locator(hover).first.hover()
        assert new in page.locator(outlined).first.evaluate('e => getComputedStyle(e).outlineColor'), name
        page.close()
    explorable = views['explorable'][0]
    assert f'outline:2px solid #123456' in explorable       # the selected token is outlined before any script runs

def test_long_attribution_view_window(browser, tmp_path):
    "A windowed attribution view (a long output) colours the output's own positions with the output's own scores."
    import numpy as np, torch
    from ecco_nb.output import OutputSeq
    from ecco_nb.render import VIEW_MAX_TOKENS
    n, T = 3 * VIEW_MAX_TOKENS, 50
    scores = np.random.default_rng(1).random((T, n)).astype(np.float32)
    out = OutputSeq(torch.arange(n)[None] % 50, n - T, [[f' t{i}' for i in range(n)]], '',
                    attribution={'grad_x_input': scores}, meta={'attribution_targets': list(range(n - T, n))})
    (tmp_path / 'long.html').write_text(str(out.primary_attributions()))
    page, errors, requests = open_page(browser, tmp_path / 'long.html')
    assert errors == [] and requests == []
    start = n - VIEW_MAX_TOKENS
    assert page.locator(f'[data-i="{start - 1}"]').count() == 0 and page.locator(f'[data-i="{start}"]').count() == 1
    p = n - 3                                     # a target: the output's row T-3
    page.locator(f'[data-i="{p}"]').click()
    info = page.locator('[data-role=info]').inner_text()
    assert f'(position {p})' in info and '" t%d"' % p in info, info
    for i in (start, start + 7, p - 1):
        assert page.locator(f'[data-i="{i}"]').get_attribute('title') == f'attribution {scores[T - 3, i]:.4f}'
