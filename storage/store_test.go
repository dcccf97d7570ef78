package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"rapport/model"
)

func TestOpenCreatesPrivateFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are a Unix matter")
	}
	root := t.TempDir()
	path := filepath.Join(root, "new", "folder", "record.db")
	s := mustOpenPath(t, path)
	mustCreate(t, s, newMember("Amara Okafor")) // so the WAL holds something

	if got := s.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
	for _, c := range []struct {
		path string
		want fs.FileMode
	}{
		{filepath.Join(root, "new"), 0o700 | fs.ModeDir},
		{filepath.Join(root, "new", "folder"), 0o700 | fs.ModeDir},
		{path, 0o600},
		{path + "-wal", 0o600},
		{path + "-shm", 0o600},
	} {
		info, err := os.Stat(c.path)
		if err != nil {
			t.Errorf("stat: %v", err)
			continue
		}
		if got := info.Mode(); got != c.want {
			t.Errorf("mode of %s = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestOpenMakesLooseFilePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are a Unix matter")
	}
	path := filepath.Join(t.TempDir(), "record.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	mustOpenPath(t, path)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %v, want 0600", got)
	}
}

func TestOpenKeepsTheRecord(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	m := newMember("Chen Wei", "maintainer")
	if err := s.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpenPath(t, path)
	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatalf("Member after reopening: %v", err)
	}
	if d := memberDiff(got, m); d != "" {
		t.Errorf("member after reopening:\n%s", d)
	}
	if v, err := schemaVersion(ctx, s.db); err != nil || v != latestVersion(t) {
		t.Errorf("schema version = %d, %v; want %d", v, err, latestVersion(t))
	}
	// Nothing to migrate, so no copy.
	if baks, _ := filepath.Glob(path + "*.bak"); len(baks) != 0 {
		t.Errorf("backups of an up-to-date record: %v", baks)
	}
}

func latestVersion(tb testing.TB) int {
	migs, err := loadMigrations()
	if err != nil {
		tb.Fatal(err)
	}
	return migs[len(migs)-1].version
}

