package api

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

func (s *Server) createTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) getTimeEntriesBatch(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) listRunningEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) markInvoiced(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) getTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) updateTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) deleteTimeEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) listUserEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) createEntryForUser(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) stopTimer(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) bulkEditEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) bulkDeleteEntries(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) duplicateEntry(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}
