// congvan pages: small enhancements. Every page works without this script.
// Text from documents is only ever set with textContent, never as HTML.
"use strict";

(function () {
  // -- drafting form: add and remove rows -------------------------------------------
  function setupRows() {
    document.querySelectorAll("[data-add-row]").forEach(function (button) {
      button.addEventListener("click", function () {
        var name = button.getAttribute("data-add-row");
        var template = document.getElementById("tpl-" + name);
        if (!template) return;
        var row = template.content.firstElementChild.cloneNode(true);
        button.parentNode.insertBefore(row, template);
        var first = row.querySelector("input, textarea");
        if (first) first.focus();
      });
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-row]");
      if (!button) return;
      var row = button.closest("[data-row]");
      var rows = row.parentNode.querySelectorAll(":scope > [data-row]");
      if (rows.length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("input, textarea").forEach(function (field) { field.value = ""; });
      }
    });
  }

  // -- file pickers: show the chosen names, accept dropped files ---------------------
  function setupFilePickers() {
    document.querySelectorAll(".file-drop").forEach(function (zone) {
      var input = zone.querySelector("input[type=file]");
      var text = zone.querySelector(".file-drop-text");
      var original = text ? text.textContent : "";
      function show() {
        if (!text) return;
        var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
        text.textContent = names.length ? names.join(", ") : original;
      }
      input.addEventListener("change", show);
      ["dragenter", "dragover"].forEach(function (type) {
        zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
      });
      ["dragleave", "drop"].forEach(function (type) {
        zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
      });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        if (event.dataTransfer && event.dataTransfer.files.length) {
          input.files = event.dataTransfer.files;
          show();
        }
      });
    });
  }

  function setupConfirmAndAutosubmit() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
    document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
      field.addEventListener("change", function () { field.form.submit(); });
    });
  }

  // -- bulk job page: live progress -----------------------------------------------------
  var STATUS = { queued: "đang chờ", running: "đang xử lý", done: "xong", failed: "thất bại" };

  function renderJob(box, job) {
    var bar = document.getElementById("job-progress");
    bar.max = Math.max(job.progress.total, 1);
    bar.value = job.progress.done;
    bar.textContent = job.progress.done + "/" + job.progress.total;
    box.querySelectorAll("[data-field]").forEach(function (node) {
      node.textContent = String(job.progress[node.getAttribute("data-field")]);
    });
    var status = document.getElementById("job-status");
    status.textContent = STATUS[job.status] || job.status;
    status.className = "tag tag-" + job.status;
    box.setAttribute("data-status", job.status);
    var failures = document.getElementById("job-failures");
    var list = failures.querySelector("ul");
    list.textContent = "";
    job.failures.forEach(function (f) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = f.location;
      item.appendChild(code);
      item.appendChild(document.createTextNode(" — " + f.reason));
      list.appendChild(item);
    });
    failures.hidden = job.failures.length === 0;
    var error = document.getElementById("job-error");
    error.textContent = job.error ? job.error.message : "";
    error.hidden = !job.error;
    var done = document.getElementById("job-done");
    done.hidden = job.status !== "done";
    var links = document.getElementById("job-documents");
    links.textContent = "";
    job.document_ids.forEach(function (id) {
      var a = document.createElement("a");
      a.href = "/kho/van-ban/" + encodeURIComponent(id);
      a.textContent = "văn bản #" + id;
      links.appendChild(a);
      links.appendChild(document.createTextNode(" "));
    });
  }

  function pollJob() {
    var box = document.getElementById("job");
    if (!box) return;
    var id = box.getAttribute("data-job-id");
    function tick() {
      fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (!job) return;
          renderJob(box, job);
          if (job.status !== "done" && job.status !== "failed") window.setTimeout(tick, 500);
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    var status = box.getAttribute("data-status");
    if (status !== "done" && status !== "failed") tick();
  }

  // -- charts (Chart.js, served by the app) -------------------------------------------
  var PALETTE = ["#2c5282", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#db2777",
                 "#4b5563", "#65a30d"];

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function awardsChart() {
    var data = readJson("awards-data");
    var canvas = document.getElementById("awards-chart");
    if (!data || !canvas || !window.Chart) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.years,
        datasets: data.series.map(function (s, i) {
          return { label: s.label || s.award, data: s.values, backgroundColor: PALETTE[i % PALETTE.length], stack: "awards" };
        }),
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom" }, tooltip: { mode: "index", intersect: false } },
        scales: { x: { stacked: true, title: { display: true, text: "Năm" } },
                  y: { stacked: true, beginAtZero: true, title: { display: true, text: "Số tập thể và cá nhân" } } },
      },
    });
  }

  function targetsChart() {
    var points = readJson("targets-data");
    var canvas = document.getElementById("targets-chart");
    if (!points || !points.length || !canvas || !window.Chart) return;
    var years = Array.from(new Set(points.filter(function (p) { return p.year; })
      .map(function (p) { return p.year; }))).sort();
    var groups = {};
    points.forEach(function (p) {
      if (!p.year) return;
      var key = (p.kind === "target" ? "Chỉ tiêu" : "Kết quả") + " (" + p.unit + ")";
      groups[key] = groups[key] || {};
      groups[key][p.year] = p.value;  // the latest document of a year wins (points come oldest first)
    });
    var units = {};
    var datasets = Object.keys(groups).map(function (key, i) {
      var unit = key.slice(key.indexOf("(") + 1, -1);
      units[unit] = units[unit] || "y" + Object.keys(units).length;
      return {
        label: key, yAxisID: units[unit], spanGaps: true, tension: 0.2,
        borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
        data: years.map(function (y) { return groups[key][y] === undefined ? null : groups[key][y]; }),
      };
    });
    var scales = { x: { title: { display: true, text: "Năm" } } };
    Object.keys(units).forEach(function (unit, i) {
      scales[units[unit]] = { position: i % 2 ? "right" : "left", title: { display: true, text: unit },
                              grid: { drawOnChartArea: i === 0 } };
    });
    new window.Chart(canvas, {
      type: "line",
      data: { labels: years, datasets: datasets },
      options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } }, scales: scales },
    });
  }

  // -- highlights: the normalized value in a floating tip ----------------------------
  function setupTips() {
    document.documentElement.classList.add("js");
    var tip = document.createElement("div");
    tip.id = "tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var current = null;
    function show(mark) {
      if (current) current.classList.remove("is-tipped");
      current = mark;
      mark.classList.add("is-tipped");
      tip.textContent = mark.getAttribute("data-tip");
      tip.hidden = false;
      var rect = mark.getClientRects()[0] || mark.getBoundingClientRect();
      var left = Math.min(rect.left, window.innerWidth - tip.offsetWidth - 8);
      var top = rect.bottom + 6;
      if (top + tip.offsetHeight > window.innerHeight) top = rect.top - tip.offsetHeight - 6;
      tip.style.left = Math.max(8, left) + "px";
      tip.style.top = top + "px";
    }
    function hide() {
      if (current) current.classList.remove("is-tipped");
      current = null;
      tip.hidden = true;
    }
    ["mouseover", "focusin"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var mark = event.target.closest && event.target.closest(".hl[data-tip]");
        if (mark) show(mark); else if (current) hide();
      });
    });
    document.addEventListener("focusout", hide);
    window.addEventListener("scroll", function () { if (current) show(current); }, true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupTips();
    setupRows();
    setupFilePickers();
    setupConfirmAndAutosubmit();
    pollJob();
    awardsChart();
    targetsChart();
  });
})();
