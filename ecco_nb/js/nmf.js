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
  function factor(f) {
    var acts = data.factors[f], mx = Math.max.apply(null, acts) || 1;
    tokens.forEach(function (t) {
      var i = +t.getAttribute('data-t');
      t.style.background = 'hsla(' + data.hues[f] + ',70%,50%,' + (0.9 * acts[i] / mx).toFixed(3) + ')';
    });
    rows.forEach(function (r) { r.style.outline = +r.getAttribute('data-f') === f ? '2px solid #e8590c' : ''; });
    info.textContent = 'factor ' + f + ': top tokens ' + data.top_tokens[f].map(function (t) { return JSON.stringify(t); }).join(' ');
  }
  rows.forEach(function (r) {
    var f = +r.getAttribute('data-f');
    r.addEventListener('mouseenter', function () { factor(f); });
    r.addEventListener('focus', function () { factor(f); });
    r.addEventListener('click', function () { factor(f); });
  });
  root.querySelector('[data-role=strongest]').addEventListener('click', strongest);
}
