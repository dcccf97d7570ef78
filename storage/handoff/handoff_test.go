package handoff_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/handoff"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixedNow is the clock of every record here: a morning in a zone an hour
// east of UTC, so that days are read in the manager's zone.
var fixedNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("UTC+1", 3600))

// openStore opens a new record with the fixed clock and its manager.
func openStore(tb testing.TB) *storage.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(tb.TempDir(), "record.db"))
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		tb.Fatal(err)
	}
	return s
}

// sampleStore is a record of the sample community.
func sampleStore(tb testing.TB) *storage.Store {
	tb.Helper()
	s := openStore(tb)
	if err := s.LoadSample(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// memberID finds a living member by name.
func memberID(tb testing.TB, s *storage.Store, name string) int64 {
	tb.Helper()
	ms, err := s.Members(context.Background(), model.MemberFilter{Text: name, Limit: 100})
	if err != nil {
		tb.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == name {
			return m.ID
		}
	}
	tb.Fatalf("no member %q", name)
	return 0
}

// narrative is what a manager might write: Markdown with a list, a link,
// emphasis, and raw HTML that must not reach the HTML document.
var narrative = map[string]string{
	"purpose": "The Guild keeps the **open-source toolkit** healthy and welcoming.\n\n" +
		"Norms are in the [code of conduct](https://guild.example.org/conduct); the unwritten one: answer newcomers within a day.",
	"standing": "- The 5.0 release is planned for April.\n- The docs sprint needs a second organiser.\n\n<script>alert('hi')</script> Nothing else burns.",
	"people":   "Meet *Amara* first: she knows everyone in docs.",
	"access":   "Forum admin (ask Chen), the release account (ask Björn). ![logo](https://example.org/logo.png)",
}

// sampleHandoff is a handoff of the sample community with three key
// members, the private notes of one of them included.
func sampleHandoff(tb testing.TB, s *storage.Store) model.Handoff {
	return model.Handoff{
		From: "Sam Rivera", To: "Alex Kim", Date: fixedNow, Narrative: narrative,
		KeyMembers: []model.KeyMember{
			{MemberID: memberID(tb, s, "Amara Okafor"), Introductions: "Introduce to the docs team;\nshe mentors newcomers."},
			{MemberID: memberID(tb, s, "Oksana Kovalenko"), IncludePrivate: true},
			{MemberID: memberID(tb, s, "Giulia Romano")},
		},
	}
}

// render writes d both ways.
func render(tb testing.TB, d model.HandoffDocument) (md, html string) {
	tb.Helper()
	var m, h bytes.Buffer
	if err := handoff.Markdown(&m, d); err != nil {
		tb.Fatalf("Markdown: %v", err)
	}
	if err := handoff.HTML(&h, d); err != nil {
		tb.Fatalf("HTML: %v", err)
	}
	return m.String(), h.String()
}

func preview(tb testing.TB, s *storage.Store, h model.Handoff) model.HandoffDocument {
	tb.Helper()
	d, err := s.PreviewHandoff(context.Background(), h)
	if err != nil {
		tb.Fatalf("PreviewHandoff: %v", err)
	}
	return d
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n%s", name, firstDiff(got, string(want)))
	}
}

// firstDiff shows the first line where got and want part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines)"
}

// wellFormed parses html as strict XML and reports the first error.
func wellFormed(html string) error {
	d := xml.NewDecoder(strings.NewReader(html))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestSampleGolden(t *testing.T) {
	s := sampleStore(t)
	d := preview(t, s, sampleHandoff(t, s))
	md, html := render(t, d)
	checkGolden(t, "sample.md", md)
	checkGolden(t, "sample.html", html)
	if err := wellFormed(html); err != nil {
		t.Errorf("sample HTML is not well-formed XML: %v", err)
	}
	for _, bad := range []string{"<script", "<img", "src=", "http-equiv", "@import"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("sample HTML holds %q: it must load and run nothing", bad)
		}
	}
	for _, want := range []string{
		"Handoff: Sam Rivera → Alex Kim", "As of 2 March 2026 · the whole community",
		"Purpose and norms", "Rituals and calendar", "Not written.",
		"Amara Okafor", "Introduce to the docs team",
	} {
		if !strings.Contains(md, want) || !strings.Contains(html, want) {
			t.Errorf("a document lacks %q (Markdown: %t, HTML: %t)", want, strings.Contains(md, want), strings.Contains(html, want))
		}
	}
	// The narrative is the manager's Markdown: as written in the Markdown
	// document, rendered in the HTML one, without its raw HTML.
	if !strings.Contains(md, "<script>alert('hi')</script> Nothing else burns.") {
		t.Error("the Markdown document does not hold the narrative as written")
	}
	if !strings.Contains(html, `<a href="https://guild.example.org/conduct">code of conduct</a>`) {
		t.Error("the HTML document does not render the narrative's link")
	}
	if !strings.Contains(html, `<a href="https://example.org/logo.png">logo</a>`) {
		t.Error("the narrative's image is not a link in the HTML document")
	}
}

