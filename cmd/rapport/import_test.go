package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rapport/app"
	"rapport/model"
	"rapport/storage"
)

// storedNames lists the names of the living members of the record at path.
func storedNames(t *testing.T, path string) []string {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Members(context.Background(), model.MemberFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	slices.Sort(names)
	return names
}

// batches counts the imports the record at path remembers.
func batches(t *testing.T, path string) int {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bs, err := st.ImportBatches(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(bs)
}

func TestImportVCard(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "guild.db")
	fixture := filepath.Join("testdata", "contacts.vcf")

	r := runArgs(t, "import", "--db", db, fixture)
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("rapport import = %d, stdout %q, stderr %q; want 0 and no problems", r.code, r.stdout, r.stderr)
	}
	want := fixture + ": 3 contacts\n" +
		"3 contacts: 3 new.\n" +
		"Imported into " + db + " as batch 1: 3 added, 0 merged, 0 skipped.\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	if got, want := storedNames(t, db), []string{"Amara Okafor", "Björn Öberg", "Chen Wei"}; !slices.Equal(got, want) {
		t.Errorf("the record holds %q, want %q", got, want)
	}

	// Again: everyone is known, and merged into themselves.
	r = runArgs(t, "--db", db, "import", fixture)
	if r.code != exitOK || !strings.Contains(r.stdout, "3 contacts: 0 new, 3 already in the record (1 by uid, 1 by email, 1 by phone).\n") ||
		!strings.Contains(r.stdout, "as batch 2: 0 added, 3 merged, 0 skipped.") {
		t.Errorf("importing the file again = %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if got := storedNames(t, db); len(got) != 3 {
		t.Errorf("importing the file again left %q, want the same 3 members", got)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "guild.db")
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	amara := model.Member{Name: "Amara Okafor", Emails: []string{"amara@example.org"}, Role: "docs lead"}
	if err := st.CreateMember(context.Background(), &amara); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// The flag may come after the file.
	r := runArgs(t, "import", "--db", db, filepath.Join("testdata", "contacts.vcf"), "--dry-run")
	if r.code != exitOK {
		t.Fatalf("rapport import --dry-run = %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		"3 contacts: 2 new, 1 already in the record (1 by email).\n",
		"  contacts.vcf:1: Amara Okafor: merge into Amara Okafor (same email)\n",
		`      role: keeps "docs lead", not "maintainer"` + "\n",
		"Dry run: nothing was written to " + db + ".\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the dry run does not say %q; stdout:\n%s", want, r.stdout)
		}
	}
	if got := storedNames(t, db); !slices.Equal(got, []string{"Amara Okafor"}) {
		t.Errorf("after a dry run the record holds %q", got)
	}
	if n := batches(t, db); n != 0 {
		t.Errorf("after a dry run the record remembers %d imports", n)
	}
}

func TestImportBadCardReportedRestImported(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "guild.db")
	fixture := filepath.Join("testdata", "one-bad.vcf")
	r := runArgs(t, "import", "--db", db, fixture)
	if r.code != exitOK {
		t.Fatalf("rapport import = %d, stderr %q; want 0: the good cards go in", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "one-bad.vcf:6: ") || !strings.Contains(lines[0], "no name") {
		t.Errorf("stderr %q; want one line naming one-bad.vcf:6 and the missing name", r.stderr)
	}
	if !strings.Contains(r.stdout, fixture+": 2 contacts, 1 problem (on stderr)\n") || !strings.Contains(r.stdout, "2 added") {
		t.Errorf("stdout %q", r.stdout)
	}
	if got, want := storedNames(t, db), []string{"Ngozi Eze", "Tomás Ruiz"}; !slices.Equal(got, want) {
		t.Errorf("the record holds %q, want %q", got, want)
	}
}

func TestImportCSVWithItsPreset(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "guild.db")
	r := runArgs(t, "import", "--db", db, filepath.Join("testdata", "users.csv"), filepath.Join("testdata", "one-bad.vcf"))
	if r.code != exitOK {
		t.Fatalf("rapport import = %d, stderr %q", r.code, r.stderr)
	}
	// Ngozi is in both files: the second is merged into the first, named
	// after her forum username since the export gave no name.
	if !strings.Contains(r.stdout, "4 contacts: 3 new, 1 the same person as an earlier contact.\n") ||
		!strings.Contains(r.stdout, "3 added, 1 merged, 0 skipped") {
		t.Errorf("stdout %q", r.stdout)
	}
	if got, want := storedNames(t, db), []string{"Dana Levi", "Tomás Ruiz", "ngozi_e"}; !slices.Equal(got, want) {
		t.Fatalf("the record holds %q, want %q", got, want)
	}
	st, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, _ := st.Members(context.Background(), model.MemberFilter{Text: "Dana"})
	if len(ms) != 1 || !slices.Equal(ms[0].Tags, []string{"events"}) || len(ms[0].Identities) != 1 || ms[0].Identities[0].Handle != "dana" {
		t.Errorf("Dana imported as %+v; want the tag events and her Discourse handle", ms)
	}
}

