package vcard

import (
	"bytes"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"rapport/model"
)

// FuzzDecode: no input makes Decode panic, every string it returns is valid
// UTF-8, every member passes Validate, what it returns exports and reads
// back, and go-vcard reads each repaired property as Decode does. Seeds: this package's fixtures and golden files (and any crasher kept
// in testdata/fuzz/FuzzDecode).
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"testdata/hazards/*.vcf", "testdata/*.golden"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			f.Add(readFile(f, file))
		}
	}
	f.Add([]byte("BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=\r\nEND:VCARD\r\n"))
	f.Add([]byte("BEGIN:VCARD\nFN;X=\"a\\\":b\nEND:VCARD"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cards, problems, err := Decode(bytes.NewReader(data), "fuzz.vcf")
		if err != nil {
			t.Fatalf("error from a bytes.Reader: %v", err)
		}
		for _, p := range problems {
			if !utf8.ValidString(p.Reason) || !utf8.ValidString(p.Error()) {
				t.Fatalf("problem is not valid UTF-8: %q", p.Reason)
			}
		}
		members := make([]model.Member, len(cards))
		for i, c := range cards {
			checkMember(t, c.Member)
			if !utf8.ValidString(c.Version) {
				t.Fatalf("version is not valid UTF-8: %q", c.Version)
			}
			members[i] = c.Member
		}
		var buf bytes.Buffer
		if err := Encode(&buf, members, EncodeOptions{IncludePrivateNotes: true}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		again, _, _ := Decode(&buf, "again.vcf")
		if len(again) != len(cards) {
			t.Fatalf("%d cards decoded, %d after export and import:\n%s", len(cards), len(again), buf.String())
		}
		checkGoVcardAgrees(t, data)
	})
}
