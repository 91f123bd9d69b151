-- default_town.sql — one town of the bundled dictionary, in a new database (init --empty).
-- Parameters: $o INTEGER (dictionary order), $t VARCHAR (街镇), $k VARCHAR (类型), $a VARCHAR[] (别名)
INSERT INTO towns VALUES ($o, $t, $k, $a);
