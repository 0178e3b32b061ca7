-- The collective-time benchmark's hub (issue 5): one hub "anim" of 100 organisations and
-- 2,000 people (20 each), 2,000 events of 2026 over 20 working groups, 200,000 attendance
-- records (100 per person, 60 to 150 minutes, every event kind), 10,000 entries logged by
-- hand (validated, pending, refused), rates for half the organisations and 200 volunteers.
-- Run by bench/animation.sh with the sqlite3 CLI on a migrated database.
INSERT INTO hubs_hubs (slug, name, created_at, updated_at) SELECT 'anim', 'Pôle de mesure du temps collectif', 0, 0;
CREATE TEMP TABLE bench_hub AS SELECT id FROM hubs_hubs WHERE slug = 'anim';

WITH RECURSIVE m(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM m WHERE j < 99)
INSERT INTO members_members (hub_id, name, name_folded, legal_form, search_text, created_at, updated_at)
SELECT (SELECT id FROM bench_hub), 'Structure ' || j, 'structure ' || j, 'association', 'structure ' || j, 0, 0 FROM m;
CREATE TEMP TABLE bench_members AS
  SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS j FROM members_members WHERE hub_id = (SELECT id FROM bench_hub);

WITH RECURSIVE p(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM p WHERE k < 19)
INSERT INTO members_people (hub_id, member_id, name, created_at, updated_at)
SELECT (SELECT id FROM bench_hub), bm.id, 'Personne ' || bm.j || '-' || p.k, 0, 0 FROM bench_members bm CROSS JOIN p;
CREATE TEMP TABLE bench_people AS
  SELECT id, member_id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS p FROM members_people
  WHERE hub_id = (SELECT id FROM bench_hub);

WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < 19)
INSERT INTO animation_groups (hub_id, name, name_folded, search_text, status, created_by, created_at, updated_at)
SELECT (SELECT id FROM bench_hub), 'Groupe ' || i, 'groupe ' || i, 'groupe ' || i, 'active', 0, 0, 0 FROM g;
CREATE TEMP TABLE bench_groups AS
  SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS g FROM animation_groups WHERE hub_id = (SELECT id FROM bench_hub);

CREATE TEMP TABLE bench_kinds (n INTEGER, kind TEXT);
INSERT INTO bench_kinds VALUES (0,'meeting'),(1,'group_session'),(2,'newcomer_breakfast'),(3,'festival'),
  (4,'learning_visit'),(5,'training'),(6,'general_assembly');

-- Event e of 2026 happens on day e % 365, at 9:00 UTC, for 60 to 150 minutes; 9 in 10 in a group.
WITH RECURSIVE e(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM e WHERE i < 1999)
INSERT INTO animation_events (hub_id, kind, title, group_id, starts_at, ends_at, status, created_by, created_at, updated_at)
SELECT (SELECT id FROM bench_hub), (SELECT kind FROM bench_kinds WHERE n = i % 7), 'Événement ' || i,
       CASE WHEN i % 10 = 0 THEN NULL ELSE (SELECT id FROM bench_groups WHERE g = i % 20) END,
       1767258000 + (i % 365) * 86400, 1767258000 + (i % 365) * 86400 + (60 + (i % 4) * 30) * 60, 'done', 0, 0, 0
FROM e;
CREATE TEMP TABLE bench_events AS
  SELECT id, kind, group_id, date(starts_at, 'unixepoch') AS on_date, (ends_at - starts_at) / 60 AS minutes,
         ROW_NUMBER() OVER (ORDER BY id) - 1 AS e
  FROM animation_events WHERE hub_id = (SELECT id FROM bench_hub);

-- Person p attends events (p + 20 k) % 2000 for k < 100: 100 distinct events each.
WITH RECURSIVE k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < 99)
INSERT INTO animation_attendance (hub_id, event_id, person_id, member_id, on_date, kind, group_id, minutes, invited,
                                  compensated, recorded_by, recorded_at)
SELECT (SELECT id FROM bench_hub), ev.id, bp.id, bp.member_id, ev.on_date, ev.kind, ev.group_id, ev.minutes, 1,
       CASE WHEN (bp.p + k.k) % 9 = 0 THEN 1 ELSE 0 END, 0, 0
FROM bench_people bp CROSS JOIN k JOIN bench_events ev ON ev.e = (bp.p + 20 * k.k) % 2000;

-- Entries: 5 per person, 1 to 3 hours, mostly validated.
WITH RECURSIVE q(q) AS (SELECT 0 UNION ALL SELECT q + 1 FROM q WHERE q < 4)
INSERT INTO animation_time_entries (hub_id, person_id, member_id, on_date, minutes, kind, note, status, created_by,
                                    created_at, updated_at)
SELECT (SELECT id FROM bench_hub), bp.id, bp.member_id, date('2026-01-01', '+' || ((bp.p * 5 + q.q * 71) % 365) || ' days'),
       60 + (q.q % 3) * 60, CASE q.q % 3 WHEN 0 THEN 'preparation' WHEN 1 THEN 'travel' ELSE 'other' END, '',
       CASE WHEN q.q = 4 THEN 'pending' WHEN (bp.p + q.q) % 17 = 0 THEN 'refused' ELSE 'validated' END, 0, 0, 0
FROM bench_people bp CROSS JOIN q;

INSERT INTO animation_time_settings (hub_id, default_hourly_cents, volunteer_hourly_cents, staff_fte_hundredths,
                                     carrier_member_id, updated_at)
SELECT id, 2500, 1500, 350, (SELECT id FROM bench_members WHERE j = 0), 0 FROM bench_hub;
INSERT INTO animation_member_rates (hub_id, member_id, hourly_cost_cents)
SELECT (SELECT id FROM bench_hub), id, 2800 + j * 17 FROM bench_members WHERE j % 2 = 0;
INSERT INTO animation_person_rates (hub_id, person_id, volunteer, hourly_cents)
SELECT (SELECT id FROM bench_hub), id, 1, CASE WHEN p % 20 = 0 THEN 1200 ELSE NULL END FROM bench_people WHERE p % 10 = 3;
ANALYZE;
