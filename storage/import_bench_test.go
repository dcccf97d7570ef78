package storage

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"rapport/model"
	"rapport/storage/vcard"
)

// cardMember is the i-th member of a generated address book, as a client
// would export it: none of them is in the generated community.
func cardMember(i int) model.Member {
	return model.Member{
		Name:         fmt.Sprintf("Member Número %d", i),
		Pronouns:     "they/them",
		Emails:       []string{fmt.Sprintf("member%d@example.net", i)},
		Phones:       []string{fmt.Sprintf("+49 30 %07d", i)},
		Organisation: "Example Collective, e.V.",
		Role:         "contributor",
		Location:     "Berlin, Germany",
		HowWeMet:     "At the community call; asked about the roadmap.",
		Notes:        "Helps with translations, reviews docs PRs; prefers async.",
		Tags:         []string{"contributor", "docs"},
		Identities: []model.Identity{
			{Platform: "GitHub", Handle: fmt.Sprintf("member-%d", i)},
			{Platform: "Matrix", Handle: fmt.Sprintf("@member%d:matrix.org", i)},
		},
		UID:        fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", i),
		Birthday:   "--04-15",
		VCardExtra: []string{fmt.Sprintf("TEL;TYPE=cell:+49 30 %07d", i), "X-CUSTOM:kept"},
	}
}

// addressBook is n generated members written as one vCard file.
func addressBook(tb testing.TB, n int) []byte {
	tb.Helper()
	ms := make([]model.Member, n)
	for i := range ms {
		ms[i] = cardMember(i)
	}
	var buf bytes.Buffer
	if err := vcard.Encode(&buf, ms, vcard.EncodeOptions{Now: fixedNow}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// importFile reads, previews and imports a vCard file, as the app does, and
// adds how long each step took to the timings.
func importFile(tb testing.TB, s *Store, data []byte, steps map[string]time.Duration) (int64, model.ImportResult) {
	tb.Helper()
	start := time.Now()
	cards, problems, err := vcard.Decode(bytes.NewReader(data), "book.vcf")
	if err != nil || len(problems) > 0 {
		tb.Fatalf("Decode: %v, %v", problems, err)
	}
	ms := make([]model.Member, len(cards))
	for i, c := range cards {
		ms[i] = c.Member
	}
	decoded := time.Now()
	p, err := s.PreviewImport(context.Background(), ms)
	if err != nil {
		tb.Fatal(err)
	}
	previewed := time.Now()
	id, res, err := s.Import(context.Background(), "book.vcf", p.Items)
	if err != nil {
		tb.Fatal(err)
	}
	steps["decode"] += previewed.Sub(start) - previewed.Sub(decoded)
	steps["preview"] += previewed.Sub(decoded)
	steps["import"] += time.Since(previewed)
	return id, res
}

func reportSteps(b *testing.B, steps map[string]time.Duration) {
	for step, d := range steps {
		b.ReportMetric(float64(d.Milliseconds())/float64(b.N), step+"-ms/op")
	}
}

// freshStore opens a new record for one round of a benchmark, outside its
// timer.
func freshStore(b *testing.B, round int) *Store {
	b.Helper()
	return mustOpenPath(b, filepath.Join(b.TempDir(), fmt.Sprintf("record-%d.db", round)))
}

// BenchmarkImport20000 reads a file of 20,000 cards, previews it and
// imports it into an empty record (budget: 3 s in all).
func BenchmarkImport20000(b *testing.B) {
	data := addressBook(b, largeMembers)
	steps := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := freshStore(b, i)
		b.StartTimer()
		if _, res := importFile(b, s, data, steps); res.Added != largeMembers {
			b.Fatalf("%+v", res)
		}
	}
	reportSteps(b, steps)
}

// BenchmarkImport20000Into20000 imports the same file into a record of
// 20,000 other members, every card matched against them.
func BenchmarkImport20000Into20000(b *testing.B) {
	data := addressBook(b, largeMembers)
	steps := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := freshStore(b, i)
		fillRecord(b, s, largeMembers)
		b.StartTimer()
		if _, res := importFile(b, s, data, steps); res.Added != largeMembers {
			b.Fatalf("%+v", res)
		}
	}
	reportSteps(b, steps)
}

// BenchmarkReimport20000 imports the file again into the record it went
// into: every card matches by UID and changes nothing.
func BenchmarkReimport20000(b *testing.B) {
	data := addressBook(b, largeMembers)
	s := freshStore(b, 0)
	importFile(b, s, data, map[string]time.Duration{})
	steps := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, res := importFile(b, s, data, steps); res.Merged != largeMembers {
			b.Fatalf("%+v", res)
		}
	}
	reportSteps(b, steps)
}

// BenchmarkUndoImport20000 undoes the import of 20,000 new members.
func BenchmarkUndoImport20000(b *testing.B) {
	data := addressBook(b, largeMembers)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := freshStore(b, i)
		id, _ := importFile(b, s, data, map[string]time.Duration{})
		b.StartTimer()
		if err := s.UndoImport(context.Background(), id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport20000 reads the large record for export and writes it as
// vCard (budget: 1 s).
func BenchmarkExport20000(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ms, err := s.MembersForExport(ctx, model.ExportFilter{All: true})
		if err != nil || len(ms) != largeMembers {
			b.Fatalf("%d members, %v", len(ms), err)
		}
		buf.Reset()
		if err := vcard.Encode(&buf, ms, vcard.EncodeOptions{Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}
