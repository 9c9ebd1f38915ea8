package domain

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
)

// Service implements the business rules. Every API operation goes through one
// of its methods, each of which runs inside one store transaction.
type Service struct {
	store    Store
	catalogs catalogCache
	pages    pageCache[[]TimeEntry]
	ownPages pageCache[ownPage]
}

// NewService returns a Service backed by store.
func NewService(store Store) *Service {
	return &Service{store: store}
}

// Actor is an authenticated user acting inside one workspace.
type Actor struct {
	User      User
	Workspace Workspace
	Member    Member

	manages management // filled by enter for members who are not admins
	// catalog is the workspace's cached catalog at the version read when
	// the actor entered, or nil.
	catalog *catalog
	// entryVersion is the version of the user's own entries, read in the
	// same statement as the catalog's version when entryVersionRead.
	entryVersion     int64
	entryVersionRead bool
}

// HashAPIKey returns the form in which API keys are stored: the hex SHA-256
// of the key. Keys are long random strings, so a fast hash is enough.
func HashAPIKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// newAPIKey returns a random API key of 48 characters.
func newAPIKey() string {
	var b [36]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("domain: reading random bytes: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// Authenticate returns the user owning an API key.
func (s *Service) Authenticate(ctx context.Context, apiKey string) (User, error) {
	var u User
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		u, err = userByKey(ctx, tx, apiKey)
		return err
	})
	if err != nil {
		return User{}, wrapUnlessSafe(err, "authenticate")
	}
	return u, nil
}

// Enter returns the actor for user inside workspaceID. Users who are not an
// active member of the workspace get ErrAccessDenied (403).
func (s *Service) Enter(ctx context.Context, user User, workspaceID string) (Actor, error) {
	var a Actor
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		a, err = enter(ctx, tx, user, workspaceID)
		return err
	})
	if err != nil {
		return Actor{}, wrapUnlessSafe(err, "enter workspace "+workspaceID)
	}
	return a, nil
}

// AuthenticateIn is Authenticate followed by Enter in one read transaction,
// which is what every workspace route needs before it runs. The actor of
// each API key is kept in the workspace's cached catalog, so that a repeat
// costs one query for the catalog version.
func (s *Service) AuthenticateIn(ctx context.Context, apiKey, workspaceID string) (Actor, error) {
	hash := HashAPIKey(apiKey)
	if a, ok := s.enterCached(ctx, hash, workspaceID); ok {
		return a, nil
	}

	var a Actor
	err := s.store.View(ctx, func(tx Tx) error {
		var cat *catalog
		if ValidID(workspaceID) {
			var err error
			if cat, err = s.catalogOf(ctx, tx, workspaceID); err != nil {
				return err
			}
		}
		if cat != nil {
			if cached, ok := cat.actor(hash); ok {
				a = cached
				a.catalog = cat
				applyAutomaticLock(&a.Workspace, tx.Now())
				return nil
			}
		}

		u, err := userByHash(ctx, tx, hash)
		if err != nil {
			return err
		}
		if a, err = enterUnlocked(ctx, tx, u, workspaceID); err != nil {
			return err
		}
		if cat != nil {
			cat.putActor(hash, a)
			a.catalog = cat
		}
		applyAutomaticLock(&a.Workspace, tx.Now())
		return nil
	})
	if err != nil {
		return Actor{}, wrapUnlessSafe(err, "authenticate in workspace "+workspaceID)
	}
	return a, nil
}

// enterCached returns the actor of an API key hash from the workspace's
// cached catalog, when the newest cached catalog contains the key and is
// still current. It reads the catalog version and the entry version of the
// key's user in one statement, without a transaction. It returns false when
// the cache cannot serve the key, and the caller then reads the database,
// which also reports any error.
func (s *Service) enterCached(ctx context.Context, hash, workspaceID string) (Actor, bool) {
	newest := s.catalogs.newest(workspaceID)
	if newest == nil {
		return Actor{}, false
	}
	known, ok := newest.actor(hash)
	if !ok {
		return Actor{}, false
	}
	v, err := s.store.Versions(ctx, workspaceID, known.User.ID)
	if err != nil {
		return Actor{}, false
	}
	cat := s.catalogs.at(workspaceID, v.Workspace)
	a, ok := cat.actor(hash)
	if !ok || a.User.ID != known.User.ID {
		return Actor{}, false
	}
	a.catalog = cat
	a.entryVersion, a.entryVersionRead = v.Entries, true
	applyAutomaticLock(&a.Workspace, v.Now)
	return a, true
}

func userByKey(ctx context.Context, tx Tx, apiKey string) (User, error) {
	return userByHash(ctx, tx, HashAPIKey(apiKey))
}

func userByHash(ctx context.Context, tx Tx, hash string) (User, error) {
	u, err := tx.UserByAPIKeyHash(ctx, hash)
	if errors.Is(err, ErrNotFound) {
		return User{}, Errorf(KindUnauthenticated, CodeUnknownAPIKey, "Api key does not exist")
	}
	return u, err
}

func enter(ctx context.Context, tx Tx, user User, workspaceID string) (Actor, error) {
	a, err := enterUnlocked(ctx, tx, user, workspaceID)
	if err != nil {
		return Actor{}, err
	}
	applyAutomaticLock(&a.Workspace, tx.Now())
	return a, nil
}

// enterUnlocked is enter without the automatic lock date, which depends on
// the time of the request rather than on stored data.
func enterUnlocked(ctx context.Context, tx Tx, user User, workspaceID string) (Actor, error) {
	if !ValidID(workspaceID) {
		return Actor{}, ErrAccessDenied
	}
	a := Actor{User: user}
	var err error
	if a.Member, err = tx.Member(ctx, workspaceID, user.ID); err == nil {
		a.Workspace, err = tx.Workspace(ctx, workspaceID)
	}
	if errors.Is(err, ErrNotFound) {
		return Actor{}, ErrAccessDenied
	}
	if err != nil {
		return Actor{}, err
	}
	if !a.Member.Joined() {
		return Actor{}, ErrAccessDenied
	}
	if !a.IsAdmin() {
		if err := loadManagement(ctx, tx, &a); err != nil {
			return Actor{}, err
		}
	}
	return a, nil
}

// wrapUnlessSafe returns err as is when it is an *Error meant for the
// caller, and wraps anything else with what was being done.
func wrapUnlessSafe(err error, doing string) error {
	if _, ok := AsError(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// View runs fn in one read-only transaction of the store. It serves packages
// such as reports that read the store with their own rules, after they have
// authenticated the caller through the Service.
func (s *Service) View(ctx context.Context, fn func(Tx) error) error {
	return s.store.View(ctx, fn)
}

// Update runs fn in one read-write transaction of the store, for packages
// such as reports that keep their own records.
func (s *Service) Update(ctx context.Context, fn func(Tx) error) error {
	return s.store.Update(ctx, fn)
}
