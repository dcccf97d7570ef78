// Command rapport opens Rapport, the community manager's private record of the
// people who make a community, on a record file; its subcommands script the
// record without a window.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"rapport/storage"
)

// version is Rapport's version, the same as Details.Version in FyneApp.toml.
const version = "0.1.0"

// buildNumber is the same as Details.Build in FyneApp.toml.
const buildNumber = 1

const usage = `Rapport keeps a private record of the people who make your community.

Usage:
  rapport [--db PATH]                  open the record in a window
  rapport demo [--db PATH] [--force]   add the sample community to the record
  rapport demo --large [--db PATH]     fill an empty record with a large community
  rapport export --format FORMAT [--db PATH] [-o FILE]
                                       export the record's open follow-ups or members
  rapport import [--db PATH] [--dry-run] FILE...
                                       import contacts from vCard (.vcf) and CSV files
  rapport feedback --team NAME [--status S] [--format md|csv] [--anonymise]
                   [--db PATH] [-o FILE]
                                       report a product team's feedback, with quotes
  rapport handoff [--db PATH] [--from NAME] [--to NAME] [--tag T] [--id N]
                  [--format md|html] [-o FILE]
                                       write the handoff to your successor
  rapport handoff --bundle FILE.zip [--db PATH] [--from NAME] [--to NAME]
                  [--tag T] [--id N]
                                       the handoff with a copy of the record to
                                       take over, key members and open promises
  rapport backup [--db PATH] [-o FILE] copy the record, by default into a backups
                                       folder beside it
  rapport restore [--db PATH] FILE     put the backup FILE in place of the record,
                                       keeping the record as it was as a backup
  rapport restore --list [--db PATH]   list the record's backups: date, kind and
                                       what each holds
  rapport --version                    print the version
  rapport -h | --help                  print this help

Options:
  --db PATH        the record file; created when missing (export, feedback,
                   handoff and backup need it to exist). Default: $XDG_DATA_HOME/rapport/rapport.db,
                   or ~/.local/share/rapport/rapport.db when XDG_DATA_HOME is unset
  --force          demo only: add the sample members to a record that already
                   has members, tagged "sample" and beside them; nothing is removed
  --large          demo only: 20,000 generated members, 200,000 conversations,
                   50,000 follow-ups and 10,000 feedback items with 50,000
                   quotes, to try Rapport at scale
  --format FORMAT  export: ics (open follow-ups as to-dos, for a calendar),
                   vcard (members as vCard 4.0) or vcard3 (vCard 3.0);
                   feedback: md (Markdown, the default) or csv;
                   handoff: md (Markdown, the default) or html
  -o FILE          export, feedback and handoff: write to FILE instead of standard
                   output; a new file is readable by you alone, a replaced one
                   keeps its mode. backup: the copy's file (replaced if there)
  --tag TAG        vcard, vcard3 and handoff: the members with this tag
  --member ID      vcard and vcard3 only: this member (repeat for more)
  --private-notes  vcard and vcard3 only: include your private notes
  --dry-run        import only: say what importing would do, and write nothing
  --team NAME      feedback only: the product team the report is for
  --status S       feedback only: the items of these statuses, comma-separated
                   (new, handed-off, acknowledged, planned, shipped, declined,
                   duplicate); default: all but duplicate
  --anonymise      feedback only: number the members instead of naming them,
                   and leave out their contact details and source links
  --from NAME      handoff only: who hands over; default: the record's manager
  --to NAME        handoff only: your successor
  --id N           handoff only: a saved handoff; a past one as it was handed over
  --bundle FILE    handoff only: write into one zip file the handoff (Markdown
                   and HTML), a copy of the record your successor opens to take
                   over, the key members (.vcf) and open promises (.ics); without
                   --id, today's handoff is saved first as handed over
`

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the record could not be opened or the work failed
	exitUsage = 2 // the command line was wrong
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal a second one ends the program the usual way.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, desktop{})
	stop()
	os.Exit(code)
}

// display is what run needs from the desktop: the window on an open record,
// and a window telling why a record could not be opened. Tests pass a fake.
type display interface {
	// Run shows the record until the user quits or ctx ends, and then
	// returns; it does not close the store. It fails when no window can be
	// opened.
	Run(ctx context.Context, st *storage.Store) error
	// ShowError shows err in a small window when a display is available, and
	// returns when the user closes it or ctx ends: nil when the window
	// restored the damaged record's latest backup and the user then worked
	// on the record until quitting, and otherwise the error that stands (err,
	// or why the restore failed).
	ShowError(ctx context.Context, err error) error
}

