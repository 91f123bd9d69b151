-- template_target_year.sql — (issue 24) the year a town's targets template is for: the year of $as_of, else of the
-- latest report (NULL without one).
-- Parameters: $as_of DATE|NULL
-- Columns: year
SELECT coalesce(year($as_of::DATE), year(max(snapshot)))::INTEGER FROM current_reports;
