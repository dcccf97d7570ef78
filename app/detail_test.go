package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// fixedMember has every field filled, at fixed times, for the golden layout.
func fixedMember() model.Member {
	return model.Member{
		ID:           7,
		Name:         "Amara Okafor",
		Pronouns:     "she/her",
		Emails:       []string{"amara@example.org"},
		Phones:       []string{"+234 1 234 5678"},
		Organisation: "Lagos Dev Collective",
		Role:         "maintainer",
		Location:     "Lagos",
		TimeZone:     "UTC+1",
		Birthday:     "--04-15",
		VCardExtra:   []string{"X-SOCIALPROFILE;TYPE=mastodon:https://example.social/@amara"},
		HowWeMet:     "Her first pull request fixed the docs build.",
		CaresAbout:   "Documentation newcomers can follow.",
		Notes:        "Runs the monthly docs sprint.",
		PrivateNotes: "Asked not to be pinged on weekends.",
		Tags:         []string{"maintainer", "docs"},
		Identities: []model.Identity{
			{Platform: "GitHub", Handle: "amara-o"},
			{Platform: "Discord", Handle: "amara#1234"},
		},
		CreatedAt: time.Date(2025, 11, 2, 12, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
		CreatedBy: "Sam",
	}
}

func TestMemberDetailLayout(t *testing.T) {
	test.NewTempApp(t)
	d := newMemberDetail("", "", widget.NewButton("Edit", nil), widget.NewButton("Delete", nil))
	d.show(fixedMember(), model.DefaultSettings, nil)
	w := test.NewTempWindow(t, d)
	w.Resize(fyne.NewSize(560, 900))
	test.AssertRendersToMarkup(t, "member_detail.xml", w.Canvas())
}

func TestCadenceText(t *testing.T) {
	s := model.Settings{DefaultCadenceDays: 90}
	defaults := map[string]int{"Newcomer": 14, "docs": 60, "key": 14}
	tests := []struct {
		days int
		tags []string
		want string
	}{
		{0, nil, "every 90 days (record default)"},
		{0, []string{"translator"}, "every 90 days (record default)"},
		{0, []string{"docs", "newcomer"}, "every 14 days (newcomer default)"},
		{0, []string{"docs"}, "every 60 days (docs default)"},
		{0, []string{"newcomer", "key"}, "every 14 days (newcomer default)"},
		{30, []string{"newcomer"}, "every 30 days"},
	}
	for _, tt := range tests {
		got := cadenceText(tt.days, tt.tags, s, defaults)
		if got != tt.want {
			t.Errorf("cadenceText(%d, %q) = %q, want %q", tt.days, tt.tags, got, tt.want)
		}
		if want := fmt.Sprintf("every %d days", model.EffectiveCadence(tt.days, tt.tags, defaults, 90)); !strings.HasPrefix(got, want) {
			t.Errorf("cadenceText(%d, %q) = %q; model.EffectiveCadence says %q", tt.days, tt.tags, got, want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a@x.org", []string{"a@x.org"}},
		{"a@x.org, b@y.org;c@z.org\nd@w.org", []string{"a@x.org", "b@y.org", "c@z.org", "d@w.org"}},
		{" , ,docs ,", []string{"docs"}},
	}
	for _, tt := range tests {
		got := splitList(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("splitList(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("splitList(%q) = %q, want %q", tt.in, got, tt.want)
				break
			}
		}
	}
}

func TestBirthdayText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1990-04-15", "15 April 1990"},
		{"--04-15", "15 April"},
		{"", ""},
		{"someday", "someday"},
	}
	for _, tt := range tests {
		if got := birthdayText(tt.in); got != tt.want {
			t.Errorf("birthdayText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestProblemText(t *testing.T) {
	tests := []struct{ label, problem, want string }{
		{"Name", "is required", "Name is required."},
		{"Keep in touch", "must be between 1 and 3650 days", "Keep in touch must be between 1 and 3650 days."},
		{"Emails", `"x@" is not an email address`, `"x@" is not an email address.`},
		{"Notes", "are longer than 100000 characters", "Notes are longer than 100000 characters."},
	}
	for _, tt := range tests {
		if got := problemText(tt.label, tt.problem); got != tt.want {
			t.Errorf("problemText(%q, %q) = %q, want %q", tt.label, tt.problem, got, tt.want)
		}
	}
}
