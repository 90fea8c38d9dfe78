// ecco_nb shared script, inlined before every view's own: colours from the palette the server hands over
// (`palette`, from ecco_nb.palette), and one select/pin behaviour for the views that select an item.
function rgba(c, a) { return 'rgba(' + c[0] + ',' + c[1] + ',' + c[2] + ',' + a.toFixed(3) + ')'; }
function outline(on, width, colour) { return on ? (width || 2) + 'px solid ' + (colour || palette.selection) : ''; }
// [background, text colour] of x in [0, 1] on the sequential map (the server's `sequential`, same stops).
function sequential(x) {
  var s = palette.stops, f = Math.min(Math.max(x, 0), 1) * (s.length - 1);
  var i = Math.min(Math.floor(f), s.length - 2), t = f - i;
  var c = [0, 1, 2].map(function (k) { return Math.round(s[i][k] + t * (s[i + 1][k] - s[i][k])); });
  var light = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 128;
  return ['rgb(' + c.join(',') + ')', light ? palette.ink_on_light : palette.ink_on_dark];
}
// Select/pin: hovering an item previews it unless one is pinned, focus selects it, a click pins it (a second click
// unpins). `key(el)` names an item (null: not selectable); `show(key, pinned)` draws the selection (key null: none).
// opts.pin false: a click only selects (nothing is pinned); opts.leave: leaving an item restores `show(null)`.
function selectable(items, key, show, opts) {
  opts = opts || {};
  var pinned = null, pin = opts.pin !== false;
  items.forEach(function (el) {
    var k = key(el);
    if (k === null || k === undefined) return;
    el.addEventListener('mouseenter', function () { if (pinned === null) show(k, false); });
    if (opts.leave) el.addEventListener('mouseleave', function () { if (pinned === null) show(null, false); });
    el.addEventListener('focus', function () { show(k, pinned !== null); });
    el.addEventListener('click', function () {
      if (pin) pinned = pinned === k ? null : k;
      show(k, pinned !== null);
    });
  });
}
