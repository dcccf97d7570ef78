package app

import (
	"fmt"
	"io"

	"rapport/model"
	"rapport/storage/contactcsv"
	"rapport/storage/vcard"
)

// testContacts reads and writes contacts with the codecs cmd/rapport wires
// into the window: storage/vcard and storage/contactcsv.
type testContacts struct{}

var _ Contacts = testContacts{}

func (testContacts) ReadVCard(r io.Reader, name string) ([]Contact, []ContactProblem, error) {
	cards, problems, err := vcard.Decode(r, name)
	if err != nil {
		return nil, nil, err
	}
	var cs []Contact
	for _, c := range cards {
		cs = append(cs, Contact{Member: c.Member, Origin: fmt.Sprintf("%s:%d", name, c.Line)})
	}
	var ps []ContactProblem
	for _, p := range problems {
		ps = append(ps, ContactProblem{File: p.File, Line: p.Line, Text: p.Error()})
	}
	return cs, ps, nil
}

func (testContacts) CSVHeader(r io.Reader) ([]string, error) { return contactcsv.ReadHeader(r) }

func (testContacts) CSVFields() []CSVField {
	var fs []CSVField
	for _, f := range contactcsv.Fields {
		fs = append(fs, CSVField{ID: string(f), Label: f.Label()})
	}
	return fs
}

func (testContacts) CSVPresets(header []string) ([]CSVPreset, string) {
	mapping := func(m contactcsv.Mapping) CSVMapping {
		out := CSVMapping{}
		for h, f := range m {
			out[h] = string(f)
		}
		return out
	}
	var ps []CSVPreset
	for _, p := range contactcsv.Presets {
		ps = append(ps, CSVPreset{Name: p.Name, Mapping: mapping(p.Mapping(header))})
	}
	if p, ok := contactcsv.DetectPreset(header); ok {
		return ps, p.Name
	}
	const guess = "Guessed from the column names"
	return append(ps, CSVPreset{Name: guess, Mapping: mapping(contactcsv.DefaultMapping(header))}), guess
}

func (testContacts) CSVHeaderKey(header []string) string { return contactcsv.HeaderKey(header) }

func (testContacts) ReadCSV(r io.Reader, name string, mapping CSVMapping) ([]Contact, []ContactProblem, error) {
	m := contactcsv.Mapping{}
	for h, id := range mapping {
		m[h] = contactcsv.Field(id)
	}
	members, problems, err := contactcsv.Decode(r, name, m)
	if err != nil {
		return nil, nil, err
	}
	var cs []Contact
	for i, mb := range members {
		cs = append(cs, Contact{Member: mb, Origin: fmt.Sprintf("%s, contact %d", name, i+1)})
	}
	var ps []ContactProblem
	for _, p := range problems {
		ps = append(ps, ContactProblem{File: p.File, Line: p.Line, Text: p.Error()})
	}
	return cs, ps, nil
}

func (testContacts) Write(w io.Writer, members []model.Member, format ExportFormat, privateNotes bool) error {
	switch format {
	case ExportVCard4:
		return vcard.Encode(w, members, vcard.EncodeOptions{Version: vcard.V4, IncludePrivateNotes: privateNotes})
	case ExportVCard3:
		return vcard.Encode(w, members, vcard.EncodeOptions{Version: vcard.V3, IncludePrivateNotes: privateNotes})
	case ExportCSV:
		return contactcsv.Encode(w, members, contactcsv.EncodeOptions{IncludePrivateNotes: privateNotes})
	}
	return fmt.Errorf("cannot export as %q", format)
}
