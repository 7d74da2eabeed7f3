-- A child's own rights in skyddat boende (issue 22): the days school was arranged from, a health
-- examination offered and the child's own conversation held. Only a child's stay has them.
ALTER TABLE stays ADD COLUMN school_from TEXT;
ALTER TABLE stays ADD COLUMN health_offered_on TEXT;
ALTER TABLE stays ADD COLUMN own_conversation_on TEXT;
