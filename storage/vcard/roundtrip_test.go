package vcard

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"rapport/model"
)

// roundTripMembers are members the record can hold (they pass Validate).
func roundTripMembers() []model.Member {
	full := validRichMember()
	full.Birthday = "1990-04-15"
	full.TimeZone = "-05:00"
	full.UID = ""
	full.Photo, full.PhotoType = nil, ""
	return []model.Member{
		validRichMember(),
		full,
		{Name: "Ada", UpdatedAt: rev},
		{Name: "Grace Brewster Murray Hopper", Emails: []string{"grace@example.org"}, Notes: "only notes", CaresAbout: "COBOL", UpdatedAt: rev},
		{Name: "Kim", HowWeMet: "at the meetup", Identities: []model.Identity{{Platform: "Email", Handle: "kim@example.org"}, {Platform: "Codeberg", Handle: "kim", URL: "https://codeberg.org/kim"}, {Platform: "Slack", Handle: "@kim"}}},
	}
}

// TestRoundTrip: export → import → export gives the same bytes, and the
// imported members are the exported ones.
func TestRoundTrip(t *testing.T) {
	for _, v := range []Version{V4, V3} {
		t.Run(string(v), func(t *testing.T) {
			members := roundTripMembers()
			for i := range members {
				members[i].Normalize()
				if err := members[i].Validate(); err != nil {
					t.Fatalf("member %d is not valid: %v", i, err)
				}
			}
			opt := EncodeOptions{Version: v, IncludePrivateNotes: true}
			first := encode(t, members, opt)
			cards, problems := decode(t, first, "export.vcf")
			for _, p := range problems {
				t.Errorf("problem reading our own export: %v", p)
			}
			if len(cards) != len(members) {
				t.Fatalf("%d cards, want %d", len(cards), len(members))
			}
			back := make([]model.Member, len(cards))
			for i, c := range cards {
				back[i] = c.Member
				if c.Version != string(v) {
					t.Errorf("card %d: version %q", i+1, c.Version)
				}
				want := members[i]
				got := c.Member
				// The store's own fields are not on a card; links that the
				// handle gives are not kept twice.
				want.ID, want.CreatedAt, want.CreatedBy, want.TrashedAt = 0, got.CreatedAt, "", got.TrashedAt
				for j := range want.Identities {
					if j < len(got.Identities) && got.Identities[j].URL == "" && want.Identities[j].Link() == (model.Identity{Platform: want.Identities[j].Platform, Handle: want.Identities[j].Handle}).Link() {
						want.Identities[j].URL = ""
					}
				}
				if sign, hh, mm, ok := utcOffset(want.TimeZone); ok { // written the version's way
					want.TimeZone = sign + hh + mm
					if v == V3 {
						want.TimeZone = sign + hh + ":" + mm
					}
				}
				if want.UpdatedAt.IsZero() {
					want.UpdatedAt = got.UpdatedAt
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("card %d read back as\n%+v\nwant\n%+v", i+1, got, want)
				}
			}
			second := encode(t, back, opt)
			if !bytes.Equal(first, second) {
				t.Errorf("export → import → export differs:\n--- first\n%s\n--- second\n%s", first, second)
			}
		})
	}
}

// TestRoundTripRealFiles: once imported, a real client's file exports the
// same way after another import (what was kept is written back in place).
func TestRoundTripRealFiles(t *testing.T) {
	dir := sharedDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.vcf"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []Version{V4, V3} {
			cards, _ := decode(t, data, filepath.Base(f))
			members := make([]model.Member, len(cards))
			for i, c := range cards {
				members[i] = c.Member
			}
			first := encode(t, members, EncodeOptions{Version: v})
			// (values kept as written, like TEL:1, are reported again: fine)
			cards2, _ := decode(t, first, "export.vcf")
			if len(cards2) != len(cards) {
				t.Errorf("%s %s: %d cards read back, want %d", filepath.Base(f), v, len(cards2), len(cards))
			}
			members2 := make([]model.Member, len(cards2))
			for i, c := range cards2 {
				members2[i] = c.Member
			}
			second := encode(t, members2, EncodeOptions{Version: v})
			if !bytes.Equal(first, second) {
				t.Errorf("%s %s: export → import → export differs:\n--- first\n%s\n--- second\n%s", filepath.Base(f), v, first, second)
			}
		}
	}
}
