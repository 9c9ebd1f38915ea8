package sqlstore

import (
	"context"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

const userColumns = `u.id, u.email, u.name, u.profile_picture, u.status, u.time_zone, u.week_start,
	u.default_workspace, u.active_workspace, u.created_at`

func scanUser(s scanner) (domain.User, error) {
	var u domain.User
	var created int64
	err := s.Scan(&u.ID, &u.Email, &u.Name, &u.ProfilePicture, &u.Status, &u.TimeZone, &u.WeekStart,
		&u.DefaultWorkspace, &u.ActiveWorkspace, &created)
	u.CreatedAt = fromMillis(created)
	return u, err
}

// User returns the user with the given id.
func (t *Tx) User(ctx context.Context, id string) (domain.User, error) {
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`+t.forUpdate("u"), id))
	if err != nil {
		return u, fmt.Errorf("sqlstore: user %s: %w", id, notFound(err))
	}
	return u, nil
}

// UserByEmail returns the user with the given email, compared case-insensitively.
func (t *Tx) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	u, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE lower(u.email) = lower(?)`+t.forUpdate("u"), email))
	if err != nil {
		return u, fmt.Errorf("sqlstore: user by email: %w", notFound(err))
	}
	return u, nil
}

// UserByAPIKeyHash returns the owner of the API key with the given hash.
func (t *Tx) UserByAPIKeyHash(ctx context.Context, hash string) (domain.User, error) {
	const q = `SELECT ` + userColumns + ` FROM users u JOIN api_keys k ON k.user_id = u.id WHERE k.hash = ?`
	u, err := scanUser(t.queryRow(ctx, q, hash))
	if err != nil {
		return u, fmt.Errorf("sqlstore: user by api key: %w", notFound(err))
	}
	return u, nil
}

// CreateUser inserts u.
func (t *Tx) CreateUser(ctx context.Context, u domain.User) error {
	const q = `INSERT INTO users (id, email, name, profile_picture, status, time_zone, week_start,
		default_workspace, active_workspace, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	_, err := t.exec(ctx, q, u.ID, u.Email, u.Name, u.ProfilePicture, u.Status, u.TimeZone, u.WeekStart,
		u.DefaultWorkspace, u.ActiveWorkspace, millis(u.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlstore: creating user %s: %w", u.ID, err)
	}
	return nil
}

// UpdateUser writes every field of u.
func (t *Tx) UpdateUser(ctx context.Context, u domain.User) error {
	const q = `UPDATE users SET email = ?, name = ?, profile_picture = ?, status = ?, time_zone = ?,
		week_start = ?, default_workspace = ?, active_workspace = ? WHERE id = ?`
	err := t.execOne(ctx, q, u.Email, u.Name, u.ProfilePicture, u.Status, u.TimeZone, u.WeekStart,
		u.DefaultWorkspace, u.ActiveWorkspace, u.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: updating user %s: %w", u.ID, err)
	}
	return nil
}

// CreateAPIKey stores the hash of a new API key for the user.
func (t *Tx) CreateAPIKey(ctx context.Context, userID, hash string) error {
	_, err := t.exec(ctx, `INSERT INTO api_keys (hash, user_id, created_at) VALUES (?, ?, ?)`, hash, userID, millis(t.now))
	if err != nil {
		return fmt.Errorf("sqlstore: creating api key for user %s: %w", userID, err)
	}
	return nil
}

// CountUsers returns the number of users.
func (t *Tx) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlstore: counting users: %w", err)
	}
	return n, nil
}
