// Collective time: draws <canvas data-time-chart='{"labels":[...],"datasets":[{"label","data"}]}'>
// as monthly hours stacked by kind (Chart.js, served locally); the same figures are in the
// table next to it. Also wires the print buttons ([data-print]) of the yearly report.
(function () {
  'use strict';
  // Okabe-Ito colours (distinguishable by most colour-blind readers), then greys.
  var palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000',
    '#999999', '#666666'];
  function draw() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
    if (typeof Chart === 'undefined') return;
    document.querySelectorAll('canvas[data-time-chart]').forEach(function (canvas) {
      var data;
      try { data = JSON.parse(canvas.dataset.timeChart); } catch (e) { return; }
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: data.labels,
          datasets: data.datasets.map(function (set, i) {
            return { label: set.label, data: set.data, backgroundColor: palette[i % palette.length] };
          })
        },
        options: {
          animation: false,
          responsive: true,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'h' } } },
          plugins: { legend: { position: 'bottom' } }
        }
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
