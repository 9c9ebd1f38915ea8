package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ImportStore records which time entries an import created. A key is the
// importer's stable identity of one row of an export file, unique within a
// workspace, and it is deleted with its entry.
type ImportStore interface {
	// ImportedEntries returns, for each of keys that is recorded in the
	// workspace, the id of the entry it created. Unknown keys are left out.
	ImportedEntries(ctx context.Context, workspaceID string, keys []string) (map[string]string, error)
	// CreateImportKey records that entryID was imported under key. A key
	// recorded already is rejected with ErrConflict.
	CreateImportKey(ctx context.Context, workspaceID, key, entryID string) error
}

// The Check functions below apply the API's rules on names and texts to
// imported data, so that an import cannot store what a request could not.
// Each returns the value trimmed as the API stores it.

// CheckClientName trims a client name and checks its length.
func CheckClientName(name string) (string, error) { return clientName(name) }

// CheckProjectName trims a project name and checks its length.
func CheckProjectName(name string) (string, error) { return projectName(name) }

// CheckTaskName trims a task name and checks its length.
func CheckTaskName(name string) (string, error) { return taskName(name) }

// CheckTagName trims a tag name and checks its length.
func CheckTagName(name string) (string, error) { return tagName(name) }

// CheckDescription checks a time entry description's length.
func CheckDescription(description string) error {
	if n := utf8.RuneCountInString(description); n > maxDescription {
		return Invalidf("description is %d characters long; the maximum is %d", n, maxDescription)
	}
	return nil
}

// CheckProjectNote checks a project note's length.
func CheckProjectNote(note string) error {
	_, err := projectNote(note)
	return err
}

// ImportedProject returns a project of ws as a create request would make it
// (default color, billable and public flags from the workspace settings),
// without members, for a project that an import creates.
func ImportedProject(ws Workspace, in NewProject) (Project, error) {
	return newProject(Actor{Workspace: ws}, in)
}

// RecordImportedProjectRates records the rates of a project that an import
// created, as a project create does, so that entries resolve them.
func RecordImportedProjectRates(ctx context.Context, tx Tx, ws Workspace, projectID string, in NewProject) error {
	return recordNewProjectRates(ctx, tx, ws, projectID, in)
}

// ImportedTask returns an active task of p, billable as p is, for a task
// that an import creates.
func ImportedTask(p Project, name string) Task {
	return Task{ID: NewID(), WorkspaceID: p.WorkspaceID, ProjectID: p.ID, Name: name,
		Status: TaskActive, Billable: p.Billable}
}

// ImportedUser returns a user for an email that an export names and the
// database lacks. The user is NOT_REGISTERED until "users create" issues it
// an API key, as for an invited user.
func ImportedUser(email, name, timeZone string, now time.Time) User {
	return User{ID: NewID(), Email: strings.TrimSpace(email), Name: strings.TrimSpace(name),
		Status: UserNotRegistered, TimeZone: timeZone, WeekStart: "MONDAY", CreatedAt: now}
}
