package storage

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// openWith opens the existing record at path as Open does, with settings
// added to each connection's, to bring about faults Open cannot be asked
// for: a record SQLite may only read, or a disk with little room. It takes
// no lock, and skips migrating.
func openWith(t *testing.T, path string, extra url.Values) *Store {
	t.Helper()
	u, err := url.Parse(dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for k, vs := range extra {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	u.RawQuery = q.Encode()
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{Now: func() time.Time { return fixedNow }, db: db, path: path}
	t.Cleanup(func() { s.Close() })
	return s
}

// integrityCheck runs SQLite's own check of the file at path and returns
// what it says: "ok" for a file that is whole.
func integrityCheck(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res []string
	rows, err := db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err.Error()
		}
		res = append(res, s)
	}
	if err := rows.Err(); err != nil {
		return err.Error()
	}
	return strings.Join(res, "; ")
}

// memberNames lists the names of the living members of the record at path,
// opened anew.
func memberNames(t *testing.T, path string) []string {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	defer s.Close()
	ms, err := s.Members(context.Background(), model.MemberFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return names(ms)
}

// checkOpenError checks that err is Open's error for path, an *fs.PathError
// naming it, matching is, and saying each of says.
func checkOpenError(t *testing.T, err error, path string, is error, says ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Open(%q) succeeded, want an error", path)
	}
	t.Logf("Open: %v", err)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != path || !strings.HasPrefix(err.Error(), "open "+path+": ") {
		t.Errorf("Open(%q) = %q, want an *fs.PathError naming the path", path, err)
	}
	if is != nil && !errors.Is(err, is) {
		t.Errorf("Open(%q) = %v, want errors.Is %v", path, err, is)
	}
	for _, s := range says {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("Open(%q) = %q, want it to say %q", path, err, s)
		}
	}
}

// TestOpenTwiceInOneProcess: a second Open of a record that is open says so,
// naming the process that holds it, and the first goes on as if nothing
// happened; once the first is closed the record opens again.
func TestOpenTwiceInOneProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the record is locked with flock(2), which Windows lacks")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	first, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, first, newMember("Amara Okafor"))

	second, err := Open(ctx, path)
	if err == nil {
		second.Close()
	}
	checkOpenError(t, err, path, ErrInUse,
		fmt.Sprintf("is open in another Rapport window (pid %d)", os.Getpid()), "quit it and try again")
	if info, err := os.Stat(lockFile(path)); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("lock file beside the record: %v (err %v), want mode 0600", info, err)
	}

	// The first store still writes, and keeps what it wrote.
	mustCreate(t, first, newMember("Björn Öberg"))
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := memberNames(t, path), []string{"Amara Okafor", "Björn Öberg"}; !slices.Equal(got, want) {
		t.Errorf("after a refused second Open the record holds %q, want %q", got, want)
	}
	// Closing twice is harmless, and lets go of the lock once.
	if err := first.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestOpenWhileAnotherProcessHoldsIt: a record another process holds is
// refused with that process's id; once that process is killed (the lock
// goes with it, however it ends) the record opens and holds what it wrote.
func TestOpenWhileAnotherProcessHoldsIt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the record is locked with flock(2), which Windows lacks")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
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
	// The child says "holding" once the record is open and written to.
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

	s, err := Open(ctx, path)
	if err == nil {
		s.Close()
	}
	checkOpenError(t, err, path, ErrInUse, fmt.Sprintf("is open in another Rapport window (pid %d)", cmd.Process.Pid))

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if got, want := memberNames(t, path), []string{"Chen Wei"}; !slices.Equal(got, want) {
		t.Errorf("after the holder was killed the record holds %q, want %q", got, want)
	}
}

// holdRecordEnv names the record TestHoldRecordChild holds.
const holdRecordEnv = "RAPPORT_HOLD_RECORD"

