package feedbackreport

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// smallReport is the report of a small record: three items of the Core
// team, one without quotes, one member (Amara) on two items, Markdown's
// special characters in titles and quotes.
func smallReport() model.FeedbackReport {
	zone := time.FixedZone("UTC+1", 3600)
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 14, 30, 0, 0, zone) }
	return model.FeedbackReport{
		Team:     model.ProductTeam{ID: 1, Name: "Core", Contact: "Ines Silva", Reach: "core@example.org"},
		Statuses: []model.FeedbackStatus{model.FeedbackNew, model.FeedbackHandedOff, model.FeedbackAcknowledged, model.FeedbackPlanned, model.FeedbackShipped, model.FeedbackDeclined},
		By:       "Sam Rivera",
		At:       day(3, 14),
		Items: []model.ReportItem{
			{
				ID: 12, Title: "Crash when importing a *vCard* with a photo", Kind: model.KindBug, Status: model.FeedbackShipped,
				TrackerLink: "https://git.example.org/guild/guild/issues/812", Outcome: "fixed in 4.9", Members: 2,
				Detail: "Cards from Android phones carry the photo inline.\n\n# Steps\n1. Export from the phone\n2. Import",
				Quotes: []model.ReportQuote{
					{Member: "Amara Okafor", Contact: "amara@example.org", Quote: "It crashes every time I import my phone's contacts.",
						Date: day(2, 3), Source: "https://forum.example.org/t/1234"},
					{Member: "Björn Öberg", Contact: "bjorn@example.org", Quote: "Same here.\n- on Windows\n- on Linux too", Date: day(2, 5)},
				},
			},
			{
				ID: 15, Title: "Dark mode for the editor", Kind: model.KindIdea, Status: model.FeedbackPlanned, Members: 2,
				Quotes: []model.ReportQuote{
					{Member: "Chen Wei", Quote: "My eyes hurt after midnight <3 — as Amara Okafor said", Date: day(1, 20), Source: "https://git.example.org/guild/guild/issues/90"},
					{Member: "Amara Okafor", Contact: "amara@example.org", Quote: "=please, dark mode", Date: day(1, 22)},
				},
			},
			{ID: 16, Title: "Thank you for the new installer", Kind: model.KindPraise, Status: model.FeedbackNew},
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what Markdown writes:\n%s", path, got)
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name   string
		report model.FeedbackReport
		file   string
	}{
		{"with names", smallReport(), "core.md"},
		{"anonymised", smallReport().Anonymise(), "core-anonymised.md"},
		{"empty", model.FeedbackReport{Team: model.ProductTeam{Name: "Docs"}, Statuses: []model.FeedbackStatus{model.FeedbackShipped},
			At: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)}, "empty.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Markdown(&b, tt.report); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.Bytes())
		})
	}
	// Nothing that reaches members leaks into the anonymised report.
	var b bytes.Buffer
	if err := Markdown(&b, smallReport().Anonymise()); err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"Amara", "Okafor", "Björn", "Chen", "@example.org", "forum.example.org", "issues/90"} {
		if strings.Contains(b.String(), leak) {
			t.Errorf("the anonymised report holds %q", leak)
		}
	}
}

func TestCSV(t *testing.T) {
	for _, anonymised := range []bool{false, true} {
		r := smallReport()
		if anonymised {
			r = r.Anonymise()
		}
		var b bytes.Buffer
		if err := CSV(&b, r); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.String(), bom) {
			t.Error("the CSV starts without a byte order mark")
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), bom))).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv cannot read the report: %v", err)
		}
		want := [][]string{
			{"Item", "Title", "Kind", "Status", "Outcome", "Tracker", "Members", "Member", "Contact", "Date", "Quote", "Source"},
			{"1", "Crash when importing a *vCard* with a photo", "bug", "shipped", "shipped — fixed in 4.9", "https://git.example.org/guild/guild/issues/812", "2",
				"Amara Okafor", "amara@example.org", "2025-02-03", "It crashes every time I import my phone's contacts.", "https://forum.example.org/t/1234"},
			{"1", "Crash when importing a *vCard* with a photo", "bug", "shipped", "shipped — fixed in 4.9", "https://git.example.org/guild/guild/issues/812", "2",
				"Björn Öberg", "bjorn@example.org", "2025-02-05", "Same here.\n- on Windows\n- on Linux too", ""},
			{"2", "Dark mode for the editor", "idea", "planned", "planned", "", "2",
				"Chen Wei", "", "2025-01-20", "My eyes hurt after midnight <3 — as Amara Okafor said", "https://git.example.org/guild/guild/issues/90"},
			{"2", "Dark mode for the editor", "idea", "planned", "planned", "", "2",
				"Amara Okafor", "amara@example.org", "2025-01-22", "'=please, dark mode", ""},
			{"3", "Thank you for the new installer", "praise", "new", "new", "", "0", "", "", "", "", ""},
		}
		if anonymised {
			want = [][]string{
				{"Item", "Title", "Kind", "Status", "Outcome", "Tracker", "Members", "Member", "Date", "Quote"},
				{"1", "Crash when importing a *vCard* with a photo", "bug", "shipped", "shipped — fixed in 4.9", "https://git.example.org/guild/guild/issues/812", "2",
					"member 1", "2025-02-03", "It crashes every time I import my phone's contacts."},
				{"1", "Crash when importing a *vCard* with a photo", "bug", "shipped", "shipped — fixed in 4.9", "https://git.example.org/guild/guild/issues/812", "2",
					"member 2", "2025-02-05", "Same here.\n- on Windows\n- on Linux too"},
				{"2", "Dark mode for the editor", "idea", "planned", "planned", "", "2",
					"member 3", "2025-01-20", "My eyes hurt after midnight <3 — as member 1 said"},
				{"2", "Dark mode for the editor", "idea", "planned", "planned", "", "2",
					"member 1", "2025-01-22", "'=please, dark mode"},
				{"3", "Thank you for the new installer", "praise", "new", "new", "", "0", "", "", ""},
			}
		}
		if len(rows) != len(want) {
			t.Fatalf("anonymised %v: %d rows, want %d:\n%q", anonymised, len(rows), len(want), rows)
		}
		for i := range want {
			if !slices.Equal(rows[i], want[i]) {
				t.Errorf("anonymised %v: row %d\n got %q\nwant %q", anonymised, i, rows[i], want[i])
			}
		}
	}
}
