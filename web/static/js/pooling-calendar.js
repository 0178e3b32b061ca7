// Pooling pages: the bookings calendar (FullCalendar, served from /static/vendor) and the
// "copy the feed address" button. Everything works without this script: the pages list the
// upcoming bookings and show the feed address in a read-only field.
(function () {
  'use strict';
  if (window.coopolePoolingPage) return;  // included by several partials of one page
  window.coopolePoolingPage = true;

  // FullCalendar draws its arrows as spans with role="img" and no name; the buttons that hold
  // them carry a title. The icons are decoration: hide them and name the buttons.
  function fixIcons(el) {
    el.querySelectorAll('.fc-icon[role="img"]').forEach(function (icon) {
      icon.removeAttribute('role');
      icon.setAttribute('aria-hidden', 'true');
      var button = icon.closest('button');
      if (button && !button.getAttribute('aria-label') && button.title) button.setAttribute('aria-label', button.title);
    });
  }

  function initCalendar() {
    var el = document.getElementById('pooling-calendar');
    if (!el || typeof FullCalendar === 'undefined') return;
    var data = el.dataset;
    var calendar = new FullCalendar.Calendar(el, {
      // Events arrive as the hub's wall-clock times without an offset; in "UTC" mode
      // FullCalendar shows them as they are, whatever the browser's own zone.
      timeZone: 'UTC',
      locale: data.locale === 'en' ? 'en' : 'fr',
      initialView: 'timeGridWeek',
      initialDate: data.initialDate || undefined,
      firstDay: 1,
      headerToolbar: { left: 'prev,next today', center: 'title', right: 'timeGridWeek,dayGridMonth,listWeek' },
      buttonText: { today: data.labelToday, week: data.labelWeek, month: data.labelMonth, list: data.labelList },
      allDaySlot: false,
      slotMinTime: '06:00:00',
      slotMaxTime: '22:00:00',
      nowIndicator: false,
      height: 'auto',
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      events: {
        url: data.eventsUrl,
        failure: function () {
          var p = document.createElement('p');
          p.className = 'field-error';
          p.setAttribute('role', 'alert');
          p.textContent = data.labelError;
          el.parentNode.insertBefore(p, el);
        }
      },
      datesSet: function () { fixIcons(el); },
      eventDidMount: function (info) {
        var props = info.event.extendedProps || {};
        var label = info.event.title;
        if (props.resource && label.indexOf(props.resource) < 0) label = props.resource + ' — ' + label;
        info.el.setAttribute('title', label);
        info.el.setAttribute('data-status', props.status || '');
      }
    });
    calendar.render();
    fixIcons(el);
    el.setAttribute('data-ready', 'true');
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'absolute';
      area.style.left = '-9999px';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error('copy failed'));
    });
  }

  function initCopyButtons() {
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      var field = document.querySelector(button.getAttribute('data-copy'));
      if (!field) return;
      button.hidden = false;
      var status = button.parentNode.querySelector('.copy-status');
      button.addEventListener('click', function () {
        copyText(field.value).then(function () {
          if (status) status.textContent = button.getAttribute('data-copied');
        }, function () {
          field.focus();
          field.select();
        });
      });
    });
  }

  function init() {
    initCalendar();
    initCopyButtons();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
