-- scope_targets_any.sql — (issue 27) does the database hold any target with a 范围 (scope_targets,
-- target_views.sql)? Without one, the views industries, two-new, fortune500 and buildings keep the columns
-- they had before 范围 targets (unionboard.views.SCOPED_VIEWS).
-- Parameters: none
-- Columns: present (BOOLEAN)
SELECT EXISTS (SELECT 1 FROM scope_targets) AS present;
