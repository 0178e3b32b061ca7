// Parses an iCalendar feed with the independent parser ical.js and prints its events as JSON,
// so tests can check what coopole's writer (src/calendar/icalendar.cpp) means to a real client.
//
//   node tests/ical/parse_feed.mjs feed.ics      (or the feed on stdin)
//
// Prints [{uid, summary, description, location, status, start, end, sequence}, ...] in feed
// order; start/end are UTC instants as "2026-11-23T09:00:00Z" (coopole's FormatIsoUtc form);
// absent text properties are null. Exits 1 (message on stderr) when the input is not UTF-8,
// not iCalendar, or has no VCALENDAR.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

function fail(message) {
  process.stderr.write(`parse_feed: ${message}\n`);
  process.exit(1);
}

function isoUtc(time) {
  if (!time) return null;
  return time.toJSDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

let text;
try {
  const bytes = readFileSync(process.argv[2] ?? 0);
  // Strict decoding: a fold that split a UTF-8 sequence must fail, not turn into U+FFFD.
  text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
} catch (error) {
  fail(error.message);
}

let jcal;
try {
  jcal = ICAL.parse(text);
} catch (error) {
  fail(error.message);
}
// One top-level component gives its jCal array, several give an array of them.
const roots = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : jcal ?? [])
  .map((data) => new ICAL.Component(data));
const calendars = roots.filter((component) => component.name === 'vcalendar');
if (calendars.length === 0) fail('no VCALENDAR');

const events = calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent')).map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid ?? null,
    summary: event.summary ?? null,
    description: event.description ?? null,
    location: event.location ?? null,
    status: vevent.getFirstPropertyValue('status') ?? null,
    start: isoUtc(event.startDate),
    end: isoUtc(event.endDate),
    sequence: event.sequence ?? null,
  };
});
process.stdout.write(JSON.stringify(events, null, 2) + '\n');
