package domain

import (
	"context"
	"sync"
	"time"
)

// User account statuses, as Clockify names them.
const (
	UserActive        = "ACTIVE"
	UserNotRegistered = "NOT_REGISTERED"
	UserPendingEmail  = "PENDING_EMAIL_VERIFICATION"
)

// User is a person with an account. A user belongs to workspaces through
// Member rows.
type User struct {
	ID               string
	Email            string
	Name             string
	ProfilePicture   string
	Status           string
	TimeZone         string // IANA name; "UTC" when never set
	WeekStart        string // MONDAY..SUNDAY
	DefaultWorkspace string
	ActiveWorkspace  string
	CreatedAt        time.Time
}

// Location returns the user's time zone, or UTC when the stored name is not
// a zone in this machine's time zone database.
func (u User) Location() *time.Location {
	if loc, ok := locations.Load(u.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(u.TimeZone)
	if err != nil {
		return time.UTC
	}
	locations.Store(u.TimeZone, loc)
	return loc
}

// locations caches the zones that Location has loaded by name, because
// time.LoadLocation reads and parses the zone's file on every call. Only
// names found in the time zone database are kept, so the cache grows no
// larger than that database.
var locations sync.Map

// UserStore persists users and their API keys.
type UserStore interface {
	User(ctx context.Context, id string) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	// UserByAPIKeyHash returns the user owning the key with that SHA-256 hash.
	UserByAPIKeyHash(ctx context.Context, hash string) (User, error)
	CreateUser(ctx context.Context, u User) error
	UpdateUser(ctx context.Context, u User) error
	CreateAPIKey(ctx context.Context, userID, hash string) error
	// CountUsers returns the number of users. serve uses it to detect an empty database.
	CountUsers(ctx context.Context) (int, error)
}
