-- town_latest_report.sql — one town's latest report, to pre-fill its units template (unionboard.templates).
-- The rows of `units` of town $town at that town's latest snapshot on or before $as_of (NULL: its latest
-- of all); no rows when the town has never reported. A plain query over the `units` relation.
-- Parameters: $town VARCHAR (a dictionary town name), $as_of DATE|NULL
-- Columns: snapshot, credit_code, name, town, area, building, industry, unit_type, fortune500, employees,
--          migrant_workers, status, union_form, federation, union_date, members, migrant_members
WITH latest AS (
    SELECT max(snapshot) AS snapshot FROM units
    WHERE town = $town AND ($as_of IS NULL OR snapshot <= $as_of)
)
SELECT u.snapshot, u.credit_code, u.name, u.town, u.area, u.building, u.industry, u.unit_type, u.fortune500,
       u.employees, u.migrant_workers, u.status, u.union_form, u.federation, u.union_date, u.members,
       u.migrant_members
FROM units u JOIN latest l ON u.snapshot = l.snapshot
WHERE u.town = $town
ORDER BY u.credit_code;
