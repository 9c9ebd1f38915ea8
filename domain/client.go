package domain

import "context"

// Client is a customer that projects are done for.
type Client struct {
	ID          string
	WorkspaceID string
	Name        string
	Email       string
	Address     string
	Note        string
	Archived    bool
	CCEmails    []string // nil until set by an update
	CurrencyID  string
}

// ClientFilter selects clients. Zero fields do not filter.
type ClientFilter struct {
	Name       string // substring, case-insensitive
	Address    string // substring, case-insensitive
	Note       string // substring, case-insensitive
	Archived   *bool  // nil means archived and active
	SortColumn string // NAME, EMAIL, NOTE
	SortOrder  SortOrder
	Page       Page
}

// ClientStore persists clients.
type ClientStore interface {
	Client(ctx context.Context, workspaceID, id string) (Client, error)
	Clients(ctx context.Context, workspaceID string, f ClientFilter) ([]Client, error)
	CreateClient(ctx context.Context, c Client) error
	UpdateClient(ctx context.Context, c Client) error
	// DeleteClient deletes the client and leaves its projects without one.
	DeleteClient(ctx context.Context, workspaceID, id string) error
}
