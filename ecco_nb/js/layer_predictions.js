// ecco_nb layer_predictions view: hovering or focusing a predicted token shows its details
// and outlines the same token in every layer, so a reader sees where it rises.
function view(root, data) {
  var info = root.querySelector('[data-role=info]');
  var chips = root.querySelectorAll('[data-id]');
  function mark(id) {
    chips.forEach(function (c) { c.style.outline = c.getAttribute('data-id') === id ? '2px solid #e8590c' : ''; });
  }
  chips.forEach(function (c) {
    function show() {
      var l = +c.getAttribute('data-layer'), r = +c.getAttribute('data-rank'), p = data.layers[l][r - 1];
      info.textContent = 'layer ' + p.layer + ' \u00b7 rank ' + p.ranking + ' \u00b7 id ' + p.token_id + ' \u00b7 ' +
        JSON.stringify(p.token) + ' \u00b7 p = ' + p.prob.toFixed(4);
      mark(c.getAttribute('data-id'));
    }
    c.addEventListener('mouseenter', show);
    c.addEventListener('focus', show);
  });
}
