package app

import (
	"encoding/json"
	"slices"
	"testing"

	"rapport/model"
)

// forumCSV is a member list whose columns no preset knows all of.
const forumCSV = "Full name,Mail,Forum user,Shoe size\r\n" +
	"Ngozi Eze,ngozi@example.org,ngozi_e,41\r\n" +
	"Tomás Ruiz,tomas@example.org,truiz,44\r\n"

// mappingForm is the CSV mapping dialog open now.
func (h *harness) mappingForm() *csvMappingForm {
	h.t.Helper()
	f, ok := h.u.form.(*csvMappingForm)
	if !ok {
		h.t.Fatalf("no column mapping dialog is open (form = %T); the screen shows %q", h.u.form, h.screenTexts())
	}
	return f
}

// column is the choice of the column headed header.
func (f *csvMappingForm) column(header string) string {
	i := slices.Index(f.header, header)
	if i < 0 {
		return "no such column"
	}
	return f.columns[i].Selected
}

func (f *csvMappingForm) choose(header, label string) {
	f.columns[slices.Index(f.header, header)].SetSelected(label)
}

func TestCSVMappingIsChosenSavedAndReused(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	path := writeFile(t, "forum.csv", forumCSV)

	h.importFiles(path)
	f := h.mappingForm()
	if got := f.preset.Selected; got != "Guessed from the column names" {
		t.Errorf("the preset chosen is %q, want the guess from the column names", got)
	}
	for header, want := range map[string]string{"Full name": "Name", "Mail": "Emails", "Forum user": "", "Shoe size": ""} {
		if got := f.column(header); got != want {
			t.Errorf("column %q is mapped to %q, want %q", header, got, want)
		}
	}
	f.choose("Forum user", "Discourse handle")
	f.choose("Shoe size", "(leave out)")
	h.tap("Continue")

	p := h.preview()
	if len(p.items) != 2 || len(p.problems) != 0 {
		t.Fatalf("the preview holds %d contacts and problems %+v; want 2 and none", len(p.items), p.problems)
	}
	ngozi := p.items[p.itemIndex(t, "Ngozi Eze")].Incoming
	if want := []model.Identity{{Platform: "Discourse", Handle: "ngozi_e"}}; !slices.EqualFunc(ngozi.Identities, want, func(a, b model.Identity) bool { return a.Platform == b.Platform && a.Handle == b.Handle }) ||
		!slices.Equal(ngozi.Emails, []string{"ngozi@example.org"}) {
		t.Errorf("Ngozi reads as identities %+v, emails %q; want her Discourse handle and email", ngozi.Identities, ngozi.Emails)
	}
	saved := h.u.prefs().String(prefCSVMapping + testContacts{}.CSVHeaderKey([]string{"Full name", "Mail", "Forum user", "Shoe size"}))
	var m CSVMapping
	if err := json.Unmarshal([]byte(saved), &m); err != nil || m["Forum user"] != "identity:Discourse" || m["Shoe size"] != "ignore" {
		t.Errorf("the mapping saved is %q (%v); want the choices made", saved, err)
	}
	h.tap("Cancel")

	// The next file of the same shape, its header written in another case,
	// offers the mapping chosen.
	h.importFiles(writeFile(t, "forum-2.csv", "full name,mail,forum user,shoe size\r\nDana Levi,dana@example.org,dlevi,38\r\n"))
	f = h.mappingForm()
	if got := f.preset.Selected; got != presetLastTime {
		t.Errorf("the preset chosen for a file of the same shape is %q, want %q", got, presetLastTime)
	}
	h.tap("Cancel")

	h.importFiles(path)
	f = h.mappingForm()
	if got := f.column("Forum user"); got != "Discourse handle" {
		t.Errorf("the second time, Forum user is mapped to %q, want the Discourse handle chosen before", got)
	}
	h.tap("Continue")
	h.tap("Import")
	m2 := h.member("Tomás Ruiz")
	if len(m2.Identities) != 1 || m2.Identities[0].Handle != "truiz" {
		t.Errorf("Tomás imported with identities %+v, want his Discourse handle", m2.Identities)
	}
}

func TestCSVMappingPresets(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam"))
	discourse := "id,username,name,email,trust_level,group_names\r\n1,amara,Amara Okafor,amara@example.org,2,docs\r\n"
	h.importFiles(writeFile(t, "users.csv", discourse))
	f := h.mappingForm()
	if got := f.preset.Selected; got != "Discourse user export" {
		t.Errorf("a Discourse export is taken for %q", got)
	}
	if got := f.column("username"); got != "Discourse handle" {
		t.Errorf("username maps to %q, want the Discourse handle", got)
	}
	// Choosing another preset maps the columns as it says.
	f.preset.SetSelected("Google Contacts CSV")
	if got := f.column("username"); got != "" {
		t.Errorf("with the Google preset username maps to %q, want nothing", got)
	}
	f.preset.SetSelected("Discourse user export")
	h.tap("Continue")
	h.tap("Import")
	m := h.member("Amara Okafor")
	if !slices.Equal(m.Tags, []string{"docs"}) || len(m.Identities) != 1 {
		t.Errorf("Amara imported with tags %q and identities %+v", m.Tags, m.Identities)
	}
}
