// ecco_nb explorable view: hovering or focusing a generated token previews it, clicking pins it.
// The selected token's saliency colours the tokens before it; the table shows what each layer
// predicted at that point and the selected token's rank there.
function view(root, data) {
  var tokens = root.querySelectorAll('[data-i]'), info = root.querySelector('[data-role=info]');
  var rows = root.querySelectorAll('tr[data-l]'), caption = root.querySelector('[data-role=selected]');
  tokens.forEach(function (t) { t.setAttribute('data-title', t.title); });
  function select(pos, pinned) {
    var lens = data.lens[String(pos)], sal = data.saliency && data.saliency.scores[String(pos)];
    var mx = sal ? Math.max.apply(null, sal) || 1 : 1;
    tokens.forEach(function (t) {
      var i = +t.getAttribute('data-i');
      t.style.outline = outline(i === pos);
      if (data.saliency) t.style.background = i < pos ? rgba(palette.saliency, 0.85 * sal[i] / mx) : '';
      if (data.saliency) t.title = i < pos ? 'saliency ' + sal[i].toFixed(4) : t.getAttribute('data-title');
    });
    rows.forEach(function (r) {
      var d = lens[+r.getAttribute('data-l')], cells = r.querySelectorAll('td');
      cells[0].textContent = JSON.stringify(d[0]); cells[1].textContent = d[1].toFixed(3);
      cells[2].textContent = d[2]; cells[2].setAttribute('style', data.rank_cell + ';' + d[3]);
    });
    caption.textContent = JSON.stringify(data.rows[0].tokens[pos]) + ' (position ' + pos + ')';
    info.textContent = 'position ' + pos + ' \u00b7 id ' + data.rows[0].ids[pos] +
      (pinned ? ' \u00b7 pinned' : ' \u00b7 click to pin');
  }
  function generated(t) { var i = +t.getAttribute('data-i'); return data.lens[String(i)] ? i : null; }
  selectable(tokens, generated, select);
}
