package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// backupFiles lists the names in the record's backups folder.
func backupFiles(t *testing.T, dbPath string) []string {
	t.Helper()
	entries, err := os.ReadDir(BackupDir(dbPath))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// damage overwrites 4 KiB of the file at path from offset, as a failing
// disk would; a negative offset counts from the middle of the file.
func damage(t *testing.T, path string, offset int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if offset < 0 {
		offset = int64(len(b)) / 2
	}
	for i := offset; i < offset+4096 && i < int64(len(b)); i++ {
		b[i] = 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// sampleRecord is a closed record at dir/name holding the sample community.
func sampleRecord(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	if err := s.LoadSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDailyBackupKeepsSevenDailyAndFourWeekly(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if err := s.CreateMember(ctx, &model.Member{Name: "Amara Okafor"}); err != nil {
		t.Fatal(err)
	}
	// Eight hours behind UTC: the evening start falls on the next UTC day,
	// and must still count as the same day for the manager.
	zone := time.FixedZone("UTC-8", -8*3600)
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, zone) // a Thursday
	s.Now = func() time.Time { return start }
	manual, err := s.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	made := 0
	for day := range 60 { // to Sunday 1 March
		for _, hour := range []int{8, 20} {
			now := start.AddDate(0, 0, day).Add(time.Duration(hour-8) * time.Hour)
			s.Now = func() time.Time { return now }
			b, ok, err := s.DailyBackup(ctx)
			if err != nil {
				t.Fatalf("%s: DailyBackup = %v", now, err)
			}
			if ok {
				made++
				if hour != 8 || b.Kind != BackupDaily || b.Members != 1 {
					t.Errorf("%s: made %+v, want the day's first start to make a daily backup holding 1 member", now, b)
				}
			}
		}
	}
	if made != 60 {
		t.Errorf("made %d daily backups in 60 days, want 60", made)
	}
	want := []string{
		// The first start of each of the last four ISO weeks (Mondays).
		"rapport-record-2026-02-02T160000Z-weekly.db",
		"rapport-record-2026-02-09T160000Z-weekly.db",
		"rapport-record-2026-02-16T160000Z-weekly.db",
		"rapport-record-2026-02-23T160000Z-daily.db",
		"rapport-record-2026-02-23T160000Z-weekly.db",
		"rapport-record-2026-02-24T160000Z-daily.db",
		"rapport-record-2026-02-25T160000Z-daily.db",
		"rapport-record-2026-02-26T160000Z-daily.db",
		"rapport-record-2026-02-27T160000Z-daily.db",
		"rapport-record-2026-02-28T160000Z-daily.db",
		"rapport-record-2026-03-01T160000Z-daily.db",
		filepath.Base(manual), // never pruned
	}
	slices.Sort(want)
	if got := backupFiles(t, s.Path()); !slices.Equal(got, want) {
		t.Errorf("backups kept after 60 days:\n got %q\nwant %q", got, want)
	}
	if filepath.Base(manual) != "rapport-record-2026-01-01T160000Z-manual.db" {
		t.Errorf("the manual backup is named %s", filepath.Base(manual))
	}
}

func TestDailyBackupSkipsAnEmptyRecord(t *testing.T) {
	s := MustOpenDB(t)
	b, made, err := s.DailyBackup(context.Background())
	if err != nil || made || b.Path != "" {
		t.Errorf("DailyBackup of an empty record = %+v, %v, %v; want nothing made", b, made, err)
	}
	if got := backupFiles(t, s.Path()); len(got) != 0 {
		t.Errorf("backups of an empty record: %q, want none", got)
	}
}

func TestBackupsListsWhatEachHolds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleRecord(t, dir, "guild.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var want BackupInfo
	if want.Members, err = s.CountMembers(ctx, model.MemberFilter{}); err != nil {
		t.Fatal(err)
	}
	if want.Conversations, err = s.CountConversations(ctx, model.ConversationFilter{}); err != nil {
		t.Fatal(err)
	}
	if want.Feedback, err = s.CountFeedback(ctx, model.FeedbackFilter{}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM follow_ups`).Scan(&want.FollowUps); err != nil {
		t.Fatal(err)
	}
	if want.Members == 0 || want.Conversations == 0 || want.FollowUps == 0 || want.Feedback == 0 {
		t.Fatalf("the sample holds %+v; the test needs some of each", want)
	}

	s.Now = func() time.Time { return fixedNow }
	older, err := s.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow.Add(time.Hour) }
	newer, err := s.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A copy kept before a migration, beside the record, a day earlier.
	before := path + ".before-v5.bak"
	if err := copyFile(older, before, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(before, fixedNow.AddDate(0, 0, -1), fixedNow.AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	// A copy that cannot be read, and files that are not backups of this record.
	broken := filepath.Join(BackupDir(path), "rapport-guild-2025-03-14T120000Z-manual.db")
	others := []string{"rapport-2025-03-14T120000Z-manual.db", "notes.txt", "rapport-guild-yesterday-daily.db"}
	for _, name := range append(others, filepath.Base(broken)) {
		if err := os.WriteFile(filepath.Join(BackupDir(path), name), []byte("not a database"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	list, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		path    string
		kind    BackupKind
		time    time.Time
		counts  [4]int
		problem bool
	}
	counts := [4]int{want.Members, want.Conversations, want.FollowUps, want.Feedback}
	wantRows := []row{
		{broken, BackupManual, time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC), [4]int{}, true},
		{newer, BackupManual, time.Date(2025, 3, 14, 10, 26, 53, 0, time.UTC), counts, false},
		{older, BackupManual, time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC), counts, false},
		{before, BackupBeforeMigration, fixedNow.AddDate(0, 0, -1).UTC(), counts, false},
	}
	var got []row
	for _, b := range list {
		got = append(got, row{b.Path, b.Kind, b.Time, [4]int{b.Members, b.Conversations, b.FollowUps, b.Feedback}, b.Problem != ""})
		if b.Problem == "" && (b.Size == 0 || b.Schema == 0) {
			t.Errorf("%s: size %d, schema %d; want both read", b.Path, b.Size, b.Schema)
		}
	}
	if !slices.Equal(got, wantRows) {
		t.Errorf("Backups:\n got %+v\nwant %+v", got, wantRows)
	}
	// Listing opens the copies read-only: nothing appears beside them.
	for _, name := range backupFiles(t, path) {
		if strings.HasSuffix(name, "-wal") || strings.HasSuffix(name, "-shm") || strings.HasSuffix(name, "-journal") {
			t.Errorf("listing left %s beside the copies", name)
		}
	}
	if b, ok := LatestBackup(path); !ok || b.Path != newer {
		t.Errorf("LatestBackup = %v, %v; want %s, the newest that can be read", b.Path, ok, newer)
	}
}

func TestRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateMember(ctx, &model.Member{Name: "Amara Okafor"}); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow } // before the restore, which reads the real time
	backup, err := s.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateMember(ctx, &model.Member{Name: "Björn Öberg"}); err != nil {
		t.Fatal(err)
	}
	// A restore while the record is open is refused: the open Store would
	// go on writing the record being replaced.
	if _, err := Restore(ctx, path, backup); !errors.Is(err, ErrInUse) {
		t.Errorf("Restore of an open record = %v, want ErrInUse", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	kept, err := Restore(ctx, path, backup)
	if err != nil {
		t.Fatalf("Restore = %v", err)
	}
	if kept.Kind != BackupBeforeRestore || kept.Members != 2 || filepath.Dir(kept.Path) != BackupDir(path) {
		t.Errorf("the record before the restore was kept as %+v, want a before-restore backup holding 2 members in %s", kept, BackupDir(path))
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ms, err := s.Members(ctx, model.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Name != "Amara Okafor" {
		t.Errorf("after the restore the record holds %v, want only Amara Okafor", ms)
	}
	for _, c := range []struct {
		path string
		mode os.FileMode
	}{
		{path, 0o600},
		{kept.Path, 0o600},
		{backup, 0o600},
		{BackupDir(path), 0o700 | os.ModeDir},
	} {
		info, err := os.Stat(c.path)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if got := info.Mode() & (os.ModeDir | os.ModePerm); got != c.mode {
			t.Errorf("%s: mode %v, want %v", c.path, got, c.mode)
		}
	}
	if list, err := Backups(path); err != nil || len(list) != 2 || list[0].Path != kept.Path {
		t.Errorf("Backups after the restore = %+v, %v; want the before-restore copy first, then the manual one", list, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".rapport-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left beside the record: %q", leftovers)
	}
}

func TestRestoreRefusesABadBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleRecord(t, dir, "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	good, err := s.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	copyOf := func(name string, change func(path string)) string {
		p := filepath.Join(dir, name)
		if err := copyFile(good, p, nil); err != nil {
			t.Fatal(err)
		}
		if change != nil {
			change(p)
		}
		return p
	}
	sqlOn := func(query string) func(string) {
		return func(p string) {
			s, err := Open(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.ExecContext(ctx, query); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}
	}
	other := filepath.Join(dir, "other.sqlite")
	o, err := Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	sqlOn(`DROP TABLE schema_migrations`)(other)
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("these are notes, not a record\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, backup, want string
	}{
		{"damaged pages", copyOf("damaged.db", func(p string) { damage(t, p, -1) }), "damaged"},
		{"another program's database", other, "not a Rapport record"},
		{"not a database", text, "not a Rapport record"},
		{"newer schema", copyOf("newer.db", sqlOn(`INSERT INTO schema_migrations VALUES (999, '')`)), "newer version"},
		{"missing", filepath.Join(dir, "typo.db"), "no such file"},
		{"the record itself", path, "the record itself"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			copies := backupFiles(t, path)
			_, err = Restore(ctx, path, c.backup)
			if err == nil || !strings.Contains(err.Error(), c.backup) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Restore from %s = %v; want an error naming it and saying %q", c.backup, err, c.want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Errorf("the record changed")
			}
			if got := backupFiles(t, path); !slices.Equal(got, copies) {
				t.Errorf("backups are %q, want %q as before: nothing to keep for a restore refused", got, copies)
			}
		})
	}
}

func TestRestoreOverAnUnreadableRecordMovesItAside(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleRecord(t, dir, "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	backup, err := s.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	damage(t, path, 0) // the header: SQLite cannot read the file at all
	damaged, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := Restore(ctx, path, backup)
	if err != nil {
		t.Fatalf("Restore = %v", err)
	}
	if !strings.HasPrefix(kept.Path, path+".unreadable-") || kept.Problem == "" {
		t.Errorf("the damaged record was kept as %+v, want moved aside to %s.unreadable-TIME with its problem", kept, path)
	}
	if got, err := os.ReadFile(kept.Path); err != nil || !bytes.Equal(got, damaged) {
		t.Errorf("the file moved aside does not hold the damaged record as it was (err %v)", err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("the restored record does not open: %v", err)
	}
	defer s.Close()
	if n, err := s.CountMembers(ctx, model.MemberFilter{}); err != nil || n == 0 {
		t.Errorf("the restored record holds %d members (err %v), want the sample's", n, err)
	}
}

func TestADamagedRecord(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	other := filepath.Join(dir, "other.sqlite")
	o, err := Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.db.ExecContext(ctx, `DROP TABLE schema_migrations`); err != nil {
		t.Fatal(err)
	}
	o.Close()
	for _, c := range []struct {
		name    string
		damage  func(path string)
		open    error // what Open returns
		damaged bool
	}{
		// Pages in the middle: SQLite finds out only when it reads them,
		// so Open succeeds and CheckRecord, which reads them all, tells.
		{"middle pages", func(p string) { damage(t, p, -1) }, nil, true},
		{"header", func(p string) { damage(t, p, 0) }, ErrNotARecord, true},
		{"whole", nil, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := sampleRecord(t, t.TempDir(), "record.db")
			if c.damage != nil {
				c.damage(path)
			}
			s, err := Open(ctx, path)
			if err == nil {
				s.Close()
			}
			if c.open == nil && err != nil || c.open != nil && !errors.Is(err, c.open) {
				t.Errorf("Open = %v, want %v", err, c.open)
			}
			check := CheckRecord(ctx, path)
			if got := errors.Is(check, ErrCorrupt); got != c.damaged {
				t.Errorf("CheckRecord = %v, want ErrCorrupt %v", check, c.damaged)
			}
			if check != nil && !strings.Contains(check.Error(), path) {
				t.Errorf("CheckRecord = %v, want it to name %s", check, path)
			}
			if got := Damaged(ctx, path, err); err != nil && got != c.damaged {
				t.Errorf("Damaged(Open's error) = %v, want %v", got, c.damaged)
			}
			if got := Damaged(ctx, path, check); got != c.damaged {
				t.Errorf("Damaged(CheckRecord's error) = %v, want %v", got, c.damaged)
			}
		})
	}
	if _, err := Open(ctx, other); !errors.Is(err, ErrNotARecord) || Damaged(ctx, other, err) {
		t.Errorf("another program's database: Open = %v, Damaged %v; want ErrNotARecord, not damaged", err, Damaged(ctx, other, err))
	}
}
