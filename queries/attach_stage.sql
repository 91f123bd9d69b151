-- attach_stage.sql — attach the staging database of an import (unionboard.stage), whose tables hold the
-- checked rosters, so that the writer (or the upload preview) copies them into report files.
-- Parameters: none
-- Placeholders (unionboard.sql.fill; a scratch file the code made beside the database):
--   {{path}}  the staging database
ATTACH {{path}} AS stage (READ_ONLY);
