// ecco_nb rankings view: hovering or focusing a cell shows the token's rank at that layer
// and the layer's own top prediction, and highlights the cell's column.
function view(root, data) {
  var info = root.querySelector('[data-role=info]');
  var cells = root.querySelectorAll('td[data-l]');
  selectable(cells, function (c) { return c.getAttribute('data-l') + '/' + c.getAttribute('data-j'); }, function (k) {
    var l = +k.split('/')[0], j = +k.split('/')[1];
    var top = data.predicted_tokens ? ' \u00b7 layer ' + l + ' predicts ' + JSON.stringify(data.predicted_tokens[l][j])
                                    : '';
    info.textContent = 'layer ' + l + ' \u00b7 ' + JSON.stringify(data.columns[j]) + ' has rank ' +
      data.rankings[l][j] + top;
    cells.forEach(function (o) { o.style.outline = outline(o.getAttribute('data-j') === String(j), 1); });
  }, {pin: false});
}
