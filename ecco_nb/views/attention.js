// ecco_nb attention view: each panel colours the key tokens by how much the selected query token
// attends to them, for one head or the mean of the heads. Hover, focus or click a query token; pick a head.
function view(root, data) {
  root.querySelectorAll('[data-panel]').forEach(function (el) {
    var p = data.panels[+el.getAttribute('data-panel')];
    var sel = el.querySelector('select'), info = el.querySelector('[data-role=info]');
    var keys = el.querySelectorAll('[data-k]'), queries = el.querySelectorAll('[data-q]');
    var q = p.query;
    function weights() {
      if (sel.value !== 'mean') return p.heads[+sel.value][q];
      return p.heads[0][q].map(function (_, k) {
        var s = 0; p.heads.forEach(function (h) { s += h[q][k]; }); return s / p.heads.length;
      });
    }
    function paint() {
      var w = weights(), mx = Math.max.apply(null, w) || 1;
      keys.forEach(function (k) {
        var i = +k.getAttribute('data-k');
        k.style.background = rgba(palette.attention, 0.85 * w[i] / mx);
        k.title = 'attention ' + w[i].toFixed(4);
      });
      queries.forEach(function (t) { t.style.outline = outline(+t.getAttribute('data-q') === q, 2, palette.query); });
      var best = w.indexOf(mx);
      info.textContent = JSON.stringify(p.query_tokens[q]) + ' (query ' + (q + (p.query_start || 0)) +
        ') attends most to ' +
        JSON.stringify(p.key_tokens[best]) + ' (key ' + (best + (p.key_start || 0)) + ', ' + mx.toFixed(3) + ')';
    }
    selectable(queries, function (t) { return +t.getAttribute('data-q'); },
               function (k) { q = k; paint(); }, {pin: false});
    sel.addEventListener('change', paint);
  });
}
