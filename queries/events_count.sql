-- events_count.sql — how many event rows there are (a change tells store.transaction to rebuild event_sightings).
-- Parameters: none
-- Columns: count
SELECT count(*) FROM events;
