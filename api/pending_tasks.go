package api

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

func (s *Server) listTasks(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) createTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) getTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) updateTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) deleteTask(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) setTaskHourlyRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) setTaskCostRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}
