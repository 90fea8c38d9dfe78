"""Build the docs site offline: `python docs/build.py` writes `_site/` (open `_site/index.html`).

1. nbdev's `proc_nbs` (what `nbdev-proc-nbs` runs, without its attempt to install Quarto) processes the notebooks as
   nbdev-docs would (directives applied, `show_doc` API tables run) into `_proc/`.
2. The title each page's front matter holds becomes its heading; links between notebooks (`tour.ipynb`) point to their pages.
3. mkdocs (mkdocs-material theme, mkdocs-jupyter) renders them with navigation and search.
4. nbconvert's page template links MathJax and Mermaid from a CDN; the pages need neither, so those tags are removed and
   the build fails if any other outside address is left.
5. mkdocs-jupyter inlines JupyterLab's 570 KB stylesheet in every page; each page links one shared copy instead.
6. Search works from `file://` too: mkdocs-material's `offline` plugin inlines the index as `search/search_index.js`, and
   its iframe-worker shim (which it would load from unpkg) is vendored in `docs/assets/` and copied into the site.
Where Quarto is installed, `nbdev-docs` builds nbdev's own site from the same notebooks.
"""
import hashlib, json, re, shutil, subprocess, sys
import yaml
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CDN_SCRIPT = re.compile(r'<script[^>]*\ssrc="(?:https?://[^"]*)?"[^>]*>\s*</script>')   # and the empty MathJax src="" tag
OUTSIDE = re.compile(r'<(?:script|link|img|iframe)[^>]*\s(?:src|href)="(https?://[^"]*)"')

NB_LINK = re.compile(r'\]\((?!https?:)([^)#\s]+)\.ipynb(#[^)]*)?\)')   # [text](other.ipynb#part): a link between notebooks
QUARTO_ATTRS = re.compile(r'\{(?:target|style|\.)[^{}\n]*\}')   # Quarto's link/span attributes in show_doc's markdown
KEYS = {'code': ('cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source'),
        'markdown': ('cell_type', 'id', 'metadata', 'source', 'attachments'), 'raw': ('cell_type', 'id', 'metadata', 'source')}

def tidy(nb_path):
    "Front matter becomes the page heading; nbdev's working keys and execution timings go (nbconvert validates cells)."
    nb = json.loads(nb_path.read_text())
    cells = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        hide_input = c['cell_type'] == 'code' and '#| echo: false' in src       # show_doc cells: the table, not the call
        if c['cell_type'] == 'markdown': c['source'] = NB_LINK.sub(r'](\1.html\2)', ''.join(c['source']))   # the page, not the file
        c = {k: v for k, v in c.items() if k in KEYS[c['cell_type']]} | {'metadata': {'tags': ['remove_input']} if hide_input else {}}
        for o in c.get('outputs', []):
            if 'text/markdown' in o.get('data', {}): o['data']['text/markdown'] = QUARTO_ATTRS.sub('', ''.join(o['data']['text/markdown']))
        cells.append(c)
    if cells and cells[0]['cell_type'] == 'raw' and ''.join(cells[0]['source']).startswith('---'):
        fm = yaml.safe_load(''.join(cells[0]['source']).strip().strip('-')) or {}
        text = f"# {fm.get('title', '')}" + (f"\n\n> {fm['description']}" if fm.get('description') else '')
        cells[0] = dict(cell_type='markdown', id=cells[0].get('id', 'title'), metadata={}, source=text)
    nb['cells'] = cells
    nb_path.write_text(json.dumps(nb))

STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)

def shared_styles(html, page, site):
    "mkdocs-jupyter inlines JupyterLab's stylesheet (570 KB) in every page: each page links one shared copy instead."
    def link(m):
        css = m.group(1)
        if len(css) < 50_000: return m.group(0)                               # the page's own small styles stay
        name = f"assets/jupyter-{hashlib.sha1(css.encode()).hexdigest()[:10]}.css"
        if not (site / name).exists(): (site / name).parent.mkdir(exist_ok=True); (site / name).write_text(css)
        return f'<link rel="stylesheet" href="{"../" * (len(page.relative_to(site).parts) - 1)}{name}">'
    return STYLE.sub(link, html)

def main():
    from nbdev.config import get_config
    from nbdev.serve import proc_nbs
    cfg = get_config(ROOT)
    cache = Path(proc_nbs(cfg.nbs_path, n_workers=1, force=True))
    for nb in cache.rglob('*.ipynb'): tidy(nb)
    (cache / 'assets').mkdir(exist_ok=True)
    shutil.copy(ROOT / 'docs' / 'assets' / 'iframe-worker-shim.js', cache / 'assets')   # see mkdocs.yml: extra.polyfills
    subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--quiet', '-f', str(ROOT / 'docs' / 'mkdocs.yml')], cwd=ROOT, check=True)
    left, site = [], ROOT / '_site'
    for page in site.rglob('*.html'):
        html = shared_styles(CDN_SCRIPT.sub('', page.read_text()), page, site)
        page.write_text(html)
        left += [(page.name, u) for u in OUTSIDE.findall(html)]
    if left: raise SystemExit(f"pages still load from outside the site: {left[:5]}")
    print(f"built {ROOT / '_site' / 'index.html'}")

if __name__ == '__main__': main()
