// ecco_nb sequence view: hovering, clicking or focusing a token shows its details.
// `root` is this output's container, `data` its JSON; nothing global is defined.
function view(root, data) {
  var info = root.querySelector('[data-role=info]');
  var tokens = root.querySelectorAll('[data-i]');
  var pinned = null;
  function show(el) {
    tokens.forEach(function (t) { t.style.outline = ''; });
    if (!el) { info.textContent = info.getAttribute('data-default'); return; }
    var i = +el.getAttribute('data-i'), row = data.rows[0];
    el.style.outline = '2px solid #e8590c';
    info.textContent = 'position ' + i + ' \u00b7 id ' + row.ids[i] + ' \u00b7 ' +
      JSON.stringify(row.tokens[i]) + (i >= data.first_generated ? ' \u00b7 generated' : ' \u00b7 input') +
      (row.partial[i] ? ' \u00b7 partial token' : '');
  }
  tokens.forEach(function (el) {
    el.addEventListener('mouseenter', function () { if (pinned === null) show(el); });
    el.addEventListener('mouseleave', function () { if (pinned === null) show(null); });
    el.addEventListener('focus', function () { show(el); });
    el.addEventListener('click', function () { pinned = pinned === el ? null : el; show(pinned || el); });
  });
}
