package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"rapport/model"
)

// Keys of the settings table.
const (
	settingMe                 = "me" // id of the manager using the record
	settingDefaultCadenceDays = "default_cadence_days"
)

// Me returns the manager using the record; ErrNotFound until SetMe.
func (s *Store) Me(ctx context.Context) (model.Manager, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Manager{}, fmt.Errorf("me: %w", err)
	}
	defer tx.Rollback()
	me, err := findMe(ctx, tx)
	if err != nil {
		return model.Manager{}, fmt.Errorf("me: %w", err)
	}
	return me, nil
}

// SetMe names the manager using the record: the first time it adds them,
// later it renames them, so what they created stays theirs.
func (s *Store) SetMe(ctx context.Context, name string) (model.Manager, error) {
	me := model.Manager{Name: strings.Join(strings.Fields(name), " ")}
	if err := me.Validate(); err != nil {
		return model.Manager{}, err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return model.Manager{}, fmt.Errorf("set me: %w", err)
	}
	defer tx.Rollback()
	old, err := findMe(ctx, tx)
	switch {
	case err == nil:
		me.ID, me.CreatedAt = old.ID, old.CreatedAt
		_, err = tx.ExecContext(ctx, `UPDATE managers SET name = ? WHERE id = ?`, me.Name, me.ID)
	case errors.Is(err, model.ErrNotFound):
		me.CreatedAt = tx.now
		var res sql.Result
		res, err = tx.ExecContext(ctx, `INSERT INTO managers (name, created_at) VALUES (?, ?)`, me.Name, formatTime(me.CreatedAt))
		if err == nil {
			me.ID, err = res.LastInsertId()
		}
		if err == nil {
			err = setSetting(ctx, tx, settingMe, strconv.FormatInt(me.ID, 10))
		}
	}
	if err != nil {
		return model.Manager{}, fmt.Errorf("set me: %w", dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return model.Manager{}, fmt.Errorf("set me: %w", err)
	}
	return me, nil
}

// Settings returns the record's preferences, model.DefaultSettings where
// none is stored.
func (s *Store) Settings(ctx context.Context) (model.Settings, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Settings{}, fmt.Errorf("settings: %w", err)
	}
	defer tx.Rollback()
	set, err := readSettings(ctx, tx)
	if err != nil {
		return model.Settings{}, fmt.Errorf("settings: %w", err)
	}
	return set, nil
}

// readSettings reads the record's preferences, model.DefaultSettings where
// none is stored.
func readSettings(ctx context.Context, tx *tx) (model.Settings, error) {
	set := model.DefaultSettings
	v, err := setting(ctx, tx, settingDefaultCadenceDays)
	switch {
	case errors.Is(err, model.ErrNotFound):
	case err != nil:
		return model.Settings{}, err
	default:
		// A value that does not read as days (edited by hand) falls back
		// to the default rather than locking the manager out.
		if days, err := strconv.Atoi(v); err == nil {
			set.DefaultCadenceDays = days
		}
	}
	return set, nil
}

// SetSettings validates and stores the record's preferences.
func (s *Store) SetSettings(ctx context.Context, set model.Settings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("set settings: %w", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingDefaultCadenceDays, strconv.Itoa(set.DefaultCadenceDays)); err != nil {
		return fmt.Errorf("set settings: %w", dbError(err))
	}
	// Members without a cadence of their own may fall back on the record's.
	tx.keep = nil
	if err := refreshCheckIns(ctx, tx, "m.cadence_days = 0"); err != nil {
		return fmt.Errorf("set settings: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set settings: %w", err)
	}
	return nil
}

// findMe reads the manager settings name as "me"; ErrNotFound when unset.
func findMe(ctx context.Context, tx *tx) (model.Manager, error) {
	var me model.Manager
	var created string
	err := tx.QueryRowContext(ctx, `
		SELECT id, name, created_at FROM managers
		WHERE id = CAST((SELECT value FROM settings WHERE key = ?) AS INTEGER)`, settingMe).
		Scan(&me.ID, &me.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return me, model.ErrNotFound
	}
	if err != nil {
		return me, err
	}
	me.CreatedAt, err = parseTime(created)
	return me, err
}

// myName is the name that stamps what "me" creates; "" before SetMe.
func myName(ctx context.Context, tx *tx) (string, error) {
	me, err := findMe(ctx, tx)
	if errors.Is(err, model.ErrNotFound) {
		return "", nil
	}
	return me.Name, err
}

func setting(ctx context.Context, tx *tx, key string) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.ErrNotFound
	}
	return v, err
}

func setSetting(ctx context.Context, tx *tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
