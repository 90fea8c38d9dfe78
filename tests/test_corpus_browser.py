"""The corpus views (neuron dashboard, factor view) in a real headless Chromium with the network blocked: no page errors,
no requests, hovering a token shows its activation, and hostile token text stays text."""
import pytest
from test_browser import open_page, EVIL

@pytest.fixture(scope='module')
def corpus():
    import warnings; warnings.filterwarnings('ignore')
    import ecco_nb.views.corpus
    from ecco_nb.testing import tiny_lm
    lm = tiny_lm('gpt2', verbose=False)
    texts = ['the cat sat on the mat', 'a list of the names', 'return the value of x'] * 3
    c = lm.collect(texts, batch_size=4, top_k=3, top_tokens=8, window=(3, 1), nmf=2, progress=False)
    c.meta['vocab'] = {k: EVIL for k in c.meta['vocab']}     # every token hostile: it must render as text
    return c

def test_corpus_report(browser, corpus, tmp_path):
    corpus.to_html(tmp_path / 'corpus.html', neurons=[(1, 5)])
    page, errors, requests = open_page(browser, tmp_path / 'corpus.html')
    assert errors == [] and requests == []
    assert page.evaluate('window.__pwned') is None and page.locator('img').count() == 0
    dash = page.locator('[data-view="corpus_neuron"]')
    token = dash.locator('[data-a]').first
    assert token.inner_text() == EVIL
    info = dash.locator('[data-role=info]')
    token.hover()
    assert 'activation ' + token.get_attribute('data-a') in info.inner_text()
    factors = page.locator('[data-view="corpus_factors"]')
    assert factors.locator('[data-factor]').count() == 2
    factors.locator('[data-a]').nth(1).focus()
    assert 'activation' in factors.locator('[data-role=info]').inner_text()
