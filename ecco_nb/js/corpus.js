// ecco_nb corpus views (neuron dashboard, factor view): hovering or focusing a token shows its text and the
// activation (of the neuron or factor) on it in the info line; leaving restores the hint.
function view(root, data) {
  var info = root.querySelector('[data-role=info]'), hint = info.textContent;
  root.querySelectorAll('[data-a]').forEach(function (t) {
    function show() { info.textContent = JSON.stringify(t.textContent) + ' · activation ' + t.getAttribute('data-a'); }
    t.addEventListener('mouseenter', show);
    t.addEventListener('focus', show);
    t.addEventListener('mouseleave', function () { info.textContent = hint; });
  });
}
