package api

import (
	"net/http"

	"github.com/punchclock/punchclock/reports"
)

// routes is the route table of Clockify's main API. Paths follow Clockify's
// OpenAPI document under /api/v1.
func (s *Server) routes() {
	const ws = "/api/v1/workspaces/{workspaceId}"

	// Health checks for load balancers and orchestrators, which need no API key.
	// They are exempt from the request limits, so that they respond while
	// the server is overloaded.
	s.handleExempt("GET /healthz", http.HandlerFunc(s.liveness))
	s.handleExempt("GET /readyz", http.HandlerFunc(s.readiness))
	s.handleExempt("GET /metrics", s.metricsHandler())

	// User and workspaces.
	s.handle("GET /api/v1/user", s.user(s.getCurrentUser))
	s.handle("GET /api/v1/workspaces", s.user(s.listWorkspaces))
	s.handle("POST /api/v1/workspaces", s.user(s.createWorkspace))
	s.handle("GET "+ws, s.member(s.getWorkspace))
	s.handle("PUT "+ws+"/hourly-rate", s.member(s.setWorkspaceHourlyRate))
	s.handle("PUT "+ws+"/cost-rate", s.member(s.setWorkspaceCostRate))
	// Punchclock extension: Clockify's API cannot change workspace settings.
	s.handle("PATCH "+ws+"/settings", s.member(s.updateSettings))

	// Workspace members.
	s.handle("GET "+ws+"/users", s.member(s.listMembers))
	s.handle("POST "+ws+"/users", s.member(s.addMember))
	s.handle("POST "+ws+"/users/info", s.member(s.filterMembers))
	s.handle("PUT "+ws+"/users/{userId}", s.member(s.updateMemberStatus))
	s.handle("PUT "+ws+"/users/{userId}/hourly-rate", s.member(s.setMemberHourlyRate))
	s.handle("PUT "+ws+"/users/{userId}/cost-rate", s.member(s.setMemberCostRate))
	s.handle("POST "+ws+"/users/{userId}/roles", s.member(s.addRole))
	s.handle("DELETE "+ws+"/users/{userId}/roles", s.member(s.removeRole))
	s.handle("GET "+ws+"/users/{userId}/managers", s.member(s.listManagers))
	s.handle("PUT "+ws+"/users/{userId}/custom-field/{customFieldId}/value", s.member(s.setUserFieldValue))
	s.handle("GET "+ws+"/member-profile/{userId}", s.member(s.getMemberProfile))
	s.handle("PATCH "+ws+"/member-profile/{userId}", s.member(s.updateMemberProfile))

	// User groups.
	s.handle("GET "+ws+"/user-groups", s.member(s.listUserGroups))
	s.handle("POST "+ws+"/user-groups", s.member(s.createUserGroup))
	s.handle("PUT "+ws+"/user-groups/{id}", s.member(s.updateUserGroup))
	s.handle("DELETE "+ws+"/user-groups/{id}", s.member(s.deleteUserGroup))
	s.handle("POST "+ws+"/user-groups/{userGroupId}/users", s.member(s.addUserToGroup))
	s.handle("DELETE "+ws+"/user-groups/{userGroupId}/users/{userId}", s.member(s.removeUserFromGroup))

	// Custom fields.
	s.handle("GET "+ws+"/custom-fields", s.member(s.listCustomFields))
	s.handle("POST "+ws+"/custom-fields", s.member(s.createCustomField))
	s.handle("PUT "+ws+"/custom-fields/{customFieldId}", s.member(s.updateCustomField))
	s.handle("DELETE "+ws+"/custom-fields/{customFieldId}", s.member(s.deleteCustomField))
	s.handle("GET "+ws+"/projects/{projectId}/custom-fields", s.member(s.listProjectCustomFields))
	s.handle("PATCH "+ws+"/projects/{projectId}/custom-fields/{customFieldId}", s.member(s.setProjectCustomField))
	s.handle("DELETE "+ws+"/projects/{projectId}/custom-fields/{customFieldId}", s.member(s.removeProjectCustomField))

	// Scheduling capacity of members.
	s.handle("GET "+ws+"/scheduling/assignments/users/{userId}/totals", s.member(s.getUserTotals))
	s.handle("POST "+ws+"/scheduling/assignments/user-filter/totals", s.member(s.filterUserTotals))

	// Clients.
	s.handle("GET "+ws+"/clients", s.member(s.listClients))
	s.handle("POST "+ws+"/clients", s.member(s.createClient))
	s.handle("GET "+ws+"/clients/{clientId}", s.member(s.getClient))
	s.handle("PUT "+ws+"/clients/{clientId}", s.member(s.updateClient))
	s.handle("DELETE "+ws+"/clients/{clientId}", s.member(s.deleteClient))

	// Projects.
	s.handle("GET "+ws+"/projects", s.member(s.listProjects))
	s.handle("POST "+ws+"/projects", s.member(s.createProject))
	s.handle("POST "+ws+"/projects/from-template", s.member(s.createProjectFromTemplate))
	s.handle("GET "+ws+"/projects/{projectId}", s.member(s.getProject))
	s.handle("PUT "+ws+"/projects/{projectId}", s.member(s.updateProject))
	s.handle("DELETE "+ws+"/projects/{projectId}", s.member(s.deleteProject))
	s.handle("PATCH "+ws+"/projects/{projectId}/estimate", s.member(s.updateProjectEstimate))
	s.handle("PATCH "+ws+"/projects/{projectId}/memberships", s.member(s.replaceProjectMemberships))
	s.handle("POST "+ws+"/projects/{projectId}/memberships", s.member(s.addProjectMemberships))
	s.handle("PATCH "+ws+"/projects/{projectId}/template", s.member(s.updateProjectTemplate))
	s.handle("PUT "+ws+"/projects/{projectId}/users/{userId}/hourly-rate", s.member(s.setProjectMemberHourlyRate))
	s.handle("PUT "+ws+"/projects/{projectId}/users/{userId}/cost-rate", s.member(s.setProjectMemberCostRate))

	// Tasks.
	s.handle("GET "+ws+"/projects/{projectId}/tasks", s.member(s.listTasks))
	s.handle("POST "+ws+"/projects/{projectId}/tasks", s.member(s.createTask))
	s.handle("GET "+ws+"/projects/{projectId}/tasks/{taskId}", s.member(s.getTask))
	s.handle("PUT "+ws+"/projects/{projectId}/tasks/{taskId}", s.member(s.updateTask))
	s.handle("DELETE "+ws+"/projects/{projectId}/tasks/{taskId}", s.member(s.deleteTask))
	s.handle("PUT "+ws+"/projects/{projectId}/tasks/{taskId}/hourly-rate", s.member(s.setTaskHourlyRate))
	s.handle("PUT "+ws+"/projects/{projectId}/tasks/{taskId}/cost-rate", s.member(s.setTaskCostRate))

	// Tags.
	s.handle("GET "+ws+"/tags", s.member(s.listTags))
	s.handle("POST "+ws+"/tags", s.member(s.createTag))
	s.handle("GET "+ws+"/tags/{tagId}", s.member(s.getTag))
	s.handle("PUT "+ws+"/tags/{tagId}", s.member(s.updateTag))
	s.handle("DELETE "+ws+"/tags/{tagId}", s.member(s.deleteTag))

	// Time entries.
	s.handle("POST "+ws+"/time-entries", s.member(s.createTimeEntry))
	s.handle("POST "+ws+"/time-entries/batch", s.member(s.getTimeEntriesBatch))
	s.handle("GET "+ws+"/time-entries/status/in-progress", s.member(s.listRunningEntries))
	s.handle("PATCH "+ws+"/time-entries/invoiced", s.member(s.markInvoiced))
	s.handle("GET "+ws+"/time-entries/{entryId}", s.member(s.getTimeEntry))
	s.handle("PUT "+ws+"/time-entries/{entryId}", s.member(s.updateTimeEntry))
	s.handle("DELETE "+ws+"/time-entries/{entryId}", s.member(s.deleteTimeEntry))
	s.handle("GET "+ws+"/user/{userId}/time-entries", s.member(s.listUserEntries))
	s.handle("POST "+ws+"/user/{userId}/time-entries", s.member(s.createEntryForUser))
	s.handle("PATCH "+ws+"/user/{userId}/time-entries", s.member(s.stopTimer))
	s.handle("PUT "+ws+"/user/{userId}/time-entries", s.member(s.bulkEditEntries))
	s.handle("DELETE "+ws+"/user/{userId}/time-entries", s.member(s.bulkDeleteEntries))
	s.handle("POST "+ws+"/user/{userId}/time-entries/{entryId}/duplicate", s.member(s.duplicateEntry))

	// Reports, under Clockify's regional reports base.
	const reportWS = "/report/v1/workspaces/{workspaceId}"
	s.handleReport("POST "+reportWS+"/reports/summary", s.member(s.reportHandler(reports.Summary, s.runSummaryReport)))
	s.handleReport("POST "+reportWS+"/reports/detailed", s.member(s.reportHandler(reports.Detailed, s.runDetailedReport)))
	s.handleReport("POST "+reportWS+"/reports/weekly", s.member(s.reportHandler(reports.Weekly, s.runWeeklyReport)))
	s.handleReport("POST "+reportWS+"/reports/attendance", s.member(s.reportHandler(reports.Attendance, s.runAttendanceReport)))
	s.handle("GET "+reportWS+"/shared-reports", s.member(s.listSharedReports))
	s.handle("POST "+reportWS+"/shared-reports", s.member(s.createSharedReport))
	s.handle("PUT "+reportWS+"/shared-reports/{id}", s.member(s.updateSharedReport))
	s.handle("DELETE "+reportWS+"/shared-reports/{id}", s.member(s.deleteSharedReport))
	s.handleReport("GET /report/v1/shared-reports/{id}", s.openSharedReport)
}

// handleReport registers h for a pattern that runs a report, which the
// limiter admits through its tighter report limit.
func (s *Server) handleReport(pattern string, h handler) {
	s.classes[pattern] = classReport
	s.handle(pattern, h)
}

// handleExempt registers h for a pattern that the limiter never delays.
func (s *Server) handleExempt(pattern string, h http.Handler) {
	s.classes[pattern] = classExempt
	s.mux.Handle(pattern, h)
}

// handle registers h for pattern, sending any error it returns to writeError.
func (s *Server) handle(pattern string, h handler) {
	s.patterns = append(s.patterns, pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}
