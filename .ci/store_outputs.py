"""Run notebooks and store their outputs in place, so the docs' API pages show each example's result and view.

    .venv/bin/python .ci/store_outputs.py                 # every API notebook (nbs/[0-9]*.ipynb)
    .venv/bin/python .ci/store_outputs.py nbs/07_lens.ipynb nbs/10_nmf.ipynb -j 2

Each notebook runs in a fresh process (notebooks `@patch` classes) with execnb's `CaptureShell`, as `nbdev-test` runs
it (`#| eval: false` cells skipped, `slow` cells run); a notebook that fails is left as it was. Stored outputs stay
light and stable, so re-running changes nothing unless a result changed:
- no progress bars or warnings: tqdm, huggingface_hub and transformers bars are switched off, and stderr streams are
  not stored (that is where bars and warnings go);
- outputs of `#| hide` cells are not stored (the docs never show them);
- this machine's paths, temporary folder names, memory addresses and timings (`1.2 s`) are replaced by placeholders;
- a view's plain-text copy (its HTML again, as a Python repr) becomes one line naming the view;
- figures as plain PNG (not retina) in 256 colours;
- a notebook whose stored size exceeds `--max-kb` fails: make its example smaller.
Then `nbdev-clean` runs, as CI does (it keeps outputs; CI checks that it changes nothing).

Re-running is quick where nothing changed: `.ci/store_outputs.lock` records, per notebook, a hash of what its outputs
came from (its code cells, the package's source, this script, the torch/transformers/matplotlib/numpy versions) and of
the outputs stored; a notebook whose both hashes match is skipped (`--force` runs it). `--tidy` applies the output
rules to the outputs already stored, without running anything."""
import argparse, hashlib, json, os, re, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUIET_ENV = dict(TQDM_DISABLE='1', HF_HUB_DISABLE_PROGRESS_BARS='1', TRANSFORMERS_VERBOSITY='error',
                 TRANSFORMERS_NO_ADVISORY_WARNINGS='1', HF_HUB_OFFLINE='1', TRANSFORMERS_OFFLINE='1',
                 HF_DATASETS_OFFLINE='1', TOKENIZERS_PARALLELISM='false', PYTHONWARNINGS='ignore', MPLBACKEND='Agg',
                 COLUMNS='80')   # argparse's help wraps at the terminal's width
HIDE = re.compile(r'^\s*#\|\s*hide\s*$', re.M)

def placeholders():
    "Text that differs from machine to machine or run to run, and what stands in for it."
    subs = [(re.escape(str(ROOT)), '.'), (re.escape(tempfile.gettempdir()) + r'/[\w.-]+', '/tmp/…')]
    if Path.home() != Path('/'): subs.append((re.escape(str(Path.home())), '~'))
    return [(re.compile(p), r) for p, r in subs] + [(re.compile(r'\b0x[0-9a-fA-F]{6,}\b'), '0x…'),   # addresses
                                                     (re.compile(r'\b\d+\.\d+ s\b'), '… s')]                # timings

def scrub(text, subs):
    for pat, rep in subs: text = pat.sub(rep, text)
    return text

def keep_output(o):
    "Stored outputs: results, displays, stdout and errors; never stderr (progress bars, warnings)."
    return not (o.get('output_type') == 'stream' and o.get('name') == 'stderr')

VIEW_NAMES = re.compile(r'class="ecco-nb"[^>]*\sdata-view="([^"]+)"')

def small_png(b64):
    "A figure as a 256-colour PNG where that is smaller (about a quarter of matplotlib's RGBA PNG, no visible change)."
    import base64, io
    from PIL import Image
    raw = base64.b64decode(''.join(b64))
    im = Image.open(io.BytesIO(raw))
    if im.mode == 'P' or (im.mode == 'RGBA' and im.getextrema()[3][0] < 255): return b64   # done, or transparent
    buf = io.BytesIO()
    im = im.convert('RGB').quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    im.save(buf, 'PNG', optimize=True)
    return base64.b64encode(buf.getvalue()).decode() + '\n' if buf.tell() < len(raw) else b64

def clean_output(o, subs):
    o = dict(o) | ({'execution_count': None} if 'execution_count' in o else {})
    if 'text' in o: o['text'] = [scrub(t, subs) for t in o['text']]
    data = o.get('data', {})
    for mime, v in data.items():
        if mime.startswith('text/') or mime.endswith('json'):
            data[mime] = [scrub(t, subs) for t in v] if isinstance(v, list) else scrub(v, subs)
    if 'image/png' in data: data['image/png'] = small_png(data['image/png'])
    views = VIEW_NAMES.findall(''.join(data.get('text/html', '')))
    if views and len(''.join(data.get('text/plain', ''))) > 200:    # a view's plain text is its HTML again, as a repr
        data['text/plain'] = [f"<ecco_nb view: {', '.join(views)}>"]
    return o

def run_one(path):
    "In this (fresh) process: execute `path` as nbdev-test does and write its outputs back; a failure writes nothing."
    os.environ.update(QUIET_ENV)
    import warnings; warnings.filterwarnings('ignore')
    from execnb.shell import CaptureShell
    from nbdev.process import NBProcessor
    from nbdev.test import _skip_cell
    from fastcore.xtras import working_directory
    path = Path(path).resolve()
    raw = json.loads(path.read_text())
    nb = NBProcessor(path, rm_directives=False, process=True).nb    # cells in the same order, with their directives
    assert len(nb.cells) == len(raw['cells'])
    skip = _skip_cell(nb, skip_flags=[], force_flags=['slow'])
    shell = CaptureShell(path, mpl_format='png')
    shell.run("import transformers, huggingface_hub.utils as hu; transformers.logging.disable_progress_bar(); "
              "transformers.logging.set_verbosity_error(); hu.disable_progress_bars()")
    os.environ['IN_TEST'] = '1'
    with working_directory(path.parent):
        shell.run_all(nb, exc_stop=True, preproc=skip, cell_timeout=600)
    subs = placeholders()
    for cell, out in zip(raw['cells'], nb.cells):
        if cell['cell_type'] != 'code': continue
        hidden = bool(HIDE.search(''.join(cell['source'])))
        ran = not skip(out)
        cell['outputs'] = [] if hidden or not ran else [clean_output(o, subs) for o in out.outputs if keep_output(o)]
        cell['execution_count'] = None
    path.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + '\n')

