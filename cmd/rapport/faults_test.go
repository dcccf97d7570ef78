package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/storage"
)

// checkRefused checks that rapport refused r's record at path: exit 1, one
// line on stderr naming the file and saying each of says, and no window on
// the record.
func checkRefused(t *testing.T, r result, path string, says ...string) {
	t.Helper()
	if r.code != exitFail {
		t.Errorf("exit code %d, want %d (stdout %q, stderr %q)", r.code, exitFail, r.stdout, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "rapport: ") || !strings.Contains(r.stderr, path) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr %q; want one line naming %s", r.stderr, path)
	}
	for _, s := range says {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr %q; want it to say %q", r.stderr, s)
		}
	}
	if len(r.display.ran) != 0 {
		t.Errorf("a window showed %q, want none", r.display.ran)
	}
}

// commandsOn are the commands that open the record at path, besides the
// window, with what each needs.
func commandsOn(path, dir string) [][]string {
	return append(writingCommandsOn(path), readingCommandsOn(path, dir)...)
}

// writingCommandsOn are the commands that write the record: they wait for a
// window on it to close.
func writingCommandsOn(path string) [][]string {
	return [][]string{
		{"demo", "--db", path},
		{"import", "--db", path, filepath.Join("testdata", "contacts.vcf")},
	}
}

// readingCommandsOn are the commands that only read the record: they read it
// beside a window that holds it.
func readingCommandsOn(path, dir string) [][]string {
	return [][]string{
		{"export", "--format", "vcard", "--db", path, "-o", filepath.Join(dir, "out.vcf")},
		{"feedback", "--team", "Docs", "--db", path},
		{"backup", "--db", path, "-o", filepath.Join(dir, "copy.db")},
		{"handoff", "--db", path, "--from", "Sam Rivera", "--format", "md"},
	}
}

// TestRecordOpenElsewhere: while a record is open (here, in this process),
// the window says so in its error window and every command that writes says
// so, each naming the file and the process holding it, and exits 1; the
// commands that only read do their work beside it. Once it is closed, the
// window opens.
func TestRecordOpenElsewhere(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the record is locked with flock(2), which Windows lacks")
	}
	dir := isolate(t)
	path := demoRecord(t, dir)
	st := openRecordForTest(t, path)
	holder := fmt.Sprintf("is open in another Rapport window (pid %d)", os.Getpid())

	r := runArgs(t, "--db", path)
	checkRefused(t, r, path, holder)
	if len(r.display.errShown) != 1 || !errors.Is(r.display.errShown[0], storage.ErrInUse) {
		t.Errorf("error windows %v, want one showing storage.ErrInUse", r.display.errShown)
	}
	for _, args := range writingCommandsOn(path) {
		t.Run(args[0], func(t *testing.T) {
			r := runArgs(t, args...)
			checkRefused(t, r, path, holder)
			if len(r.display.errShown) != 0 {
				t.Errorf("rapport %s showed an error window, want the message on stderr only", args[0])
			}
		})
	}
	for _, args := range readingCommandsOn(path, dir) {
		t.Run(args[0], func(t *testing.T) {
			if r := runArgs(t, args...); r.code != exitOK || r.stdout == "" {
				t.Errorf("rapport %s beside the window: exit %d, stdout %q, stderr %q; want 0 and its output", args[0], r.code, r.stdout, r.stderr)
			}
		})
	}

	want, err := st.CountMembers(context.Background(), model.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if r := runArgs(t, "--db", path); r.code != exitOK || len(r.display.ran) != 1 {
		t.Errorf("once closed elsewhere: rapport --db = %d, showed %q, stderr %q; want 0 and a window", r.code, r.display.ran, r.stderr)
	}
	if got := countMembers(t, path, model.MemberFilter{}); got != want {
		t.Errorf("the record holds %d members, want %d", got, want)
	}
}

// holdRecordEnv names the record TestHoldRecordChild holds.
const holdRecordEnv = "RAPPORT_HOLD_RECORD"

// TestHoldRecordChild is TestRecordOpenInAnotherProcess's child: it opens the
// record, says "holding" and waits to be killed.
func TestHoldRecordChild(t *testing.T) {
	path := os.Getenv(holdRecordEnv)
	if path == "" {
		t.Skip("runs only as TestRecordOpenInAnotherProcess's child")
	}
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fmt.Println("holding")
	time.Sleep(2 * time.Minute) // killed long before
}

