"""Render the main views on SmolLM2 and take the README's screenshot with headless Debian Chromium (no network).

    .venv/bin/python docs/screenshot.py        # writes docs/views.png
"""
from pathlib import Path
import tempfile
import ecco_nb
from ecco_nb.render import page

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                 '--disable-sync', '--no-first-run']

def main(out=Path(__file__).parent / 'views.png'):
    lm = ecco_nb.from_pretrained('smollm2', verbose=False)
    o = lm.generate("The countries of the European Union are:\n1. Austria\n2. Belgium\n3. Bulgaria\n4.", generate=8,
                    attribution=['grad_x_input'], attribution_kwargs=dict(progress=False))
    doc = page('ecco_nb · SmolLM2-135M', ('explorable(): a generated token, its saliency and what each layer predicted', str(o.explorable())),
               ('primary_attributions()', str(o.primary_attributions())))
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        (Path(d) / 'v.html').write_text(doc)
        b = p.chromium.launch(executable_path='/usr/bin/chromium', args=CHROMIUM_ARGS)
        pg = b.new_page(viewport={'width': 1000, 'height': 1150})
        pg.route('**/*', lambda r: r.continue_() if r.request.url.startswith('file://') else r.abort())
        pg.goto((Path(d) / 'v.html').as_uri())
        pg.locator('.ecco-nb[data-view=explorable] [data-i="27"]').click()
        pg.screenshot(path=str(out), full_page=False)
        b.close()
    print('wrote', out)

if __name__ == '__main__': main()
