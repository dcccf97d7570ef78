package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"rapport/app"
	"rapport/model"
	"rapport/storage"
	"rapport/storage/contactcsv"
)

// importContacts is "rapport import [--db PATH] [--dry-run] FILE...": it reads
// the contacts in vCard (.vcf) and CSV (.csv) files, says what importing them
// would do (how many are new, how many match members already in the record
// and by which rule), and, without --dry-run, imports them as one batch:
// matches merged into the member they match, the others added. A CSV file's
// columns are mapped as the program that wrote it names them, else guessed
// from their names. Each problem of the files goes to stderr as
// "file:line: reason"; a bad card never stops the good ones. It fails when a
// file cannot be read, or when no file holds a contact that can be imported.
func importContacts(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import")
	fs.StringVar(&db, "db", db, "")
	dryRun := fs.Bool("dry-run", false, "")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"import needs a file to read: rapport import [--db PATH] [--dry-run] FILE..."}
	}
	for _, f := range files {
		if importKind(f) == "" {
			return fmt.Errorf("%s: not a vCard (.vcf) or CSV (.csv) file; nothing was imported", f)
		}
	}

	// Every file is read before the record is opened: a file that cannot
	// be read stops the import before anything is written.
	var contacts []app.Contact
	for _, f := range files {
		cs, ps, err := readContactsFile(f)
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was imported", f, err)
		}
		for _, p := range ps {
			fmt.Fprintln(stderr, p.Text)
		}
		fmt.Fprintf(stdout, "%s: %s", f, model.Plural(len(cs), "contact", "contacts"))
		if len(ps) > 0 {
			fmt.Fprintf(stdout, ", %s (on stderr)", model.Plural(len(ps), "problem", "problems"))
		}
		fmt.Fprintln(stdout)
		contacts = append(contacts, cs...)
	}
	if len(contacts) == 0 {
		return errors.New("nothing to import: no contact could be read from " + strings.Join(files, ", "))
	}

	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	err = importInto(ctx, st, files, contacts, *dryRun, stdout)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// importInto previews the import of contacts into st, and carries it out
// unless dryRun.
func importInto(ctx context.Context, st *storage.Store, files []string, contacts []app.Contact, dryRun bool, stdout io.Writer) error {
	members := make([]model.Member, len(contacts))
	for i, c := range contacts {
		members[i] = c.Member
	}
	p, err := st.PreviewImport(ctx, members)
	if err != nil {
		return err
	}
	for i := range p.Items {
		p.Items[i].Origin = contacts[i].Origin
	}
	fmt.Fprintln(stdout, previewSummary(p))
	if dryRun {
		for _, it := range p.Items {
			if line := matchLine(p.Items, it); line != "" {
				fmt.Fprint(stdout, line)
			}
		}
		fmt.Fprintf(stdout, "Dry run: nothing was written to %s.\n", st.Path())
		return nil
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	batch, res, err := st.Import(ctx, strings.Join(names, ", "), p.Items)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported into %s as batch %d: %d added, %d merged, %d skipped.\n",
		st.Path(), batch, res.Added, res.Merged, res.Skipped)
	return nil
}

// previewSummary says what an import would do, in one line.
func previewSummary(p model.ImportPreview) string {
	parts := []string{fmt.Sprintf("%d new", p.New)}
	if p.Matched > 0 {
		var rules []string
		for _, r := range model.MatchRules {
			if n := p.ByRule[r]; n > 0 {
				rules = append(rules, fmt.Sprintf("%d by %s", n, r))
			}
		}
		parts = append(parts, fmt.Sprintf("%d already in the record (%s)", p.Matched, strings.Join(rules, ", ")))
	}
	if p.Repeats > 0 {
		parts = append(parts, fmt.Sprintf("%d the same person as an earlier contact", p.Repeats))
	}
	return fmt.Sprintf("%s: %s.", model.Plural(len(p.Items), "contact", "contacts"), strings.Join(parts, ", "))
}

// matchLine says what the import does with a contact that matches someone,
// and what merging leaves out; "" for a new contact.
func matchLine(items []model.ImportItem, it model.ImportItem) string {
	var s string
	switch {
	case it.Match != nil:
		s = fmt.Sprintf("  %s: %s: merge into %s (same %s)\n", it.Origin, it.Incoming.Name, it.Match.Name, it.MatchedBy)
	case it.DuplicateOf > 0:
		first := items[it.DuplicateOf-1]
		s = fmt.Sprintf("  %s: %s: merge with %s (%s, same %s)\n", it.Origin, it.Incoming.Name, first.Incoming.Name, first.Origin, it.MatchedBy)
	default:
		return ""
	}
	for _, c := range it.Conflicts {
		s += "      " + c.String() + "\n"
	}
	return s
}

// importKind is "vcard" or "csv" for the files import reads, "" for others.
func importKind(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vcf", ".vcard":
		return "vcard"
	case ".csv", ".tsv":
		return "csv"
	}
	return ""
}

// readContactsFile reads the contacts in the file at path, its CSV columns
// mapped by DefaultMapping.
func readContactsFile(path string) ([]app.Contact, []app.ContactProblem, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("cannot be read: %w", err)
	}
	name := filepath.Base(path)
	if importKind(path) == "vcard" {
		return contactCodecs{}.ReadVCard(bytes.NewReader(data), name)
	}
	header, err := contactcsv.ReadHeader(bytes.NewReader(data))
	if err != nil {
		// Decode says so as a problem naming the file.
		return readCSV(bytes.NewReader(data), name, contactcsv.Mapping{})
	}
	return readCSV(bytes.NewReader(data), name, contactcsv.DefaultMapping(header))
}

// parseInterspersed parses flags wherever they stand among the arguments
// (rapport import a.vcf --dry-run) and returns the other arguments; after
// "--" every argument is one of them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if consumed := len(args) - len(left); consumed > 0 && args[consumed-1] == "--" {
			return append(rest, left...), nil
		}
		if len(left) == 0 {
			return rest, nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}
