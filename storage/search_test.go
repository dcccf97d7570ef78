package storage

import (
	"context"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// searchRecord is a small record to search: accents, shared surnames, and a
// word in every field the search covers.
func searchRecord(t *testing.T) *Store {
	t.Helper()
	s := MustOpenDB(t)
	mustCreate(t, s, fullMember()) // Amara Okafor
	bjorn := newMember("Björn Öberg", "newcomer")
	bjorn.Emails = []string{"bjorn@example.se"}
	bjorn.Location = "Umeå"
	bjorn.Identities = []model.Identity{{Platform: "Discourse", Handle: "bjorn_o"}, {Platform: "Mastodon", URL: "https://fosstodon.example/@bergsson"}}
	mustCreate(t, s, bjorn)
	lena := newMember("Lena Oberg", "translator")
	lena.Role = "translator"
	lena.CaresAbout = "Plural forms in Swedish."
	mustCreate(t, s, lena)
	chen := newMember("Chen Wei", "maintainer")
	chen.HowWeMet = "Reviewed the release checklist."
	mustCreate(t, s, chen)
	mustCreate(t, s, newMember("José Núñez", "events"))
	return s
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := searchRecord(t)
	tests := []struct {
		text string
		want []string
	}{
		{"", []string{"Amara Okafor", "Björn Öberg", "Chen Wei", "José Núñez", "Lena Oberg"}},
		{"Bjorn", []string{"Björn Öberg"}},
		{"björn", []string{"Björn Öberg"}},
		{"öberg", []string{"Björn Öberg", "Lena Oberg"}},
		{"Oberg", []string{"Björn Öberg", "Lena Oberg"}},
		{"OBERG", []string{"Björn Öberg", "Lena Oberg"}},
		{"jose nunez", []string{"José Núñez"}},
		{"a", []string{"Amara Okafor"}}, // Amara, and prefix of her other words
		{"am", []string{"Amara Okafor"}},
		{"ama", []string{"Amara Okafor"}},
		{"AMA", []string{"Amara Okafor"}},
		{"okaf ama", []string{"Amara Okafor"}},
		{"amara chen", nil},
		{"zzz", nil},
		// every field the search covers
		{"a.okafor@work", []string{"Amara Okafor"}}, // email
		{"example.se", []string{"Björn Öberg"}},     // email domain
		{"amara-o", []string{"Amara Okafor"}},       // handle
		{"bjorn_o", []string{"Björn Öberg"}},        // handle with underscore
		{"bergsson", []string{"Björn Öberg"}},       // url of an identity without handle
		{"mentor", []string{"Amara Okafor"}},        // tag
		{"transl", []string{"Lena Oberg"}},          // tag and role
		{"lagos dev", []string{"Amara Okafor"}},     // organisation, location
		{"umea", []string{"Björn Öberg"}},           // location with an accent
		{"pull request", []string{"Amara Okafor"}},  // how we met
		{"release check", []string{"Chen Wei"}},     // how we met
		{"swedish", []string{"Lena Oberg"}},         // cares about
		{"matrix", []string{"Amara Okafor"}},        // notes (and a handle)
		{"burnt", []string{"Amara Okafor"}},         // private notes
		{"  ,,Björn!! ", []string{"Björn Öberg"}},   // punctuation around a word
		{"Bjo\u0308rn", []string{"Björn Öberg"}},    // decomposed ö
		// Operators are plain words, all required: nobody's record has a
		// word starting "or" or "near".
		{"\"Björn\" OR Chen", nil},
		{"wei OR", nil},
		{"chen NEAR(wei", nil},
		{"chen wei", []string{"Chen Wei"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := s.Members(ctx, model.MemberFilter{Text: tt.text})
			if err != nil {
				t.Fatalf("Members(Text %q): %v", tt.text, err)
			}
			if !slices.Equal(names(got), tt.want) {
				t.Errorf("Members(Text %q) = %q, want %q", tt.text, names(got), tt.want)
			}
			if n, err := s.CountMembers(ctx, model.MemberFilter{Text: tt.text}); err != nil || n != len(tt.want) {
				t.Errorf("CountMembers(Text %q) = %d, %v; want %d", tt.text, n, err, len(tt.want))
			}
		})
	}
}

func TestSearchWithTagAndPages(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	fillRecord(t, s, 500)
	f := model.MemberFilter{Text: "lena", Tag: "Newcomer"}
	want, err := s.Members(ctx, model.MemberFilter{Text: f.Text, Tag: f.Tag, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 3 {
		t.Fatalf("only %d generated members match %+v; the test needs more", len(want), f)
	}
	if !slices.IsSortedFunc(want, collate) {
		t.Errorf("search results not in name order: %q", names(want))
	}
	for _, m := range want {
		if !strings.Contains(m.Name, "Lena") || !slices.Contains(m.Tags, "newcomer") {
			t.Errorf("%q (tags %q) does not match %+v", m.Name, m.Tags, f)
		}
	}
	var got []model.Member
	for f.Offset = 0; f.Offset < len(want)+2; f.Offset += 2 {
		f.Limit = 2
		page, err := s.Members(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
	}
	if !slices.EqualFunc(got, want, func(a, b model.Member) bool { return a.ID == b.ID }) {
		t.Errorf("pages of the search = %q, want %q", names(got), names(want))
	}
}

func TestSearchFollowsChanges(t *testing.T) {
	ctx := context.Background()
	s := searchRecord(t)
	find := func(text string, trashed bool) []string {
		t.Helper()
		ms, err := s.Members(ctx, model.MemberFilter{Text: text, Trashed: trashed})
		if err != nil {
			t.Fatal(err)
		}
		return names(ms)
	}
	chen, err := s.Members(ctx, model.MemberFilter{Text: "chen"})
	if err != nil || len(chen) != 1 {
		t.Fatalf("Chen: %v, %v", names(chen), err)
	}
	m := chen[0]
	m.Name, m.Tags, m.HowWeMet = "Wei Chen-Hart", []string{"alumni"}, ""
	if err := s.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text    string
		trashed bool
		want    []string
	}{
		{"hart", false, []string{"Wei Chen-Hart"}},
		{"alumni", false, []string{"Wei Chen-Hart"}},
		{"maintainer", false, []string{"Amara Okafor"}}, // Chen's old tag is gone from the index
		{"checklist", false, nil},
	} {
		if got := find(c.text, c.trashed); !slices.Equal(got, c.want) {
			t.Errorf("after update, search %q = %q, want %q", c.text, got, c.want)
		}
	}

	if err := s.TrashMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("hart", false); len(got) != 0 {
		t.Errorf("living search finds a trashed member: %q", got)
	}
	if got := find("hart", true); !slices.Equal(got, []string{"Wei Chen-Hart"}) {
		t.Errorf("trash search = %q, want the trashed member", got)
	}
	if err := s.RestoreMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("hart", false); !slices.Equal(got, []string{"Wei Chen-Hart"}) {
		t.Errorf("search after restore = %q, want the member", got)
	}
	if err := s.TrashMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := find("hart", true); len(got) != 0 {
		t.Errorf("trash search after purge = %q, want nothing", got)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM trashed_member_search WHERE rowid = ?`, m.ID).Scan(&n); err != nil || n != 0 {
		t.Errorf("purged member still in the index: %d rows, %v", n, err)
	}
	checkCopies(t, s)
}

// hostileInputs are typed into every search box: whatever they hold, a
// search answers (with results or none) and never fails.
var hostileInputs = []string{
	`"`, `""`, `"""`, `*`, `**`, `-`, `--`, `+`, `AND`, `OR`, `NOT`, `NEAR`, `NEAR(`, `NEAR(a b, 2)`,
	`(`, `)`, `())(`, `a OR`, `OR a`, `a AND`, `NOT a`, `a NOT`, `^x`, `^`, `col:x`, `name:amara`, `{name}: x`,
	`'`, `''`, `;DROP TABLE members;--`, `%`, `_`, `\`, `a*b`, `"amara`, `amara"`, `a"b`, `a'b`,
	strings.Repeat("x", 10_000), strings.Repeat("ab ", 5_000), strings.Repeat(`"(`, 3_000),
	"🙂", "👩‍💻 amara", "a\x00b", "\x00", "\xff\xfe", "Björn\u200bÖberg", "\t\n\r", "ǅ", "ﬁ", "İstanbul",
	"漢字", "السلام", "1e10", "0x1F", "-1", "amara -okafor", "amara + okafor",
	"\u0301", "a\u0301\u0301b", "ʰ", "々", "Ⅻ", "²", "𝔸𝕞𝕒𝕣𝕒", "\ufeff", "\u202eamara",
}

// TestSearchHostileInput: whatever is typed, the search answers (with
// members or none) and never fails.
func TestSearchHostileInput(t *testing.T) {
	ctx := context.Background()
	s := searchRecord(t)
	for _, text := range hostileInputs {
		for _, trashed := range []bool{false, true} {
			f := model.MemberFilter{Text: text, Trashed: trashed, Tag: ""}
			if _, err := s.Members(ctx, f); err != nil {
				t.Errorf("Members(Text %.40q, trashed %v): %v", text, trashed, err)
			}
			if _, err := s.CountMembers(ctx, f); err != nil {
				t.Errorf("CountMembers(Text %.40q, trashed %v): %v", text, trashed, err)
			}
			f.Tag = text // the tag filter is a bound value, but check it too
			if _, err := s.Members(ctx, f); err != nil {
				t.Errorf("Members(Tag %.40q): %v", text, err)
			}
		}
	}
	if n, err := s.CountMembers(ctx, model.MemberFilter{}); err != nil || n != 5 {
		t.Errorf("record after hostile searches: %d members, %v; want 5", n, err)
	}
}

func TestMatchQuery(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"", ""},
		{"   ", ""},
		{`"`, ""},
		{`*-^:()`, ""},
		{"🙂", ""},
		{"Björn", `"Björn"*`},
		{"ama", `"ama"*`},
		{"Amara Ok", `"Amara"* AND "Ok"*`},
		{"a OR b", `"a"* AND "OR"* AND "b"*`},
		{"NEAR(a b)", `"NEAR"* AND "a"* AND "b"*`},
		{"col:x", `"col"* AND "x"*`},
		{`say "hi"`, `"say"* AND "hi"*`},
		{"a\x00b", `"a"* AND "b"*`},
		{"Bjo\u0308rn", "\"Bjo\u0308rn\"*"},
		{"x1 2y", `"x1"* AND "2y"*`},
	}
	for _, tt := range tests {
		if got := matchQuery(tt.text); got != tt.want {
			t.Errorf("matchQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}

	long := matchQuery(strings.Repeat("word ", 1000))
	if n := strings.Count(long, " AND ") + 1; n != maxSearchTokens {
		t.Errorf("matchQuery of 1000 words has %d words, want %d", n, maxSearchTokens)
	}
	if got := matchQuery(strings.Repeat("é", 10_000)); got != `"`+strings.Repeat("é", maxSearchTokenRune)+`"*` {
		t.Errorf("matchQuery of a long word = %.80q…, want it cut to %d runes", got, maxSearchTokenRune)
	}
}
