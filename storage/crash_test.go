package storage

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"rapport/model"
)

// The crash test runs its own test binary again as a child that writes to a
// record (TestCrashChild), and kills it at random moments.
const (
	crashRecordEnv = "RAPPORT_CRASH_RECORD" // set for the child: the record it writes to
	crashRunEnv    = "RAPPORT_CRASH_RUN"    // set for the child: which run it is, for unique names
	crashKillsEnv  = "RAPPORT_CRASH_KILLS"  // how many kills (default 50; make crash: 500)
	crashSeedEnv   = "RAPPORT_CRASH_SEED"   // replays the kill moments of an earlier run
)

// crashAck is one line the child writes on its standard output once a write
// is committed: what it wrote, as it must be found after the kill.
type crashAck struct {
	Kind    string   `json:"kind"` // member, conversation or import
	ID      int64    `json:"id"`   // the member, the conversation or the import batch
	Name    string   `json:"name,omitempty"`
	Members []int64  `json:"members,omitempty"` // a conversation's participants; the members an import added
	Names   []string `json:"names,omitempty"`   // the names of the members an import added
}

// key names the write in messages and in the set of lost writes.
func (a crashAck) key() string { return a.Kind + " " + strconv.FormatInt(a.ID, 10) }

// TestCrash kills a writing child (TestCrashChild) at random moments, again
// and again over the same record, and checks after each kill that the record
// is intact, that every write the child acknowledged is in it, and that it
// opens and reads as the app opens and reads it.
func TestCrash(t *testing.T) {
	kills := 50
	if testing.Short() {
		kills = 10
	}
	if v := os.Getenv(crashKillsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number of kills, at least 1", crashKillsEnv, v)
		}
		kills = n
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(crashSeedEnv); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: want the seed an earlier run printed", crashSeedEnv, v)
		}
		seed = n
	}
	t.Logf("crash test: seed %d (%s=%d gives the same kill moments)", seed, crashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, seed))

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	var acked []crashAck
	lost := map[string]bool{} // acknowledged writes found missing after a kill
	corrupt := 0
	for run := range kills {
		// One kill in eight comes early, while the child starts and opens
		// the record; the others while it writes.
		early := rng.IntN(8) == 0
		delay := time.Duration(rng.IntN(100_000)) * time.Microsecond
		moment := fmt.Sprintf("kill %d, %v after the first acknowledged write", run+1, delay)
		if early {
			delay = time.Duration(rng.IntN(40_000)) * time.Microsecond
			moment = fmt.Sprintf("kill %d, %v after the start", run+1, delay)
		}
		acks := runCrashChild(t, path, run, early, delay)
		acked = append(acked, acks...)
		problems, missing := checkAfterKill(ctx, path, acks)
		if len(problems) > 0 {
			corrupt++
			for _, p := range problems {
				t.Errorf("after %s: %s", moment, p)
			}
			continue
		}
		for _, k := range missingAcks(t, path, acked) {
			if _, ok := missing[k]; !ok {
				missing[k] = "not in the record as acknowledged"
			}
		}
		for k, why := range missing {
			if lost[k] {
				continue
			}
			lost[k] = true
			if len(lost) <= 20 { // the count says the rest
				t.Errorf("after %s: the acknowledged %s is missing: %s", moment, k, why)
			}
		}
	}
	summary := fmt.Sprintf("crash test: %d kills, %d corrupt, %d lost", kills, corrupt, len(lost))
	t.Logf("%s (%d acknowledged writes)", summary, len(acked))
	if testing.Verbose() {
		fmt.Println(summary)
	}
	if corrupt+len(lost) > 0 {
		t.Errorf("%s; %s=%d replays the kill moments", summary, crashSeedEnv, seed)
	}
	if len(acked) == 0 {
		t.Errorf("the child acknowledged no write in %d runs: the kills tested nothing", kills)
	}
}

