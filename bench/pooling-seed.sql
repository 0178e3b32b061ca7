-- Bench fixture for pooling (bench/run.sh), written straight into the tables because
-- booking a million slots one by one through the API would take the whole bench. The
-- placeholders :BENCH_HUB and :STMT_HUB are replaced by the hub ids before running.
-- A throwaway bench database: no need to wait for the disk on each commit.
PRAGMA synchronous = OFF;

-- 1,000 resources of the bench hub: rooms, desks, workshops, machines, vans and tools,
-- owned by 100 of its members; one in three has opening hours.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000),
owners AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM members_members WHERE hub_id = :BENCH_HUB LIMIT 100)
INSERT INTO pooling_resources (hub_id, kind, category, name, name_folded, description, owner_member_id, capacity,
                               location, opening_hours, price_unit, price_member, search_text, created_at, updated_at)
SELECT :BENCH_HUB,
       CASE WHEN i % 2 = 0 THEN 'premises' ELSE 'equipment' END,
       CASE i % 6 WHEN 0 THEN 'room' WHEN 2 THEN 'desk' WHEN 4 THEN 'workshop'
                  WHEN 1 THEN 'machine' WHEN 3 THEN 'vehicle' ELSE 'tool' END,
       'Ressource ' || i, 'ressource ' || i, '', (SELECT id FROM owners WHERE k = i % 100), 4 + (i % 40),
       'Site ' || (i % 7), CASE WHEN i % 3 = 0 THEN 'mon-fri 07:00-21:00' ELSE '' END, 'hour', 1500,
       'ressource ' || i || ' site ' || (i % 7), 0, 0
FROM n;

-- 1,000,000 bookings: each resource booked once a day for 1,000 days from 5 January 2026,
-- 1 to 4 hours between 08:00 and 20:00 UTC, by one of the hub's members.
WITH RECURSIVE d(day) AS (SELECT 0 UNION ALL SELECT day + 1 FROM d WHERE day < 999),
members AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM members_members WHERE hub_id = :BENCH_HUB LIMIT 100),
slots AS (
  SELECT r.id AS resource_id, r.owner_member_id AS owner, d.day AS day,
         1767571200 + d.day * 86400 + (8 + (r.id + d.day) % 8) * 3600 AS starts_at,
         (1 + (r.id * 7 + d.day) % 4) * 3600 AS length,
         (r.id + d.day) % 100 AS who
  FROM pooling_resources r CROSS JOIN d WHERE r.hub_id = :BENCH_HUB)
INSERT INTO pooling_bookings (hub_id, resource_id, member_id, owner_member_id, booked_by, title, starts_at, ends_at,
                              holds_slot, status, tier, price_cents, created_at, updated_at)
SELECT :BENCH_HUB, s.resource_id, m.id, s.owner, 1, '', s.starts_at, s.starts_at + s.length, 1, 'confirmed',
       'member', 1500 * s.length / 3600, 0, 0
FROM slots s JOIN members m ON m.k = s.who;

INSERT INTO pooling_hub_state (hub_id, longest_booking_seconds) VALUES (:BENCH_HUB, 14400);

-- The statements hub: 100 members, 200 rooms (half the hub's, half members'), and 50,000
-- confirmed bookings of 50 minutes in November 2026 (each room booked every 2 h 47).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200),
owners AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM members_members WHERE hub_id = :STMT_HUB)
INSERT INTO pooling_resources (hub_id, kind, category, name, name_folded, description, owner_member_id, capacity,
                               location, opening_hours, price_unit, price_member, search_text, created_at, updated_at)
SELECT :STMT_HUB, 'premises', 'room', 'Salle ' || i, 'salle ' || i, '',
       CASE WHEN i % 2 = 0 THEN (SELECT id FROM owners WHERE k = i % 100) ELSE NULL END, 20, '', '', 'hour', 1200,
       'salle ' || i, 0, 0
FROM n;

WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49999),
rooms AS (SELECT id, owner_member_id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM pooling_resources WHERE hub_id = :STMT_HUB),
members AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM members_members WHERE hub_id = :STMT_HUB)
INSERT INTO pooling_bookings (hub_id, resource_id, member_id, owner_member_id, booked_by, title, starts_at, ends_at,
                              holds_slot, status, tier, price_cents, created_at, updated_at)
SELECT :STMT_HUB, r.id, m.id, r.owner_member_id, 1, '', 1793491200 + 3600 + n.i * 50, 1793491200 + 3600 + n.i * 50 + 3000,
       1, 'confirmed', 'member', 100 + (n.i % 50) * 10, 0, 0
FROM n JOIN rooms r ON r.k = n.i % 200 JOIN members m ON m.k = (n.i * 7) % 100;
