-- vocabulary_areas.sql — (issue 24) one level down (METRICS.md, "One level down"): every indicator of the towns
-- view for each area (村居园区) of a town, from the units of the town's report in force with that 村居园区, against
-- the targets the town gave its areas (area_targets, target_views.sql). Created after vocabulary.sql,
-- vocabulary_reports.sql and the target views, in the connection's in-memory catalog; area_progress.sql and
-- area_status.sql read it, so both count an area alike.
--
-- What the reports in force at a date hold by 村居园区, counted when they arrived (report_area_cells and
-- report_area_formed, schema.sql; report_area_cells_fallback.sql for an older database), as cells_in_force and
-- formed_in_force (vocabulary_reports.sql) read report_cells: area-progress and area-status never read the units.
CREATE OR REPLACE MACRO area_cells_in_force(as_of) AS TABLE
    SELECT c.* FROM reports_in_force(as_of) f
    JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
    JOIN report_area_cells c ON c.import_id = r.import_id AND c.snapshot = r.snapshot AND c.town = r.town;
CREATE OR REPLACE MACRO area_formed_in_force(as_of) AS TABLE
    SELECT c.* FROM reports_in_force(as_of) f
    JOIN current_reports r ON r.town = f.town AND r.snapshot = f.report_date
    JOIN report_area_formed c ON c.import_id = r.import_id AND c.snapshot = r.snapshot AND c.town = r.town;

