package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// The data factory: believable members, generated without randomness so
// that every run sees the same record.
var (
	firstNames = []string{
		"Amara", "Björn", "Chen", "Dana", "Émile", "Farid", "Grace", "Hiroshi", "Ines", "José",
		"Kwame", "Lena", "Mateo", "Ngozi", "Olga", "Priya", "Quinn", "Rosa", "Søren", "Tariq",
		"Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë", "Łukasz", "Aoife", "Bongani", "Chiara",
		"Dmitri", "Elif", "Fatima", "Gustavo", "Hana", "Ilse", "Jun", "Kalani", "Leilani", "Mehmet",
	}
	lastNames = []string{
		"Okafor", "Öberg", "Wei", "Müller", "García", "Nowak", "Haddad", "Tanaka", "Silva", "Kowalski",
		"Mensah", "Johansson", "Rossi", "Adeyemi", "Ivanova", "Sharma", "O'Brien", "Fernández", "Larsen", "Khan",
		"Nguyen", "Petrov", "Zhang", "Lopez", "Demir", "Dubois", "Wiśniewski", "Murphy", "Dlamini", "Bianchi",
	}
	fakeTags = []string{"newcomer", "maintainer", "docs", "events", "translator", "design", "security", "mentor"}
	notes    = []string{
		"Met at the spring meetup; wants to help with onboarding.",
		"Asked about the roadmap for plugins twice.",
		"Runs the local user group and hosts the monthly call.",
		"Reported the crash on startup and tested the fix.",
		"Quiet lately; last seen in the release thread.",
	}
)

// fakeMember is the i-th member of a generated community.
func fakeMember(i int) model.Member {
	first := firstNames[i%len(firstNames)]
	last := lastNames[(i/len(firstNames))%len(lastNames)]
	initial := string(rune('A' + (i/(len(firstNames)*len(lastNames)))%26))
	slug := strings.ToLower(fmt.Sprintf("%s%d", strings.Map(asciiOnly, first+last), i))
	h := uint32(i) * 2654435761 // spread i over the tag choices
	tags := []string{fakeTags[h%uint32(len(fakeTags))]}
	if h%3 == 0 {
		tags = append(tags, "newcomer")
	}
	if i%37 == 0 {
		tags = append(tags, "rare")
	}
	created := fixedNow.Add(-time.Duration(i) * time.Hour)
	return model.Member{
		Name:         first + " " + initial + ". " + last,
		Pronouns:     []string{"she/her", "he/him", "they/them", ""}[i%4],
		Emails:       []string{slug + "@example.org"},
		Organisation: []string{"", "Acme", "Lagos Dev Collective", "University of Umeå"}[i%4],
		Role:         []string{"contributor", "maintainer", "newcomer", "user"}[i%4],
		Location:     []string{"Lagos", "Umeå", "Kyoto", "Lima", "Berlin"}[i%5],
		TimeZone:     "UTC",
		HowWeMet:     notes[i%len(notes)],
		CaresAbout:   notes[(i+2)%len(notes)],
		Notes:        notes[(i+1)%len(notes)],
		Tags:         dedupe(tags),
		Identities: []model.Identity{
			{Platform: "GitHub", Handle: slug},
			{Platform: "Matrix", Handle: "@" + slug + ":matrix.org"},
		},
		CadenceDays: []int{0, 30, 90}[i%3],
		CreatedAt:   created,
		UpdatedAt:   created,
		CreatedBy:   "Sam",
	}
}

func asciiOnly(r rune) rune {
	if r < 128 && r != '\'' {
		return r
	}
	return -1
}

func dedupe(tags []string) []string {
	var out []string
	for _, t := range tags {
		if !strings.Contains(" "+strings.Join(out, " ")+" ", " "+t+" ") {
			out = append(out, t)
		}
	}
	return out
}

// fillRecord adds n generated members in one transaction, fast.
func fillRecord(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.begin(ctx, true)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for i := range n {
		m := fakeMember(i)
		if err := insertMember(ctx, tx, &m); err != nil {
			tb.Fatalf("member %d: %v", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}