// runCrashChild starts the child on the record, kills it after delay (from
// its start when early, else from its first acknowledged write) and returns
// every write it acknowledged before it died.
func runCrashChild(t *testing.T, path string, run int, early bool, delay time.Duration) []crashAck {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashRecordEnv+"="+path, crashRunEnv+"="+strconv.Itoa(run))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan crashAck)
	readErr := make(chan error, 1)
	go func() {
		defer close(lines)
		r := bufio.NewReader(out)
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				// A line cut short was never acknowledged: the child
				// writes each in one write, so there is none.
				if !errors.Is(err, io.EOF) {
					readErr <- err
				}
				return
			}
			var a crashAck
			if json.Unmarshal(line, &a) != nil || a.Kind == "" {
				continue // the testing package's own lines
			}
			lines <- a
		}
	}()

	var acks []crashAck
	if !early {
		select {
		case a, ok := <-lines:
			if ok {
				acks = append(acks, a)
			}
		case <-time.After(time.Minute):
			t.Log("the child acknowledged nothing in a minute; killing it")
		}
	}
	time.Sleep(delay)
	killErr := cmd.Process.Kill()
	for a := range lines {
		acks = append(acks, a)
	}
	waitErr := cmd.Wait()
	select {
	case err := <-readErr:
		t.Fatalf("reading the child's acknowledgements: %v", err)
	default:
	}
	var ee *exec.ExitError
	killed := errors.As(waitErr, &ee) && (ee.ExitCode() == -1 || runtime.GOOS == "windows") // -1: ended by a signal
	if killErr != nil || !killed {
		// The child ended before the kill: it failed.
		t.Fatalf("run %d: the child ended on its own (%v; kill: %v), stderr:\n%s", run, waitErr, killErr, stderr.String())
	}
	return acks
}

// TestCrashChild is the crash test's child: it opens the record and writes
// members, conversations and imports in a loop until it is killed, writing
// one line on its standard output for each write once committed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashRecordEnv)
	if path == "" {
		t.Skip("runs only as TestCrash's child")
	}
	run := os.Getenv(crashRunEnv)
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ack := func(a crashAck) {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		// One write, less than a pipe's atomic size: a line is either
		// whole in the pipe or not there at all.
		if _, err := os.Stdout.Write(append(b, '\n')); err != nil {
			t.Fatal(err)
		}
	}
	var mine []int64                            // the members this run added, to talk with
	deadline := time.Now().Add(2 * time.Minute) // in case no one kills it
	for i := 0; time.Now().Before(deadline); i++ {
		name := fmt.Sprintf("Crash %s-%d", run, i)
		switch {
		case i%3 == 0 || len(mine) == 0:
			m := model.Member{Name: name, Role: "tester", Tags: []string{"crash"}, Emails: []string{fmt.Sprintf("crash%s.%d@example.org", run, i)}}
			if err := s.CreateMember(ctx, &m); err != nil {
				t.Fatal(err)
			}
			mine = append(mine, m.ID)
			ack(crashAck{Kind: "member", ID: m.ID, Name: m.Name})
		case i%3 == 1:
			c := model.Conversation{
				At: time.Now(), Channel: "chat", Subject: name, Notes: "what was said",
				Participants: []int64{mine[i%len(mine)], mine[(i/2)%len(mine)], mine[len(mine)-1]},
			}
			if err := s.CreateConversation(ctx, &c); err != nil {
				t.Fatal(err)
			}
			ack(crashAck{Kind: "conversation", ID: c.ID, Members: c.Participants})
		default:
			items := make([]model.ImportItem, 3)
			for k := range items {
				items[k] = model.ImportItem{
					Incoming: model.Member{Name: fmt.Sprintf("%s imported %d", name, k), Tags: []string{"imported"}},
					Origin:   fmt.Sprintf("crash.vcf:%d", k+1),
					Action:   model.ImportAdd,
				}
			}
			batch, res, err := s.Import(ctx, "crash.vcf", items)
			if err != nil {
				t.Fatal(err)
			}
			a := crashAck{Kind: "import", ID: batch, Members: res.MemberIDs}
			for _, it := range items {
				a.Names = append(a.Names, it.Incoming.Name)
			}
			ack(a)
		}
	}
}

