// The trend chart of the pivot page: one line per unit over the periods, from the page's JSON endpoint.
(function () {
  var box = document.getElementById("dv-chart");
  if (!box || !window.echarts) return;
  fetch(box.dataset.src, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      if (!data.series.length) { box.hidden = true; return; }
      var chart = echarts.init(box);
      chart.setOption({
        tooltip: { trigger: "axis" },
        legend: { type: "scroll", bottom: 0 },
        grid: { left: 50, right: 20, top: 30, bottom: 60 },
        xAxis: { type: "category", data: data.periods },
        yAxis: { type: "value", name: data.unit_label },
        series: data.series.slice(0, 12).map(function (s) {
          return { name: s.name, type: "line", data: s.data, connectNulls: true };
        })
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
})();
