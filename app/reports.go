package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// Reports writes the report a product team is handed about its feedback.
// Like Contacts, it is declared here and implemented outside: cmd/rapport
// passes the writers of storage/feedbackreport (UI.SetReports), so that the
// UI never imports storage. Without it, reports are not offered.
type Reports interface {
	// WriteFeedbackReport writes r to w in format.
	WriteFeedbackReport(w io.Writer, r model.FeedbackReport, format ReportFormat) error
}

// ReportFormat is a file format a feedback report is written in.
type ReportFormat string

// Report formats.
const (
	ReportMarkdown ReportFormat = "md"  // Markdown, to read or paste in a tracker
	ReportCSV      ReportFormat = "csv" // CSV, for spreadsheets
)

// Ext is the file extension of the format.
func (f ReportFormat) Ext() string {
	if f == ReportCSV {
		return ".csv"
	}
	return ".md"
}

// SetReports gives the UI what it writes feedback reports with; File ›
// Feedback report… and the Feedback screen's "Report for a team…" show from
// then on.
func (u *UI) SetReports(r Reports) {
	u.reports = r
	if u.feedback != nil {
		if r != nil {
			u.feedback.report.Show()
		} else {
			u.feedback.report.Hide()
		}
	}
	u.refreshMenu()
}

// prefReportDir is the preference holding the folder the last feedback
// report went to.
const prefReportDir = "reportFolder"

// The choices of the report form.
const (
	reportFormatMarkdown = "Markdown, to read or paste in a tracker"
	reportFormatCSV      = "CSV, for spreadsheets"
	reportAnonymiseText  = "Anonymise (members become member 1, 2…; no contact details)"
)

var reportFormats = map[string]ReportFormat{reportFormatMarkdown: ReportMarkdown, reportFormatCSV: ReportCSV}

// reportOptions say which report to write, and how.
type reportOptions struct {
	team      model.ProductTeam
	statuses  []model.FeedbackStatus
	format    ReportFormat
	anonymise bool
}

// reportForm asks for which team, which statuses, in which format and
// whether members are named.
type reportForm struct {
	u         *UI
	dlg       *dialog.CustomDialog
	teams     []model.ProductTeam
	team      *widget.Select
	statuses  map[model.FeedbackStatus]*widget.Check
	format    *widget.RadioGroup
	anonymise *widget.Check
	finished  bool
}

// showFeedbackReport opens the report form: File › Feedback report… and the
// Feedback screen's "Report for a team…".
func (u *UI) showFeedbackReport() {
	if u.nav == nil || u.reports == nil || u.form != nil {
		return
	}
	teams, err := u.st.Teams(u.ctx(), true)
	if err != nil {
		u.showError(err)
		return
	}
	if len(teams) == 0 {
		dialog.ShowInformation("No product team yet",
			"A report is written for a product team. Add a team when you record feedback, then write its report.", u.win)
		return
	}
	showReportForm(u, teams)
}

// teamLabel is how the form names a team.
func teamLabel(t model.ProductTeam) string {
	if t.Archived() {
		return t.Name + " (archived)"
	}
	return t.Name
}