-- area_rows(snapshot, baseline, year, towns, industry): one row per (town, area) of
-- the towns (NULL: all) — the areas the town's report in force names and the areas with a target that year; area
-- '' is the town's units without an area (未填村居园区, never a target) — and one row per town with whole = true:
-- the whole town (every unit of its report, with or without an area, every federation of the town) against the
-- sum of its area targets. The same rules as town_progress.sql: 在营 counts, 新建会单位数 by the year a union was
-- formed, 新发展会员数 = members of the area's units now minus members of the area's units in the town's report
-- on the baseline day (empty when the town has none), 村(园区)工会联合会数 of an area = federations of those kinds
-- whose 村居园区 is that area; completions are pct(actual, target) and `lowest` the lowest of them (进度状态).
-- With an industry, only that industry's units, and no targets (targets are not signed per industry).
CREATE OR REPLACE MACRO area_rows(a_snapshot, a_baseline, a_year, a_towns, a_industry) AS TABLE
    WITH now_cells AS (
        -- the counts of the reports in force, and the unions formed from 1 January of the target year
        SELECT town, area, units, active, unionised, employees, members, migrants, migrant_members, 0 AS new_unions
        FROM area_cells_in_force(a_snapshot)
        WHERE (a_towns IS NULL OR list_contains(a_towns, town)) AND (a_industry IS NULL OR industry = a_industry)
        UNION ALL
        SELECT town, area, 0, 0, 0, 0, 0, 0, 0, units
        FROM area_formed_in_force(a_snapshot)
        WHERE union_year >= a_year
          AND (a_towns IS NULL OR list_contains(a_towns, town)) AND (a_industry IS NULL OR industry = a_industry)
    ),
    cur AS (
        SELECT town, coalesce(area, '') AS area, GROUPING(area) = 1 AS whole,
            sum(active)::BIGINT AS active, sum(unionised)::BIGINT AS unionised,
            sum(employees)::BIGINT AS employees, sum(members)::BIGINT AS members,
            sum(migrants)::BIGINT AS migrants, sum(migrant_members)::BIGINT AS migrant_members,
            sum(new_unions)::BIGINT AS new_unions
        FROM now_cells
        GROUP BY GROUPING SETS ((town, area), (town))
    ),
    has_base AS (
        SELECT town FROM reports_in_force(a_baseline)
    ),
    base AS (
        SELECT town, coalesce(area, '') AS area, GROUPING(area) = 1 AS whole, sum(members)::BIGINT AS members
        FROM area_cells_in_force(a_baseline)
        WHERE (a_towns IS NULL OR list_contains(a_towns, town)) AND (a_industry IS NULL OR industry = a_industry)
        GROUP BY GROUPING SETS ((town, area), (town))
    ),
    fed AS (
        SELECT town, coalesce(a, '') AS area, GROUPING(a) = 1 AS whole,
            count(*) FILTER (WHERE kind = '楼宇工会联合会')      AS building_feds,
            count(*) FILTER (WHERE is_village_federation(kind)) AS village_feds
        FROM (SELECT town, coalesce(area, '') AS a, kind FROM federations
              WHERE founded <= a_snapshot AND (a_towns IS NULL OR list_contains(a_towns, town)))
        GROUP BY GROUPING SETS ((town, a), (town))
    ),
    tgt AS (
        -- an area's targets; the whole town's are their sums (each indicator over the areas that have it)
        SELECT town, coalesce(area, '') AS area, GROUPING(area) = 1 AS whole,
            sum(target) FILTER (WHERE indicator = '新建会单位数')          AS t_new_unions,
            sum(target) FILTER (WHERE indicator = '新发展会员数')          AS t_new_members,
            sum(target) FILTER (WHERE indicator = '楼宇工会联合会数')      AS t_building_feds,
            sum(target) FILTER (WHERE indicator = '村(园区)工会联合会数')  AS t_village_feds
        FROM area_targets
        WHERE year = a_year AND a_industry IS NULL AND (a_towns IS NULL OR list_contains(a_towns, town))
        GROUP BY GROUPING SETS ((town, area), (town))
    ),
    keys AS (
        -- the areas shown: those the report names (and its units without an area), those with a target, and the
        -- whole town of every town picked
        SELECT town, area, whole FROM cur
        UNION
        SELECT town, area, whole FROM tgt
        UNION
        SELECT town, '', true FROM towns WHERE a_towns IS NULL OR list_contains(a_towns, town)
    ),
    joined AS (
        SELECT k.town, k.area, k.whole,
            coalesce(cur.active, 0) AS active, coalesce(cur.unionised, 0) AS unionised,
            coalesce(cur.employees, 0) AS employees, coalesce(cur.members, 0) AS members,
            coalesce(cur.migrants, 0) AS migrants, coalesce(cur.migrant_members, 0) AS migrant_members,
            coalesce(cur.new_unions, 0) AS new_unions,
            CASE WHEN hb.town IS NOT NULL THEN coalesce(cur.members, 0) - coalesce(base.members, 0) END AS new_members,
            coalesce(fed.building_feds, 0) AS building_feds, coalesce(fed.village_feds, 0) AS village_feds,
            CASE WHEN k.whole OR k.area <> '' THEN tgt.t_new_unions END     AS t_new_unions,
            CASE WHEN k.whole OR k.area <> '' THEN tgt.t_new_members END    AS t_new_members,
            CASE WHEN k.whole OR k.area <> '' THEN tgt.t_building_feds END  AS t_building_feds,
            CASE WHEN k.whole OR k.area <> '' THEN tgt.t_village_feds END   AS t_village_feds
        FROM keys k
        LEFT JOIN cur USING (town, area, whole) LEFT JOIN base USING (town, area, whole)
        LEFT JOIN fed USING (town, area, whole) LEFT JOIN tgt USING (town, area, whole)
        LEFT JOIN has_base hb ON hb.town = k.town
    )
    SELECT *,
        pct(new_unions, t_new_unions)       AS done_new_unions,
        pct(new_members, t_new_members)     AS done_new_members,
        pct(building_feds, t_building_feds) AS done_building_feds,
        pct(village_feds, t_village_feds)   AS done_village_feds,
        least(pct(new_unions, t_new_unions), pct(new_members, t_new_members),
              pct(building_feds, t_building_feds), pct(village_feds, t_village_feds)) AS lowest,
        coalesce(t_new_unions, t_new_members, t_building_feds, t_village_feds) IS NOT NULL AS has_target
    FROM joined;
