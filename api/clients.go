package api

import (
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

// clientDTO is Clockify's ClientWithCurrencyDtoV1. The update and delete
// responses leave out currencyCode, as ClientDtoV1 does (see toClientV1).
type clientDTO struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	WorkspaceID  string   `json:"workspaceId"`
	Archived     bool     `json:"archived"`
	Address      string   `json:"address"`
	Email        string   `json:"email"`
	Note         string   `json:"note"`
	CCEmails     []string `json:"ccEmails"`
	CurrencyID   string   `json:"currencyId"`
	CurrencyCode string   `json:"currencyCode,omitempty"`
}

func toClient(c domain.Client, ws domain.Workspace) clientDTO {
	d := clientDTO{ID: c.ID, Name: c.Name, WorkspaceID: c.WorkspaceID, Archived: c.Archived,
		Address: c.Address, Email: c.Email, Note: c.Note, CCEmails: c.CCEmails,
		CurrencyID: c.CurrencyID, CurrencyCode: ws.Currency}
	if d.CurrencyID == "" {
		// The workspace's one currency has the workspace's id.
		d.CurrencyID = ws.ID
	}
	return d
}

// toClientV1 renders c as Clockify's ClientDtoV1, the shape of the update and
// delete responses, which has no currencyCode.
func toClientV1(c domain.Client, ws domain.Workspace) clientDTO {
	d := toClient(c, ws)
	d.CurrencyCode = ""
	return d
}

var clientSortColumns = []string{"NAME", "EMAIL", "NOTE", "ID"}

// listClients serves GET /v1/workspaces/{workspaceId}/clients. Clockify
// also filters on address and note, although its spec lists neither.
func (s *Server) listClients(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	f := domain.ClientFilter{Name: q.str("name"), Address: q.str("address"), Note: q.str("note")}
	var err error
	if f.Archived, err = q.optBool("archived"); err != nil {
		return err
	}
	if f.SortColumn, err = q.enum("sort-column", "NAME", clientSortColumns...); err != nil {
		return err
	}
	if f.SortOrder, err = q.sortOrder(); err != nil {
		return err
	}
	if f.Page, err = q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}

	list, last, err := s.svc.Clients(r.Context(), a, f)
	if err != nil {
		return err
	}

	out := make([]clientDTO, len(list))
	for i, c := range list {
		out[i] = toClient(c, a.Workspace)
	}
	writeList(w, out, last)
	return nil
}

// createClient serves POST /v1/workspaces/{workspaceId}/clients.
func (s *Server) createClient(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Name    string `json:"name"`
		Email   string `json:"email"`
		Address string `json:"address"`
		Note    string `json:"note"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	c, err := s.svc.CreateClient(r.Context(), a, domain.NewClient{Name: body.Name, Email: body.Email,
		Address: body.Address, Note: body.Note})
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toClient(c, a.Workspace))
	return nil
}

// getClient serves GET /v1/workspaces/{workspaceId}/clients/{clientId}.
func (s *Server) getClient(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	c, err := s.svc.Client(r.Context(), a, r.PathValue("clientId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toClient(c, a.Workspace))
	return nil
}

// updateClient serves PUT /v1/workspaces/{workspaceId}/clients/{clientId}.
func (s *Server) updateClient(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	archiveProjects, err := q.boolOr("archive-projects", false)
	if err != nil {
		return err
	}
	markTasksDone, err := q.boolOr("mark-tasks-as-done", false)
	if err != nil {
		return err
	}
	var body struct {
		Name       *string  `json:"name"`
		Email      string   `json:"email"`
		Address    string   `json:"address"`
		Note       string   `json:"note"`
		Archived   bool     `json:"archived"`
		CurrencyID *string  `json:"currencyId"`
		CCEmails   []string `json:"ccEmails"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	c, err := s.svc.UpdateClient(r.Context(), a, r.PathValue("clientId"), domain.ClientUpdate{
		Name: body.Name, Email: body.Email, Address: body.Address, Note: body.Note, Archived: body.Archived,
		CurrencyID: body.CurrencyID, CCEmails: body.CCEmails,
		ArchiveProjects: archiveProjects, MarkTasksDone: markTasksDone,
	})
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toClientV1(c, a.Workspace))
	return nil
}

// deleteClient serves DELETE /v1/workspaces/{workspaceId}/clients/{clientId}.
func (s *Server) deleteClient(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	c, err := s.svc.DeleteClient(r.Context(), a, r.PathValue("clientId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toClientV1(c, a.Workspace))
	return nil
}