func showReportForm(u *UI, teams []model.ProductTeam) *reportForm {
	f := &reportForm{u: u, teams: teams, statuses: map[model.FeedbackStatus]*widget.Check{}}
	var names []string
	for _, t := range teams {
		names = append(names, teamLabel(t))
	}
	f.team = widget.NewSelect(names, nil)
	f.team.Selected = names[0]
	if u.feedback != nil {
		if i := slices.IndexFunc(teams, func(t model.ProductTeam) bool { return t.Name == u.feedback.team.Selected }); i >= 0 {
			f.team.Selected = names[i]
		}
	}
	save := widget.NewButtonWithIcon("Save…", theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	checks := container.New(&flowLayout{})
	for _, st := range model.FeedbackStatuses {
		c := widget.NewCheck(string(st), func(bool) {
			if _, ok := f.options(); ok {
				save.Enable()
			} else {
				save.Disable()
			}
		})
		c.Checked = st != model.FeedbackDuplicate
		f.statuses[st] = c
		checks.Add(c)
	}
	f.format = widget.NewRadioGroup([]string{reportFormatMarkdown, reportFormatCSV}, nil)
	f.format.Required = true
	f.format.SetSelected(reportFormatMarkdown)
	f.anonymise = widget.NewCheck(reportAnonymiseText, nil)

	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	grid := container.New(layout.NewFormLayout(),
		bold("Team"), f.team,
		bold("Statuses"), container.NewVBox(checks, quietCaption("A duplicate's members are counted on the item it duplicates.")),
		bold("As"), f.format,
		bold("Members"), container.NewVBox(f.anonymise, quietCaption("Private notes never go in a report.")),
	)
	f.dlg = dialog.NewCustomWithoutButtons("Feedback report", grid, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	f.dlg.Resize(fyne.NewSize(600, f.dlg.MinSize().Height))
	u.showDialogForm(f, f.dlg, nil)
	return f
}

// options are what the form says to write; ok is false until a team and a
// status are picked.
func (f *reportForm) options() (reportOptions, bool) {
	o := reportOptions{format: reportFormats[f.format.Selected], anonymise: f.anonymise.Checked}
	if o.format == "" {
		o.format = ReportMarkdown
	}
	i := slices.IndexFunc(f.teams, func(t model.ProductTeam) bool { return teamLabel(t) == f.team.Selected })
	if i < 0 {
		return o, false
	}
	o.team = f.teams[i]
	for _, st := range model.FeedbackStatuses {
		if f.statuses[st].Checked {
			o.statuses = append(o.statuses, st)
		}
	}
	return o, len(o.statuses) > 0
}

// reportFileName is the name the file dialog offers.
func reportFileName(o reportOptions) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, "Feedback for "+o.team.Name)
	return name + o.format.Ext()
}

// save asks where the report goes, then writes it there.
func (f *reportForm) save() {
	if f.finished {
		return
	}
	o, ok := f.options()
	if !ok {
		return
	}
	f.finished = true
	f.dlg.Hide()
	u := f.u
	u.askWhere(saveFile{title: "Feedback report", confirm: "Save", name: reportFileName(o), ext: o.format.Ext(), dirPref: prefReportDir}, func(path string) { u.reportTo(path, o) })
}

func (f *reportForm) cancel() {
	f.finished = true
	f.dlg.Hide()
}

// reportTo writes the report o says to the file at path, in the background;
// Cancel in the progress calls it off and leaves no file half written.
func (u *UI) reportTo(path string, o reportOptions) {
	if u.nav == nil || u.reports == nil {
		return
	}
	st, reports := u.st, u.reports
	u.writeInBackground("Feedback report", "Writing "+filepath.Base(path)+"…",
		func(ctx context.Context) (int, error) { return reportFile(ctx, st, reports, path, o) },
		func(n int) { u.reported(path, n, o) })
}

// reportFile writes the report o says to path: to a file beside it first,
// renamed over it once whole. It returns how many items it holds.
func reportFile(ctx context.Context, st Store, reports Reports, path string, o reportOptions) (int, error) {
	fail := func(err error) (int, error) {
		removeIfEmpty(path) // the file dialog made it; nothing went in
		if cancelled(err) {
			return 0, err
		}
		return 0, fmt.Errorf("report to %s: %w", path, err)
	}
	r, err := st.FeedbackReport(ctx, o.team.ID, o.statuses)
	if err != nil {
		return fail(err)
	}
	if o.anonymise {
		r = r.Anonymise()
	}
	err = writeWhole(ctx, path, func(w io.Writer) error { return reports.WriteFeedbackReport(w, r, o.format) })
	if err != nil {
		return fail(err)
	}
	return len(r.Items), nil
}

// reported says what a report holds, and where it went.
func (u *UI) reported(path string, n int, o reportOptions) {
	text := fmt.Sprintf("The report for %s, with %s, went to %s.", o.team.Name, model.Plural(n, "item", "items"), path)
	if o.anonymise {
		text += "\nMembers are numbered in it, without their contact details."
	} else {
		text += "\nMembers are named in it, with how to reach them: share it with care."
	}
	l := wrapLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom("Report written", "Close", l, u.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
}
