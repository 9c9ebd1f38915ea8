package domain

import "context"

// Tag labels time entries.
type Tag struct {
	ID          string
	WorkspaceID string
	Name        string
	Archived    bool
}

// TagFilter selects tags. Zero fields do not filter.
type TagFilter struct {
	Name        string
	StrictName  bool // Name must match exactly rather than as a substring
	ExcludedIDs []string
	Archived    *bool
	SortColumn  string // ID, NAME
	SortOrder   SortOrder
	Page        Page
}

// TagStore persists tags.
type TagStore interface {
	Tag(ctx context.Context, workspaceID, id string) (Tag, error)
	Tags(ctx context.Context, workspaceID string, f TagFilter) ([]Tag, error)
	// TagsByID returns the tags with the given ids. Missing ids are left out.
	TagsByID(ctx context.Context, workspaceID string, ids []string) ([]Tag, error)
	CreateTag(ctx context.Context, t Tag) error
	UpdateTag(ctx context.Context, t Tag) error
	// DeleteTag deletes the tag and takes it off every time entry.
	DeleteTag(ctx context.Context, workspaceID, id string) error
}
