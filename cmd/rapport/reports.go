package main

import (
	"fmt"
	"io"

	"rapport/app"
	"rapport/model"
	"rapport/storage/feedbackreport"
)

// reportWriters is what the window writes feedback reports with:
// storage/feedbackreport behind the interface the UI declares, the same
// writers rapport feedback uses.
type reportWriters struct{}

var _ app.Reports = reportWriters{}

func (reportWriters) WriteFeedbackReport(w io.Writer, r model.FeedbackReport, format app.ReportFormat) error {
	switch format {
	case app.ReportMarkdown:
		return feedbackreport.Markdown(w, r)
	case app.ReportCSV:
		return feedbackreport.CSV(w, r)
	}
	return fmt.Errorf("cannot write a report as %q", format)
}