// TestRecordOpenInAnotherProcess: a record another process holds is refused
// naming that process; killed, it leaves the record to open.
func TestRecordOpenInAnotherProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the record is locked with flock(2), which Windows lacks")
	}
	dir := isolate(t)
	path := demoRecord(t, dir)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldRecordChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), holdRecordEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "holding" {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("the child did not open the record: %s", stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatalf("the child did not open the record in a minute: %s", stderr.String())
	}

	r := runArgs(t, "--db", path)
	checkRefused(t, r, path, fmt.Sprintf("is open in another Rapport window (pid %d)", cmd.Process.Pid))
	if len(r.display.errShown) != 1 || !errors.Is(r.display.errShown[0], storage.ErrInUse) {
		t.Errorf("error windows %v, want one showing storage.ErrInUse", r.display.errShown)
	}

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if r := runArgs(t, "--db", path); r.code != exitOK || len(r.display.ran) != 1 {
		t.Errorf("once the holder is gone: rapport --db = %d, showed %q, stderr %q; want 0 and a window", r.code, r.display.ran, r.stderr)
	}
}

// TestNewerRecordRefused: a record a newer Rapport wrote is refused by the
// window and by every command, each naming the file and saying to update
// Rapport, and is left exactly as it was.
func TestNewerRecordRefused(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "newer.db")
	makeNewerRecord(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	says := []string{"written by a newer version of Rapport", "update Rapport to open it"}

	r := runArgs(t, "--db", path)
	checkRefused(t, r, path, says...)
	if len(r.display.errShown) != 1 || !errors.Is(r.display.errShown[0], storage.ErrNewerSchema) {
		t.Errorf("error windows %v, want one showing storage.ErrNewerSchema", r.display.errShown)
	}
	for _, args := range commandsOn(path, dir) {
		t.Run(args[0], func(t *testing.T) {
			checkRefused(t, runArgs(t, args...), path, says...)
		})
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the newer record changed")
	}
}

// TestUnwritableRecordRefused: a record rapport may not write is refused by
// the window (in its error window too) and by the commands that write.
func TestUnwritableRecordRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are a Unix matter")
	}
	dir := isolate(t)
	path := demoRecord(t, dir)
	want := countMembers(t, path, model.MemberFilter{})
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("refused", func(t *testing.T) {
		makeUnwritable(t, path)
		says := []string{"cannot be opened for writing", "check that the file is yours and writable"}
		r := runArgs(t, "--db", path)
		checkRefused(t, r, path, says...)
		if len(r.display.errShown) != 1 {
			t.Errorf("error windows %v, want one", r.display.errShown)
		}
		checkRefused(t, runArgs(t, "import", "--db", path, filepath.Join("testdata", "contacts.vcf")), path, says...)
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("the refused record changed")
		}
	})
	if got := countMembers(t, path, model.MemberFilter{}); got != want {
		t.Errorf("writable again, the record holds %d members, want %d", got, want)
	}
}

// makeUnwritable takes the right to write path away until the test ends:
// with its mode, or, for root, who writes whatever the mode says, with
// chattr +i. It skips the test when neither can be done.
func makeUnwritable(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o600) })
		return
	}
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("runs as root, who writes whatever a file's mode says, and chattr is not installed to make a file immutable")
	}
	if out, err := exec.Command(chattr, "+i", path).CombinedOutput(); err != nil {
		t.Skipf("runs as root, who writes whatever a file's mode says, and chattr +i %s failed: %v: %s", path, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command(chattr, "-i", path).CombinedOutput(); err != nil {
			t.Errorf("chattr -i %s: %v: %s", path, err, out)
		}
	})
}

// TestMissingFolders: a record in folders that are not there yet is made,
// folders and all, for the owner alone; a backup into a missing folder makes
// it; an export into one says which folder is missing.
func TestMissingFolders(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "not", "yet", "guild.db")
	if r := runArgs(t, "--db", path); r.code != exitOK || len(r.display.ran) != 1 {
		t.Fatalf("rapport --db in missing folders = %d, stderr %q; want 0 and a window", r.code, r.stderr)
	}
	for _, d := range []string{filepath.Join(dir, "not"), filepath.Dir(path)} {
		if info, err := os.Stat(d); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("folder %s: %v (err %v), want made 0700", d, info, err)
		}
	}
	if r := runArgs(t, "demo", "--db", path); r.code != exitOK {
		t.Fatalf("rapport demo = %d, stderr %q", r.code, r.stderr)
	}

	copyPath := filepath.Join(dir, "missing", "backups", "copy.db")
	if r := runArgs(t, "backup", "--db", path, "-o", copyPath); r.code != exitOK {
		t.Errorf("rapport backup into a missing folder = %d, stderr %q; want 0", r.code, r.stderr)
	} else if info, err := os.Stat(filepath.Dir(copyPath)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("backup folder: %v (err %v), want made 0700", info, err)
	}

	out := filepath.Join(dir, "missing", "exports", "members.vcf")
	r := runArgs(t, "export", "--format", "vcard", "--db", path, "-o", out)
	if r.code != exitFail || !strings.Contains(r.stderr, filepath.Dir(out)) || !strings.Contains(r.stderr, "no such file or directory") {
		t.Errorf("rapport export into a missing folder = %d, stderr %q; want 1, naming the folder and saying it is not there", r.code, r.stderr)
	}
	t.Logf("export into a missing folder: %s", strings.TrimSpace(r.stderr))
}
