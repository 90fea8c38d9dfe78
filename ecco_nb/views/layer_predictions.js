// ecco_nb layer_predictions view: hovering or focusing a predicted token shows its details
// and outlines the same token in every layer, so a reader sees where it rises.
function view(root, data) {
  var info = root.querySelector('[data-role=info]');
  var chips = root.querySelectorAll('[data-id]');
  function chip(c) { return c.getAttribute('data-layer') + '/' + c.getAttribute('data-rank'); }
  selectable(chips, chip, function (k) {
    var lr = k.split('/'), p = data.layers[+lr[0]][+lr[1] - 1], id = String(p.token_id);
    info.textContent = 'layer ' + p.layer + ' \u00b7 rank ' + p.ranking + ' \u00b7 id ' + p.token_id + ' \u00b7 ' +
      JSON.stringify(p.token) + ' \u00b7 p = ' + p.prob.toFixed(4);
    chips.forEach(function (c) { c.style.outline = outline(c.getAttribute('data-id') === id); });
  }, {pin: false});
}
