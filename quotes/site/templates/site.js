/* Sortable tables, no library. A click on a header sorts its table and records the order
   in the address (#sort=quotes-desc); opening an address with it sorts on load with the
   same code. Each table names its parameter in data-param ("sort" for the speakers). */
(function () {
  "use strict";

  function value(row, i, type) {
    var cell = row.cells[i];
    var v = cell.getAttribute("data-v");
    if (v === null) { v = cell.textContent.trim(); }
    return type === "num" ? (parseFloat(v) || 0) : v.toLowerCase();
  }

  function sortTable(table, key, dir) {
    var heads = table.tHead.rows[0].cells, idx = -1, type = "text", i;
    for (i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute("data-key") === key) { idx = i; type = heads[i].getAttribute("data-type") || "text"; }
    }
    if (idx < 0) { return false; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var pos = new Map();
    rows.forEach(function (r, j) { pos.set(r, j); });
    rows.sort(function (a, b) {
      var x = value(a, idx, type), y = value(b, idx, type);
      var c = type === "num" ? x - y : x.localeCompare(y);
      if (dir === "desc") { c = -c; }
      return c || pos.get(a) - pos.get(b);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    heads[idx].setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
    table.setAttribute("data-sorted", key + "-" + dir);
    return true;
  }

  function hashParams() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) { out[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1)); }
    });
    return out;
  }

  function remember(param, order) {
    var params = hashParams(), parts = [];
    params[param] = order;
    Object.keys(params).forEach(function (k) { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(params[k])); });
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { location.hash = parts.join("&"); }
  }

  function apply(table) {
    var param = table.getAttribute("data-param"), wanted = param && hashParams()[param];
    var m = wanted && /^(.+)-(asc|desc)$/.exec(wanted);
    if (m) { sortTable(table, m[1], m[2]); }
  }

  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener("click", function () {
        var key = th.getAttribute("data-key");
        var now = th.getAttribute("aria-sort");
        var dir = now ? (now === "ascending" ? "desc" : "asc") : (th.getAttribute("data-type") === "num" ? "desc" : "asc");
        if (sortTable(table, key, dir) && table.getAttribute("data-param")) { remember(table.getAttribute("data-param"), key + "-" + dir); }
      });
    });
    apply(table);
  });
  window.addEventListener("hashchange", function () { Array.prototype.forEach.call(tables, apply); });
  window.quotesSortTable = sortTable;
}());
