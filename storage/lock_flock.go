//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package storage

import (
	"errors"
	"os"
	"syscall"
)

// lockRecord takes the record's lock with flock(2), without waiting: a
// record another process holds is ErrInUse at once. Two Opens of the same
// record in one process conflict too, since each opens the lock file anew.
// On a file system that keeps no locks (some network shares) the record
// opens unlocked rather than not at all.
func lockRecord(path string) (*recordLock, error) {
	name := lockFile(path)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, openError(path, "its lock file %s cannot be created (%v): check that its folder is yours and writable", name, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	switch {
	case err == nil:
		writeHolder(f)
		return &recordLock{f: f}, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		pid := lockHolder(f)
		f.Close()
		return nil, inUseError(path, pid)
	case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
		f.Close()
		return &recordLock{}, nil
	default:
		f.Close()
		return nil, openError(path, "cannot be locked through %s (%v)", name, err)
	}
}
