package api_test

import (
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

func TestMain(m *testing.M) { apitest.Main(cleanupRunner{m}) }

// cleanupRunner removes the benchmarks' seeded SQLite files after the run.
type cleanupRunner struct{ m *testing.M }

func (r cleanupRunner) Run() int {
	defer removeSeededData()
	return r.m.Run()
}
