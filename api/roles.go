package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

type roleSourceDTO struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

type roleRefDTO struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Source *roleSourceDTO `json:"source"`
}

// roleDetailsDTO is Clockify's RoleDetailsDtoV1: role.id is the entity the
// role is held on and role.name the role.
type roleDetailsDTO struct {
	Role        roleRefDTO `json:"role"`
	UserID      string     `json:"userId"`
	WorkspaceID string     `json:"workspaceId"`
}

func toRoleDetails(d domain.RoleDetail) roleDetailsDTO {
	out := roleDetailsDTO{Role: roleRefDTO{ID: d.EntityID, Name: d.Role}, UserID: d.UserID, WorkspaceID: d.WorkspaceID}
	if d.SourceType != "" {
		out.Role.Source = &roleSourceDTO{ID: d.EntityID, Type: d.SourceType}
	}
	return out
}

// decodeRoleChange reads the body of the roles routes.
func decodeRoleChange(r *http.Request) (domain.RoleChange, error) {
	var body struct {
		Role       *string `json:"role"`
		EntityID   *string `json:"entityId"`
		SourceType string  `json:"sourceType"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return domain.RoleChange{}, err
	}
	if body.Role == nil {
		return domain.RoleChange{}, domain.Invalidf("role must not be null")
	}
	if body.EntityID == nil {
		return domain.RoleChange{}, domain.Invalidf("entityId must not be null")
	}
	role, err := bodyEnum("role", *body.Role, []string{domain.RoleNameAdmin, domain.RoleNameTeamManager, domain.RoleNameProjectManager})
	if err != nil {
		return domain.RoleChange{}, err
	}
	source, err := bodyEnum("sourceType", body.SourceType, []string{domain.SourceUserGroup})
	if err != nil {
		return domain.RoleChange{}, err
	}
	return domain.RoleChange{Role: role, EntityID: *body.EntityID, SourceType: source}, nil
}

// addRole serves POST /v1/workspaces/{workspaceId}/users/{userId}/roles.
func (s *Server) addRole(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	change, err := decodeRoleChange(r)
	if err != nil {
		return err
	}

	roles, err := s.svc.AddRole(r.Context(), a, r.PathValue("userId"), change)
	if err != nil {
		return err
	}

	out := make([]roleDetailsDTO, len(roles))
	for i, d := range roles {
		out[i] = toRoleDetails(d)
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// removeRole serves DELETE /v1/workspaces/{workspaceId}/users/{userId}/roles.
func (s *Server) removeRole(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	change, err := decodeRoleChange(r)
	if err != nil {
		return err
	}

	if err := s.svc.RemoveRole(r.Context(), a, r.PathValue("userId"), change); err != nil {
		return err
	}

	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listManagers serves GET /v1/workspaces/{workspaceId}/users/{userId}/managers.
func (s *Server) listManagers(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	var f domain.MemberFilter
	var err error
	if f.SortColumn, err = q.enum("sort-column", "EMAIL", memberSortColumns...); err != nil {
		return err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}

	members, last, err := s.svc.TeamManagers(r.Context(), a, r.PathValue("userId"), f)
	if err != nil {
		return err
	}

	out := make([]userDTO, len(members))
	for i, m := range members {
		out[i] = toMemberUser(m, "NONE", false)
	}
	writeList(w, out, last)
	return nil
}
