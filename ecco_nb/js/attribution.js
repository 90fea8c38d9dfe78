// ecco_nb primary attributions: hovering or focusing a target token previews its attribution over the
// tokens before it, clicking pins it. Minimal style colours the tokens; detailed style also draws bars.
function view(root, data) {
  var tokens = root.querySelectorAll('[data-i]'), info = root.querySelector('[data-role=info]');
  var bars = root.querySelector('[data-role=bars]'), pinned = null;
  function colour(x) {
    if (data.colors === 'purple') return ['rgba(112,72,232,' + (0.9 * x).toFixed(3) + ')', 'inherit'];
    var s = data.stops, f = x * (s.length - 1), i = Math.min(Math.floor(f), s.length - 2), t = f - i;
    var c = [0, 1, 2].map(function (k) { return Math.round(s[i][k] + t * (s[i + 1][k] - s[i][k])); });
    var light = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 128;
    return ['rgb(' + c.join(',') + ')', light ? '#000' : '#fff'];
  }
  function select(j) {
    var p = data.targets[j], sc = data.scores[j], mx = 0;
    sc.forEach(function (v, i) { if (data.ignored.indexOf(i) < 0 && v > mx) mx = v; });
    tokens.forEach(function (t) {
      var i = +t.getAttribute('data-i');
      t.style.outline = i === p ? '2px solid #e8590c' : '';
      if (i < p && data.ignored.indexOf(i) < 0) {
        var c = colour(mx ? sc[i] / mx : 0); t.style.background = c[0]; t.style.color = c[1];
        t.title = 'attribution ' + sc[i].toFixed(4);
      } else { t.style.background = ''; t.style.color = ''; t.title = 'position ' + i; }
    });
    if (bars) bars.querySelectorAll('[data-b]').forEach(function (b) {
      var i = +b.getAttribute('data-b'), shown = i < p && data.ignored.indexOf(i) < 0;
      b.style.display = shown ? 'flex' : 'none';
      if (shown) {
        b.querySelector('[data-role=bar]').style.width = (mx ? 100 * sc[i] / mx : 0).toFixed(1) + '%';
        b.querySelector('[data-role=value]').textContent = sc[i].toFixed(4);
      }
    });
    info.textContent = data.method + ' \u00b7 target ' + JSON.stringify(data.tokens[p]) + ' (position ' + p + ')' +
      (pinned === null ? ' \u00b7 click to pin' : ' \u00b7 pinned');
  }
  tokens.forEach(function (t) {
    var j = data.targets.indexOf(+t.getAttribute('data-i'));
    if (j < 0) return;
    t.addEventListener('mouseenter', function () { if (pinned === null) select(j); });
    t.addEventListener('focus', function () { select(j); });
    t.addEventListener('click', function () { pinned = pinned === j ? null : j; select(j); });
  });
}
