-- Search as you type over what the record knows of a member, private notes
-- included: they are the manager's own, and the search never leaves the app.
--
-- What is indexed for each member already in the record; storage/search.go
-- indexes the members added and changed later in the same way.
CREATE TEMP VIEW member_search_text (
	id, trashed, name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes
) AS
SELECT
	m.id,
	m.trashed_at IS NOT NULL,
	m.name,
	coalesce((SELECT group_concat(email, ' ') FROM member_emails WHERE member_id = m.id), ''),
	-- an identity known by its address alone is found by its address
	coalesce((SELECT group_concat(CASE WHEN handle <> '' THEN handle ELSE url END, ' ')
		FROM member_identities WHERE member_id = m.id), ''),
	coalesce((SELECT group_concat(tag, ' ') FROM member_tags WHERE member_id = m.id), ''),
	m.organisation,
	m.role,
	m.location,
	m.how_we_met,
	m.cares_about,
	m.notes,
	m.private_notes
FROM members AS m;

-- Living members and the trash have an index each (rowid = member id), so a
-- search counts its matches in the index alone. The indexes hold no copy of
-- the text (content = ''); contentless_delete lets a member be dropped by id.
-- remove_diacritics 2 makes "Bjorn" find "Björn" and "öberg" find "Oberg";
-- the prefix indexes keep the first letters typed fast.
CREATE VIRTUAL TABLE member_search USING fts5 (
	name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);

CREATE VIRTUAL TABLE trashed_member_search USING fts5 (
	name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);

-- Index the members already in the record.
INSERT INTO member_search (
	rowid, name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes
)
SELECT
	id, name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes
FROM member_search_text WHERE NOT trashed;

INSERT INTO trashed_member_search (
	rowid, name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes
)
SELECT
	id, name, emails, handles, tags, organisation, role, location,
	how_we_met, cares_about, notes, private_notes
FROM member_search_text WHERE trashed;

DROP VIEW member_search_text;
