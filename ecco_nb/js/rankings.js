// ecco_nb rankings view: hovering or focusing a cell shows the token's rank at that layer
// and the layer's own top prediction, and highlights the cell's column.
function view(root, data) {
  var info = root.querySelector('[data-role=info]');
  var cells = root.querySelectorAll('td[data-l]');
  cells.forEach(function (c) {
    function show() {
      var l = +c.getAttribute('data-l'), j = +c.getAttribute('data-j');
      var top = data.predicted_tokens ? ' \u00b7 layer ' + l + ' predicts ' + JSON.stringify(data.predicted_tokens[l][j]) : '';
      info.textContent = 'layer ' + l + ' \u00b7 ' + JSON.stringify(data.columns[j]) + ' has rank ' + data.rankings[l][j] + top;
      cells.forEach(function (o) { o.style.outline = o.getAttribute('data-j') === String(j) ? '1px solid #e8590c' : ''; });
    }
    c.addEventListener('mouseenter', show);
    c.addEventListener('focus', show);
  });
}
