package vcard

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"rapport/model"
)

// generated returns n members like a large community's record.
func generatedMembers(n int) []model.Member {
	ms := make([]model.Member, n)
	for i := range ms {
		ms[i] = model.Member{
			Name:         fmt.Sprintf("Member Número %d", i),
			Pronouns:     "they/them",
			Emails:       []string{fmt.Sprintf("member%d@example.org", i)},
			Phones:       []string{fmt.Sprintf("+49 30 %07d", i)},
			Organisation: "Example Collective, e.V.",
			Role:         "contributor",
			Location:     "Berlin, Germany",
			TimeZone:     "Europe/Berlin",
			HowWeMet:     "At the community call; asked about the roadmap.",
			Notes:        "Helps with translations, reviews docs PRs; prefers async.\nSecond line of notes, with a comma.",
			Tags:         []string{"contributor", "docs"},
			Identities: []model.Identity{
				{Platform: "GitHub", Handle: fmt.Sprintf("member-%d", i)},
				{Platform: "Matrix", Handle: fmt.Sprintf("@member%d:matrix.org", i)},
			},
			CadenceDays: 60,
			UID:         fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", i),
			Birthday:    "--04-15",
			VCardExtra:  []string{"TEL;TYPE=cell:" + fmt.Sprintf("+49 30 %07d", i), "X-CUSTOM:kept"},
			UpdatedAt:   time.Date(2026, 11, 28, 19, 57, 0, 0, time.UTC),
		}
	}
	return ms
}

// BenchmarkEncode20000 writes 20,000 members (budget: 1 s).
func BenchmarkEncode20000(b *testing.B) {
	members := generatedMembers(20000)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := Encode(&buf, members, EncodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// BenchmarkDecode20000 reads the export of 20,000 members (budget: 3 s).
func BenchmarkDecode20000(b *testing.B) {
	var buf bytes.Buffer
	if err := Encode(&buf, generatedMembers(20000), EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cards, problems, err := Decode(bytes.NewReader(data), "big.vcf")
		if err != nil || len(problems) > 0 || len(cards) != 20000 {
			b.Fatalf("%d cards, problems %v, err %v", len(cards), problems, err)
		}
	}
}
