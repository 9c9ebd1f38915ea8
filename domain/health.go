package domain

import (
	"context"
	"fmt"
)

// Ping returns an error when the store's database does not respond before ctx
// ends. Readiness checks call it, so it must stay cheap.
func (s *Service) Ping(ctx context.Context) error {
	if err := s.store.Ping(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}
