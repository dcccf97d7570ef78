package vcard

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	govcard "github.com/emersion/go-vcard"
)

// Decode reads each property's group, name and value itself, after the
// repairs of lex and parseProp. These tests hold it to go-vcard's reading
// of the same repaired lines: for every property of the fixtures, the golden
// files and the fuzz inputs, go-vcard reads the same group, name and value.

func TestGoVcardReadsPropertiesAlike(t *testing.T) {
	var files []string
	for _, pattern := range []string{"testdata/hazards/*.vcf", "testdata/*.golden"} {
		fs, _ := filepath.Glob(pattern)
		files = append(files, fs...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d fixtures, want the hazards and golden files", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if n := checkGoVcardAgrees(t, readFile(t, file)); n == 0 {
				t.Fatal("no property compared")
			}
		})
	}
	var buf bytes.Buffer
	if err := Encode(&buf, generatedMembers(50), EncodeOptions{IncludePrivateNotes: true}); err != nil {
		t.Fatal(err)
	}
	checkGoVcardAgrees(t, buf.Bytes())
	for _, s := range []string{
		"BEGIN:VCARD\nVERSION:3.0\nFN:a\\\\,b\\,c\\nd\\;e\\\\\nNOTE:x\\\\n\\N\\\\\\n\nEND:VCARD\n",
		"BEGIN:VCARD\nVERSION:2.1\nNOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab=0Dc=0A=\n=5Cn,=5C\nEND:VCARD\n",
		"BEGIN:VCARD\nVERSION:4.0\nitem1.URL;TYPE=\"a,b\";X-Q=\"x:y;z\";PREF=1:https://example.org/a,b\nitem1.X-ABLabel:Home\\, page\nEND:VCARD\n",
		"BEGIN:VCARD\nVERSION:3.0\nFN:tab\there\rcr mid\nEMAIL;TYPE=INTERNET,pref:a@b.c\nX-EMPTY:\nEND:VCARD\n",
	} {
		checkGoVcardAgrees(t, []byte(s))
	}
}

// checkGoVcardAgrees decodes data's cards as Decode does and compares each
// property with what go-vcard reads of it; it returns how many it compared.
func checkGoVcardAgrees(t *testing.T, data []byte) int {
	t.Helper()
	raws, _ := lex("check.vcf", data)
	n := 0
	for _, rc := range raws {
		d := cardDecoder{file: "check.vcf", num: rc.num, scratch: &scratch{}}
		props := d.props(rc, cardVersion(rc), nil)
		var sb bytes.Buffer
		sb.WriteString("BEGIN:VCARD\r\n")
		for i := range props {
			transportLine(&sb, &props[i])
		}
		sb.WriteString("END:VCARD\r\n")
		gc, err := govcard.NewDecoder(&sb).Decode()
		if err != nil {
			t.Fatalf("card %d: go-vcard: %v", rc.num, err)
		}
		seen := map[string]int{}
		for _, p := range props {
			k := seen[p.name]
			seen[p.name] = k + 1
			fields := gc[p.name]
			if k >= len(fields) {
				t.Errorf("card %d line %d: go-vcard reads no %s %d; got %d", rc.num, p.line, p.name, k+1, len(fields))
				continue
			}
			if f := fields[k]; f.Group != p.group || f.Value != p.value {
				t.Errorf("card %d line %d: %s: go-vcard reads group %q value %q, Decode group %q value %q",
					rc.num, p.line, p.name, f.Group, f.Value, p.group, p.value)
			}
			n++
		}
		for name, fields := range gc {
			if len(fields) != seen[name] {
				t.Errorf("card %d: go-vcard reads %d %s, Decode %d", rc.num, len(fields), name, seen[name])
			}
		}
	}
	return n
}

// transportLine writes a property so that go-vcard reads back its group, name
// and escaped value: go-vcard unescapes \\ \, and \n in every value, so
// backslashes and commas are escaped once more for it, and parameters it
// would read otherwise (quoted, or holding a separator) are left out.
func transportLine(sb *bytes.Buffer, p *prop) {
	if p.group != "" {
		sb.WriteString(p.group)
		sb.WriteByte('.')
	}
	sb.WriteString(p.name)
	for _, q := range p.params {
		if !isName(q.name) {
			continue
		}
		first := true
		for _, v := range q.values {
			if v == "" || strings.ContainsAny(v, ";:,\"\\") || strings.IndexFunc(v, func(r rune) bool { return r < ' ' }) >= 0 {
				continue
			}
			if first {
				sb.WriteByte(';')
				sb.WriteString(q.name)
				sb.WriteByte('=')
				first = false
			} else {
				sb.WriteByte(',')
			}
			sb.WriteString(v)
		}
	}
	sb.WriteByte(':')
	for i := 0; i < len(p.value); i++ {
		switch c := p.value[i]; c {
		case '\\', ',':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case '\n':
			sb.WriteString(`\n`)
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteString("\r\n")
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return true
}
