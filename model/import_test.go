package model

import (
	"slices"
	"strings"
	"testing"
)

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Björn Öberg", "bjorn oberg"},
		{"  BJORN   oberg ", "bjorn oberg"},
		{"Bjo\u0308rn Oberg", "bjorn oberg"}, // the accent typed apart
		{"Łukasz Wiśniewski", "lukasz wisniewski"},
		{"Søren Straße", "soren strasse"},
		{"Zoë Ngọc Ánh", "zoe ngoc anh"},
		{"Chen\tWei", "chen wei"},
		{"陈伟", "陈伟"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhoneKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+49 30 1234567", "301234567"},
		{"0049 (30) 123-45-67", "301234567"},
		{"030 1234567", "301234567"},
		{"+234 803 555 0100 x12", "035550100"},
		{"555-0100", ""}, // too short to compare
		{"", ""},
	}
	for _, tt := range tests {
		if got := PhoneKey(tt.in); got != tt.want {
			t.Errorf("PhoneKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMergeMembers(t *testing.T) {
	existing := func() Member {
		return Member{
			ID: 7, UID: "urn:uuid:kept", Name: "Amara Okafor", Organisation: "Lagos Dev Collective",
			Emails:     []string{"Amara@example.org"},
			Phones:     []string{"+234 803 555 0100"},
			Tags:       []string{"maintainer"},
			Identities: []Identity{{Platform: "GitHub", Handle: "amara-o"}},
			Notes:      "Prefers Matrix.",
			VCardExtra: []string{"X-A:1"},
		}
	}
	tests := []struct {
		name      string
		incoming  Member
		edit      func(*Member) // the want, from existing
		conflicts []string      // fields reported
	}{
		{"nothing new", Member{Name: "amara okafor", Emails: []string{"amara@example.org"}}, func(*Member) {}, nil},
		{"fills empty fields", Member{Pronouns: "she/her", Role: "docs", Birthday: "--04-15", CadenceDays: 30},
			func(m *Member) { m.Pronouns, m.Role, m.Birthday, m.CadenceDays = "she/her", "docs", "--04-15", 30 }, nil},
		{"joins lists", Member{
			Emails:     []string{"AMARA@example.org", "a@work.example"},
			Phones:     []string{"0803 555 0100", "+49 30 1234567"},
			Tags:       []string{"Maintainer", "docs"},
			Identities: []Identity{{Platform: "github", Handle: "@Amara-O", URL: "https://github.com/amara-o"}, {Platform: "Matrix", Handle: "@amara:matrix.org"}},
			VCardExtra: []string{"X-A:1", "X-B:2"},
		}, func(m *Member) {
			m.Emails = append(m.Emails, "a@work.example")
			m.Phones = append(m.Phones, "+49 30 1234567")
			m.Tags = append(m.Tags, "docs")
			m.Identities = []Identity{{Platform: "GitHub", Handle: "amara-o", URL: "https://github.com/amara-o"}, {Platform: "Matrix", Handle: "@amara:matrix.org"}}
			m.VCardExtra = append(m.VCardExtra, "X-B:2")
		}, nil},
		{"keeps differing values", Member{Name: "Amara O.", Organisation: "Acme", Notes: "Likes email.", CadenceDays: 0, UID: "urn:uuid:other"},
			func(*Member) {}, []string{FieldName, "organisation", "notes"}},
		{"notes already held", Member{Notes: "Matrix"}, func(*Member) {}, nil},
		{"photo filled", Member{Photo: []byte{1, 2}, PhotoType: "image/png"},
			func(m *Member) { m.Photo, m.PhotoType = []byte{1, 2}, "image/png" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := existing()
			tt.edit(&want)
			got, conflicts := MergeMembers(existing(), tt.incoming)
			if d := diffMembers(got, want); d != "" {
				t.Errorf("merged member: %s", d)
			}
			var fields []string
			for _, c := range conflicts {
				fields = append(fields, c.Field)
			}
			if !slices.Equal(fields, tt.conflicts) {
				t.Errorf("conflicts = %v, want %v", conflicts, tt.conflicts)
			}
		})
	}
}

func TestMergeMembersPhotoConflict(t *testing.T) {
	_, conflicts := MergeMembers(Member{Photo: []byte{1}, PhotoType: "image/png"}, Member{Photo: []byte{2, 3}})
	want := []FieldConflict{{"photo", "image/png, 1 bytes", "image, 2 bytes"}}
	if !slices.Equal(conflicts, want) {
		t.Errorf("conflicts = %v, want %v", conflicts, want)
	}
}

func TestCombineMembers(t *testing.T) {
	keep := Member{ID: 1, Name: "Chen Wei", Notes: "Runs the meetup.", HowWeMet: "FOSDEM", Role: "maintainer"}
	gone := Member{ID: 2, Name: "Wei Chen", Notes: "Asked about plugins.", HowWeMet: "FOSDEM", Role: "speaker", Emails: []string{"chen@example.org"}}
	got, conflicts := CombineMembers(keep, gone)
	want := keep
	want.Notes = "Runs the meetup.\n\nAsked about plugins."
	want.Emails = []string{"chen@example.org"}
	if d := diffMembers(got, want); d != "" {
		t.Errorf("combined member: %s", d)
	}
	wantConflicts := []FieldConflict{{FieldName, "Chen Wei", "Wei Chen"}, {"role", "maintainer", "speaker"}}
	if !slices.Equal(conflicts, wantConflicts) {
		t.Errorf("conflicts = %v, want %v", conflicts, wantConflicts)
	}
}

// diffMembers names the first field where got and want differ, or "".
func diffMembers(got, want Member) string {
	switch {
	case got.ID != want.ID || got.UID != want.UID:
		return "identity differs"
	case got.Name != want.Name || got.Pronouns != want.Pronouns || got.Organisation != want.Organisation ||
		got.Role != want.Role || got.Location != want.Location || got.TimeZone != want.TimeZone ||
		got.Birthday != want.Birthday || got.CadenceDays != want.CadenceDays:
		return "one-line fields: got " + got.Name + "/" + got.Pronouns + "/" + got.Role
	case got.HowWeMet != want.HowWeMet || got.CaresAbout != want.CaresAbout || got.Notes != want.Notes || got.PrivateNotes != want.PrivateNotes:
		return "texts: got notes " + got.Notes
	case !slices.Equal(got.Emails, want.Emails):
		return "emails: got " + join(got.Emails)
	case !slices.Equal(got.Phones, want.Phones):
		return "phones: got " + join(got.Phones)
	case !slices.Equal(got.Tags, want.Tags):
		return "tags: got " + join(got.Tags)
	case !slices.Equal(got.Identities, want.Identities):
		return "identities differ"
	case !slices.Equal(got.VCardExtra, want.VCardExtra):
		return "card lines: got " + join(got.VCardExtra)
	case !slices.Equal(got.Photo, want.Photo) || got.PhotoType != want.PhotoType:
		return "photo differs"
	}
	return ""
}

func join(s []string) string { return "[" + strings.Join(s, ", ") + "]" }