// Private notes are in a handoff only for the members the manager ticked.
func TestPrivateNotes(t *testing.T) {
	s := sampleStore(t)
	h := sampleHandoff(t, s)
	d := preview(t, s, h)
	md, html := render(t, d)
	tests := []struct {
		member   string
		note     string
		included bool
	}{
		{"Oksana Kovalenko", "Power cuts make her availability unpredictable", true},
		{"Giulia Romano", "Prefers not to be tagged publicly", false},
		{"Nimali Perera", "close to burning out", false}, // not a key member
	}
	for _, tt := range tests {
		for _, doc := range []struct{ kind, text string }{{"Markdown", md}, {"HTML", html}} {
			if got := strings.Contains(doc.text, tt.note); got != tt.included {
				t.Errorf("%s: %s's private note present = %t, want %t", doc.kind, tt.member, got, tt.included)
			}
		}
	}
	if got := strings.Count(md, "Private notes (included by Sam Rivera)"); got != 1 {
		t.Errorf("Markdown names included private notes %d times, want 1", got)
	}
}

// A key member moved to the trash leaves the handoff entirely.
func TestTrashedMemberAbsent(t *testing.T) {
	s := sampleStore(t)
	h := sampleHandoff(t, s)
	giulia := h.KeyMembers[2].MemberID
	if err := s.TrashMember(context.Background(), giulia); err != nil {
		t.Fatal(err)
	}
	d := preview(t, s, h)
	if n := len(d.Account.KeyMembers); n != 2 {
		t.Errorf("account has %d key members with one of three in the trash, want 2", n)
	}
	md, html := render(t, d)
	for _, doc := range []struct{ kind, text string }{{"Markdown", md}, {"HTML", html}} {
		if strings.Contains(doc.text, "Giulia Romano") {
			t.Errorf("%s names Giulia Romano, who is in the trash", doc.kind)
		}
		if !strings.Contains(doc.text, "Amara Okafor") {
			t.Errorf("%s lost Amara Okafor", doc.kind)
		}
	}
}

// A record without members gives a short, honest document.
func TestEmptyRecord(t *testing.T) {
	s := openStore(t)
	d := preview(t, s, model.Handoff{From: "Sam Rivera", Date: fixedNow})
	md, html := render(t, d)
	checkGolden(t, "empty.md", md)
	checkGolden(t, "empty.html", html)
	if err := wellFormed(html); err != nil {
		t.Errorf("empty HTML is not well-formed XML: %v", err)
	}
	for _, doc := range []struct{ kind, text string }{{"Markdown", md}, {"HTML", html}} {
		for _, want := range []string{"No members in this record yet", "The narrative is not written yet.", "a successor not named yet"} {
			if !strings.Contains(doc.text, want) {
				t.Errorf("%s of an empty record lacks %q", doc.kind, want)
			}
		}
		for _, heading := range []string{"Key members", "Open promises", "Feedback in flight", "Waiting to hear back", "Going quiet"} {
			if strings.Contains(doc.text, heading) {
				t.Errorf("%s of an empty record has a heading %q with nothing under it", doc.kind, heading)
			}
		}
	}
	if n := strings.Count(md, "\n"); n > 16 {
		t.Errorf("Markdown of an empty record has %d lines, want a short document:\n%s", n, md)
	}
}

