// Filtering, search and keyboard navigation for the mtcheck report. Reads only the page's own
// data-* attributes and text; the report is complete without this script.
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var tools = doc.getElementById("tools");
  if (!tools) { return; }
  var boxes = tools.querySelectorAll("input[name=sev]");
  var cat = doc.getElementById("f-cat");
  var rule = doc.getElementById("f-rule");
  var query = doc.getElementById("f-q");
  var counter = doc.getElementById("f-count");
  var sections = doc.querySelectorAll("section.doc");
  var rows = doc.querySelectorAll("tr[data-combos]");
  var current = null;

  function state() {
    var sev = {}, all = true;
    for (var i = 0; i < boxes.length; i++) {
      sev[boxes[i].value] = boxes[i].checked;
      if (!boxes[i].checked) { all = false; }
    }
    var q = query.value.trim().toLowerCase();
    return { sev: sev, cat: cat.value, rule: rule.value, q: q,
             active: !all || cat.value !== "" || rule.value !== "" || q !== "" };
  }

  function passes(st, r, s, c) {
    return !!st.sev[s] && (!st.cat || st.cat === c) && (!st.rule || st.rule === r);
  }

  function apply() {
    var st = state(), shown = 0, total = 0;
    for (var i = 0; i < sections.length; i++) {
      var sec = sections[i], visible = {}, any = 0;
      var items = sec.querySelectorAll("ol.flist > li");
      for (var j = 0; j < items.length; j++) {
        var li = items[j], d = li.dataset;
        var ok = passes(st, d.rule, d.sev, d.cat) &&
          (!st.q || li.textContent.toLowerCase().indexOf(st.q) >= 0);
        li.hidden = !ok;
        total++;
        if (ok) { visible[d.f] = true; shown++; any++; }
      }
      var marks = sec.querySelectorAll("mark.hl[data-f], .tip-item[data-f]");
      for (var k = 0; k < marks.length; k++) {
        marks[k].classList.toggle("off", !visible[marks[k].dataset.f]);
      }
      // a single-page report hides documents with nothing left to show while filtering
      sec.hidden = sections.length > 1 && st.active && any === 0;
    }
    var rowsShown = 0;
    for (var r = 0; r < rows.length; r++) {
      var tr = rows[r], ok2 = !st.active;
      if (!ok2) {
        var combos = tr.dataset.combos ? tr.dataset.combos.split(" ") : [];
        for (var m = 0; m < combos.length && !ok2; m++) {
          var p = combos[m].split("|");
          ok2 = passes(st, p[0], p[1], p.slice(2).join("|"));
        }
        if (ok2 && st.q) { ok2 = tr.textContent.toLowerCase().indexOf(st.q) >= 0; }
      }
      tr.hidden = !ok2;
      if (ok2) { rowsShown++; }
    }
    if (sections.length) {
      counter.textContent = fmt(shown) + " of " + fmt(total) + " findings shown";
    } else {
      counter.textContent = fmt(rowsShown) + " of " + fmt(rows.length) + " documents shown";
    }
    setCurrent(null);
  }

  function fmt(n) { return n.toLocaleString("en"); }

  function targets() {
    var out = [], list = doc.querySelectorAll("mark.hl[id]");
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      if (!el.classList.contains("off") && !el.closest("section[hidden]")) { out.push(el); }
    }
    return out;
  }

  function setCurrent(el) {
    if (current) {
      current.classList.remove("cur");
      var old = listItem(current);
      if (old) { old.classList.remove("cur"); }
    }
    current = el;
    if (el) {
      el.classList.add("cur");
      var li = listItem(el);
      if (li) {
        li.classList.add("cur");
        li.scrollIntoView({ block: "nearest" });
      }
    }
  }

  function listItem(mark) {
    var sec = mark.closest("section.doc");
    return sec ? sec.querySelector("ol.flist > li[data-f=\"" + mark.dataset.f + "\"]") : null;
  }

  function go(step) {
    var list = targets();
    if (!list.length) { return; }
    var i = current ? list.indexOf(current) : -1, next;
    if (i >= 0) {
      next = Math.min(Math.max(i + step, 0), list.length - 1);
    } else {
      // nothing chosen yet: start from what is on screen
      next = step > 0 ? 0 : list.length - 1;
      for (var j = 0; j < list.length; j++) {
        if (list[j].getBoundingClientRect().top > 60) {
          next = step > 0 ? j : Math.max(j - 1, 0);
          break;
        }
      }
    }
    var el = list[next];
    setCurrent(el);
    var seg = el.querySelector(".seg");
    el.scrollIntoView({ block: "center" });
    if (seg) { seg.focus({ preventScroll: true }); }
  }

  doc.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (ev.key === "Escape") { t.blur(); }
      return;
    }
    if (ev.key === "n" || ev.key === "j") { go(1); ev.preventDefault(); }
    else if (ev.key === "p" || ev.key === "k") { go(-1); ev.preventDefault(); }
    else if (ev.key === "/") { query.focus(); ev.preventDefault(); }
  });

  doc.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("ol.flist a");
    if (!a) { return; }
    var mark = doc.getElementById(a.getAttribute("href").slice(1));
    if (mark) { setCurrent(mark); }
  });

  tools.addEventListener("submit", function (ev) { ev.preventDefault(); });
  tools.addEventListener("change", apply);
  query.addEventListener("input", apply);
  apply();
}());
