"""Build the docs site (docs/build.py), serve it on loopback, and open every tutorial page in headless Chromium with every
other address blocked: no page errors, no outside requests, and one interactive visual of each kind responds."""
import functools, http.server, socketserver, subprocess, sys, threading
from pathlib import Path
import pytest

ROOT = Path(__file__).parent.parent

@pytest.fixture(scope='module')
def site(browser):  # asks for the browser first, so a machine without Chromium skips before building
    subprocess.run([sys.executable, str(ROOT / 'docs' / 'build.py')], cwd=ROOT, check=True, capture_output=True)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    srv = socketserver.TCPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(ROOT / '_site')))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown(); srv.server_close()

def visit(browser, site, page_path):
    page, errors, outside = browser.new_page(), [], []
    page.on('pageerror', lambda e: errors.append(str(e)))
    page.route('**/*', lambda r: r.continue_() if r.request.url.startswith(site) else (outside.append(r.request.url), r.abort()))
    page.goto(f"{site}/{page_path}"); page.wait_for_load_state('networkidle')
    return page, errors, outside

TUTORIALS = sorted(p.with_suffix('.html').name for p in (ROOT / 'nbs' / 'tutorials').glob('*.ipynb'))

@pytest.mark.parametrize('name', TUTORIALS)
def test_tutorial_page(browser, site, name):
    page, errors, outside = visit(browser, site, f'tutorials/{name}')
    assert page.locator('h1').count() >= 1
    assert errors == [] and outside == []

# one interactive visual per view type: (page, view, element to hover, text the info line must then hold)
DRIVES = [('01_primary_attributions.html', 'attribution', '[data-i]:last-of-type', 'target'),
          ('02_output_token_scores.html', 'explorable', '[data-i]:last-of-type', 'position'),
          ('02_output_token_scores.html', 'layer_predictions', '[data-layer="3"][data-rank="2"]', 'layer 3 · rank 2'),
          ('03_evolution_of_selected_token.html', 'rankings', 'td[data-l="5"][data-j="1"]', 'layer 5'),
          ('05_neuron_factors_decoder.html', 'nmf', '[data-f="2"]', 'factor 2'),
          ('08_attention.html', 'attention', '[data-q="3"]', 'query 3')]

@pytest.mark.parametrize('page_name,view,target,expect', DRIVES, ids=[d[1] for d in DRIVES])
def test_views_respond(browser, site, page_name, view, target, expect):
    page, errors, outside = visit(browser, site, f'tutorials/{page_name}')
    v = page.locator(f'.ecco-nb[data-view={view}]').first
    v.locator(target).first.hover()
    assert expect in v.locator('[data-role=info]').first.inner_text()
    assert errors == [] and outside == []

def test_api_and_search(browser, site):
    page, errors, outside = visit(browser, site, '03_lm.html?q=rankings_watch')   # ?q= opens the offline search
    assert 'from_pretrained' in page.content() and errors == [] and outside == []
    page.wait_for_selector('.md-search-result__item', timeout=15000)
    assert page.locator('.md-search-result__item').count() > 0
