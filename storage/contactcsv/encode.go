package contactcsv

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"rapport/model"
)

// EncodeOptions say what to write.
type EncodeOptions struct {
	IncludePrivateNotes bool // add the "Private notes" column
}

// Encode writes members as CSV: a byte order mark (so that Excel reads the
// file as UTF-8), ExportHeader, and one row per member in the order given,
// with CRLF line ends (RFC 4180).
func Encode(w io.Writer, members []model.Member, opt EncodeOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	header := ExportHeader
	if opt.IncludePrivateNotes {
		header = append(header[:len(header):len(header)], privateNotesHeader)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for i := range members {
		m := &members[i]
		cadence := ""
		if m.CadenceDays > 0 {
			cadence = strconv.Itoa(m.CadenceDays)
		}
		ids := make([]string, len(m.Identities))
		for j, id := range m.Identities {
			ids[j] = formatIdentity(id)
		}
		row = append(row[:0],
			m.Name, m.Pronouns, strings.Join(m.Emails, "; "), strings.Join(m.Phones, "; "),
			m.Organisation, m.Role, m.Location, m.TimeZone, m.Birthday, strings.Join(m.Tags, "; "),
			strings.Join(ids, "; "), m.HowWeMet, m.CaresAbout, m.Notes, cadence, m.UID)
		if opt.IncludePrivateNotes {
			row = append(row, m.PrivateNotes)
		}
		for j := range row {
			row[j] = guard(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// formatIdentity writes "Platform:handle", "Platform:handle <url>" or
// "Platform:<url>".
func formatIdentity(id model.Identity) string {
	s := id.Platform + ":" + id.Handle
	if id.URL != "" {
		if id.Handle != "" {
			s += " "
		}
		s += "<" + id.URL + ">"
	}
	return s
}
