// ecco_nb primary attributions: hovering or focusing a target token previews its attribution over the
// tokens before it, clicking pins it. Minimal style colours the tokens; detailed style also draws bars.
function view(root, data) {
  var tokens = root.querySelectorAll('[data-i]'), info = root.querySelector('[data-role=info]');
  var bars = root.querySelector('[data-role=bars]');
  function colour(x) { return data.colors === 'purple' ? [rgba(palette.saliency, 0.9 * x), 'inherit'] : sequential(x); }
  function select(j, pinned) {
    // scores start at data.start, the first position drawn (a long output shows its last tokens)
    var p = data.targets[j], s0 = data.start || 0, sc = data.scores[j], mx = 0;
    sc.forEach(function (v, k) { if (data.ignored.indexOf(k + s0) < 0 && v > mx) mx = v; });
    tokens.forEach(function (t) {
      var i = +t.getAttribute('data-i');
      t.style.outline = outline(i === p);
      if (i < p && data.ignored.indexOf(i) < 0) {
        var c = colour(mx ? sc[i - s0] / mx : 0); t.style.background = c[0]; t.style.color = c[1];
        t.title = 'attribution ' + sc[i - s0].toFixed(4);
      } else { t.style.background = ''; t.style.color = ''; t.title = 'position ' + i; }
    });
    if (bars) bars.querySelectorAll('[data-b]').forEach(function (b) {
      var i = +b.getAttribute('data-b'), shown = i < p && data.ignored.indexOf(i) < 0;
      b.style.display = shown ? 'flex' : 'none';
      if (shown) {
        b.querySelector('[data-role=bar]').style.width = (mx ? 100 * sc[i - s0] / mx : 0).toFixed(1) + '%';
        b.querySelector('[data-role=value]').textContent = sc[i - s0].toFixed(4);
      }
    });
    info.textContent = data.method + ' \u00b7 target ' + JSON.stringify(data.rows[0].tokens[p]) +
      ' (position ' + p + ')' + (pinned ? ' \u00b7 pinned' : ' \u00b7 click to pin');
  }
  function target(t) { var j = data.targets.indexOf(+t.getAttribute('data-i')); return j < 0 ? null : j; }
  selectable(tokens, target, select);
}
