// ecco_nb corpus views (neuron dashboard, factor view): hovering or focusing a token shows its text and the
// activation (of the neuron or factor) on it in the info line; leaving restores the hint.
function view(root, data) {
  var info = root.querySelector('[data-role=info]'), hint = info.textContent;
  var tokens = root.querySelectorAll('[data-a]');
  selectable(tokens, function (t) { return Array.prototype.indexOf.call(tokens, t); }, function (k) {
    if (k === null) { info.textContent = hint; return; }
    var t = tokens[k];
    info.textContent = JSON.stringify(t.textContent) + ' · activation ' + t.getAttribute('data-a');
  }, {pin: false, leave: true});
}
