-- setting_set.sql — change a district setting.
-- Parameters: $k VARCHAR, $v VARCHAR
INSERT OR REPLACE INTO settings VALUES ($k, $v);
