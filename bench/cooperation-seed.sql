-- The cooperation benchmark's installation: 200 hubs x 100 members with 20,000 open posts
-- (one per member: needs and offers of every kind). Run by bench/cooperation.sh with the
-- sqlite3 CLI on a migrated database; :COMMUNES is the reference communes.tsv. Hubs are
-- spread over the departments (about two per department) and their members over the 20
-- largest communes of it, so that territory matters as it does in real installations.
.mode tabs
CREATE TEMP TABLE bench_communes (insee TEXT, name TEXT, dept TEXT, region TEXT, epci TEXT, epci_name TEXT,
                                  postal TEXT, population INTEGER);
.import :COMMUNES bench_communes
CREATE TEMP TABLE bench_depts AS
  SELECT dept, ROW_NUMBER() OVER (ORDER BY dept) - 1 AS n FROM (SELECT DISTINCT dept FROM bench_communes WHERE length(insee) = 5);
CREATE TEMP TABLE bench_town AS
  SELECT c.insee, c.name, c.dept, c.epci, c.epci_name,
         ROW_NUMBER() OVER (PARTITION BY c.dept ORDER BY c.population DESC, c.insee) - 1 AS rank
  FROM bench_communes c;
DELETE FROM bench_town WHERE rank >= 20;
CREATE TEMP TABLE bench_town_count AS SELECT dept, COUNT(*) AS cnt FROM bench_town GROUP BY dept;

CREATE TEMP TABLE bench_sectors (n INTEGER, code TEXT);
INSERT INTO bench_sectors VALUES (0,'56.10A'),(1,'56.29A'),(2,'49.39B'),(3,'49.42Z'),(4,'16.23Z'),(5,'43.32A'),
  (6,'41.20A'),(7,'01.13Z'),(8,'81.30Z'),(9,'38.32Z'),(10,'47.79Z'),(11,'78.20Z'),(12,'88.10A'),(13,'85.59A'),
  (14,'62.01Z'),(15,'74.10Z'),(16,'69.20Z'),(17,'68.20B'),(18,'90.01Z'),(19,'95.29Z'),(20,'96.09Z'),(21,'81.21Z'),
  (22,'35.11Z'),(23,'10.71C'),(24,'25.62B'),(25,'82.92Z'),(26,'87.90B'),(27,'53.20Z'),(28,'77.11A'),(29,'64.19Z');
CREATE TEMP TABLE bench_words (n INTEGER, word TEXT);
INSERT INTO bench_words VALUES (0,'camion'),(1,'frigorifique'),(2,'salle'),(3,'reunion'),(4,'comptable'),
  (5,'graphisme'),(6,'livraison'),(7,'menuiserie'),(8,'nettoyage'),(9,'jardin'),(10,'cuisine'),(11,'formation'),
  (12,'numerique'),(13,'atelier'),(14,'entrepot'),(15,'stockage'),(16,'vehicule'),(17,'traiteur'),(18,'reparation'),
  (19,'reemploi'),(20,'energie'),(21,'solaire'),(22,'chantier'),(23,'peinture'),(24,'mobilier'),(25,'textile'),
  (26,'velo'),(27,'marche'),(28,'collecte'),(29,'emballage'),(30,'imprimante'),(31,'bureau'),(32,'accueil'),
  (33,'informatique'),(34,'juridique'),(35,'recrutement'),(36,'transport'),(37,'evenement'),(38,'tracteur'),(39,'serre');
CREATE TEMP TABLE bench_kinds (n INTEGER, kind TEXT);
INSERT INTO bench_kinds VALUES (0,'skill'),(1,'equipment'),(2,'premises'),(3,'service'),(4,'partnership'),
  (5,'purchase'),(6,'funding');

WITH RECURSIVE h(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM h WHERE i < 199)
INSERT INTO hubs_hubs (slug, name, territory, created_at, updated_at)
SELECT 'coop-' || i, 'Pôle de mesure ' || i, (SELECT dept FROM bench_depts WHERE n = i % (SELECT COUNT(*) FROM bench_depts)),
       0, 0 FROM h;

CREATE TEMP TABLE bench_hubs AS
  SELECT id, CAST(substr(slug, 6) AS INTEGER) AS i, territory AS dept FROM hubs_hubs WHERE slug LIKE 'coop-%';

WITH RECURSIVE m(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM m WHERE j < 99)
INSERT INTO members_members (hub_id, name, name_folded, legal_form, is_ess, insertion_type, sectors, commune_insee,
                             commune_name, commune_folded, epci_siren, epci_name, description, search_text,
                             created_at, updated_at)
SELECT hb.id,
       'Structure ' || hb.i || '-' || m.j,
       'structure ' || hb.i || '-' || m.j,
       CASE WHEN m.j % 10 = 0 THEN 'local_authority' WHEN m.j % 10 IN (1, 2) THEN 'association'
            WHEN m.j % 10 IN (3, 4, 5) THEN 'sarl' ELSE 'association' END,
       CASE WHEN m.j % 10 IN (3, 4, 5) OR m.j % 10 = 0 THEN 0 ELSE 1 END,
       CASE WHEN m.j % 10 IN (1, 2) THEN 'aci' ELSE '' END,
       ' ' || (SELECT code FROM bench_sectors WHERE n = (hb.i * 7 + m.j) % 30) || ' ',
       t.insee, t.name, lower(t.name), t.epci, t.epci_name,
       'Activités de ' || (SELECT word FROM bench_words WHERE n = (m.j * 3 + hb.i) % 40) || ' et de ' ||
         (SELECT word FROM bench_words WHERE n = (m.j * 7 + 11) % 40),
       'structure', 0, 0
FROM bench_hubs hb CROSS JOIN m
JOIN bench_town_count tc ON tc.dept = hb.dept
JOIN bench_town t ON t.dept = hb.dept AND t.rank = m.j % tc.cnt;

INSERT INTO cooperation_posts (hub_id, member_id, direction, kind, title, description, sectors, commune_insee,
                               epci_siren, expires_on, status, search_text, created_by, created_at, updated_at)
SELECT mm.hub_id, mm.id,
       CASE WHEN (mm.id % 2) = 0 THEN 'need' ELSE 'offer' END,
       (SELECT kind FROM bench_kinds WHERE n = (mm.id / 2) % 7),
       (SELECT word FROM bench_words WHERE n = (mm.id * 13) % 40) || ' ' ||
         (SELECT word FROM bench_words WHERE n = (mm.id * 17 + 5) % 40),
       'Annonce de mesure',
       trim(mm.sectors), mm.commune_insee, mm.epci_siren, '2099-12-31', 'open',
       'annonce', 0, 0, 0
FROM members_members mm JOIN bench_hubs hb ON hb.id = mm.hub_id;
