package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/punchclock/punchclock/domain"
)

const clientColumns = `c.id, c.workspace_id, c.name, c.email, c.address, c.note, c.archived, c.cc_emails, c.currency_id`

func scanClient(s scanner) (domain.Client, error) {
	var c domain.Client
	var cc sql.NullString
	if err := s.Scan(&c.ID, &c.WorkspaceID, &c.Name, &c.Email, &c.Address, &c.Note, &c.Archived, &cc, &c.CurrencyID); err != nil {
		return c, err
	}
	if cc.Valid {
		c.CCEmails = []string{}
		return c, fromJSONText(cc.String, &c.CCEmails)
	}
	return c, nil
}

func nullJSON(list []string) (sql.NullString, error) {
	if list == nil {
		return sql.NullString{}, nil
	}
	s, err := jsonText(list)
	return sql.NullString{String: s, Valid: err == nil}, err
}

// Client returns the client with the given id in the workspace.
func (t *Tx) Client(ctx context.Context, workspaceID, id string) (domain.Client, error) {
	q := `SELECT ` + clientColumns + ` FROM clients c WHERE c.workspace_id = ? AND c.id = ?` + t.forUpdate("c")
	c, err := scanClient(t.queryRow(ctx, q, workspaceID, id))
	if err != nil {
		return c, fmt.Errorf("sqlstore: client %s: %w", id, notFound(err))
	}
	return c, nil
}

var clientSort = map[string]string{
	"NAME":  "lower(c.name)",
	"EMAIL": "lower(c.email)",
	"NOTE":  "lower(c.note)",
	"ID":    "c.id",
}

// Clients returns one page of the workspace's clients matching f.
func (t *Tx) Clients(ctx context.Context, workspaceID string, f domain.ClientFilter) ([]domain.Client, error) {
	var w where
	w.add("c.workspace_id = ?", workspaceID)
	if f.Name != "" {
		w.add(`lower(c.name) LIKE ? ESCAPE '\'`, likePattern(f.Name))
	}
	if f.Address != "" {
		w.add(`lower(c.address) LIKE ? ESCAPE '\'`, likePattern(f.Address))
	}
	if f.Note != "" {
		w.add(`lower(c.note) LIKE ? ESCAPE '\'`, likePattern(f.Note))
	}
	if f.Archived != nil {
		w.add("c.archived = ?", *f.Archived)
	}
	order, ok := clientSort[f.SortColumn]
	if !ok {
		order = clientSort["NAME"]
	}
	dir := sortDir(f.SortOrder)
	q := `SELECT ` + clientColumns + ` FROM clients c` + w.sql() +
		` ORDER BY ` + order + ` ` + dir + `, c.id ` + dir + ` LIMIT ? OFFSET ?`
	list, err := selectAll(ctx, t, scanClient, q, append(w.args, f.Page.Limit(), f.Page.Offset())...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: clients of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// CreateClient inserts c.
func (t *Tx) CreateClient(ctx context.Context, c domain.Client) error {
	cc, err := nullJSON(c.CCEmails)
	if err != nil {
		return err
	}
	const q = `INSERT INTO clients (id, workspace_id, name, email, address, note, archived, cc_emails, currency_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	_, err = t.exec(ctx, q, c.ID, c.WorkspaceID, c.Name, c.Email, c.Address, c.Note, c.Archived, cc, c.CurrencyID, millis(t.now))
	if err != nil {
		return fmt.Errorf("sqlstore: creating client %q: %w", c.Name, err)
	}
	return nil
}

// UpdateClient writes every field of c.
func (t *Tx) UpdateClient(ctx context.Context, c domain.Client) error {
	cc, err := nullJSON(c.CCEmails)
	if err != nil {
		return err
	}
	const q = `UPDATE clients SET name = ?, email = ?, address = ?, note = ?, archived = ?, cc_emails = ?, currency_id = ?
		WHERE workspace_id = ? AND id = ?`
	if err := t.execOne(ctx, q, c.Name, c.Email, c.Address, c.Note, c.Archived, cc, c.CurrencyID, c.WorkspaceID, c.ID); err != nil {
		return fmt.Errorf("sqlstore: updating client %s: %w", c.ID, err)
	}
	return nil
}

// DeleteClient deletes the client, and its projects become projects without
// a client. That fails with domain.ErrConflict when one of them has the name
// of a project that already has no client.
func (t *Tx) DeleteClient(ctx context.Context, workspaceID, id string) error {
	const detach = `UPDATE projects SET client_id = '' WHERE workspace_id = ? AND client_id = ?`
	if _, err := t.exec(ctx, detach, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: detaching the projects of client %s: %w", id, err)
	}
	if err := t.execOne(ctx, `DELETE FROM clients WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting client %s: %w", id, err)
	}
	return nil
}