// checkAfterKill checks the record as the kill left it: SQLite finds it
// intact, and it opens and reads as the app opens and reads it. It returns
// what is wrong with it, and which of the writes the last run acknowledged
// (latest) the store does not read back as they were written, and how.
func checkAfterKill(ctx context.Context, path string, latest []crashAck) (problems []string, missing map[string]string) {
	db, err := sql.Open("sqlite", fileURI(path, nil))
	if err != nil {
		return []string{err.Error()}, nil
	}
	for _, pragma := range []string{"integrity_check", "foreign_key_check"} {
		rows, err := db.QueryContext(ctx, "PRAGMA "+pragma)
		if err != nil {
			problems = append(problems, fmt.Sprintf("PRAGMA %s: %v", pragma, err))
			continue
		}
		var got []string
		for rows.Next() {
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				got = append(got, err.Error())
				continue
			}
			got = append(got, fmt.Sprint(vals...))
		}
		if err := rows.Err(); err != nil {
			got = append(got, err.Error())
		}
		rows.Close()
		want := []string{"ok"}
		if pragma == "foreign_key_check" {
			want = nil
		}
		if !slices.Equal(got, want) {
			problems = append(problems, fmt.Sprintf("PRAGMA %s = %q, want %q", pragma, got, want))
		}
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		return append(problems, fmt.Sprintf("Open: %v", err)), nil
	}
	defer s.Close()
	missing = map[string]string{}
	if _, err := s.Today(ctx); err != nil {
		problems = append(problems, fmt.Sprintf("Today: %v", err))
	}
	if _, err := s.Members(ctx, model.MemberFilter{Tag: "crash"}); err != nil {
		problems = append(problems, fmt.Sprintf("Members: %v", err))
	}
	for _, a := range latest {
		switch a.Kind {
		case "member":
			m, err := s.Member(ctx, a.ID)
			if err == nil && m.Name == a.Name {
				continue
			}
			missing[a.key()] = fmt.Sprintf("Member = %q, %v; want %q", m.Name, err, a.Name)
		case "conversation":
			c, err := s.Conversation(ctx, a.ID)
			if err == nil && slices.Equal(c.Participants, dedupeIDs(a.Members)) {
				continue
			}
			missing[a.key()] = fmt.Sprintf("Conversation has participants %v, %v; want %v", c.Participants, err, dedupeIDs(a.Members))
		}
	}
	return problems, missing
}

// dedupeIDs is ids without repeats, in order, as a conversation keeps its
// participants.
func dedupeIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// missingAcks returns the acknowledged writes the record at path does not
// hold as they were acknowledged, read in a few queries whatever their
// number.
func missingAcks(t *testing.T, path string, acked []crashAck) []string {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names := map[int64]string{}
	scanAll(t, db, `SELECT id, name FROM members WHERE trashed_at IS NULL`, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		names[id] = name
		return err
	})
	participants := map[int64][]int64{}
	scanAll(t, db, `SELECT p.conversation_id, p.member_id FROM conversation_participants p
		JOIN conversations c ON c.id = p.conversation_id WHERE c.trashed_at IS NULL ORDER BY p.conversation_id, p.position`, func(r *sql.Rows) error {
		var c, m int64
		err := r.Scan(&c, &m)
		participants[c] = append(participants[c], m)
		return err
	})
	batches := map[int64][]int64{} // a standing import's added members
	scanAll(t, db, `SELECT b.id, coalesce(m.member_id, 0) FROM import_batches b
		LEFT JOIN import_members m ON m.batch_id = b.id AND m.created
		WHERE b.undone_at IS NULL ORDER BY b.id, m.member_id`, func(r *sql.Rows) error {
		var b, m int64
		err := r.Scan(&b, &m)
		ids, seen := batches[b]
		if m != 0 {
			batches[b] = append(ids, m)
		} else if !seen {
			batches[b] = nil // a batch that added no one is there too
		}
		return err
	})

	var missing []string
	for _, a := range acked {
		ok := true
		switch a.Kind {
		case "member":
			ok = names[a.ID] == a.Name
		case "conversation":
			ok = slices.Equal(participants[a.ID], dedupeIDs(a.Members))
		case "import":
			got, found := batches[a.ID]
			want := slices.Sorted(slices.Values(a.Members))
			ok = found && slices.Equal(got, want)
			for i, id := range a.Members {
				ok = ok && names[id] == a.Names[i]
			}
		}
		if !ok {
			missing = append(missing, a.key())
		}
	}
	return missing
}

// scanAll runs query on db and calls scan for each row.
func scanAll(t *testing.T, db *sql.DB, query string, scan func(*sql.Rows) error) {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
