"Write README.md from nbs/index.ipynb (nbdev-readme needs Quarto): markdown cells as they are, code cells fenced, outputs left out."
import json, re
from pathlib import Path

root = Path(__file__).parent.parent
nb = json.loads((root / 'nbs' / 'index.ipynb').read_text())
parts = []
for cell in nb['cells']:
    src = ''.join(cell['source']).strip()
    if not src or src.startswith('#| hide'): continue
    parts.append(src if cell['cell_type'] == 'markdown' else f"```python\n{src}\n```")
text = '\n\n'.join(parts) + '\n'
text = re.sub(r'\]\((?!https?:|\.\./|/)([^)\s]+\.ipynb[^)]*)\)', r'](nbs/\1)', text)   # notebook links are relative to nbs/
(root / 'README.md').write_text(text.replace('](../', ']('))
