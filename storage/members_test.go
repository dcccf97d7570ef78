package storage

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestCreateMemberRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	want := fullMember()
	m := want
	if err := s.CreateMember(ctx, &m); err != nil {
		t.Fatalf("CreateMember: %v", err)
	}
	if m.ID <= 0 {
		t.Fatalf("CreateMember set ID %d, want a positive id", m.ID)
	}
	want.ID, want.CreatedAt, want.UpdatedAt = m.ID, fixedNow, fixedNow
	if d := memberDiff(m, want); d != "" {
		t.Errorf("member after CreateMember:\n%s", d)
	}

	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatalf("Member: %v", err)
	}
	if d := memberDiff(got, want); d != "" {
		t.Errorf("Member(%d):\n%s", m.ID, d)
	}
	page, err := s.Members(ctx, model.MemberFilter{})
	if err != nil || len(page) != 1 {
		t.Fatalf("Members = %v, %v; want the member", names(page), err)
	}
	if d := memberDiff(page[0], want); d != "" {
		t.Errorf("Members()[0]:\n%s", d)
	}
}

func TestCreateMemberNormalizes(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := model.Member{
		ID:        99, // ignored: the store gives the id
		Name:      "  Chen   Wei ",
		Emails:    []string{" chen@example.org ", "", "chen@example.org"},
		Tags:      []string{"Docs", "docs", " maintainer "},
		TrashedAt: fixedNow.Add(-time.Hour), // a new member is living
		Identities: []model.Identity{
			{Platform: "GitHub", Handle: " chenw "},
			{Platform: "Slack"}, // nothing to find them by: dropped
		},
	}
	if err := s.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Member{
		ID: m.ID, Name: "Chen Wei", Emails: []string{"chen@example.org"}, Tags: []string{"Docs", "maintainer"},
		Identities: []model.Identity{{Platform: "GitHub", Handle: "chenw"}},
		CreatedAt:  fixedNow, UpdatedAt: fixedNow,
		UID: m.UID, // made up by the store (TestUID)
	}
	if d := memberDiff(got, want); d != "" {
		t.Errorf("stored member:\n%s", d)
	}
	if d := memberDiff(m, want); d != "" {
		t.Errorf("member after CreateMember:\n%s", d)
	}
}

func TestCreateMemberInvalid(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	tests := []struct {
		name   string
		edit   func(*model.Member)
		fields []string
	}{
		{"no name", func(m *model.Member) { m.Name = "   " }, []string{model.FieldName}},
		{"long name", func(m *model.Member) { m.Name = strings.Repeat("n", 201) }, []string{model.FieldName}},
		{"email", func(m *model.Member) { m.Emails = []string{"amara at example"} }, []string{model.FieldEmails}},
		{"phone", func(m *model.Member) { m.Phones = []string{"call me"} }, []string{model.FieldPhones}},
		{"identity without platform", func(m *model.Member) { m.Identities = []model.Identity{{Handle: "amara"}} }, []string{model.FieldIdentities}},
		{"identity url", func(m *model.Member) {
			m.Identities = []model.Identity{{Platform: "Website", URL: "amara.example.org"}}
		}, []string{model.FieldIdentities}},
		{"tag with comma", func(m *model.Member) { m.Tags = []string{"a,b"} }, []string{model.FieldTags}},
		{"cadence", func(m *model.Member) { m.CadenceDays = -1 }, []string{model.FieldCadence}},
		{"birthday", func(m *model.Member) { m.Birthday = "15/04/1990" }, []string{model.FieldBirthday}},
		{"several", func(m *model.Member) { m.Name, m.CadenceDays = "", 5000 }, []string{model.FieldName, model.FieldCadence}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fullMember()
			tt.edit(&m)
			err := s.CreateMember(ctx, &m)
			v, ok := err.(model.ValidationError)
			if !ok {
				t.Fatalf("CreateMember = %v (%T), want a model.ValidationError", err, err)
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("CreateMember = %v, want errors.Is ErrInvalid", err)
			}
			for _, f := range tt.fields {
				if v.Problem(f) == "" {
					t.Errorf("CreateMember = %v, want a problem with %q", err, f)
				}
			}
			if m.ID != 0 {
				t.Errorf("ID = %d after a refused create, want 0", m.ID)
			}
		})
	}
	if n, err := s.CountMembers(ctx, model.MemberFilter{}); err != nil || n != 0 {
		t.Errorf("CountMembers = %d, %v after refused creates; want 0", n, err)
	}
}

