// ecco_nb sequence view: hovering, clicking or focusing a token shows its details.
// `root` is this output's container, `data` its JSON; nothing global is defined.
function view(root, data) {
  var info = root.querySelector('[data-role=info]');
  var tokens = root.querySelectorAll('[data-i]');
  selectable(tokens, function (el) { return +el.getAttribute('data-i'); }, function (i) {
    tokens.forEach(function (t) { t.style.outline = outline(+t.getAttribute('data-i') === i); });
    if (i === null) { info.textContent = info.getAttribute('data-default'); return; }
    var row = data.rows[0];
    info.textContent = 'position ' + i + ' \u00b7 id ' + row.ids[i] + ' \u00b7 ' +
      JSON.stringify(row.tokens[i]) + (i >= data.first_generated ? ' \u00b7 generated' : ' \u00b7 input') +
      (row.partial[i] ? ' \u00b7 partial token' : '');
  }, {leave: true});
}
