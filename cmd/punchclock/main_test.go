package main

import (
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

// TestMain drops the PostgreSQL database that the tests created.
func TestMain(m *testing.M) { apitest.Main(m) }