func TestImportFailures(t *testing.T) {
	dir := isolate(t)
	db := filepath.Join(dir, "guild.db")
	empty := filepath.Join(dir, "empty.vcf")
	if err := os.WriteFile(empty, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:123456789\r\nEND:VCARD\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("not contacts"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.vcf")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join("testdata", "contacts.vcf")
	for _, c := range []struct {
		name  string
		args  []string
		want  string // in stderr's last line
		code  int
		usage bool
	}{
		{"a missing file", []string{good, filepath.Join(dir, "gone.vcf")}, "gone.vcf: cannot be read: no such file or directory; nothing was imported", exitFail, false},
		{"a folder", []string{folder}, "folder.vcf: cannot be read: is a directory; nothing was imported", exitFail, false},
		{"no contact", []string{empty}, "nothing to import: no contact could be read from " + empty, exitFail, false},
		{"not a contacts file", []string{notes}, "notes.txt: not a vCard (.vcf) or CSV (.csv) file; nothing was imported", exitFail, false},
		{"no file", nil, "import needs a file to read", exitUsage, true},
		{"an unknown flag", []string{"--nope", good}, "flag provided but not defined: -nope", exitUsage, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runArgs(t, append([]string{"import", "--db", db}, c.args...)...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("rapport import %s = %d, stderr %q; want %d, saying %q", strings.Join(c.args, " "), r.code, r.stderr, c.code, c.want)
			}
			if c.usage != strings.HasSuffix(r.stderr, usage) {
				t.Errorf("stderr ends with the usage: %v, want %v", strings.HasSuffix(r.stderr, usage), c.usage)
			}
			if _, err := os.Stat(db); err == nil {
				if got := storedNames(t, db); len(got) != 0 {
					t.Errorf("a failed import left %q in the record", got)
				}
			}
		})
	}
}

// TestContactCodecs checks what the window reads and writes through.
func TestContactCodecs(t *testing.T) {
	c := contactCodecs{}
	cs, ps, err := c.ReadVCard(strings.NewReader("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n"), "a.vcf")
	if err != nil || len(cs) != 1 || cs[0].Origin != "a.vcf:1" || cs[0].Member.Name != "Ada" || len(ps) != 1 || !strings.HasPrefix(ps[0].Text, "a.vcf:5: ") {
		t.Errorf("ReadVCard = %+v, %+v, %v", cs, ps, err)
	}

	header := []string{"Full name", "Mail"}
	presets, detected := c.CSVPresets(header)
	if detected != guessedPreset || presets[len(presets)-1].Mapping["Mail"] != "emails" {
		t.Errorf("CSVPresets = %+v, %q", presets, detected)
	}
	var names []string
	for _, p := range presets {
		names = append(names, p.Name)
	}
	for _, want := range []string{"Discourse user export", "Google Contacts CSV"} {
		if !slices.Contains(names, want) {
			t.Errorf("the presets %q leave out %q", names, want)
		}
	}
	labels := map[string]string{}
	for _, f := range c.CSVFields() {
		labels[f.ID] = f.Label
	}
	if labels["ignore"] != "(leave out)" || labels["identity:Discourse"] != "Discourse handle" {
		t.Errorf("CSVFields labels %v", labels)
	}
	cs, _, err = c.ReadCSV(strings.NewReader("Full name,Mail\r\nAda,ada@example.org\r\n"), "b.csv", app.CSVMapping{"Full name": "name", "Mail": "emails"})
	if err != nil || len(cs) != 1 || cs[0].Origin != "b.csv, contact 1" || cs[0].Member.Emails[0] != "ada@example.org" {
		t.Errorf("ReadCSV = %+v, %v", cs, err)
	}

	m := []model.Member{{ID: 1, Name: "Ada", PrivateNotes: "secret"}}
	for _, f := range []app.ExportFormat{app.ExportVCard4, app.ExportVCard3, app.ExportCSV} {
		for _, private := range []bool{false, true} {
			var b bytes.Buffer
			if err := c.Write(&b, m, f, private); err != nil {
				t.Fatalf("Write %s: %v", f, err)
			}
			if strings.Contains(b.String(), "secret") != private {
				t.Errorf("Write %s with private notes %v:\n%s", f, private, b.String())
			}
		}
	}
}
