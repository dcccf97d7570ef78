// Package contactcsv reads members from CSV files with a column mapping and
// writes them as CSV. It is a pure codec: no database, no UI; the standard
// library and model only.
//
// # Import
//
// Decode reads a file whose first row is a header: comma, semicolon (as
// spreadsheets write it in much of Europe) or tab separated, detected from
// the header; UTF-8 with or without a byte order mark, UTF-16 with one, and
// anything else read as Windows-1252 (reported). A Mapping says which member
// field each column holds; Presets map the files of known programs
// (DetectPreset, DefaultMapping) and HeaderKey names a header's shape, so a
// mapping chosen once can be offered again.
//
// Nothing is silently dropped: a value a field cannot hold (an email that is
// not one, a birthday in words) is kept in the member's notes as
// "Header: value" and reported; a column the mapping leaves out is reported
// when it holds values (map it to Ignore to leave it out quietly); a row
// with fewer cells than the header is imported and reported, one with more
// is reported and left out, since its cells no longer line up. Each problem
// names the file, line and column. The good rows come back whatever the bad
// ones hold; Decode never panics.
//
// Lists (emails, phones, tags, identities, web addresses) may hold several
// values in one cell, separated by ";" (and "," for emails and tags) or by
// Google's " ::: ". Google's system label "* myContacts" is left out and the
// "* " of its other system labels ("* starred") dropped. A one-line value
// wrapped in quotes around a comma ("\"Okafor, Amara\"", as a Discourse export
// writes names with commas) is unwrapped.
//
// # Export
//
// Encode writes Header, one row per member: lists joined with "; ",
// identities as "Platform:handle" (with " <url>" when it has one), private
// notes only when asked for. A cell a spreadsheet would run as a formula
// (starting with = @ or + - followed by other than a digit) is written with a
// leading apostrophe, which Decode takes off again. Photos and the vCard
// lines a member keeps are not written: CSV is for spreadsheets and mail
// tools; the vCard export carries everything.
package contactcsv

import "fmt"

// Problem is something wrong in a file being read: a row that could not be
// imported, or a value kept only in the notes.
type Problem struct {
	File   string // the name given to Decode
	Line   int    // 1-based line; 0 when it concerns the whole file
	Column int    // 1-based column; 0 when it concerns the whole row
	Header string // the column's header, when Column is set
	Reason string
}

// Error reads like `members.csv:12: column 3 (Email): "bob@" is not an email address`.
func (p Problem) Error() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	if p.Column > 0 {
		s += fmt.Sprintf(": column %d", p.Column)
		if p.Header != "" {
			s += fmt.Sprintf(" (%s)", p.Header)
		}
	}
	return s + ": " + p.Reason
}