func TestCreatedByIsMe(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	before := mustCreate(t, s, newMember("Before Welcome"))
	if before.CreatedBy != "" {
		t.Errorf("CreatedBy before SetMe = %q, want empty", before.CreatedBy)
	}
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, createdBy, want string
	}{
		{"stamped", "", "Sam Rivera"},
		{"given", "Former Manager", "Former Manager"},
	}
	for _, tt := range tests {
		m := newMember(tt.name)
		m.CreatedBy = tt.createdBy
		m = mustCreate(t, s, m)
		got, err := s.Member(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.CreatedBy != tt.want || m.CreatedBy != tt.want {
			t.Errorf("%s: CreatedBy = %q stored, %q returned; want %q", tt.name, got.CreatedBy, m.CreatedBy, tt.want)
		}
	}
}

func TestClock(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara Okafor"))
	if !m.CreatedAt.Equal(fixedNow) || !m.UpdatedAt.Equal(fixedNow) {
		t.Errorf("created %v, updated %v; want both %v", m.CreatedAt, m.UpdatedAt, fixedNow)
	}
	later := fixedNow.Add(36 * time.Hour)
	s.Now = func() time.Time { return later.In(time.FixedZone("UTC+2", 2*3600)) }
	m.Role = "maintainer"
	m.CreatedAt = time.Time{} // the store keeps the stored one
	if err := s.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(fixedNow) || !got.UpdatedAt.Equal(later) {
		t.Errorf("after update: created %v, updated %v; want %v, %v", got.CreatedAt, got.UpdatedAt, fixedNow, later)
	}
	if got.UpdatedAt.Location() != time.UTC {
		t.Errorf("UpdatedAt in %v, want UTC", got.UpdatedAt.Location())
	}
	if err := s.TrashMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Member(ctx, m.ID); !got.TrashedAt.Equal(later) {
		t.Errorf("TrashedAt = %v, want %v", got.TrashedAt, later)
	}
}

func TestUpdateMember(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	orig := mustCreate(t, s, fullMember())
	other := mustCreate(t, s, newMember("Other", "docs"))

	later := fixedNow.Add(time.Minute)
	s.Now = func() time.Time { return later }
	m := orig
	m.Name, m.Pronouns, m.Organisation, m.Role = "Amara O. Okafor", "she/they", "Guild", "steward"
	m.Location, m.TimeZone, m.HowWeMet, m.CaresAbout = "Abuja", "UTC+1", "At FOSDEM.", "Accessibility."
	m.Notes, m.PrivateNotes, m.CadenceDays = "New notes.", "", 14
	m.Emails = []string{"a.okafor@work.example.com", "new@example.org"} // reordered, one dropped, one added
	m.Phones = nil
	m.Tags = []string{"Mentor", "events"}
	m.Identities = []model.Identity{{Platform: "Matrix", Handle: "@amara:matrix.org"}, {Platform: "Mastodon", Handle: "@amara@example.social"}}
	m.Birthday, m.Photo, m.PhotoType, m.VCardExtra = "1990-04-15", []byte{1, 2, 3}, "image/jpeg", []string{"X-ONE:1"}
	m.CreatedBy, m.CreatedAt = "Someone Else", later // kept from the stored member
	if err := s.UpdateMember(ctx, &m); err != nil {
		t.Fatalf("UpdateMember: %v", err)
	}
	want := m
	want.CreatedBy, want.CreatedAt, want.UpdatedAt = orig.CreatedBy, orig.CreatedAt, later
	if d := memberDiff(m, want); d != "" {
		t.Errorf("member after UpdateMember:\n%s", d)
	}
	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := memberDiff(got, want); d != "" {
		t.Errorf("Member after UpdateMember:\n%s", d)
	}
	// The other member is untouched.
	if got, err := s.Member(ctx, other.ID); err != nil || memberDiff(got, other) != "" {
		t.Errorf("other member after UpdateMember: %v\n%s", err, memberDiff(got, other))
	}

	bad := m
	bad.Emails = []string{"nope"}
	if err := s.UpdateMember(ctx, &bad); !errors.As(err, new(model.ValidationError)) {
		t.Errorf("UpdateMember of an invalid member = %v, want a ValidationError", err)
	}
	if got, _ := s.Member(ctx, m.ID); memberDiff(got, want) != "" {
		t.Errorf("a refused update changed the member:\n%s", memberDiff(got, want))
	}
	checkCopies(t, s)
}

