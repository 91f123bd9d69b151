-- event_sightings_fallback.sql — event_sightings of a database written before it existed, derived on the
-- fly from the current reports (the view `units`) in a reading connection's in-memory catalog, until the
-- next write stores it (store.transaction).
-- Parameters: none
CREATE OR REPLACE VIEW memory.main.event_sightings AS
SELECT r.import_id, u.snapshot, u.town, u.credit_code
FROM memory.main.units u JOIN memory.main.current_reports r ON r.snapshot = u.snapshot AND r.town = u.town
WHERE u.credit_code IN (SELECT credit_code FROM db.events);
