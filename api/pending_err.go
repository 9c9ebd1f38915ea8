package api

import "errors"

// TEMPORARY: delete with the last pending_*.go file.
var errPending = errors.New("api: not implemented yet")
