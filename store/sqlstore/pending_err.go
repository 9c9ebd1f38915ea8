package sqlstore

import "errors"

// TEMPORARY: delete with the last pending_*.go file.
var errPending = errors.New("sqlstore: not implemented yet")
