package api

// TEMPORARY: handlers replaced by their resource files as they land.

import (
	"errors"
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

var errPending = errors.New("api: not implemented yet")

func pending(w http.ResponseWriter, r *http.Request, a domain.Actor) error { return errPending }

var (
	_ = pending
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
