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
	store Store
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
		u, err = tx.UserByAPIKeyHash(ctx, HashAPIKey(apiKey))
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return User{}, Errorf(KindUnauthenticated, CodeUnknownAPIKey, "Api key does not exist")
	}
	if err != nil {
		return User{}, fmt.Errorf("authenticate: %w", err)
	}
	return u, nil
}

// Enter returns the actor for user inside workspaceID. Users who are not an
// active or pending member of the workspace get ErrAccessDenied (403).
func (s *Service) Enter(ctx context.Context, user User, workspaceID string) (Actor, error) {
	if !ValidID(workspaceID) {
		return Actor{}, ErrAccessDenied
	}
	a := Actor{User: user}
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		a.Member, err = tx.Member(ctx, workspaceID, user.ID)
		if err != nil {
			return err
		}
		a.Workspace, err = tx.Workspace(ctx, workspaceID)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return Actor{}, ErrAccessDenied
	}
	if err != nil {
		return Actor{}, fmt.Errorf("enter workspace %s: %w", workspaceID, err)
	}
	if !a.Member.Joined() {
		return Actor{}, ErrAccessDenied
	}
	return a, nil
}
