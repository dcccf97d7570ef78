// Package feedbackreport writes the report a product team is handed (a
// model.FeedbackReport) as Markdown, to read, or as CSV, to sort and count
// in a spreadsheet. An anonymised report (FeedbackReport.Anonymise) is
// written as it is, said so at its top, and its CSV has no contact or
// source columns.
package feedbackreport

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"rapport/model"
	"rapport/storage/markdown"
)

// dateLayout writes days the same for every reader, wherever they are.
const dateLayout = "2006-01-02"

// Markdown writes r as a Markdown document: a heading for the team, a line
// saying whose record it comes from and what it holds, then each item with
// its kind, status and outcome, tracker link, how many members raised it,
// its detail, and each member's quote as a block quote signed with their
// name, contact, date and source.
func Markdown(w io.Writer, r model.FeedbackReport) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# Feedback for %s\n\n", markdown.Inline(r.Team.Name))
	from := "From the record"
	if r.By != "" {
		from = "From the record of " + markdown.Inline(r.By)
	}
	p("%s, %s: %s (%s).\n", from, r.At.Format(dateLayout), count(len(r.Items), "item"), statusesText(r.Statuses))
	if r.Anonymised {
		p("\nMembers are numbered, the same number for the same member throughout; their contact details and the links to where they spoke are left out.\n")
	}
	if len(r.Items) == 0 {
		p("\nNo feedback for this team with these statuses.\n")
	}
	for i, it := range r.Items {
		p("\n## %d. %s\n\n", i+1, markdown.Inline(it.Title))
		p("- Kind: %s\n", it.Kind)
		p("- Status: %s\n", markdown.Inline(model.OutcomeText(it.Status, it.Outcome, it.DuplicateOf)))
		if it.TrackerLink != "" {
			p("- Tracker: %s\n", link(it.TrackerLink))
		}
		p("- Raised by: %s\n", count(it.Members, "member"))
		if it.Detail != "" {
			p("\n%s\n", markdown.Block(it.Detail, ""))
		}
		for _, q := range it.Quotes {
			// Written piece by piece: a report holds thousands of quotes.
			bw.WriteByte('\n')
			bw.WriteString(markdown.Block(q.Quote, "> "))
			bw.WriteString("\n>\n> — ")
			writeSignature(bw, q)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// writeSignature writes who said a quote, how to reach them, when and
// where.
func writeSignature(bw *bufio.Writer, q model.ReportQuote) {
	bw.WriteString(markdown.Inline(q.Member))
	if q.Contact != "" {
		bw.WriteString(" (")
		bw.WriteString(markdown.Inline(q.Contact))
		bw.WriteByte(')')
	}
	bw.WriteString(", ")
	var date [len(dateLayout)]byte
	bw.Write(q.Date.AppendFormat(date[:0], dateLayout))
	if q.Source != "" {
		bw.WriteString(", ")
		bw.WriteString(link(q.Source))
	}
}

// statusesText names the statuses a report holds.
func statusesText(sts []model.FeedbackStatus) string {
	if len(sts) == len(model.FeedbackStatuses)-1 && !slices.Contains(sts, model.FeedbackDuplicate) {
		return "every status but duplicate"
	}
	if len(sts) == len(model.FeedbackStatuses) {
		return "every status"
	}
	parts := make([]string, len(sts))
	for i, st := range sts {
		parts[i] = string(st)
	}
	return strings.Join(parts, ", ")
}

// count is "1 member", "3 members".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// link writes an address as a Markdown autolink, or as text when it holds
// what an autolink cannot.
func link(u string) string {
	if strings.ContainsAny(u, " <>\t\n") {
		return markdown.Inline(u)
	}
	return "<" + u + ">"
}

// Headers of the CSV, per kind of report.
var (
	csvHeader           = []string{"Item", "Title", "Kind", "Status", "Outcome", "Tracker", "Members", "Member", "Contact", "Date", "Quote", "Source"}
	csvHeaderAnonymised = []string{"Item", "Title", "Kind", "Status", "Outcome", "Tracker", "Members", "Member", "Date", "Quote"}
)

// bom makes spreadsheets read the file as UTF-8.
const bom = "\ufeff"

// CSV writes r as CSV: a byte order mark, a header, and one row per quote
// (an item without one gets a row of its own), with CRLF line ends (RFC
// 4180). Item is the item's number in the report, as in the Markdown. A
// cell a spreadsheet would take for a formula starts with an apostrophe.
func CSV(w io.Writer, r model.FeedbackReport) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	header := csvHeader
	if r.Anonymised {
		header = csvHeaderAnonymised
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i, it := range r.Items {
		item := []string{strconv.Itoa(i + 1), it.Title, string(it.Kind), string(it.Status),
			model.OutcomeText(it.Status, it.Outcome, it.DuplicateOf), it.TrackerLink, strconv.Itoa(it.Members)}
		quotes := it.Quotes
		if len(quotes) == 0 {
			quotes = []model.ReportQuote{{}}
		}
		for _, q := range quotes {
			date := ""
			if !q.Date.IsZero() {
				date = q.Date.Format(dateLayout)
			}
			row := append(item[:len(item):len(item)], q.Member)
			if r.Anonymised {
				row = append(row, date, q.Quote)
			} else {
				row = append(row, q.Contact, date, q.Quote, q.Source)
			}
			for j := range row {
				row[j] = guard(row[j])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// guard starts with an apostrophe a cell that a spreadsheet would run as a
// formula (=, @, or + and - not starting a number), as storage/contactcsv
// does.
func guard(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@':
		return "'" + s
	case '+', '-':
		if len(s) > 1 && !(s[1] >= '0' && s[1] <= '9' || s[1] == ' ' || s[1] == '(' || s[1] == '.') {
			return "'" + s
		}
	}
	return s
}
