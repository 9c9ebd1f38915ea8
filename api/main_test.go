package api_test

import (
	"testing"

	"github.com/punchclock/punchclock/apitest"
)

func TestMain(m *testing.M) { apitest.Main(m) }