func TestNotFound(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustCreate(t, s, newMember("Amara Okafor"))
	const id = 4242
	missing := newMember("Nobody")
	missing.ID = id
	tests := []struct {
		name string
		call func() error
	}{
		{"Member", func() error { _, err := s.Member(ctx, id); return err }},
		{"UpdateMember", func() error { return s.UpdateMember(ctx, &missing) }},
		{"TrashMember", func() error { return s.TrashMember(ctx, id) }},
		{"RestoreMember", func() error { return s.RestoreMember(ctx, id) }},
		{"PurgeMember", func() error { return s.PurgeMember(ctx, id) }},
	}
	for _, tt := range tests {
		err := tt.call()
		if !errors.Is(err, model.ErrNotFound) || !strings.Contains(err.Error(), fmt.Sprint(id)) {
			t.Errorf("%s(%d) = %v, want ErrNotFound naming the id", tt.name, id, err)
		}
	}
}

func TestTrashRestorePurge(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, fullMember())
	b := mustCreate(t, s, newMember("Björn Öberg", "newcomer"))

	living := func() []string {
		ms, err := s.Members(ctx, model.MemberFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return names(ms)
	}
	trash := func() []string {
		ms, err := s.Members(ctx, model.MemberFilter{Trashed: true})
		if err != nil {
			t.Fatal(err)
		}
		return names(ms)
	}
	check := func(step string, wantLiving, wantTrash []string) {
		t.Helper()
		if got := living(); !slices.Equal(got, wantLiving) {
			t.Errorf("%s: living = %q, want %q", step, got, wantLiving)
		}
		if got := trash(); !slices.Equal(got, wantTrash) {
			t.Errorf("%s: trash = %q, want %q", step, got, wantTrash)
		}
		for _, c := range []struct {
			trashed bool
			want    int
		}{{false, len(wantLiving)}, {true, len(wantTrash)}} {
			if n, err := s.CountMembers(ctx, model.MemberFilter{Trashed: c.trashed}); err != nil || n != c.want {
				t.Errorf("%s: CountMembers(trashed %v) = %d, %v; want %d", step, c.trashed, n, err, c.want)
			}
		}
	}

	check("start", []string{"Amara Okafor", "Björn Öberg"}, nil)
	if err := s.TrashMember(ctx, a.ID); err != nil {
		t.Fatalf("TrashMember: %v", err)
	}
	check("trashed", []string{"Björn Öberg"}, []string{"Amara Okafor"})
	got, err := s.Member(ctx, a.ID)
	if err != nil || !got.InTrash() || !got.TrashedAt.Equal(fixedNow) {
		t.Errorf("Member of a trashed member = TrashedAt %v, %v; want %v", got.TrashedAt, err, fixedNow)
	}
	if tags, _ := s.Tags(ctx); !slices.Equal(tags, []string{"newcomer"}) {
		t.Errorf("Tags with the member trashed = %q, want only the living one's", tags)
	}
	s.Now = func() time.Time { return fixedNow.Add(time.Hour) }
	if err := s.TrashMember(ctx, a.ID); err != nil {
		t.Errorf("TrashMember twice = %v, want nil", err)
	}
	if got, _ := s.Member(ctx, a.ID); !got.TrashedAt.Equal(fixedNow) {
		t.Errorf("trashing twice moved TrashedAt to %v, want %v", got.TrashedAt, fixedNow)
	}

	if err := s.RestoreMember(ctx, a.ID); err != nil {
		t.Fatalf("RestoreMember: %v", err)
	}
	check("restored", []string{"Amara Okafor", "Björn Öberg"}, nil)
	if got, _ := s.Member(ctx, a.ID); memberDiff(got, a) != "" {
		t.Errorf("restored member differs:\n%s", memberDiff(got, a))
	}
	if err := s.RestoreMember(ctx, a.ID); err != nil {
		t.Errorf("RestoreMember of a living member = %v, want nil", err)
	}

	if err := s.PurgeMember(ctx, a.ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("PurgeMember of a living member = %v, want ErrConflict", err)
	}
	check("purge refused", []string{"Amara Okafor", "Björn Öberg"}, nil)

	if err := s.TrashMember(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeMember(ctx, a.ID); err != nil {
		t.Fatalf("PurgeMember: %v", err)
	}
	check("purged", []string{"Björn Öberg"}, nil)
	if _, err := s.Member(ctx, a.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Member after purge = %v, want ErrNotFound", err)
	}
	for _, table := range []string{"member_emails", "member_phones", "member_identities", "member_tags"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM `+table+` WHERE member_id = ?`, a.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s rows left after purge: %d, %v", table, n, err)
		}
	}
	// A new member never takes a purged member's id.
	if c := mustCreate(t, s, newMember("Chen Wei")); c.ID <= b.ID {
		t.Errorf("new member got id %d, want above %d", c.ID, b.ID)
	}
	checkCopies(t, s)
}

// collate sorts names as the record does: without ASCII case, then by id.
func collate(a, b model.Member) int {
	if c := strings.Compare(asciiLower(a.Name), asciiLower(b.Name)); c != 0 {
		return c
	}
	return int(a.ID - b.ID)
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func TestMembersPaging(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	var all []model.Member
	for i, name := range []string{
		"alex", "Alex", "ALEX", "Bea", "bea", "Zoe", "zoe kim", "Émile", "Ölmez", "chen", "Chen Wei",
		"Amara", "amara", "Dana", "eve", "Eve", "Farid", "gus", "Hana", "ida", "Ida", "Jon", "kai", "Lee",
	} {
		tags := []string{"odd"}
		if i%2 == 0 {
			tags = []string{"even"}
		}
		all = append(all, mustCreate(t, s, newMember(name, tags...)))
	}
	trashed := mustCreate(t, s, newMember("Aaron"))
	if err := s.TrashMember(ctx, trashed.ID); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, collate)

	tests := []struct {
		name   string
		filter model.MemberFilter
		want   []model.Member
	}{
		{"all", model.MemberFilter{}, all},
		{"tag", model.MemberFilter{Tag: "EVEN"}, slices.DeleteFunc(slices.Clone(all), func(m model.Member) bool { return m.Tags[0] != "even" })},
		{"tag with spaces", model.MemberFilter{Tag: "  odd "}, slices.DeleteFunc(slices.Clone(all), func(m model.Member) bool { return m.Tags[0] != "odd" })},
		{"unknown tag", model.MemberFilter{Tag: "nobody"}, nil},
		{"trash", model.MemberFilter{Trashed: true}, []model.Member{trashed}},
	}
	for _, tt := range tests {
		for _, size := range []int{1, 5, 7, 100} {
			t.Run(fmt.Sprintf("%s by %d", tt.name, size), func(t *testing.T) {
				var got []model.Member
				for offset := 0; ; offset += size {
					f := tt.filter
					f.Offset, f.Limit = offset, size
					page, err := s.Members(ctx, f)
					if err != nil {
						t.Fatalf("Members(offset %d): %v", offset, err)
					}
					if len(page) > size {
						t.Fatalf("page of %d members, want at most %d", len(page), size)
					}
					got = append(got, page...)
					if len(page) < size {
						break
					}
				}
				if !slices.EqualFunc(got, tt.want, func(a, b model.Member) bool { return a.ID == b.ID }) {
					t.Errorf("pages =\n%q\nwant\n%q", names(got), names(tt.want))
				}
				f := tt.filter
				f.Offset = 3 // CountMembers ignores paging
				if n, err := s.CountMembers(ctx, f); err != nil || n != len(tt.want) {
					t.Errorf("CountMembers = %d, %v; want %d", n, err, len(tt.want))
				}
			})
		}
	}

	t.Run("bounds", func(t *testing.T) {
		for _, c := range []struct {
			f    model.MemberFilter
			want int
		}{
			{model.MemberFilter{Offset: len(all)}, 0},
			{model.MemberFilter{Offset: len(all) - 2}, 2},
			{model.MemberFilter{Offset: -5, Limit: 3}, 3},
			{model.MemberFilter{Limit: -1}, len(all)},
		} {
			page, err := s.Members(ctx, c.f)
			if err != nil || len(page) != c.want {
				t.Errorf("Members(%+v) = %d members, %v; want %d", c.f, len(page), err, c.want)
			}
		}
	})
}

func TestMembersDefaultPageSize(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	fillRecord(t, s, model.DefaultPageSize+5)
	page, err := s.Members(ctx, model.MemberFilter{})
	if err != nil || len(page) != model.DefaultPageSize {
		t.Errorf("Members with Limit 0 = %d members, %v; want %d", len(page), err, model.DefaultPageSize)
	}
	// Every member of the page has its lists.
	for _, m := range page {
		if len(m.Emails) == 0 || len(m.Identities) == 0 || len(m.Tags) == 0 {
			t.Errorf("member %d on the page lacks its lists: %+v", m.ID, m)
		}
	}
}

func TestTags(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if tags, err := s.Tags(ctx); err != nil || len(tags) != 0 {
		t.Errorf("Tags of an empty record = %q, %v; want none", tags, err)
	}
	mustCreate(t, s, newMember("A", "docs", "Maintainer", "zine"))
	mustCreate(t, s, newMember("B", "Docs", "events"))
	mustCreate(t, s, newMember("C", "beta"))
	gone := mustCreate(t, s, newMember("D", "gone", "events"))
	if err := s.TrashMember(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	tags, err := s.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"beta", "Docs", "events", "Maintainer", "zine"}; !slices.EqualFunc(tags, want, strings.EqualFold) {
		t.Errorf("Tags = %q, want %q (case aside)", tags, want)
	}
}

// TestTagPageFollowsMember: the tag index keeps a copy of each member's name
// and trash state; renaming and trashing move the member in it.
func TestTagPageFollowsMember(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	zed := mustCreate(t, s, newMember("Zed", "crew"))
	mustCreate(t, s, newMember("Amy", "crew"))
	page := func(trashed bool) []string {
		t.Helper()
		ms, err := s.Members(ctx, model.MemberFilter{Tag: "crew", Trashed: trashed})
		if err != nil {
			t.Fatal(err)
		}
		return names(ms)
	}
	if got, want := page(false), []string{"Amy", "Zed"}; !slices.Equal(got, want) {
		t.Errorf("tag page = %q, want %q", got, want)
	}
	zed.Name = "Aaron"
	if err := s.UpdateMember(ctx, &zed); err != nil {
		t.Fatal(err)
	}
	if got, want := page(false), []string{"Aaron", "Amy"}; !slices.Equal(got, want) {
		t.Errorf("tag page after renaming = %q, want %q", got, want)
	}
	// A rename straight in SQL (a repair by hand) is followed too.
	if _, err := s.db.Exec(`UPDATE members SET name = 'Zoltan' WHERE id = ?`, zed.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := page(false), []string{"Amy", "Zoltan"}; !slices.Equal(got, want) {
		t.Errorf("tag page after renaming in SQL = %q, want %q", got, want)
	}
	if err := s.TrashMember(ctx, zed.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := page(false), []string{"Amy"}; !slices.Equal(got, want) {
		t.Errorf("tag page after trashing = %q, want %q", got, want)
	}
	if got, want := page(true), []string{"Zoltan"}; !slices.Equal(got, want) {
		t.Errorf("trash by tag = %q, want %q", got, want)
	}
	if n, err := s.CountMembers(ctx, model.MemberFilter{Tag: "CREW", Trashed: true}); err != nil || n != 1 {
		t.Errorf("CountMembers of the trash by tag = %d, %v; want 1", n, err)
	}
	// Editing a member in the trash keeps its new tags in the trash.
	zed, err := s.Member(ctx, zed.ID)
	if err != nil {
		t.Fatal(err)
	}
	zed.Tags = append(zed.Tags, "alumni")
	if err := s.UpdateMember(ctx, &zed); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		trashed bool
		want    int
	}{{false, 0}, {true, 1}} {
		if n, err := s.CountMembers(ctx, model.MemberFilter{Tag: "alumni", Trashed: c.trashed}); err != nil || n != c.want {
			t.Errorf("CountMembers(alumni, trashed %v) = %d, %v; want %d", c.trashed, n, err, c.want)
		}
	}
	checkCopies(t, s)
}

func TestUID(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, newMember("Amara"))
	b := mustCreate(t, s, newMember("Björn"))
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, m := range []model.Member{a, b} {
		if !uuid.MatchString(m.UID) {
			t.Errorf("%s got UID %q, want a urn:uuid", m.Name, m.UID)
		}
	}
	if a.UID == b.UID {
		t.Errorf("two members share UID %q", a.UID)
	}
	given := newMember("Chen")
	given.UID = "urn:uuid:4f1c2b8e-9d3a-4c5e-8f7a-1b2c3d4e5f60"
	if got := mustCreate(t, s, given); got.UID != given.UID {
		t.Errorf("UID given on create became %q, want %q", got.UID, given.UID)
	}

	// An update without a UID keeps the stored one; one with a UID sets it.
	edit := a
	edit.UID, edit.Role = "", "maintainer"
	if err := s.UpdateMember(ctx, &edit); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Member(ctx, a.ID); got.UID != a.UID || edit.UID != a.UID {
		t.Errorf("UID after an update without one = %q stored, %q returned; want %q kept", got.UID, edit.UID, a.UID)
	}
	edit.UID = "urn:uuid:imported"
	if err := s.UpdateMember(ctx, &edit); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Member(ctx, a.ID); got.UID != "urn:uuid:imported" {
		t.Errorf("UID after an update with one = %q, want it set", got.UID)
	}
}

func TestCardDataRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := fullMember()
	m.Photo = make([]byte, 256<<10) // a large photo, every byte value
	for i := range m.Photo {
		m.Photo[i] = byte(i)
	}
	m = mustCreate(t, s, m)
	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := memberDiff(got, m); d != "" {
		t.Errorf("member with a photo:\n%.500s", d)
	}
	// Dropping the photo and the extra lines drops them.
	m.Photo, m.PhotoType, m.VCardExtra = nil, "", nil
	if err := s.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	got, err = s.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Photo != nil || got.PhotoType != "" || got.VCardExtra != nil {
		t.Errorf("after removing them: photo %d bytes, type %q, extra %q; want none", len(got.Photo), got.PhotoType, got.VCardExtra)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM member_cards`).Scan(&n); err != nil || n != 0 {
		t.Errorf("member_cards rows after removing the card data: %d, %v", n, err)
	}
}