def tidy(path):
    "Apply the output rules above to the outputs `path` already stores, without running it."
    nb, subs = json.loads(path.read_text()), placeholders()
    for cell in nb['cells']:
        if cell['cell_type'] != 'code': continue
        if HIDE.search(''.join(cell['source'])): cell['outputs'] = []
        cell['outputs'] = [clean_output(o, subs) for o in cell.get('outputs', []) if keep_output(o)]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')

LOCK = ROOT / '.ci' / 'store_outputs.lock'   # notebook -> hash of what its outputs came from, hash of the outputs

def digest(*parts): return hashlib.sha256('\0'.join(parts).encode()).hexdigest()[:16]

def inputs_digest(nb, package):
    "What a notebook's outputs depend on: its code cells, the package, this script, the library versions."
    cells = json.loads(nb.read_text())['cells']
    return digest(package, *(''.join(c['source']) for c in cells if c['cell_type'] == 'code'))

def package_digest():
    from importlib.metadata import version
    files = sorted(f for f in (ROOT / 'ecco_nb').rglob('*') if f.is_file() and f.suffix in ('.py', '.js', '.css')
                   and f.name != '_modidx.py')
    return digest(*(f.read_text() for f in files), Path(__file__).read_text(),
                  *(version(p) for p in ('torch', 'transformers', 'matplotlib', 'numpy')))

def outputs_digest(nb): return digest(json.dumps([c.get('outputs', []) for c in json.loads(nb.read_text())['cells']]))

def sizes(path):
    "The notebook's bytes, and the bytes of its stored outputs."
    text = path.read_text()
    outs = sum(len(json.dumps(c.get('outputs', []), ensure_ascii=False)) for c in json.loads(text)['cells'])
    return len(text.encode()), outs

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('notebooks', nargs='*', type=Path, help='notebooks (default: every API notebook, nbs/[0-9]*.ipynb)')
    p.add_argument('-j', '--jobs', type=int, default=1, help='notebooks run at once, each in its own process')
    p.add_argument('--max-kb', type=int, default=1000, help='largest notebook, outputs stored (default 1000 KB)')
    p.add_argument('--force', action='store_true', help='run even where nothing the outputs came from has changed')
    p.add_argument('--tidy', action='store_true', help='only apply the output rules to the outputs stored now (no run)')
    p.add_argument('--one', type=Path, help=argparse.SUPPRESS)      # the child process: run this one notebook
    a = p.parse_args()
    if a.one: return run_one(a.one)
    nbs = [n.resolve() for n in a.notebooks] or sorted((ROOT / 'nbs').glob('[0-9]*.ipynb'))
    if a.tidy:
        for nb in nbs: tidy(nb)
        subprocess.run([str(Path(sys.executable).parent / 'nbdev-clean')], cwd=ROOT, check=True)
        return report(nbs, a.max_kb, [], 0)
    lock, package = (json.loads(LOCK.read_text()) if LOCK.exists() else {}), package_digest()
    todo = [nb for nb in nbs if a.force or lock.get(nb.name) != [inputs_digest(nb, package), outputs_digest(nb)]]
    if len(todo) < len(nbs):
        print(f"{len(nbs) - len(todo)} notebooks unchanged since their outputs were stored (--force runs them)")
    def child(nb):
        t = time.time()
        r = subprocess.run([sys.executable, __file__, '--one', str(nb)], capture_output=True, text=True,
                           env=os.environ | QUIET_ENV, cwd=ROOT)
        return nb, r, time.time() - t
    t0, failed, written = time.time(), [], []
    with ThreadPoolExecutor(a.jobs) as ex:
        for nb, r, dt in ex.map(child, todo):
            name = nb.relative_to(ROOT)
            if r.returncode:
                failed.append(name); print(f"FAILED {name} ({dt:.0f} s):\n{r.stderr[-3000:]}", file=sys.stderr)
            else: written.append(nb); print(f"ran {name} in {dt:.0f} s", flush=True)
    if written: subprocess.run([str(Path(sys.executable).parent / 'nbdev-clean')], cwd=ROOT, check=True)   # as CI does
    for nb in written: lock[nb.name] = [inputs_digest(nb, package), outputs_digest(nb)]
    if written: LOCK.write_text(json.dumps(dict(sorted(lock.items())), indent=1) + '\n')
    return report(written, a.max_kb, failed, time.time() - t0)

def report(written, max_kb, failed, seconds):
    too_big = []
    print(f"\n{'notebook':32} {'KB':>7} {'outputs KB':>11}")
    for nb in written:
        total, outs = sizes(nb)
        print(f"{nb.name:32} {total / 1000:7.1f} {outs / 1000:11.1f}")
        if total > max_kb * 1000: too_big.append(nb.name)
    print(f"\n{len(written)} notebooks stored in {seconds:.0f} s")
    if too_big: print(f"over {max_kb} KB: {too_big}; make their examples smaller", file=sys.stderr)
    if failed: print(f"failed (left as they were): {[str(f) for f in failed]}", file=sys.stderr)
    sys.exit(1 if failed or too_big else 0)

if __name__ == '__main__': main()
