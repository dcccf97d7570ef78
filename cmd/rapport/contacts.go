package main

import (
	"fmt"
	"io"

	"rapport/app"
	"rapport/model"
	"rapport/storage/contactcsv"
	"rapport/storage/vcard"
)

// contactCodecs is what the window reads and writes contacts with:
// storage/vcard and storage/contactcsv behind the interface the UI declares.
// rapport import reads files through it too, so that both say the same.
type contactCodecs struct{}

var _ app.Contacts = contactCodecs{}

// guessedPreset names the mapping guessed from common column names, offered
// when no known program wrote the file.
const guessedPreset = "Guessed from the column names"

func (contactCodecs) ReadVCard(r io.Reader, name string) ([]app.Contact, []app.ContactProblem, error) {
	cards, problems, err := vcard.Decode(r, name)
	if err != nil {
		return nil, nil, err
	}
	cs := make([]app.Contact, len(cards))
	for i, c := range cards {
		cs[i] = app.Contact{Member: c.Member, Origin: fmt.Sprintf("%s:%d", name, c.Line)}
	}
	ps := make([]app.ContactProblem, len(problems))
	for i, p := range problems {
		ps[i] = app.ContactProblem{File: p.File, Line: p.Line, Text: p.Error()}
	}
	return cs, ps, nil
}

func (contactCodecs) CSVHeader(r io.Reader) ([]string, error) { return contactcsv.ReadHeader(r) }

func (contactCodecs) CSVFields() []app.CSVField {
	fs := make([]app.CSVField, len(contactcsv.Fields))
	for i, f := range contactcsv.Fields {
		fs[i] = app.CSVField{ID: string(f), Label: f.Label()}
	}
	return fs
}

func (contactCodecs) CSVPresets(header []string) ([]app.CSVPreset, string) {
	var ps []app.CSVPreset
	for _, p := range contactcsv.Presets {
		ps = append(ps, app.CSVPreset{Name: p.Name, Mapping: appMapping(p.Mapping(header))})
	}
	if p, ok := contactcsv.DetectPreset(header); ok {
		return ps, p.Name
	}
	ps = append(ps, app.CSVPreset{Name: guessedPreset, Mapping: appMapping(contactcsv.DefaultMapping(header))})
	return ps, guessedPreset
}

func (contactCodecs) CSVHeaderKey(header []string) string { return contactcsv.HeaderKey(header) }

func (contactCodecs) ReadCSV(r io.Reader, name string, mapping app.CSVMapping) ([]app.Contact, []app.ContactProblem, error) {
	m := contactcsv.Mapping{}
	for h, id := range mapping {
		m[h] = contactcsv.Field(id)
	}
	return readCSV(r, name, m)
}

// readCSV reads the rows of a CSV file as contacts; each is named by its
// place among them, since a row may span several lines.
func readCSV(r io.Reader, name string, m contactcsv.Mapping) ([]app.Contact, []app.ContactProblem, error) {
	members, problems, err := contactcsv.Decode(r, name, m)
	if err != nil {
		return nil, nil, err
	}
	cs := make([]app.Contact, len(members))
	for i, mb := range members {
		cs[i] = app.Contact{Member: mb, Origin: fmt.Sprintf("%s, contact %d", name, i+1)}
	}
	ps := make([]app.ContactProblem, len(problems))
	for i, p := range problems {
		ps[i] = app.ContactProblem{File: p.File, Line: p.Line, Text: p.Error()}
	}
	return cs, ps, nil
}

func (contactCodecs) Write(w io.Writer, members []model.Member, format app.ExportFormat, privateNotes bool) error {
	switch format {
	case app.ExportVCard4:
		return vcard.Encode(w, members, vcard.EncodeOptions{Version: vcard.V4, IncludePrivateNotes: privateNotes})
	case app.ExportVCard3:
		return vcard.Encode(w, members, vcard.EncodeOptions{Version: vcard.V3, IncludePrivateNotes: privateNotes})
	case app.ExportCSV:
		return contactcsv.Encode(w, members, contactcsv.EncodeOptions{IncludePrivateNotes: privateNotes})
	}
	return fmt.Errorf("cannot export as %q", format)
}

// appMapping is a codec's mapping as the UI holds it.
func appMapping(m contactcsv.Mapping) app.CSVMapping {
	out := make(app.CSVMapping, len(m))
	for h, f := range m {
		out[h] = string(f)
	}
	return out
}