// usageError is a wrong command line; run prints it with the usage, exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run is rapport with its arguments (without the program name), and returns
// the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ui display) int {
	err := explainDamage(ctx, args, dispatch(ctx, args, stdout, stderr, ui)) // restore.go
	var ue usageError
	var oe openError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "rapport: %s\n\n%s", ue.msg, usage)
		return exitUsage
	case errors.As(err, &oe):
		// The store's error names the file and what to do.
		fmt.Fprintf(stderr, "rapport: %v\n", oe.err)
		return showOpenError(ctx, ui, oe.err, stderr)
	default:
		fmt.Fprintf(stderr, "rapport: %v\n", err)
		return exitFail
	}
}

// openError is a record that could not be opened; run shows it in a window too.
type openError struct{ err error }

func (e openError) Error() string { return e.err.Error() }
func (e openError) Unwrap() error { return e.err }

// showOpenError shows err, why the record could not be opened, in the
// display's window, and returns the exit code: success when the window
// restored the record's backup and the user then worked on it, as if the
// record had opened. Whatever else stands is on stderr already, or goes
// there now.
func showOpenError(ctx context.Context, ui display, err error, stderr io.Writer) int {
	switch rerr := ui.ShowError(ctx, err); {
	case rerr == nil:
		return exitOK
	case !errors.Is(rerr, err):
		fmt.Fprintf(stderr, "rapport: %v\n", rerr)
	}
	return exitFail
}

// dispatch parses the command line and runs the command it names; stderr
// takes what a long command says of its progress.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer, ui display) error {
	fs := newFlagSet("rapport")
	db := fs.String("db", "", "")
	showVersion := fs.Bool("version", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if *showVersion {
		if len(rest) > 0 || fs.NFlag() > 1 {
			return usageError{"--version takes nothing else"}
		}
		fmt.Fprintf(stdout, "rapport %s\n", version)
		return nil
	}
	if len(rest) == 0 {
		return openWindow(ctx, *db, ui)
	}
	switch rest[0] {
	case "demo":
		return demo(ctx, *db, rest[1:], stdout, stderr)
	case "export":
		return export(ctx, *db, rest[1:], stdout)
	case "import":
		return importContacts(ctx, *db, rest[1:], stdout, stderr)
	case "feedback":
		return feedback(ctx, *db, rest[1:], stdout)
	case "handoff":
		return handoffCommand(ctx, *db, rest[1:], stdout, stderr)
	case "backup":
		return backup(ctx, *db, rest[1:], stdout)
	case "restore":
		return restore(ctx, *db, rest[1:], stdout)
	case "help":
		if len(rest) > 1 {
			return usageError{fmt.Sprintf("unexpected %q after help", rest[1])}
		}
		return flag.ErrHelp
	default:
		return usageError{fmt.Sprintf("unknown command %q", rest[0])}
	}
}

// newFlagSet is a flag set that reports errors to run instead of printing them.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args into fs, turning the flag package's errors into usage
// errors (help stays flag.ErrHelp).
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		return err
	default:
		return usageError{err.Error()}
	}
}

// openWindow opens the record at path (the default when empty) and shows it
// until the user quits.
func openWindow(ctx context.Context, path string, ui display) error {
	st, err := openStore(ctx, path)
	if err != nil {
		return openError{err}
	}
	err = ui.Run(ctx, st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// openStore opens the record at path, or at the default path when path is empty.
func openStore(ctx context.Context, path string) (*storage.Store, error) {
	if path == "" {
		p, err := defaultDBPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return storage.Open(ctx, path)
}

// defaultDBPath is where the record lives when --db names none:
// $XDG_DATA_HOME/rapport/rapport.db, or ~/.local/share/rapport/rapport.db
// when XDG_DATA_HOME is unset or not absolute (as the XDG specification asks).
func defaultDBPath() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "rapport", "rapport.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || strings.TrimSpace(home) == "" {
		return "", errors.New("cannot find your home folder for the default record: set HOME or XDG_DATA_HOME, or name a file with --db PATH")
	}
	return filepath.Join(home, ".local", "share", "rapport", "rapport.db"), nil
}