func TestLoadMigrations(t *testing.T) {
	migs, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"0001_members.sql", "0002_search.sql", "0003_conversations.sql", "0004_imports.sql", "0005_feedback.sql",
		"0006_handoffs.sql"}
	if len(migs) != len(want) {
		t.Fatalf("got %d migrations, want %d", len(migs), len(want))
	}
	for i, m := range migs {
		if m.version != i+1 || m.name != want[i] || strings.TrimSpace(m.sql) == "" {
			t.Errorf("migration %d = version %d, name %q; want version %d, %q, with SQL", i, m.version, m.name, i+1, want[i])
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := bytes.Repeat([]byte("this is not a database, only some text\n"), 100)
	aFile := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(aFile, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    func(t *testing.T) string
		is      error  // nil: any error
		message string // what the message must say besides the path
	}{
		{
			name:    "a folder",
			path:    func(t *testing.T) string { return t.TempDir() },
			message: "is a folder",
		},
		{
			name:    "under a regular file",
			path:    func(*testing.T) string { return filepath.Join(aFile, "record.db") },
			message: "folder cannot be created",
		},
		{
			name:    "deep under a regular file",
			path:    func(*testing.T) string { return filepath.Join(aFile, "more", "record.db") },
			message: "folder cannot be created",
		},
		{
			name: "not a database",
			path: func(t *testing.T) string {
				p := filepath.Join(t.TempDir(), "record.db")
				if err := os.WriteFile(p, garbage, 0o600); err != nil {
					t.Fatal(err)
				}
				return p
			},
			is:      ErrNotARecord,
			message: "restore one from a backup",
		},
		{
			name: "another program's database",
			path: func(t *testing.T) string {
				p := filepath.Join(t.TempDir(), "other.db")
				db, err := sql.Open("sqlite", p)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)`); err != nil {
					t.Fatal(err)
				}
				return p
			},
			is:      ErrNotARecord,
			message: "another program",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path(t)
			before, _ := os.ReadFile(path)
			s, err := Open(ctx, path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded, want an error", path)
			}
			t.Logf("Open: %v", err)
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != path {
				t.Errorf("Open(%q) = %v, want an *fs.PathError naming the path", path, err)
			}
			if !strings.HasPrefix(err.Error(), "open "+path+": ") || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Open(%q) = %q, want %q naming the path and saying %q", path, err, "open "+path+": …", tt.message)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Open(%q) = %v, want errors.Is %v", path, err, tt.is)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Errorf("Open(%q) changed the file it refused", path)
			}
		})
	}
	t.Run("no path", func(t *testing.T) {
		if s, err := Open(ctx, ""); err == nil {
			s.Close()
			t.Fatal(`Open("") succeeded, want an error`)
		}
	})
}

func TestOpenNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	newer := latestVersion(t) + 3
	if _, err := s.db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, newer, formatTime(fixedNow)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(ctx, path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a newer record succeeded, want an error")
	}
	if !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Open = %v, want ErrNewerSchema", err)
	}
	want := fmt.Sprintf("open %s: written by a newer version of Rapport (schema %d; this version knows %d): update Rapport to open it",
		path, newer, latestVersion(t))
	if got := err.Error(); got != want {
		t.Errorf("Open = %q\nwant   %q", got, want)
	}
}

// TestMigrateFromVersion1 opens a record as the first schema left it: the
// search index is built from the rows already there, and a copy of the
// record from before is kept beside it.
func TestMigrateFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	old, err := open(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.Exec(`
		INSERT INTO managers (id, name, created_at) VALUES (1, 'Sam', '2024-01-02T03:04:05.000000000Z');
		INSERT INTO settings (key, value) VALUES ('me', '1');
		INSERT INTO members (id, name, organisation, private_notes, cadence_days, created_at, updated_at, created_by)
		VALUES (7, 'Björn Öberg', 'Umeå Hackers', 'likes cloudberries', 60,
			'2024-01-02T03:04:05.000000000Z', '2024-02-03T04:05:06.000000000Z', 'Sam');
		INSERT INTO member_emails (member_id, position, email) VALUES (7, 0, 'bjorn@example.se'), (7, 1, 'b@example.org');
		INSERT INTO member_identities (member_id, position, platform, handle, url) VALUES (7, 0, 'Discourse', 'bjorn_o', '');
		INSERT INTO member_tags (member_id, position, tag) VALUES (7, 0, 'newcomer');
		INSERT INTO members (id, name, notes, created_at, updated_at, trashed_at)
		VALUES (8, 'Old Friend', 'moved on', '2024-01-02T03:04:05.000000000Z', '2024-01-02T03:04:05.000000000Z',
			'2024-03-01T00:00:00.000000000Z');
		INSERT INTO member_tags (member_id, position, tag) VALUES (8, 0, 'alumni');`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := old.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'member_search'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("schema 1 has member_search (%d, %v)", n, err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s := mustOpenPath(t, path)
	if v, err := schemaVersion(ctx, s.db); err != nil || v != latestVersion(t) {
		t.Errorf("schema version after Open = %d, %v; want %d", v, err, latestVersion(t))
	}
	want := model.Member{
		ID: 7, Name: "Björn Öberg", Organisation: "Umeå Hackers", PrivateNotes: "likes cloudberries", CadenceDays: 60,
		Emails:     []string{"bjorn@example.se", "b@example.org"},
		Identities: []model.Identity{{Platform: "Discourse", Handle: "bjorn_o"}},
		Tags:       []string{"newcomer"},
		CreatedBy:  "Sam",
		CreatedAt:  mustParse(t, "2024-01-02T03:04:05Z"),
		UpdatedAt:  mustParse(t, "2024-02-03T04:05:06Z"),
	}
	got, err := s.Member(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if d := memberDiff(got, want); d != "" {
		t.Errorf("member after migrating:\n%s", d)
	}
	for _, text := range []string{"bjorn", "Öberg", "umea", "cloudb", "bjorn_o", "example.org", "newc"} {
		found, err := s.Members(ctx, model.MemberFilter{Text: text})
		if err != nil || len(found) != 1 || found[0].ID != 7 {
			t.Errorf("search %q after migrating = %v, %v; want the member", text, names(found), err)
		}
	}
	// The trashed member is searched in the trash only.
	if found, err := s.Members(ctx, model.MemberFilter{Text: "friend", Trashed: true}); err != nil || len(found) != 1 || found[0].ID != 8 {
		t.Errorf("trash search after migrating = %v, %v; want the trashed member", names(found), err)
	}
	if found, err := s.Members(ctx, model.MemberFilter{Text: "friend"}); err != nil || len(found) != 0 {
		t.Errorf("living search after migrating = %v, %v; want nobody", names(found), err)
	}
	if found, err := s.Members(ctx, model.MemberFilter{Tag: "alumni", Trashed: true}); err != nil || len(found) != 1 {
		t.Errorf("trash by tag after migrating = %v, %v; want the trashed member", names(found), err)
	}
	if tags, err := s.Tags(ctx); err != nil || !slices.Equal(tags, []string{"newcomer"}) {
		t.Errorf("Tags after migrating = %q, %v; want the living member's", tags, err)
	}
	if me, err := s.Me(ctx); err != nil || me.Name != "Sam" {
		t.Errorf("Me after migrating = %+v, %v; want Sam", me, err)
	}
	checkCopies(t, s)

	bak := path + ".before-v2.bak"
	info, err := os.Stat(bak)
	if err != nil {
		t.Fatalf("no copy before migrating: %v", err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode of %s = %v, want 0600", bak, info.Mode().Perm())
	}
	copyDB, err := sql.Open("sqlite", bak)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var v int
	var name string
	if err := copyDB.QueryRow(`SELECT (SELECT max(version) FROM schema_migrations), name FROM members WHERE id = 7`).Scan(&v, &name); err != nil {
		t.Fatalf("reading the copy: %v", err)
	}
	if v != 1 || name != "Björn Öberg" {
		t.Errorf("copy holds schema %d and %q, want schema 1 and the member", v, name)
	}
}

func TestMigrateKeepsEarlierCopies(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	old, err := open(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	earlier := []byte("an earlier copy")
	if err := os.WriteFile(path+".before-v2.bak", earlier, 0o600); err != nil {
		t.Fatal(err)
	}
	mustOpenPath(t, path)
	if got, _ := os.ReadFile(path + ".before-v2.bak"); !bytes.Equal(got, earlier) {
		t.Error("the earlier copy was overwritten")
	}
	if _, err := os.Stat(path + ".before-v2.2.bak"); err != nil {
		t.Errorf("no second copy: %v", err)
	}
}

func TestOpenOddPath(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "what?#%20 é", "re:cord;x=1.db")
	s := mustOpenPath(t, path)
	m := mustCreate(t, s, newMember("Amara Okafor"))
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the record is not at %q: %v", path, err)
	}
	if got, err := s.Member(ctx, m.ID); err != nil || got.Name != m.Name {
		t.Errorf("Member = %q, %v", got.Name, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) == 0 {
		t.Error("nothing beside the record")
	}
}

// TestConcurrentUse writes and reads from several goroutines at once: writes
// wait for each other instead of failing with "database is locked".
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	const writers, each = 4, 15
	errs := make(chan error, writers*each*3)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range each {
				m := newMember(fmt.Sprintf("Member %d-%d", w, i), "crew")
				if err := s.CreateMember(ctx, &m); err != nil {
					errs <- err
					continue
				}
				m.Role = "updated"
				if err := s.UpdateMember(ctx, &m); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range each {
				if _, err := s.Members(ctx, model.MemberFilter{Text: "member", Tag: "crew"}); err != nil {
					errs <- err
				}
				if _, err := s.CountMembers(ctx, model.MemberFilter{}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, err := s.CountMembers(ctx, model.MemberFilter{Tag: "crew"}); err != nil || n != writers*each {
		t.Errorf("CountMembers = %d, %v; want %d", n, err, writers*each)
	}
	checkCopies(t, s)
}
