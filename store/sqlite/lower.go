package sqlite

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite's built-in lower() folds only ASCII letters, while PostgreSQL's
// folds all of Unicode. Unique names and name filters compare lower(name),
// so without this "Äpfel" and "äpfel" would be two names on SQLite and one
// on PostgreSQL. Registering lower() replaces the built-in on every
// connection this driver opens, the index expressions included.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, unicodeLower)
}

func unicodeLower(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	switch v := args[0].(type) {
	case string:
		return strings.ToLower(v), nil
	case []byte:
		return strings.ToLower(string(v)), nil
	}
	// NULL and numbers have no letters to fold.
	return args[0], nil
}
