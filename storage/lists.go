package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"rapport/model"
)

// insertLists writes a member's emails, phones, identities and tags, each
// with its position so that the order round-trips, and what its contact card
// carried.
func insertLists(ctx context.Context, tx *tx, m *model.Member) error {
	return insertListsOf(ctx, tx, []*model.Member{m})
}

// insertListsOf writes the lists of many members as insertLists does, many
// rows per statement (one statement per row costs more than the row).
func insertListsOf(ctx context.Context, tx *tx, ms []*model.Member) error {
	emails := rowBatch{head: `INSERT INTO member_emails (member_id, position, email) VALUES `, cols: 3}
	phones := rowBatch{head: `INSERT INTO member_phones (member_id, position, phone) VALUES `, cols: 3}
	ids := rowBatch{head: `INSERT INTO member_identities (member_id, position, platform, handle, url) VALUES `, cols: 5}
	tags := rowBatch{head: `INSERT INTO member_tags (member_id, position, tag, member_name, member_trashed) VALUES `, cols: 5}
	cards := rowBatch{head: `INSERT INTO member_cards (member_id, photo, photo_type, extra_lines) VALUES `, cols: 4}
	for _, m := range ms {
		for i, e := range m.Emails {
			emails.add(m.ID, i, e)
		}
		for i, p := range m.Phones {
			phones.add(m.ID, i, p)
		}
		for i, id := range m.Identities {
			ids.add(m.ID, i, id.Platform, id.Handle, id.URL)
		}
		for i, t := range m.Tags {
			tags.add(m.ID, i, t, m.Name, m.InTrash())
		}
		if len(m.Photo) == 0 && m.PhotoType == "" && len(m.VCardExtra) == 0 {
			continue
		}
		var photo any // NULL for none
		if len(m.Photo) > 0 {
			photo = m.Photo
		}
		extra := m.VCardExtra
		if extra == nil {
			extra = []string{} // [] rather than null
		}
		lines, err := json.Marshal(extra)
		if err != nil {
			return err
		}
		cards.add(m.ID, photo, m.PhotoType, string(lines))
	}
	for _, b := range []*rowBatch{&emails, &phones, &ids, &tags, &cards} {
		if err := b.exec(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// rowBatch gathers the rows of one INSERT to write them in few statements.
type rowBatch struct {
	head string // INSERT INTO … VALUES
	cols int
	args []any
}

func (b *rowBatch) add(args ...any) { b.args = append(b.args, args...) }

// exec writes the rows, as many per statement as SQLite takes parameters
// (32,766), less a margin.
func (b *rowBatch) exec(ctx context.Context, tx *tx) error {
	const maxParams = 30_000
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	for args := b.args; len(args) > 0; {
		n := min(len(args)/b.cols, maxParams/b.cols)
		if _, err := tx.exec(ctx, b.head+strings.TrimSuffix(strings.Repeat(row+", ", n), ", "), args[:n*b.cols]...); err != nil {
			return err
		}
		args = args[n*b.cols:]
	}
	return nil
}

// The lists of the members of a page, given their ids as a JSON array: one
// query per list, whatever the size of the page.
const (
	listEmails = `SELECT member_id, email FROM member_emails
		WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY member_id, position`
	listPhones = `SELECT member_id, phone FROM member_phones
		WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY member_id, position`
	listIdentities = `SELECT member_id, platform, handle, url FROM member_identities
		WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY member_id, position`
	listTags = `SELECT member_id, tag FROM member_tags
		WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY member_id, position`
	listCards = `SELECT member_id, photo, photo_type, extra_lines FROM member_cards
		WHERE member_id IN (SELECT value FROM json_each(?))`
)

// loadLists fills in the lists of the members of a page.
func loadLists(ctx context.Context, tx *tx, ms []model.Member) error {
	if len(ms) == 0 {
		return nil
	}
	byID := make(map[int64]*model.Member, len(ms))
	ids := make([]byte, 0, 8*len(ms))
	ids = append(ids, '[')
	for i := range ms {
		byID[ms[i].ID] = &ms[i]
		if i > 0 {
			ids = append(ids, ',')
		}
		ids = strconv.AppendInt(ids, ms[i].ID, 10)
	}
	ids = append(ids, ']')
	list := string(ids)
	var id int64
	var a, b, c string
	if err := eachRow(ctx, tx, listEmails, list,
		func(rows scanner) error {
			if err := rows.Scan(&id, &a); err != nil {
				return err
			}
			byID[id].Emails = append(byID[id].Emails, a)
			return nil
		}); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, listPhones, list,
		func(rows scanner) error {
			if err := rows.Scan(&id, &a); err != nil {
				return err
			}
			byID[id].Phones = append(byID[id].Phones, a)
			return nil
		}); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, listIdentities, list,
		func(rows scanner) error {
			if err := rows.Scan(&id, &a, &b, &c); err != nil {
				return err
			}
			byID[id].Identities = append(byID[id].Identities, model.Identity{Platform: a, Handle: b, URL: c})
			return nil
		}); err != nil {
		return err
	}
	if err := eachRow(ctx, tx, listTags, list,
		func(rows scanner) error {
			if err := rows.Scan(&id, &a); err != nil {
				return err
			}
			byID[id].Tags = append(byID[id].Tags, a)
			return nil
		}); err != nil {
		return err
	}
	return eachRow(ctx, tx, listCards, list,
		func(rows scanner) error {
			var photo []byte
			if err := rows.Scan(&id, &photo, &a, &b); err != nil {
				return err
			}
			m := byID[id]
			m.Photo, m.PhotoType = photo, a
			if err := json.Unmarshal([]byte(b), &m.VCardExtra); err != nil {
				return fmt.Errorf("member %d: stored card lines: %w", id, err)
			}
			if len(m.VCardExtra) == 0 {
				m.VCardExtra = nil
			}
			return nil
		})
}
