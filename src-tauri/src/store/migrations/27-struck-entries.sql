-- A request or a support contact recorded wrongly is struck out, not deleted (issue 22): when,
-- by whom and why are kept with it, it is listed crossed out, and no figure counts it. The right
-- one is recorded anew.
ALTER TABLE requests ADD COLUMN struck_at TEXT;
ALTER TABLE requests ADD COLUMN struck_by TEXT;
ALTER TABLE requests ADD COLUMN struck_reason TEXT;
ALTER TABLE support_contacts ADD COLUMN struck_at TEXT;
ALTER TABLE support_contacts ADD COLUMN struck_by TEXT;
ALTER TABLE support_contacts ADD COLUMN struck_reason TEXT;
