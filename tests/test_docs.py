"""Build the docs site (docs/build.py) and open its pages in headless Chromium twice — from the file system, exactly as the
README says to open it (`file://…/_site/index.html`), and served on loopback — with every other address blocked: no page
errors, no outside requests, the views each notebook stores are on the page, search answers, and one interactive visual of
each kind responds."""
import functools, http.server, json, socketserver, subprocess, sys, threading
from pathlib import Path
import pytest

ROOT = Path(__file__).parent.parent
NBS = ROOT / 'nbs'
MODES = ['file', 'served']

@pytest.fixture(scope='module')
def site(browser):  # asks for the browser first, so a machine without Chromium skips before building
    r = subprocess.run([sys.executable, str(ROOT / 'docs' / 'build.py')], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    srv = socketserver.TCPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(ROOT / '_site')))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield {'served': f"http://127.0.0.1:{srv.server_address[1]}", 'file': (ROOT / '_site').resolve().as_uri()}
    srv.shutdown(); srv.server_close()

def visit(browser, base, page_path):
    "Open `page_path` under `base`; page errors and requests outside the site are recorded (and the requests refused)."
    page, errors, outside = browser.new_page(), [], []
    page.on('pageerror', lambda e: errors.append(str(e)))
    page.route('**/*', lambda r: r.continue_() if r.request.url.startswith(base) else (outside.append(r.request.url), r.abort()))
    page.goto(f"{base}/{page_path}"); page.wait_for_load_state('networkidle')
    return page, errors, outside

def stored_views(nb):
    "How many ecco_nb views a notebook's stored outputs hold."
    cells = json.loads(nb.read_text())['cells']
    return sum(''.join(o.get('data', {}).get('text/html', '')).count('class="ecco-nb"') for c in cells for o in c.get('outputs', []))

TUTORIALS = sorted(NBS.glob('tutorials/*.ipynb'))
API = sorted(NBS.glob('[0-9]*.ipynb'))
PAGES = [NBS / 'index.ipynb', NBS / 'tour.ipynb'] + TUTORIALS + API

def stored_figures(nb):
    "How many matplotlib figures a notebook's stored outputs hold."
    cells = json.loads(nb.read_text())['cells']
    return sum('image/png' in o.get('data', {}) for c in cells for o in c.get('outputs', []))

def test_tour_and_tutorials_store_views():
    "The pages below are only as good as what the notebooks store: the Tour and the tutorials carry their views."
    assert stored_views(NBS / 'tour.ipynb') >= 8 and stored_figures(NBS / 'tour.ipynb') >= 6
    shown = {nb.name: stored_views(nb) + stored_figures(nb) for nb in TUTORIALS}
    assert all(n >= 1 for name, n in shown.items() if not name.startswith('10_')), shown   # 10: anatomy, printed

# Each view on a page: is it laid out and visible, and does its script answer? Every view's script fills the info line
# when one of its focusable parts gets focus, so focusing them in turn until the line changes shows the script ran.
VIEWS_LIVE = """() => Array.from(document.querySelectorAll('.ecco-nb[data-view]')).map(root => {
  const r = root.getBoundingClientRect(), st = getComputedStyle(root);
  const visible = r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
  const info = root.querySelector('[data-role=info]'), before = info ? info.textContent : null;
  let responds = false;
  for (const el of Array.from(root.querySelectorAll('[tabindex]')).reverse()) {     // last first: generated tokens
    el.focus(); if (info && info.textContent !== before) { responds = true; break; }
  }
  return {view: root.dataset.view, id: root.id, visible, responds};
})"""

STYLED = ("() => { const w = document.querySelector('.jupyter-wrapper'); "
          "return w && getComputedStyle(w).getPropertyValue('--md-red-50').trim() }")

@pytest.mark.parametrize('mode', MODES)
@pytest.mark.parametrize('nb', PAGES, ids=lambda p: str(p.relative_to(NBS)))
def test_page(browser, site, mode, nb):
    page, errors, outside = visit(browser, site[mode], str(nb.relative_to(NBS).with_suffix('.html')))
    assert page.locator('h1').count() >= 1
    n = stored_views(nb)
    views = page.evaluate(VIEWS_LIVE)
    assert len(views) >= n                                              # every stored view reached the page
    assert [v for v in views if not (v['visible'] and v['responds'])] == []   # rendered, and its script ran
    assert page.evaluate(STYLED) == '#ffebee'            # the shared notebook stylesheet (build.py `shared_styles`)
    assert errors == [] and outside == []

def test_api_pages_store_views():
    "API pages show results: the notebooks of the views store them (`.ci/store_outputs.py`), and no progress bars."
    shown = {nb.stem: stored_views(nb) for nb in API}
    for name in ['04_render', '07_lens', '08_attention', '09_explore', '10_nmf', '14_primary_attributions',
                 '16_corpus_views']:
        assert shown[name] >= 1, (name, shown)
    assert sum(stored_figures(nb) for nb in API) >= 5
    for nb in API + TUTORIALS + [NBS / 'tour.ipynb']:
        text = nb.read_text()
        for noise in ['it/s]', 'Loading weights', str(ROOT.resolve())]: assert noise not in text, (nb.name, noise)

# one interactive visual per view type: (page, view, element to hover, text the info line must then hold)
DRIVES = [('tutorials/01_primary_attributions.html', 'attribution', '[data-i]:last-of-type', 'target'),
          ('tutorials/02_output_token_scores.html', 'explorable', '[data-i]:last-of-type', 'position'),
          ('tutorials/02_output_token_scores.html', 'layer_predictions', '[data-layer="3"][data-rank="2"]', 'layer 3 · rank 2'),
          ('tutorials/03_evolution_of_selected_token.html', 'rankings', 'td[data-l="5"][data-j="1"]', 'layer 5'),
          ('tutorials/05_neuron_factors_decoder.html', 'nmf', '[data-f="2"]', 'factor 2'),
          ('tutorials/08_attention.html', 'attention', '[data-q="3"]', 'query 3'),
          ('tour.html', 'attention', '[data-q="3"]', 'query 3')]

@pytest.mark.parametrize('mode', MODES)
@pytest.mark.parametrize('page_name,view,target,expect', DRIVES, ids=[f'{d[0]}-{d[1]}' for d in DRIVES])
def test_views_respond(browser, site, mode, page_name, view, target, expect):
    page, errors, outside = visit(browser, site[mode], page_name)
    v = page.locator(f'.ecco-nb[data-view={view}]').first
    v.locator(target).first.hover()
    assert expect in v.locator('[data-role=info]').first.inner_text()
    assert errors == [] and outside == []

@pytest.mark.parametrize('mode', MODES)
def test_search(browser, site, mode):
    "Search answers from the file system too (mkdocs-material's offline plugin and the vendored iframe-worker shim)."
    page, errors, outside = visit(browser, site[mode], '03_lm.html?q=rankings_watch')   # ?q= opens the search
    assert 'from_pretrained' in page.content()
    page.wait_for_selector('.md-search-result__item', timeout=15000)
    assert page.locator('.md-search-result__item').count() > 0
    assert 'rankings_watch' in page.locator('.md-search-result').inner_text()
    assert errors == [] and outside == []

def test_nav_starts_with_tour():
    import yaml
    nav = yaml.safe_load((ROOT / 'docs' / 'mkdocs.yml').read_text())['nav']
    assert list(nav[0]) == ['Home'] and nav[1] == {'Tour': 'tour.ipynb'}