// TestHoldRecordChild is TestOpenWhileAnotherProcessHoldsIt's child: it
// opens the record, adds a member, says "holding" and waits to be killed.
func TestHoldRecordChild(t *testing.T) {
	path := os.Getenv(holdRecordEnv)
	if path == "" {
		t.Skip("runs only as TestOpenWhileAnotherProcessHoldsIt's child")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := newMember("Chen Wei")
	if err := s.CreateMember(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	fmt.Println("holding")
	time.Sleep(2 * time.Minute) // killed long before
}

// TestLockLeavesOtherReadersBe: the lock refuses a second Rapport only. A
// copy of an open record can be taken, SQLite's own read-only opens of the
// record read it, and the copy opens as a record of its own.
func TestLockLeavesOtherReadersBe(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustCreate(t, s, newMember("Amara Okafor"))
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, copyPath); err != nil {
		t.Fatalf("Backup of an open record: %v", err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	ro, err := sql.Open("sqlite", fileURI(s.Path(), q))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var n int
	if err := ro.QueryRow(`SELECT count(*) FROM members`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a read-only open of the open record counts %d members (%v), want 1", n, err)
	}
	if got, want := memberNames(t, copyPath), []string{"Amara Okafor"}; !slices.Equal(got, want) {
		t.Errorf("the copy, opened while the record is open, holds %q, want %q", got, want)
	}
	mustCreate(t, s, newMember("Björn Öberg")) // the record still writes
}

// TestReadOnlyRecord: on a record SQLite may only read, every write fails
// with model.ErrReadOnly, saying nothing was written and naming the file,
// reads go on, and the record is as it was.
func TestReadOnlyRecord(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	w := mustOpenPath(t, path)
	if _, err := w.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	amara := mustCreate(t, w, newMember("Amara Okafor"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	s := openWith(t, path, url.Values{"mode": {"ro"}})
	writes := []struct {
		name  string
		write func() error
	}{
		{"create member", func() error { m := newMember("Björn Öberg"); return s.CreateMember(ctx, &m) }},
		{"update member", func() error { m := amara; m.Role = "docs lead"; return s.UpdateMember(ctx, &m) }},
		{"trash member", func() error { return s.TrashMember(ctx, amara.ID) }},
		{"create conversation", func() error {
			c := model.Conversation{At: fixedNow, Channel: "chat", Subject: "Docs sprint", Participants: []int64{amara.ID}}
			return s.CreateConversation(ctx, &c)
		}},
		{"create follow-up", func() error {
			f := model.FollowUp{What: "Send the sprint notes", Due: fixedNow, Members: []int64{amara.ID}}
			return s.CreateFollowUp(ctx, &f)
		}},
		{"import", func() error {
			_, _, err := s.Import(ctx, "contacts.vcf", []model.ImportItem{{Incoming: newMember("Chen Wei"), Action: model.ImportAdd}})
			return err
		}},
		{"set me", func() error { _, err := s.SetMe(ctx, "Dana Levi"); return err }},
	}
	for _, c := range writes {
		err := c.write()
		if !errors.Is(err, model.ErrReadOnly) {
			t.Errorf("%s on a read-only record = %v, want model.ErrReadOnly", c.name, err)
			continue
		}
		for _, want := range []string{"the record is read-only: nothing was written to " + path, "check that the file, its folder and the disk are yours and writable"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s on a read-only record = %q, want it to say %q", c.name, err, want)
			}
		}
	}
	if got, err := s.Member(ctx, amara.ID); err != nil || got.Name != "Amara Okafor" || got.Role != "" {
		t.Errorf("reading a read-only record: Member = %+v, %v", got, err)
	}
	if _, err := s.Today(ctx); err != nil {
		t.Errorf("reading a read-only record: Today: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the read-only record changed")
	}
	if got, want := memberNames(t, path), []string{"Amara Okafor"}; !slices.Equal(got, want) {
		t.Errorf("the record holds %q, want %q", got, want)
	}
}

// makeUnwritable takes the right to write path (a file or a folder) away
// until the test ends: with its mode, or, for root, who writes whatever the
// mode says, with chattr +i. It skips the test when neither can be done.
func makeUnwritable(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("file modes are a Unix matter")
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		mode := os.FileMode(0o400)
		if info.IsDir() {
			mode = 0o500
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, info.Mode().Perm()) })
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

// TestUnwritableRecord: Open refuses a record it may not write, saying so,
// and leaves it as it was; once writable again it opens with all it held.
func TestUnwritableRecord(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, newMember("Amara Okafor"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("refused", func(t *testing.T) {
		makeUnwritable(t, path)
		s, err := Open(ctx, path)
		if err == nil {
			s.Close()
		}
		checkOpenError(t, err, path, nil, "cannot be opened for writing", "check that the file is yours and writable")
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("Open changed the record it refused")
		}
	})
	if got, want := memberNames(t, path), []string{"Amara Okafor"}; !slices.Equal(got, want) {
		t.Errorf("writable again, the record holds %q, want %q", got, want)
	}
}

// TestUnwritableFolder: a new record in a folder Open may not write to is
// refused, saying so, and so is a record there (SQLite writes its journal
// beside it), which is left as it was.
func TestUnwritableFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	existing := filepath.Join(dir, "record.db")
	s, err := Open(ctx, existing)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, newMember("Amara Okafor"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(existing)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("refused", func(t *testing.T) {
		makeUnwritable(t, dir)
		fresh := filepath.Join(dir, "new.db")
		s, err := Open(ctx, fresh)
		if err == nil {
			s.Close()
		}
		checkOpenError(t, err, fresh, nil, "cannot be created", "check that its folder is yours and writable")
		if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a refused new record left a file: %v", err)
		}

		s, err = Open(ctx, existing)
		if err == nil {
			s.Close()
		}
		checkOpenError(t, err, existing, nil, "check that the file and its folder are yours and writable")
		if after, _ := os.ReadFile(existing); !bytes.Equal(before, after) {
			t.Error("Open changed the record it refused")
		}
	})
	if got, want := memberNames(t, existing), []string{"Amara Okafor"}; !slices.Equal(got, want) {
		t.Errorf("writable again, the record holds %q, want %q", got, want)
	}
}

// TestMissingFolder: Open makes the missing folders of a new record, for the
// owner alone, and a copy into a missing folder makes it too.
func TestMissingFolder(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	path := filepath.Join(root, "gone", "deeper", "record.db")
	s := mustOpenPath(t, path)
	mustCreate(t, s, newMember("Amara Okafor"))
	copyPath := filepath.Join(root, "backups", "later", "copy.db")
	if err := s.Backup(ctx, copyPath); err != nil {
		t.Fatalf("Backup into a missing folder: %v", err)
	}
	for _, dir := range []string{filepath.Join(root, "gone"), filepath.Dir(path), filepath.Join(root, "backups"), filepath.Dir(copyPath)} {
		info, err := os.Stat(dir)
		if err != nil {
			t.Errorf("missing folder not made: %v", err)
			continue
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != 0o700 {
			t.Errorf("mode of %s = %v, want 0700", dir, info.Mode().Perm())
		}
	}
	if got, want := memberNames(t, copyPath), []string{"Amara Okafor"}; !slices.Equal(got, want) {
		t.Errorf("the copy holds %q, want %q", got, want)
	}
}

// bigMember is a member whose notes take a few pages of the file.
func bigMember(name string) model.Member {
	m := newMember(name)
	m.Notes = strings.Repeat(name+" said a great deal worth keeping. ", 400)
	return m
}

// checkDiskFull checks that err is the error of a write that found the disk
// full: model.ErrDiskFull, saying nothing was written to path.
func checkDiskFull(t *testing.T, what string, err error, path string) {
	t.Helper()
	if !errors.Is(err, model.ErrDiskFull) {
		t.Fatalf("%s on a full disk = %v, want model.ErrDiskFull", what, err)
	}
	t.Logf("%s: %v", what, err)
	for _, want := range []string{"the disk is full: nothing was written to " + path, "free some space on the disk"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s on a full disk = %q, want it to say %q", what, err, want)
		}
	}
}

// TestDiskFullPageLimit fills the record up to a page limit SQLite keeps,
// which fails a write as a full disk does, at the same place: every write
// that needs room fails with model.ErrDiskFull, the record stays whole and
// holds all it held, and once there is room writes go in again.
func TestDiskFullPageLimit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	w := mustOpenPath(t, path)
	amara := mustCreate(t, w, bigMember("Amara Okafor"))
	var pages int
	if err := w.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	s := openWith(t, path, url.Values{"_pragma": {fmt.Sprintf("max_page_count(%d)", pages+40)}})
	var kept []string
	var err error
	for i := range 100 {
		m := bigMember(fmt.Sprintf("Member %d", i))
		if err = s.CreateMember(ctx, &m); err != nil {
			break
		}
		kept = append(kept, m.Name)
	}
	checkDiskFull(t, "create member", err, path)
	if len(kept) == 0 {
		t.Fatal("not even one member went in before the disk was full: the test tests less than it should")
	}
	// Other writes that need room fail alike.
	_, _, err = s.Import(ctx, "contacts.vcf", []model.ImportItem{
		{Incoming: bigMember("Chen Wei"), Action: model.ImportAdd},
		{Incoming: bigMember("Dana Levi"), Action: model.ImportAdd},
	})
	checkDiskFull(t, "import", err, path)
	c := model.Conversation{At: fixedNow, Channel: "chat", Subject: "Long talk", Notes: strings.Repeat("and then ", 4000), Participants: []int64{amara.ID}}
	checkDiskFull(t, "create conversation", s.CreateConversation(ctx, &c), path)

	if got := integrityCheck(t, path); got != "ok" {
		t.Errorf("integrity check of the full record = %q, want ok", got)
	}
	want := append([]string{"Amara Okafor"}, kept...)
	ms, err := s.Members(ctx, model.MemberFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(ms); !sameSet(got, want) {
		t.Errorf("the full record holds %q, want %q", got, want)
	}

	// Room made (a larger limit, as a disk with space freed), writes go in
	// again.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openWith(t, path, url.Values{"_pragma": {fmt.Sprintf("max_page_count(%d)", pages+400)}})
	again := bigMember("Björn Öberg")
	if err := s.CreateMember(ctx, &again); err != nil {
		t.Errorf("writing once room was made: %v", err)
	}
	if got := integrityCheck(t, path); got != "ok" {
		t.Errorf("integrity check after making room = %q, want ok", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := memberNames(t, path), append(want, "Björn Öberg"); !sameSet(got, want) {
		t.Errorf("reopened, the record holds %q, want %q", got, want)
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}
