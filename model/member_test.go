package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestMemberValidate(t *testing.T) {
	valid := func() Member {
		return Member{
			Name:        "Amara Okafor",
			Emails:      []string{"amara@example.org"},
			Phones:      []string{"+234 (0)1 555-0100 x12"},
			Identities:  []Identity{{Platform: "GitHub", Handle: "amara-o", URL: "https://github.com/amara-o"}},
			Tags:        []string{"maintainer"},
			CadenceDays: 30,
		}
	}
	tests := []struct {
		name   string
		edit   func(*Member)
		fields []string // fields that must be reported; none means valid
	}{
		{"complete member", func(*Member) {}, nil},
		{"only a name", func(m *Member) { *m = Member{Name: "Chen Wei"} }, nil},
		{"missing name", func(m *Member) { m.Name = "" }, []string{FieldName}},
		{"blank name", func(m *Member) { m.Name = " \t " }, []string{FieldName}},
		{"name too long", func(m *Member) { m.Name = strings.Repeat("a", 201) }, []string{FieldName}},
		{"name with diacritics", func(m *Member) { m.Name = "Björn Öberg" }, nil},
		{"email without at", func(m *Member) { m.Emails = []string{"amara.example.org"} }, []string{FieldEmails}},
		{"email without domain dot", func(m *Member) { m.Emails = []string{"amara@localhost"} }, []string{FieldEmails}},
		{"email with display name", func(m *Member) { m.Emails = []string{"Amara <amara@example.org>"} }, []string{FieldEmails}},
		{"second email bad", func(m *Member) { m.Emails = []string{"a@example.org", "nope"} }, []string{FieldEmails}},
		{"phone with letters", func(m *Member) { m.Phones = []string{"call me"} }, []string{FieldPhones}},
		{"phone too short", func(m *Member) { m.Phones = []string{"12"} }, []string{FieldPhones}},
		{"identity url not web", func(m *Member) { m.Identities[0].URL = "javascript:alert(1)" }, []string{FieldIdentities}},
		{"identity url no host", func(m *Member) { m.Identities[0].URL = "https://" }, []string{FieldIdentities}},
		{"identity without platform", func(m *Member) { m.Identities[0].Platform = "" }, []string{FieldIdentities}},
		{"identity mailto", func(m *Member) { m.Identities[0].URL = "mailto:amara@example.org" }, nil},
		{"tag with comma", func(m *Member) { m.Tags = []string{"a,b"} }, []string{FieldTags}},
		{"birthday", func(m *Member) { m.Birthday = "1990-04-15" }, nil},
		{"birthday without year", func(m *Member) { m.Birthday = "--02-29" }, nil},
		{"birthday impossible", func(m *Member) { m.Birthday = "1990-02-30" }, []string{FieldBirthday}},
		{"birthday in words", func(m *Member) { m.Birthday = "April 15" }, []string{FieldBirthday}},
		{"cadence none", func(m *Member) { m.CadenceDays = 0 }, nil},
		{"cadence lowest", func(m *Member) { m.CadenceDays = 1 }, nil},
		{"cadence highest", func(m *Member) { m.CadenceDays = 3650 }, nil},
		{"cadence negative", func(m *Member) { m.CadenceDays = -1 }, []string{FieldCadence}},
		{"cadence too long", func(m *Member) { m.CadenceDays = 3651 }, []string{FieldCadence}},
		{"several at once", func(m *Member) { m.Name = ""; m.Emails = []string{"x"}; m.CadenceDays = 9999 },
			[]string{FieldName, FieldEmails, FieldCadence}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid()
			tt.edit(&m)
			err := m.Validate()
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate() = %v, want an error matching ErrInvalid", err)
			}
			var v ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("Validate() = %T, want ValidationError", err)
			}
			var got []string
			for _, fe := range v {
				got = append(got, fe.Field)
			}
			if !slices.Equal(got, tt.fields) {
				t.Errorf("fields reported = %v, want %v (error %q)", got, tt.fields, err)
			}
			for _, f := range tt.fields {
				if v.Problem(f) == "" {
					t.Errorf("Problem(%q) is empty, want the reason", f)
				}
			}
		})
	}
}

func TestMemberNormalize(t *testing.T) {
	m := Member{
		Name:       "  Amara   Okafor ",
		Emails:     []string{" amara@example.org ", "", "amara@example.org"},
		Tags:       []string{"Maintainer", "docs", "maintainer", "  "},
		Identities: []Identity{{Platform: " GitHub ", Handle: " amara-o "}, {Platform: "Matrix"}},
		Notes:      "\n line one\nline two \n",
	}
	m.Normalize()
	if got, want := m.Name, "Amara Okafor"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
	if got, want := m.Emails, []string{"amara@example.org"}; !slices.Equal(got, want) {
		t.Errorf("Emails = %q, want %q", got, want)
	}
	if got, want := m.Tags, []string{"Maintainer", "docs"}; !slices.Equal(got, want) {
		t.Errorf("Tags = %q, want %q", got, want)
	}
	if got, want := m.Identities, []Identity{{Platform: "GitHub", Handle: "amara-o"}}; !slices.Equal(got, want) {
		t.Errorf("Identities = %+v, want %+v", got, want)
	}
	if got, want := m.Notes, "line one\nline two"; got != want {
		t.Errorf("Notes = %q, want %q", got, want)
	}
}

func TestIdentityLink(t *testing.T) {
	tests := []struct {
		id   Identity
		want string
	}{
		{Identity{"GitHub", "amara-o", ""}, "https://github.com/amara-o"},
		{Identity{"github", "@amara-o", ""}, "https://github.com/amara-o"},
		{Identity{"GitHub", "x", "https://example.org/x"}, "https://example.org/x"},
		{Identity{"Mastodon", "@chen@fosstodon.org", ""}, "https://fosstodon.org/@chen"},
		{Identity{"Mastodon", "chen", ""}, ""},
		{Identity{"Matrix", "@amara:matrix.org", ""}, "https://matrix.to/#/@amara:matrix.org"},
		{Identity{"Matrix", "amara", ""}, ""},
		{Identity{"Email", "amara@example.org", ""}, "mailto:amara@example.org"},
		{Identity{"IRC", "amara", ""}, ""},
		{Identity{"GitHub", "  ", ""}, ""},
	}
	for _, tt := range tests {
		if got := tt.id.Link(); got != tt.want {
			t.Errorf("%+v.Link() = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestSettingsAndManagerValidate(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string // "" when valid
	}{
		{"default settings", DefaultSettings.Validate(), ""},
		{"zero cadence", Settings{DefaultCadenceDays: 0}.Validate(), FieldDefaultDays},
		{"cadence too long", Settings{DefaultCadenceDays: 4000}.Validate(), FieldDefaultDays},
		{"manager named", Manager{Name: "Sam"}.Validate(), ""},
		{"manager unnamed", Manager{Name: " "}.Validate(), FieldManagerName},
	}
	for _, tt := range tests {
		var v ValidationError
		switch {
		case tt.field == "" && tt.err != nil:
			t.Errorf("%s: got %v, want nil", tt.name, tt.err)
		case tt.field != "" && !errors.As(tt.err, &v):
			t.Errorf("%s: got %v, want a ValidationError", tt.name, tt.err)
		case tt.field != "" && v.Problem(tt.field) == "":
			t.Errorf("%s: got %v, want a problem with %q", tt.name, tt.err, tt.field)
		}
	}
}
