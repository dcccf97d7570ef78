-- Feedback to product teams: the teams, the items, the members who raised
-- them in their own words, each item's history, and the promises that close
-- the loop with every member who raised one.

CREATE TABLE product_teams (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
	contact     TEXT NOT NULL DEFAULT '',
	reach       TEXT NOT NULL DEFAULT '', -- a web or email address
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	archived_at TEXT -- NULL unless archived
);

CREATE TABLE feedback (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	title             TEXT NOT NULL CHECK (title <> ''),
	detail            TEXT NOT NULL DEFAULT '',
	kind              TEXT NOT NULL CHECK (kind IN ('bug', 'idea', 'complaint', 'question', 'praise')),
	-- A team is archived, not deleted, while feedback points at it.
	team_id           INTEGER REFERENCES product_teams (id) ON DELETE RESTRICT,
	status            TEXT NOT NULL CHECK (status IN (
		'new', 'handed off', 'acknowledged', 'planned', 'shipped', 'declined', 'duplicate')),
	tracker_link      TEXT NOT NULL DEFAULT '',
	outcome           TEXT NOT NULL DEFAULT '',
	duplicate_of      INTEGER REFERENCES feedback (id) ON DELETE SET NULL,
	created_by        TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	status_changed_at TEXT NOT NULL,
	handed_off_at     TEXT, -- the first time; NULL until then
	trashed_at        TEXT  -- NULL unless deleted; a deleted item can be restored
);

-- The feedback list and the board's columns, most recently changed first:
-- all items, of one status or of one kind; and the deleted ones. The
-- columns after id ride along so that counting reads the index alone: the
-- status, for the board, and the column of the WHERE, which SQLite checks
-- again on each row.
CREATE INDEX feedback_updated ON feedback (updated_at, id, trashed_at) WHERE trashed_at IS NULL;
CREATE INDEX feedback_status ON feedback (status, updated_at, id, trashed_at) WHERE trashed_at IS NULL;
CREATE INDEX feedback_kind ON feedback (kind, updated_at, id, status, trashed_at) WHERE trashed_at IS NULL;
CREATE INDEX feedback_trashed ON feedback (updated_at, id, trashed_at) WHERE trashed_at IS NOT NULL;
-- One team's items (its list, its board, its report), and whether a team
-- can be deleted; not partial, so that it serves the foreign key too. The
-- status rides along so that the team's board counts read the index alone.
CREATE INDEX feedback_team ON feedback (team_id, trashed_at, updated_at, id, status);
CREATE INDEX feedback_duplicate_of ON feedback (duplicate_of);

-- A member raising an item, in their words. A member may raise one item
-- more than once (a duplicate's raises join the item it duplicates), each
-- quote their own; told_at is one answer per member and item, kept on each
-- of their raises of it. A raise row carries copies of its member's and
-- item's trash state and of when the item's loop closed, so that a
-- member's timeline and Today's "waiting to hear back" are walks of one
-- index each; the triggers below keep them.
CREATE TABLE feedback_raises (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	feedback_id     INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
	position        INTEGER NOT NULL, -- its place among the item's raises
	member_id       INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	quote           TEXT NOT NULL CHECK (quote <> ''),
	raised_at       TEXT NOT NULL,
	conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
	source_link     TEXT NOT NULL DEFAULT '',
	told_at         TEXT, -- NULL until the member is told the item's outcome
	created_at      TEXT NOT NULL,
	member_trashed  INTEGER NOT NULL DEFAULT 0,
	item_trashed    INTEGER NOT NULL DEFAULT 0,
	-- When the item's loop closed (shipped, declined, duplicate), while it
	-- is not deleted; NULL while it is open.
	loop_closed_at  TEXT,
	UNIQUE (feedback_id, position)
);
CREATE INDEX feedback_raises_member ON feedback_raises (member_id, item_trashed, raised_at, id);
CREATE INDEX feedback_raises_waiting ON feedback_raises (loop_closed_at, feedback_id, member_id, told_at, member_trashed)
	WHERE told_at IS NULL AND loop_closed_at IS NOT NULL AND member_trashed = 0;
CREATE INDEX feedback_raises_conversation ON feedback_raises (conversation_id);

CREATE TRIGGER feedback_raises_copy AFTER INSERT ON feedback_raises BEGIN
	UPDATE feedback_raises SET
		(item_trashed, loop_closed_at) = (
			SELECT f.trashed_at IS NOT NULL,
				CASE WHEN f.status IN ('shipped', 'declined', 'duplicate') AND f.trashed_at IS NULL
				THEN f.status_changed_at END
			FROM feedback AS f WHERE f.id = NEW.feedback_id),
		member_trashed = (SELECT m.trashed_at IS NOT NULL FROM members AS m WHERE m.id = NEW.member_id)
	WHERE id = NEW.id;
END;

CREATE TRIGGER feedback_raises_move AFTER UPDATE OF feedback_id, member_id ON feedback_raises BEGIN
	UPDATE feedback_raises SET
		(item_trashed, loop_closed_at) = (
			SELECT f.trashed_at IS NOT NULL,
				CASE WHEN f.status IN ('shipped', 'declined', 'duplicate') AND f.trashed_at IS NULL
				THEN f.status_changed_at END
			FROM feedback AS f WHERE f.id = NEW.feedback_id),
		member_trashed = (SELECT m.trashed_at IS NOT NULL FROM members AS m WHERE m.id = NEW.member_id)
	WHERE id = NEW.id;
END;

CREATE TRIGGER feedback_raises_follow AFTER UPDATE OF status, status_changed_at, trashed_at ON feedback BEGIN
	UPDATE feedback_raises SET
		item_trashed = NEW.trashed_at IS NOT NULL,
		loop_closed_at = CASE WHEN NEW.status IN ('shipped', 'declined', 'duplicate') AND NEW.trashed_at IS NULL
			THEN NEW.status_changed_at END
	WHERE feedback_id = NEW.id;
END;

CREATE TRIGGER members_feedback_raises_follow AFTER UPDATE OF trashed_at ON members BEGIN
	UPDATE feedback_raises SET member_trashed = NEW.trashed_at IS NOT NULL WHERE member_id = NEW.id;
END;

-- Every move of an item, with who and when; its creation is the first,
-- from ''.
CREATE TABLE feedback_changes (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	feedback_id  INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
	from_status  TEXT NOT NULL DEFAULT '',
	to_status    TEXT NOT NULL,
	changed_by   TEXT NOT NULL DEFAULT '',
	at           TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	duplicate_of INTEGER REFERENCES feedback (id) ON DELETE SET NULL
);
CREATE INDEX feedback_changes_item ON feedback_changes (feedback_id, id);
CREATE INDEX feedback_changes_duplicate_of ON feedback_changes (duplicate_of);

-- The promises that close the loop: a follow-up (a promise to one member,
-- who is its member) made by a change of an item that closed its loop.
-- Marking it done records that the member was told.
CREATE TABLE feedback_promises (
	follow_up_id INTEGER PRIMARY KEY REFERENCES follow_ups (id) ON DELETE CASCADE,
	feedback_id  INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
	change_id    INTEGER NOT NULL REFERENCES feedback_changes (id) ON DELETE CASCADE
);
CREATE INDEX feedback_promises_item ON feedback_promises (feedback_id, change_id);
CREATE INDEX feedback_promises_change ON feedback_promises (change_id);

-- Search over what members asked for: titles, details and the quotes of
-- members not in the trash, as for conversations (migration 0003). Deleted
-- items leave the index until they are restored.
CREATE VIRTUAL TABLE feedback_search USING fts5 (
	title, detail, quotes,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
