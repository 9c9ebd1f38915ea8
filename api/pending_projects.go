package api

// TEMPORARY: stubs that the resource file replaces; delete this file when it lands.

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

func (s *Server) listProjects(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) createProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) createProjectFromTemplate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) getProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) updateProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) deleteProject(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) updateProjectEstimate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) replaceProjectMemberships(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) addProjectMemberships(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) updateProjectTemplate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) setProjectMemberHourlyRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}

func (s *Server) setProjectMemberCostRate(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	return errPending
}
