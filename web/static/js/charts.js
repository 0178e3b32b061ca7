// Draws the charts of a page: every <canvas data-chart='{"labels":[...],"values":[...]}'>
// becomes a doughnut chart (Chart.js, served locally). The same figures are always in a
// table next to it, so nothing is lost without JavaScript or for screen readers.
(function () {
  'use strict';
  // Colours distinguishable by most colour-blind readers (Okabe-Ito), then greys.
  var palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000',
    '#999999', '#666666', '#BBBBBB', '#333333'];
  function draw() {
    if (typeof Chart === 'undefined') return;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var data;
      try { data = JSON.parse(canvas.dataset.chart); } catch (e) { return; }
      new Chart(canvas, {
        type: 'doughnut',
        data: {
          labels: data.labels,
          datasets: [{ data: data.values, backgroundColor: data.values.map(function (_, i) { return palette[i % palette.length]; }) }]
        },
        options: { animation: false, responsive: true, plugins: { legend: { position: 'right' } } }
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
