package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

type teamManagerDTO struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type userGroupDTO struct {
	ID           string            `json:"id"`
	Name         string            `json:"name"`
	WorkspaceID  string            `json:"workspaceId"`
	UserIDs      []string          `json:"userIds"`
	TeamManagers *[]teamManagerDTO `json:"teamManagers,omitempty"` // only with includeTeamManagers
}

func toUserGroup(v domain.UserGroupView) userGroupDTO {
	g := v.Group
	d := userGroupDTO{ID: g.ID, Name: g.Name, WorkspaceID: g.WorkspaceID, UserIDs: g.UserIDs}
	if d.UserIDs == nil {
		d.UserIDs = []string{}
	}
	if v.TeamManagers != nil {
		managers := make([]teamManagerDTO, len(v.TeamManagers))
		for i, u := range v.TeamManagers {
			managers[i] = teamManagerDTO{ID: u.ID, Name: u.Name}
		}
		d.TeamManagers = &managers
	}
	return d
}

// writeGroup sends one group, which the write routes return without team managers.
func writeGroup(w http.ResponseWriter, status int, g domain.UserGroup) {
	writeJSON(w, status, toUserGroup(domain.UserGroupView{Group: g}))
}

// listUserGroups serves GET /v1/workspaces/{workspaceId}/user-groups.
func (s *Server) listUserGroups(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	f := domain.UserGroupFilter{Name: q.str("name"), ProjectID: q.str("project-id")}
	var err error
	if f.SortColumn, err = q.enum("sort-column", "NAME", "ID", "NAME"); err != nil {
		return err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}
	withManagers, err := q.boolOr("includeTeamManagers", false)
	if err != nil {
		return err
	}

	views, last, err := s.svc.UserGroups(r.Context(), a, f, withManagers)
	if err != nil {
		return err
	}

	out := make([]userGroupDTO, len(views))
	for i, v := range views {
		out[i] = toUserGroup(v)
	}
	writeList(w, out, last)
	return nil
}

type userGroupRequest struct {
	Name *string `json:"name"`
}

func (b userGroupRequest) name() (string, error) {
	if b.Name == nil {
		return "", domain.Invalidf("name must not be null")
	}
	return *b.Name, nil
}

// createUserGroup serves POST /v1/workspaces/{workspaceId}/user-groups.
func (s *Server) createUserGroup(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body userGroupRequest
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	name, err := body.name()
	if err != nil {
		return err
	}

	g, err := s.svc.CreateUserGroup(r.Context(), a, name)
	if err != nil {
		return err
	}

	writeGroup(w, http.StatusCreated, g)
	return nil
}

// updateUserGroup serves PUT /v1/workspaces/{workspaceId}/user-groups/{id}.
func (s *Server) updateUserGroup(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body userGroupRequest
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	name, err := body.name()
	if err != nil {
		return err
	}

	g, err := s.svc.RenameUserGroup(r.Context(), a, r.PathValue("id"), name)
	if err != nil {
		return err
	}

	writeGroup(w, http.StatusOK, g)
	return nil
}

// deleteUserGroup serves DELETE /v1/workspaces/{workspaceId}/user-groups/{id}.
func (s *Server) deleteUserGroup(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	g, err := s.svc.DeleteUserGroup(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}

	writeGroup(w, http.StatusOK, g)
	return nil
}

// addUserToGroup serves POST .../user-groups/{userGroupId}/users.
func (s *Server) addUserToGroup(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		UserID *string `json:"userId"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.UserID == nil {
		return domain.Invalidf("userId must not be null")
	}

	g, err := s.svc.AddUserToGroup(r.Context(), a, r.PathValue("userGroupId"), *body.UserID)
	if err != nil {
		return err
	}

	writeGroup(w, http.StatusOK, g)
	return nil
}

// removeUserFromGroup serves DELETE .../user-groups/{userGroupId}/users/{userId}.
func (s *Server) removeUserFromGroup(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	g, err := s.svc.RemoveUserFromGroup(r.Context(), a, r.PathValue("userGroupId"), r.PathValue("userId"))
	if err != nil {
		return err
	}

	writeGroup(w, http.StatusOK, g)
	return nil
}
