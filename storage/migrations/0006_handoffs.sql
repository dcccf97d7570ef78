-- Handoffs, when the role changes hands: the narrative and key members the
-- outgoing manager writes (every save kept), the account fixed when it is
-- handed over, who took the record over, and the promises they took on.

CREATE TABLE handoffs (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	-- The latest version's from, to, day and scope, copied from
	-- handoff_versions so that the list reads one row per handoff.
	from_name   TEXT NOT NULL CHECK (from_name <> ''),
	to_name     TEXT NOT NULL DEFAULT '',
	day         TEXT NOT NULL, -- 2006-01-02, in the manager's time zone
	tag         TEXT NOT NULL DEFAULT '',
	version     INTEGER NOT NULL CHECK (version > 0),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL, -- when the latest version was saved
	finished_at TEXT,          -- NULL while a draft
	-- model.HandoffAccount as JSON, fixed when finished: reopening a past
	-- handoff shows what was handed over, whatever the record says since.
	account     TEXT,
	CHECK ((finished_at IS NULL) = (account IS NULL))
);
CREATE INDEX handoffs_updated ON handoffs (updated_at, id);

-- Every save of a handoff, kept.
CREATE TABLE handoff_versions (
	handoff_id  INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
	version     INTEGER NOT NULL CHECK (version > 0),
	from_name   TEXT NOT NULL,
	to_name     TEXT NOT NULL DEFAULT '',
	day         TEXT NOT NULL,
	tag         TEXT NOT NULL DEFAULT '',
	narrative   TEXT NOT NULL DEFAULT '{}', -- JSON object, by model.NarrativeSection key
	key_members TEXT NOT NULL DEFAULT '[]', -- JSON array of model.KeyMember, in the manager's order
	saved_at    TEXT NOT NULL,
	saved_by    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (handoff_id, version)
) WITHOUT ROWID;

-- A new manager taking the record over, often from a handoff's bundle.
CREATE TABLE take_overs (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	handoff_id INTEGER REFERENCES handoffs (id) ON DELETE SET NULL, -- NULL without a handoff
	from_name  TEXT NOT NULL DEFAULT '', -- "me" before; '' for a record nobody had named
	to_name    TEXT NOT NULL CHECK (to_name <> ''),
	at         TEXT NOT NULL
);
CREATE INDEX take_overs_handoff ON take_overs (handoff_id);

-- Open follow-ups given from one manager to another in one step.
CREATE TABLE promise_reassignments (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	from_name  TEXT NOT NULL,
	to_name    TEXT NOT NULL,
	at         TEXT NOT NULL,
	moved      INTEGER NOT NULL CHECK (moved >= 0),
	follow_ups TEXT NOT NULL DEFAULT '[]' -- JSON array of the follow-ups' ids
);

-- The manager a follow-up is up to now; '' means the one who made it
-- (created_by), which is never rewritten.
ALTER TABLE follow_ups ADD COLUMN owner TEXT NOT NULL DEFAULT '' COLLATE NOCASE;
