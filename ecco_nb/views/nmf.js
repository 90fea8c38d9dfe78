// ecco_nb NMF explore view: hovering, focusing or clicking a factor (its sparkline row) highlights
// the tokens where it fires, shaded by its activation; "strongest" shows each token's strongest factor.
function view(root, data) {
  var rows = root.querySelectorAll('[data-f]'), tokens = root.querySelectorAll('[data-t]');
  var info = root.querySelector('[data-role=info]');
  function strongest() {
    tokens.forEach(function (t) {
      var i = +t.getAttribute('data-t'); t.style.background = data.strongest_style[i];
    });
    rows.forEach(function (r) { r.style.outline = ''; });
    info.textContent = 'each token coloured by its strongest factor; select a factor';
  }
  selectable(rows, function (r) { return +r.getAttribute('data-f'); }, function (f) {
    var acts = data.factors[f], mx = Math.max.apply(null, acts) || 1;
    tokens.forEach(function (t) {
      var i = +t.getAttribute('data-t');
      t.style.background = rgba(data.factor_rgb[f], 0.9 * acts[i] / mx);
    });
    rows.forEach(function (r) { r.style.outline = outline(+r.getAttribute('data-f') === f); });
    var top = data.top_tokens[f].map(function (t) { return JSON.stringify(t); });
    info.textContent = 'factor ' + f + ': top tokens ' + top.join(' ');
  }, {pin: false});
  root.querySelector('[data-role=strongest]').addEventListener('click', strongest);
}
