package app

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"rapport/model"
)

// Contacts reads and writes the files contacts travel in: vCard and CSV. Like
// Store, it is declared here and implemented outside: cmd/rapport passes the
// codecs of storage/vcard and storage/contactcsv (UI.SetContacts), so that
// the UI never imports storage. Without it, import and export are not offered.
type Contacts interface {
	// ReadVCard reads every card in r; name names the file in origins and
	// problems. Good cards come back whatever the bad ones hold; the error
	// is for reading r only.
	ReadVCard(r io.Reader, name string) ([]Contact, []ContactProblem, error)
	// CSVHeader returns the column names of a CSV file.
	CSVHeader(r io.Reader) ([]string, error)
	// CSVFields lists what a column can hold, in the order to offer them.
	CSVFields() []CSVField
	// CSVPresets are the mappings of the programs Rapport knows (and one
	// guessed from the column names) for header, and the name of the one
	// whose program wrote it.
	CSVPresets(header []string) (presets []CSVPreset, detected string)
	// CSVHeaderKey names the shape of header, to remember its mapping by.
	CSVHeaderKey(header []string) string
	// ReadCSV reads the rows of a CSV file, each column holding the field
	// mapping gives its header; a column it leaves out is reported when it
	// holds values. Like ReadVCard, good rows come back whatever the bad
	// ones hold.
	ReadCSV(r io.Reader, name string, mapping CSVMapping) ([]Contact, []ContactProblem, error)
	// Write writes members in format, with their private notes only when
	// privateNotes is set.
	Write(w io.Writer, members []model.Member, format ExportFormat, privateNotes bool) error
}

// Contact is one member read from a file.
type Contact struct {
	Member model.Member
	// Origin says where it was read: "contacts.vcf:12".
	Origin string
}

// ContactProblem is something wrong in a file being read: a card or row left
// out, or a part of one kept only as written.
type ContactProblem struct {
	File string
	Line int // 1-based; 0 when it concerns the whole file
	// Text says it all: "contacts.vcf:12: card 3: no name (FN or N)".
	Text string
}

// CSVField is what a CSV column can hold.
type CSVField struct {
	ID    string // what a CSVMapping holds
	Label string // what the mapping dialog shows
}

// CSVMapping maps a CSV column, named by its header, to the ID of the field
// it holds.
type CSVMapping map[string]string

// CSVPreset is the mapping a known program's files need.
type CSVPreset struct {
	Name    string
	Mapping CSVMapping
}

// ExportFormat is a file format members are exported in.
type ExportFormat string

// Export formats.
const (
	ExportVCard4 ExportFormat = "vcard"  // vCard 4.0, RFC 6350
	ExportVCard3 ExportFormat = "vcard3" // vCard 3.0, RFC 2426, for older address books
	ExportCSV    ExportFormat = "csv"    // CSV, for spreadsheets and mail tools
)

// Ext is the file extension of the format.
func (f ExportFormat) Ext() string {
	if f == ExportCSV {
		return ".csv"
	}
	return ".vcf"
}

// SetContacts gives the UI the codecs it imports and exports contacts with;
// File › Import contacts…, Export contacts… and dropping files on the window
// work from then on.
func (u *UI) SetContacts(c Contacts) {
	u.contacts = c
	u.refreshMenu()
}

// contactsReady reports whether contacts can be imported or exported now:
// the main view shows, the codecs are there and no form is open.
func (u *UI) contactsReady() bool {
	return u.nav != nil && u.contacts != nil && u.form == nil
}

// fileKind is what kind of contacts file a path names.
type fileKind int

const (
	kindUnknown fileKind = iota
	kindVCard
	kindCSV
)

// contactFileKind tells a contacts file by its extension.
func contactFileKind(path string) fileKind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vcf", ".vcard":
		return kindVCard
	case ".csv", ".tsv":
		return kindCSV
	}
	return kindUnknown
}

// dropped imports the contacts files dropped on the window.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	if !u.contactsReady() {
		return
	}
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) > 0 {
		u.importFiles(paths)
	}
}

// ctxReader reads r until ctx ends, so that a cancelled import stops reading
// a big file at once.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ctxWriter writes to w until ctx ends, so that a cancelled export stops.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// cancelled reports whether err is the work being called off.
func cancelled(err error) bool {
	return errors.Is(err, context.Canceled)
}
