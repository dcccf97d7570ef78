package storage

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
)

// ErrInUse means another Rapport (a window or a command) has the record
// open. Open returns it inside an *fs.PathError that names the file.
var ErrInUse = errors.New("is open in another Rapport window")

// recordLock is what a Store holds while the record is open: an advisory
// lock on PATH.lock beside the record, taken by Open and released by Close,
// so that a second Rapport on the same record says so instead of writing
// beside the first. The kernel releases it when the process ends, however
// it ends, so a crash never leaves the record locked. The lock file stays
// beside the record: removing it would let two openers lock two different
// files of the same name.
type recordLock struct {
	f    *os.File // nil where the file system keeps no locks
	once sync.Once
}

// lockFile is the name of the record's lock file.
func lockFile(path string) string { return path + ".lock" }

// release lets the record go; a second call, or a call on nil (a Store
// that Open did not make), does nothing.
func (l *recordLock) release() error {
	if l == nil {
		return nil
	}
	var err error
	l.once.Do(func() {
		if l.f != nil {
			err = l.f.Close() // closing the file releases the lock
		}
	})
	return err
}

// inUseError is Open's error for a record another Rapport holds: pid is the
// holder's process, 0 when unknown.
func inUseError(path string, pid int) error {
	if pid > 0 {
		return openError(path, "%w (pid %d): use that window, or quit it and try again", ErrInUse, pid)
	}
	return openError(path, "%w: use that window, or quit it and try again", ErrInUse)
}

// lockHolder reads the process id the holder wrote into the lock file, 0
// when there is none.
func lockHolder(f *os.File) int {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	if err != nil || pid < 0 {
		return 0
	}
	return pid
}

// writeHolder writes this process's id into the lock file, for the message
// a second opener shows; the lock works without it.
func writeHolder(f *os.File) {
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
}
