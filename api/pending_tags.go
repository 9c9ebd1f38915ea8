package api

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

func (s *Server) listTags(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) createTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) getTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) updateTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) deleteTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}
