package contactcsv

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzDecode: no input makes Decode panic, every member it returns passes
// Validate, every problem names the file and is valid UTF-8, and what it
// returns exports and reads back as the same number of members. Seeds: the
// exports of this package's test members, the Discourse and Google samples,
// and a few broken files.
func FuzzDecode(f *testing.F) {
	f.Add(encode(f, members(), EncodeOptions{IncludePrivateNotes: true}))
	f.Add([]byte(discourseCSV))
	f.Add([]byte(googleCSV))
	f.Add([]byte("name;email\n\"a;b\";x@example.org\n"))
	f.Add([]byte("name,email\n\"open,x\nb,c\n"))
	f.Add([]byte("\xff\xfen\x00a\x00m\x00e\x00\n\x00"))
	f.Add([]byte("name,ids\nA,GitHub:a <https://x;y>; Website:<http://>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		header, err := ReadHeader(bytes.NewReader(data))
		if err != nil {
			return
		}
		mapping := DefaultMapping(header)
		if len(header) > 0 {
			mapping[header[0]] = Name // something to name them by
		}
		ms, problems, err := Decode(bytes.NewReader(data), "fuzz.csv", mapping)
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		for _, p := range problems {
			if p.File != "fuzz.csv" || !utf8.ValidString(p.Error()) {
				t.Fatalf("problem %q", p.Error())
			}
		}
		for _, m := range ms {
			if err := m.Validate(); err != nil {
				t.Fatalf("member %+v: %v", m, err)
			}
		}
		var buf bytes.Buffer
		if err := Encode(&buf, ms, EncodeOptions{IncludePrivateNotes: true}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		again, _, err := Decode(&buf, "again.csv", RapportPreset.Mapping(append(ExportHeader, privateNotesHeader)))
		if err != nil || len(again) != len(ms) {
			t.Fatalf("%d members, %d after export and import (%v):\n%s", len(ms), len(again), err, buf.String())
		}
	})
}
