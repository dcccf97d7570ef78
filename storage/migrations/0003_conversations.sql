-- Conversations, follow-ups, and the keep-in-touch state Today reads.

CREATE TABLE conversations (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	at         TEXT NOT NULL, -- when it took place
	channel    TEXT NOT NULL CHECK (channel <> ''),
	subject    TEXT NOT NULL DEFAULT '',
	notes      TEXT NOT NULL DEFAULT '',
	link       TEXT NOT NULL DEFAULT '',
	handled_by TEXT NOT NULL COLLATE NOCASE DEFAULT '',
	tone       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	trashed_at TEXT -- NULL unless deleted; a deleted conversation can be restored
);

-- The conversations list, newest first: all of them, or of one channel, or
-- handled by one manager; and the deleted ones.
CREATE INDEX conversations_at ON conversations (at, id) WHERE trashed_at IS NULL;
CREATE INDEX conversations_channel ON conversations (channel, at, id) WHERE trashed_at IS NULL;
CREATE INDEX conversations_handled_by ON conversations (handled_by, at, id) WHERE trashed_at IS NULL;
CREATE INDEX conversations_trashed ON conversations (at, id) WHERE trashed_at IS NOT NULL;
-- The smallest index of the table and not partial, so that counting every
-- conversation counts its pages' cells instead of stepping through 200,000
-- entries (storage/conversations.go, countConversationsQuery).
CREATE INDEX conversations_count ON conversations (trashed_at);

-- A participant row carries a copy of its conversation's time and trash
-- state, so that a member's conversations, newest first, are one walk of
-- conversation_participants_member. The trigger keeps the copy current.
CREATE TABLE conversation_participants (
	conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	position        INTEGER NOT NULL,
	member_id       INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	at              TEXT NOT NULL,
	trashed         INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (conversation_id, position)
) WITHOUT ROWID;
CREATE INDEX conversation_participants_member ON conversation_participants (member_id, trashed, at, conversation_id);

CREATE TRIGGER conversations_participants_follow AFTER UPDATE OF at, trashed_at ON conversations BEGIN
	UPDATE conversation_participants
	SET at = NEW.at, trashed = NEW.trashed_at IS NOT NULL
	WHERE conversation_id = NEW.id;
END;

CREATE TABLE follow_ups (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	what              TEXT NOT NULL CHECK (what <> ''),
	due               TEXT NOT NULL, -- a day, 2006-01-02, in the manager's time zone
	conversation_id   INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
	promise           INTEGER NOT NULL DEFAULT 0,
	status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
	status_changed_at TEXT NOT NULL,
	created_by        TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	-- 1 while every member it is for is in the trash: it leaves Today and the
	-- lists with them, and comes back with them. The triggers below keep it.
	hidden            INTEGER NOT NULL DEFAULT 0
);

-- Today and the follow-up lists, soonest due first: of one status, or all.
CREATE INDEX follow_ups_status ON follow_ups (status, due, id) WHERE hidden = 0;
CREATE INDEX follow_ups_due ON follow_ups (due, id) WHERE hidden = 0;
-- What came of a conversation (and clearing the link when it is removed).
CREATE INDEX follow_ups_conversation ON follow_ups (conversation_id);

-- A member row carries a copy of the follow-up's due day, so that a member's
-- timeline is one walk of follow_up_members_member.
CREATE TABLE follow_up_members (
	follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	due          TEXT NOT NULL,
	PRIMARY KEY (follow_up_id, position)
) WITHOUT ROWID;
CREATE INDEX follow_up_members_member ON follow_up_members (member_id, due, follow_up_id);

CREATE TRIGGER follow_ups_members_follow AFTER UPDATE OF due ON follow_ups BEGIN
	UPDATE follow_up_members SET due = NEW.due WHERE follow_up_id = NEW.id;
END;

CREATE TRIGGER follow_up_members_hide AFTER INSERT ON follow_up_members BEGIN
	UPDATE follow_ups
	SET hidden = NOT EXISTS (
		SELECT 1 FROM follow_up_members AS fm JOIN members AS m ON m.id = fm.member_id
		WHERE fm.follow_up_id = NEW.follow_up_id AND m.trashed_at IS NULL)
	WHERE id = NEW.follow_up_id;
END;

CREATE TRIGGER members_follow_ups_hide AFTER UPDATE OF trashed_at ON members BEGIN
	UPDATE follow_ups
	SET hidden = NOT EXISTS (
		SELECT 1 FROM follow_up_members AS fm JOIN members AS m ON m.id = fm.member_id
		WHERE fm.follow_up_id = follow_ups.id AND m.trashed_at IS NULL)
	WHERE id IN (SELECT follow_up_id FROM follow_up_members WHERE member_id = NEW.id);
END;

-- Keep-in-touch state, derived and kept by the store in the transaction that
-- changes what it derives from (storage/keepintouch.go), so that Today reads
-- a few index ranges instead of every conversation.
ALTER TABLE members ADD COLUMN last_contacted TEXT; -- the newest conversation; NULL for none
ALTER TABLE members ADD COLUMN quiet_after TEXT;    -- model.QuietAfter; NULL without a rhythm yet
ALTER TABLE members ADD COLUMN snooze_until TEXT;   -- a day's start; NULL for none
ALTER TABLE members ADD COLUMN check_in_at TEXT;    -- model.NextCheckIn

-- Today's lists of members, each in its order. The columns after id ride
-- along so that counting a list reads the index alone: the snooze, and the
-- columns of the WHERE, which SQLite checks again on each row.
CREATE INDEX members_check_in ON members (check_in_at, id, trashed_at) WHERE trashed_at IS NULL;
CREATE INDEX members_quiet ON members (quiet_after, id, snooze_until, trashed_at)
	WHERE trashed_at IS NULL AND quiet_after IS NOT NULL;
CREATE INDEX members_never_contacted ON members (created_at, id, snooze_until, trashed_at, last_contacted)
	WHERE trashed_at IS NULL AND last_contacted IS NULL;

-- A tag may carry a keep-in-touch cadence for members who have none of their own.
CREATE TABLE tag_cadences (
	tag          TEXT PRIMARY KEY COLLATE NOCASE CHECK (tag <> ''),
	cadence_days INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 3650)
) WITHOUT ROWID;

-- The members already in the record have no conversation, no snooze and no
-- tag cadence yet, so model.NextCheckIn is their creation plus their own
-- cadence, else the record's default (model.DefaultSettings when unset). The
-- fractional seconds are copied, as whole days leave them as they are.
UPDATE members SET check_in_at =
	strftime('%Y-%m-%dT%H:%M:%S', created_at, '+' ||
		CASE WHEN cadence_days > 0 THEN cadence_days
		ELSE coalesce((SELECT CAST(value AS INTEGER) FROM settings
			WHERE key = 'default_cadence_days' AND CAST(value AS INTEGER) > 0), 90)
		END || ' days')
	|| substr(created_at, 20);

-- Global search over what was said and promised, as member_search does for
-- members (migration 0002): contentless, diacritics folded, prefixes indexed.
-- Deleted conversations leave the index until they are restored.
CREATE VIRTUAL TABLE conversation_search USING fts5 (
	subject, notes,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);

CREATE VIRTUAL TABLE follow_up_search USING fts5 (
	what,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
