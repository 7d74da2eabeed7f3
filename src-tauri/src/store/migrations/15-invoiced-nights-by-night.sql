-- the latest night invoiced (and not credited), found from the top of an index instead of by
--    reading every night ever invoiced: a change of terms applies by default from the night after
--    it (`terms::first_uninvoiced_night`).
CREATE INDEX invoiced_nights_by_night ON invoiced_nights (night) WHERE credited_by_line_id IS NULL;