// What members and the manager typed is text, never markup.
func TestEscaped(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	m := model.Member{
		Name: "<script>alert(1)</script>", HowWeMet: `at "FOSDEM" & <img src=x onerror=alert(1)>`,
		CaresAbout: "# not a heading\n* not a list", Tags: []string{"key"},
		Organisation: "A & B ]]> <!-- -->",
	}
	if err := s.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	h := model.Handoff{From: "<b>Sam</b>", To: "Alex & co", Date: fixedNow, Tag: "key",
		KeyMembers: []model.KeyMember{{MemberID: m.ID, Introductions: "to <em>everyone</em>\x00\x1b"}}}
	md, html := render(t, preview(t, s, h))
	if err := wellFormed(html); err != nil {
		t.Fatalf("HTML is not well-formed XML: %v\n%s", err, html)
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "<img") || strings.Contains(html, "<b>") || strings.Contains(html, "<em>") {
		t.Errorf("HTML holds markup a member or manager typed:\n%s", html)
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;Sam&lt;/b&gt;", "Alex &amp; co"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks the escaped text %q", want)
		}
	}
	for _, want := range []string{`\<script\>alert(1)\</script\>`, `\# not a heading`, `\* not a list`} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks the escaped text %q:\n%s", want, md)
		}
	}
}

func FuzzNarrative(f *testing.F) {
	for _, seed := range []string{
		"", "plain words", "# Heading\n\n- a\n- b\n\n> quote", "<script>alert(1)</script>",
		"<SCRIPT SRC=//x></SCRIPT>", "[x](javascript:alert(1))", "![i](http://e.org/i.png)", "&nbsp;&copy;&#0;&#xD800;",
		"```\n<script>\n```", "<!-- c -- -->", "a\x00b\x1bc\uFFFE", "\xff\xfe", "<div onclick=x>hi</div>",
		"[a]: <javascript:alert(1)>\n\n[a]", "<?xml version=\"1.0\"?>", "]]>", "`<script>`",
	} {
		f.Add(seed)
	}
	member := model.Member{ID: 1, Name: "Amara Okafor", HowWeMet: "a docs sprint"}
	f.Fuzz(func(t *testing.T, text string) {
		d := model.HandoffDocument{
			Handoff: model.Handoff{From: "Sam", Date: fixedNow, Narrative: map[string]string{"purpose": text, "risks": text}},
			Account: model.HandoffAccount{AsOf: model.Day(fixedNow, fixedNow.Location()), Members: 1,
				KeyMembers: []model.HandoffMember{{Member: member}}},
		}
		md, html := render(t, d)
		if text != "" && strings.TrimSpace(text) != "" && !strings.Contains(md, strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))) {
			t.Errorf("Markdown does not hold the narrative as written")
		}
		if err := wellFormed(html); err != nil {
			t.Fatalf("HTML is not well-formed XML: %v\n%s", err, html)
		}
		if strings.Contains(strings.ToLower(html), "<script") {
			t.Fatalf("HTML holds a script:\n%s", html)
		}
	})
}

// The title and the line under it say who hands over to whom, as of which
// day, for which scope, and whether it was handed over.
func TestTitleAndStatus(t *testing.T) {
	day := time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC) // 3 March just after midnight an hour east
	tests := []struct {
		name string
		h    model.Handoff
		want []string
	}{
		{"draft to nobody yet", model.Handoff{From: "Sam", Date: fixedNow},
			[]string{"Handoff: Sam → a successor not named yet", "the whole community", "A draft, not handed over yet."}},
		{"handed over, one tag", model.Handoff{From: "Sam", To: "Alex", Tag: "docs", Date: fixedNow, FinishedAt: day},
			[]string{"Handoff: Sam → Alex", "As of 2 March 2026 · members tagged “docs”", "Handed over on 3 March 2026."}},
	}
	for _, tt := range tests {
		d := model.HandoffDocument{Handoff: tt.h, Account: model.HandoffAccount{AsOf: model.Day(tt.h.Date, fixedNow.Location())}}
		md, html := render(t, d)
		for _, want := range tt.want {
			if !strings.Contains(md, want) || !strings.Contains(html, want) {
				t.Errorf("%s: a document lacks %q (Markdown: %t, HTML: %t)", tt.name, want, strings.Contains(md, want), strings.Contains(html, want))
			}
		}
	}
}
