package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

// tagDTO is Clockify's TagDtoV1.
type tagDTO struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	WorkspaceID string `json:"workspaceId"`
	Archived    bool   `json:"archived"`
}

func toTag(t domain.Tag) tagDTO {
	return tagDTO{ID: t.ID, Name: t.Name, WorkspaceID: t.WorkspaceID, Archived: t.Archived}
}

var tagSortColumns = []string{"ID", "NAME"}

// listTags serves GET /v1/workspaces/{workspaceId}/tags. An absent archived
// lists archived and active tags alike, as Clockify does.
func (s *Server) listTags(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	f := domain.TagFilter{Name: q.str("name"), ExcludedIDs: q.list("excluded-ids")}
	var err error
	if f.StrictName, err = q.boolOr("strict-name-search", false); err != nil {
		return err
	}
	if f.Archived, err = q.optBool("archived"); err != nil {
		return err
	}
	if f.SortColumn, err = q.enum("sort-column", "NAME", tagSortColumns...); err != nil {
		return err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}

	list, last, err := s.svc.Tags(r.Context(), a, f)
	if err != nil {
		return err
	}

	out := make([]tagDTO, len(list))
	for i, t := range list {
		out[i] = toTag(t)
	}
	writeList(w, out, last)
	return nil
}

// createTag serves POST /v1/workspaces/{workspaceId}/tags.
func (s *Server) createTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	t, err := s.svc.CreateTag(r.Context(), a, body.Name)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toTag(t))
	return nil
}

// getTag serves GET /v1/workspaces/{workspaceId}/tags/{tagId}.
func (s *Server) getTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	t, err := s.svc.Tag(r.Context(), a, r.PathValue("tagId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTag(t))
	return nil
}

// updateTag serves PUT /v1/workspaces/{workspaceId}/tags/{tagId}.
func (s *Server) updateTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Name     *string `json:"name"`
		Archived bool    `json:"archived"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	t, err := s.svc.UpdateTag(r.Context(), a, r.PathValue("tagId"), domain.TagUpdate{Name: body.Name, Archived: body.Archived})
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTag(t))
	return nil
}

// deleteTag serves DELETE /v1/workspaces/{workspaceId}/tags/{tagId}.
func (s *Server) deleteTag(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	t, err := s.svc.DeleteTag(r.Context(), a, r.PathValue("tagId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toTag(t))
	return nil
}
