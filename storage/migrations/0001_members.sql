-- Managers are the people who keep the record. The one using it now ("me") is
-- named in settings, so a record that changes hands keeps its earlier keepers.
CREATE TABLE managers (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (name <> ''),
	created_at TEXT NOT NULL
);

-- The record's own preferences, one row per setting.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Times are UTC text of fixed width (2006-01-02T15:04:05.000000000Z), so that
-- they compare and sort as text.
CREATE TABLE members (
	-- AUTOINCREMENT: a purged member's id is never given to someone else.
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT NOT NULL CHECK (name <> ''),
	pronouns      TEXT NOT NULL DEFAULT '',
	organisation  TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL DEFAULT '',
	location      TEXT NOT NULL DEFAULT '',
	time_zone     TEXT NOT NULL DEFAULT '',
	how_we_met    TEXT NOT NULL DEFAULT '',
	cares_about   TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	private_notes TEXT NOT NULL DEFAULT '',
	cadence_days  INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days >= 0),
	uid           TEXT NOT NULL DEFAULT '', -- the vCard UID, kept across exports and imports
	birthday      TEXT NOT NULL DEFAULT '', -- 2006-01-02, or --01-02 without the year
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL DEFAULT '',
	trashed_at    TEXT -- NULL unless the member is in the trash
);

-- The member list pages through the living record or the trash by name, then
-- id; one partial index each keeps both pages a plain index walk.
CREATE INDEX members_living_name ON members (name COLLATE NOCASE, id) WHERE trashed_at IS NULL;
CREATE INDEX members_trashed_name ON members (name COLLATE NOCASE, id) WHERE trashed_at IS NOT NULL;
-- Finding a member by UID (imports match on it).
CREATE INDEX members_uid ON members (uid) WHERE uid <> '';

-- What a contact card carried that the list never shows, kept out of the
-- members rows so that they stay small: the photo, and the card's lines that
-- have no field of their own (a JSON array of unfolded content lines).
CREATE TABLE member_cards (
	member_id   INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
	photo       BLOB,
	photo_type  TEXT NOT NULL DEFAULT '',
	extra_lines TEXT NOT NULL DEFAULT '[]'
);

-- Lists that belong to a member keep the order the manager gave them.
CREATE TABLE member_emails (
	member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	email     TEXT NOT NULL CHECK (email <> ''),
	PRIMARY KEY (member_id, position)
) WITHOUT ROWID;
-- Finding a member by address (imports match on it).
CREATE INDEX member_emails_email ON member_emails (email COLLATE NOCASE);

CREATE TABLE member_phones (
	member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	phone     TEXT NOT NULL CHECK (phone <> ''),
	PRIMARY KEY (member_id, position)
) WITHOUT ROWID;

CREATE TABLE member_identities (
	member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	platform  TEXT NOT NULL,
	handle    TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (member_id, position)
) WITHOUT ROWID;
-- Finding a member by handle (imports match on it).
CREATE INDEX member_identities_handle ON member_identities (handle COLLATE NOCASE, platform COLLATE NOCASE);

-- A tag row carries a copy of its member's name and trash state, so that the
-- page of a tag is one walk of member_tags_page in list order, and counting a
-- tag reads that index alone. The store writes the copy with the tag; the
-- triggers below fill it when a row comes without it and keep it current.
CREATE TABLE member_tags (
	member_id      INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	tag            TEXT NOT NULL COLLATE NOCASE CHECK (tag <> ''),
	member_name    TEXT NOT NULL COLLATE NOCASE DEFAULT '',
	member_trashed INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (member_id, position),
	UNIQUE (member_id, tag)
) WITHOUT ROWID;
-- The tag filter, tag counts and the list of tags in use.
CREATE INDEX member_tags_page ON member_tags (tag, member_trashed, member_name, member_id);

CREATE TRIGGER member_tags_copy AFTER INSERT ON member_tags WHEN NEW.member_name = '' BEGIN
	UPDATE member_tags
	SET (member_name, member_trashed) = (SELECT name, trashed_at IS NOT NULL FROM members WHERE id = NEW.member_id)
	WHERE member_id = NEW.member_id AND position = NEW.position;
END;

CREATE TRIGGER members_tags_follow AFTER UPDATE OF name, trashed_at ON members BEGIN
	UPDATE member_tags
	SET member_name = NEW.name, member_trashed = NEW.trashed_at IS NOT NULL
	WHERE member_id = NEW.id;
END;
