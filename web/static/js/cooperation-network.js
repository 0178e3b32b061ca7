// Draws the cooperation network of the page with Cytoscape: node size = partners (degree),
// edge width = weight, edge colour = the link's main kind (same palette as cooperation.css).
// Reads the graph from the container's data-network attribute (the JSON of the API plus
// kind_labels); the table of links on the page carries the same information without script.
// Once drawn, the container gets data-drawn-nodes / data-drawn-edges (read by the tests).
(function () {
  'use strict';
  var COLOURS = {
    cooperation: '#0072B2', project: '#009E73', bid: '#D55E00', booking: '#CC79A7',
    service: '#E69F00', placement: '#56B4E9', advance: '#6b5800'
  };

  function elementsOf(graph) {
    var elements = [];
    graph.nodes.forEach(function (n) {
      elements.push({ group: 'nodes', data: {
        id: 'm' + n.member_id, label: n.name, degree: n.degree, weighted: n.weighted_degree
      } });
    });
    graph.edges.forEach(function (e) {
      elements.push({ group: 'edges', data: {
        id: 'e' + e.a + '-' + e.b, source: 'm' + e.a, target: 'm' + e.b,
        weight: e.weight, colour: COLOURS[e.main_kind] || '#5a5a5a'
      } });
    });
    return elements;
  }

  function draw(container) {
    var graph;
    try { graph = JSON.parse(container.dataset.network); } catch (e) { return; }
    if (typeof cytoscape === 'undefined') return;
    var maxDegree = 1, maxWeight = 1;
    graph.nodes.forEach(function (n) { maxDegree = Math.max(maxDegree, n.degree); });
    graph.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight); });
    var cy = cytoscape({
      container: container,
      elements: elementsOf(graph),
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: {
          'label': 'data(label)', 'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': 120,
          'text-valign': 'bottom', 'text-margin-y': 4, 'color': '#1f2a24',
          'background-color': '#1d5c3a', 'border-width': 1, 'border-color': '#fff',
          'width': 'mapData(degree, 0, ' + maxDegree + ', 14, 48)',
          'height': 'mapData(degree, 0, ' + maxDegree + ', 14, 48)'
        } },
        // Isolated members: grey, labelled on hover only (their labels would overlap in a row).
        { selector: 'node[degree = 0]', style: { 'background-color': '#9aa59f', 'text-opacity': 0 } },
        { selector: 'node.focused', style: { 'text-opacity': 1, 'font-weight': 'bold' } },
        { selector: 'edge', style: {
          'line-color': 'data(colour)', 'curve-style': 'bezier', 'opacity': 0.85,
          'width': maxWeight > 1 ? 'mapData(weight, 1, ' + maxWeight + ', 1.5, 9)' : 2
        } },
        { selector: '.faded', style: { 'opacity': 0.15 } }
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90, padding: 24 }
    });
    // Focus a member: hovering or tapping it fades everything not linked to it.
    cy.on('mouseover tap', 'node', function (evt) {
      var near = evt.target.closedNeighborhood();
      cy.elements().removeClass('faded focused');
      cy.elements().not(near).addClass('faded');
      evt.target.addClass('focused');
    });
    cy.on('mouseout', 'node', function () { cy.elements().removeClass('faded focused'); });
    cy.on('tap', function (evt) { if (evt.target === cy) cy.elements().removeClass('faded focused'); });
    container.dataset.drawnNodes = String(cy.nodes().length);
    container.dataset.drawnEdges = String(cy.edges().length);
  }

  // New links per year as bars (Chart.js); the list beside it carries the same figures.
  function drawYears(canvas) {
    if (typeof Chart === 'undefined') return;
    var d;
    try { d = JSON.parse(canvas.dataset.yearsChart); } catch (e) { return; }
    new Chart(canvas, {
      type: 'bar',
      data: { labels: d.labels, datasets: [{ label: d.label, data: d.values, backgroundColor: '#1d5c3a' }] },
      options: {
        animation: false, responsive: true,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-network]').forEach(draw);
    document.querySelectorAll('canvas[data-years-chart]').forEach(drawYears);
  });
})();
