package storage

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// fixedNow is the clock of every test store.
var fixedNow = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

// MustOpenDB opens a new record in a file of its own under tb.TempDir, with
// the clock stopped at fixedNow, and closes it when the test ends.
func MustOpenDB(tb testing.TB) *Store {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "record.db"))
}

func mustOpenPath(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%q): %v", path, err)
	}
	s.Now = func() time.Time { return fixedNow }
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// newMember is a member with a name and tags, the rest left empty.
func newMember(name string, tags ...string) model.Member {
	return model.Member{Name: name, Tags: tags}
}

// fullMember is a member with every field the manager can fill.
func fullMember() model.Member {
	return model.Member{
		Name:         "Amara Okafor",
		Pronouns:     "she/her",
		Emails:       []string{"amara@example.org", "a.okafor@work.example.com"},
		Phones:       []string{"+234 803 555 0100", "(01) 555-0199 x12"},
		Organisation: "Lagos Dev Collective",
		Role:         "maintainer",
		Location:     "Lagos",
		TimeZone:     "Africa/Lagos",
		HowWeMet:     "Her first pull request fixed the docs build.",
		CaresAbout:   "Docs newcomers can follow; mentoring.",
		Notes:        "Prefers Matrix to email.",
		PrivateNotes: "Was burnt out in 2023; go gently.",
		Tags:         []string{"maintainer", "docs", "Mentor"},
		Identities: []model.Identity{
			{Platform: "GitHub", Handle: "amara-o"},
			{Platform: "Matrix", Handle: "@amara:matrix.org"},
			{Platform: "Website", URL: "https://amara.example.org/"},
		},
		CadenceDays: 30,
		UID:         "urn:uuid:4f1c2b8e-9d3a-4c5e-8f7a-1b2c3d4e5f60",
		Birthday:    "--04-15",
		Photo:       []byte("\x89PNG\r\n\x1a\n\x00\x00 not really an image"),
		PhotoType:   "image/png",
		VCardExtra:  []string{"item1.TEL;TYPE=cell:+234 803 555 0100", "item1.X-ABLabel:Signal", "X-CUSTOM;X-A=b:c\\,d"},
		CreatedBy:   "Sam",
	}
}

// mustCreate stores m and returns it as stored.
func mustCreate(tb testing.TB, s *Store, m model.Member) model.Member {
	tb.Helper()
	if err := s.CreateMember(context.Background(), &m); err != nil {
		tb.Fatalf("CreateMember(%q): %v", m.Name, err)
	}
	return m
}

// memberDiff describes how got differs from want, or returns "".
// Empty and nil lists are the same.
func memberDiff(got, want model.Member) string {
	var d []string
	add := func(field string, g, w any) { d = append(d, fmt.Sprintf("%s: got %#v, want %#v", field, g, w)) }
	if got.ID != want.ID {
		add("ID", got.ID, want.ID)
	}
	for _, f := range []struct {
		name string
		g, w string
	}{
		{"Name", got.Name, want.Name}, {"Pronouns", got.Pronouns, want.Pronouns},
		{"Organisation", got.Organisation, want.Organisation}, {"Role", got.Role, want.Role},
		{"Location", got.Location, want.Location}, {"TimeZone", got.TimeZone, want.TimeZone},
		{"HowWeMet", got.HowWeMet, want.HowWeMet}, {"CaresAbout", got.CaresAbout, want.CaresAbout},
		{"Notes", got.Notes, want.Notes}, {"PrivateNotes", got.PrivateNotes, want.PrivateNotes},
		{"CreatedBy", got.CreatedBy, want.CreatedBy}, {"UID", got.UID, want.UID},
		{"Birthday", got.Birthday, want.Birthday}, {"PhotoType", got.PhotoType, want.PhotoType},
	} {
		if f.g != f.w {
			add(f.name, f.g, f.w)
		}
	}
	if !slices.Equal(got.Emails, want.Emails) {
		add("Emails", got.Emails, want.Emails)
	}
	if !slices.Equal(got.Phones, want.Phones) {
		add("Phones", got.Phones, want.Phones)
	}
	if !slices.Equal(got.Tags, want.Tags) {
		add("Tags", got.Tags, want.Tags)
	}
	if !slices.Equal(got.Identities, want.Identities) {
		add("Identities", got.Identities, want.Identities)
	}
	if !bytes.Equal(got.Photo, want.Photo) {
		add("Photo", got.Photo, want.Photo)
	}
	if !slices.Equal(got.VCardExtra, want.VCardExtra) {
		add("VCardExtra", got.VCardExtra, want.VCardExtra)
	}
	if got.CadenceDays != want.CadenceDays {
		add("CadenceDays", got.CadenceDays, want.CadenceDays)
	}
	for _, f := range []struct {
		name string
		g, w time.Time
	}{
		{"CreatedAt", got.CreatedAt, want.CreatedAt}, {"UpdatedAt", got.UpdatedAt, want.UpdatedAt},
		{"TrashedAt", got.TrashedAt, want.TrashedAt},
	} {
		if !f.g.Equal(f.w) {
			add(f.name, f.g, f.w)
		}
	}
	return strings.Join(d, "\n")
}

// names lists the names of ms, for messages.
func names(ms []model.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

func mustParse(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// checkCopies fails the test unless the copies the store keeps agree with
// the members: each tag row's copy of its member's name and trash state, and
// each member in exactly the search index of the living or of the trash.
func checkCopies(tb testing.TB, s *Store) {
	tb.Helper()
	var n int
	if err := s.db.QueryRow(`
		SELECT count(*) FROM member_tags AS t JOIN members AS m ON m.id = t.member_id
		WHERE t.member_name <> m.name OR t.member_trashed <> (m.trashed_at IS NOT NULL)`).Scan(&n); err != nil || n != 0 {
		tb.Errorf("%d tag rows disagree with their member (%v)", n, err)
	}
	for _, c := range []struct {
		table, cond string
	}{
		{"member_search", "trashed_at IS NULL"},
		{"trashed_member_search", "trashed_at IS NOT NULL"},
	} {
		var indexed, want, stray int
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + c.table).Scan(&indexed); err != nil {
			tb.Fatal(err)
		}
		if err := s.db.QueryRow(`SELECT count(*) FROM members WHERE ` + c.cond).Scan(&want); err != nil {
			tb.Fatal(err)
		}
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + c.table + ` WHERE rowid NOT IN (SELECT id FROM members WHERE ` + c.cond + `)`).Scan(&stray); err != nil {
			tb.Fatal(err)
		}
		if indexed != want || stray != 0 {
			tb.Errorf("%s holds %d members (%d stray), want %d", c.table, indexed, stray, want)
		}
	}
}
