"Test settings: no network, no GUI backend; the shared headless browser."
import os, shutil
from pathlib import Path
import pytest

os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('TRANSFORMERS_OFFLINE', '1')
os.environ.setdefault('HF_DATASETS_OFFLINE', '1')
os.environ.setdefault('MPLBACKEND', 'Agg')
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')


CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run']

@pytest.fixture(scope='session')
def browser():
    "Debian's headless Chromium driven by Playwright (never a downloaded browser)."
    if not Path(CHROMIUM).exists():
        if os.environ.get('CI'): raise RuntimeError(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium")
        pytest.skip('Debian chromium is not installed')
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
