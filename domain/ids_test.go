package domain_test

import (
	"testing"

	"github.com/punchclock/punchclock/domain"
)

func TestNewIDCreationOrder(t *testing.T) {
	prev := domain.NewID()
	for i := range 10000 {
		id := domain.NewID()
		if !domain.ValidID(id) {
			t.Fatalf("NewID returned %q, which is not 24 hex digits", id)
		}
		if id <= prev {
			t.Fatalf("id %d (%s) does not sort after the one created before it (%s)", i+1, id, prev)
		}
		prev = id
	}
}
