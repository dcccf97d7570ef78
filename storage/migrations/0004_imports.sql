-- Imports and merges, remembered so that they can be undone.

-- One row per import: the file(s) it read and what it did.
CREATE TABLE import_batches (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	source    TEXT NOT NULL,            -- the file name(s), as the user picked them
	at        TEXT NOT NULL,
	added     INTEGER NOT NULL DEFAULT 0,
	merged    INTEGER NOT NULL DEFAULT 0,
	skipped   INTEGER NOT NULL DEFAULT 0,
	undone_at TEXT                      -- NULL while the import stands
);

-- The members an import added or merged into. For a merge, the member as it
-- was before (model.Member as JSON), for undo to put back; for both, a
-- fingerprint of the member as the import left it, so that undo can tell
-- whether the manager changed them since. A member purged by hand takes its
-- rows with it.
CREATE TABLE import_members (
	batch_id    INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
	member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	created     INTEGER NOT NULL,      -- 1: the import added the member
	before      TEXT,                  -- merged: the member before, JSON; NULL when created
	fingerprint TEXT NOT NULL,
	PRIMARY KEY (batch_id, member_id)
) WITHOUT ROWID;
CREATE INDEX import_members_member ON import_members (member_id);

-- Two members merged by hand: gone's fields, lists, conversations and
-- follow-ups went to kept, and gone to the trash. kept_before is kept as it
-- was (JSON) and moved lists the rows moved ({"table": [[key, position], …]}),
-- for undo; fingerprint is kept as the merge left it.
CREATE TABLE member_merges (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	kept_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	gone_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	at          TEXT NOT NULL,
	kept_before TEXT NOT NULL,
	moved       TEXT NOT NULL DEFAULT '{}',
	fingerprint TEXT NOT NULL,
	undone_at   TEXT -- NULL while the merge stands
);
CREATE INDEX member_merges_kept ON member_merges (kept_id);
CREATE INDEX member_merges_gone ON member_merges (gone_id);
