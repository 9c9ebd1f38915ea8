package api

import (
	"encoding/json"
	"net/http"

	"github.com/punchclock/punchclock/domain"
)

// customFieldDTO is Clockify's CustomFieldDtoV1. Values are a string, a
// number, a boolean or a list of strings, by type, and null when unset.
type customFieldDTO struct {
	ID                    string                   `json:"id"`
	WorkspaceID           string                   `json:"workspaceId"`
	Name                  string                   `json:"name"`
	Type                  string                   `json:"type"`
	EntityType            string                   `json:"entityType"`
	Status                string                   `json:"status"`
	Required              bool                     `json:"required"`
	OnlyAdminCanEdit      bool                     `json:"onlyAdminCanEdit"`
	AllowedValues         []string                 `json:"allowedValues"`
	Description           *string                  `json:"description"`
	Placeholder           *string                  `json:"placeholder"`
	WorkspaceDefaultValue any                      `json:"workspaceDefaultValue"`
	ProjectDefaultValues  []projectFieldDefaultDTO `json:"projectDefaultValues"`
}

type projectFieldDefaultDTO struct {
	ProjectID string `json:"projectId"`
	Status    string `json:"status"`
	Value     any    `json:"value"`
}

func optionalText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toCustomField(f domain.CustomField) customFieldDTO {
	d := customFieldDTO{ID: f.ID, WorkspaceID: f.WorkspaceID, Name: f.Name, Type: f.Type, EntityType: f.EntityType,
		Status: f.Status, Required: f.Required, OnlyAdminCanEdit: f.OnlyAdminCanEdit, AllowedValues: f.AllowedValues,
		Description: optionalText(f.Description), Placeholder: optionalText(f.Placeholder),
		WorkspaceDefaultValue: f.DefaultValue, ProjectDefaultValues: []projectFieldDefaultDTO{}}
	if d.AllowedValues == nil {
		d.AllowedValues = []string{}
	}
	for _, p := range f.ProjectDefaults {
		d.ProjectDefaultValues = append(d.ProjectDefaultValues, projectFieldDefaultDTO{ProjectID: p.ProjectID, Status: p.Status, Value: p.Value})
	}
	return d
}

func toCustomFields(list []domain.CustomField) []customFieldDTO {
	out := make([]customFieldDTO, len(list))
	for i, f := range list {
		out[i] = toCustomField(f)
	}
	return out
}

// customFieldBody is the body of a custom field create (CustomFieldRequestV1)
// or update (UpdateCustomFieldRequestV1, which has no entityType).
type customFieldBody struct {
	Name                  *string         `json:"name"`
	Type                  *string         `json:"type"`
	EntityType            string          `json:"entityType"`
	Status                *string         `json:"status"`
	AllowedValues         *[]string       `json:"allowedValues"`
	Description           string          `json:"description"`
	Placeholder           string          `json:"placeholder"`
	Required              bool            `json:"required"`
	OnlyAdminCanEdit      bool            `json:"onlyAdminCanEdit"`
	WorkspaceDefaultValue json.RawMessage `json:"workspaceDefaultValue"`
}

func decodeCustomField(r *http.Request) (domain.CustomFieldInput, error) {
	var body customFieldBody
	if err := decodeJSON(r, &body); err != nil {
		return domain.CustomFieldInput{}, err
	}
	if body.Name == nil {
		return domain.CustomFieldInput{}, domain.Invalidf("name must not be null")
	}
	if body.Type == nil {
		return domain.CustomFieldInput{}, domain.Invalidf("type must not be null")
	}
	in := domain.CustomFieldInput{Name: *body.Name, AllowedValues: body.AllowedValues,
		Description: body.Description, Placeholder: body.Placeholder, Required: body.Required,
		OnlyAdminCanEdit: body.OnlyAdminCanEdit, DefaultValue: body.WorkspaceDefaultValue}
	var err error
	if in.Type, err = bodyEnum("type", *body.Type, domain.FieldTypes); err != nil {
		return in, err
	}
	if in.EntityType, err = bodyEnum("entityType", body.EntityType, domain.FieldEntityTypes); err != nil {
		return in, err
	}
	if body.Status != nil {
		status, err := bodyEnum("status", *body.Status, domain.FieldStatuses)
		if err != nil {
			return in, err
		}
		in.Status = &status
	}
	return in, nil
}

// readFieldFilter reads the name, status and entity-type filters of the
// custom field lists.
func readFieldFilter(r *http.Request) (domain.CustomFieldFilter, error) {
	q := readQuery(r)
	f := domain.CustomFieldFilter{Name: q.str("name")}
	var err error
	if f.Status, err = q.enum("status", "", domain.FieldStatuses...); err != nil {
		return f, err
	}
	f.EntityTypes, err = q.enumList("entity-type", domain.FieldEntityTypes...)
	return f, err
}

// listCustomFields serves GET /v1/workspaces/{workspaceId}/custom-fields.
// Clockify's list ignores paging and sends no Last-Page header, and so does
// this one.
func (s *Server) listCustomFields(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	f, err := readFieldFilter(r)
	if err != nil {
		return err
	}

	list, err := s.svc.CustomFields(r.Context(), a, f)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toCustomFields(list))
	return nil
}

// createCustomField serves POST /v1/workspaces/{workspaceId}/custom-fields.
func (s *Server) createCustomField(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	in, err := decodeCustomField(r)
	if err != nil {
		return err
	}

	f, err := s.svc.CreateCustomField(r.Context(), a, in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toCustomField(f))
	return nil
}

// updateCustomField serves PUT /v1/workspaces/{workspaceId}/custom-fields/{customFieldId}.
func (s *Server) updateCustomField(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	in, err := decodeCustomField(r)
	if err != nil {
		return err
	}

	f, err := s.svc.UpdateCustomField(r.Context(), a, r.PathValue("customFieldId"), in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toCustomField(f))
	return nil
}

// deleteCustomField serves DELETE /v1/workspaces/{workspaceId}/custom-fields/{customFieldId}.
func (s *Server) deleteCustomField(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	if err := s.svc.DeleteCustomField(r.Context(), a, r.PathValue("customFieldId")); err != nil {
		return err
	}

	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listProjectCustomFields serves GET /v1/workspaces/{workspaceId}/projects/{projectId}/custom-fields.
func (s *Server) listProjectCustomFields(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	f, err := readFieldFilter(r)
	if err != nil {
		return err
	}

	list, err := s.svc.ProjectCustomFields(r.Context(), a, r.PathValue("projectId"), f)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toCustomFields(list))
	return nil
}

// setProjectCustomField serves PATCH /v1/workspaces/{workspaceId}/projects/{projectId}/custom-fields/{customFieldId}.
func (s *Server) setProjectCustomField(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		DefaultValue json.RawMessage `json:"defaultValue"`
		Status       *string         `json:"status"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	in := domain.ProjectFieldInput{DefaultValue: body.DefaultValue}
	if body.Status != nil {
		status, err := bodyEnum("status", *body.Status, domain.FieldStatuses)
		if err != nil {
			return err
		}
		in.Status = &status
	}

	f, err := s.svc.SetProjectCustomField(r.Context(), a, r.PathValue("projectId"), r.PathValue("customFieldId"), in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toCustomField(f))
	return nil
}

// removeProjectCustomField serves DELETE /v1/workspaces/{workspaceId}/projects/{projectId}/custom-fields/{customFieldId}.
func (s *Server) removeProjectCustomField(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	f, err := s.svc.RemoveProjectCustomField(r.Context(), a, r.PathValue("projectId"), r.PathValue("customFieldId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toCustomField(f))
	return nil
}

// userFieldValueDTO is Clockify's UserCustomFieldValueDtoV1.
type userFieldValueDTO struct {
	CustomFieldID   string `json:"customFieldId"`
	CustomFieldName string `json:"customFieldName"`
	CustomFieldType string `json:"customFieldType"`
	UserID          string `json:"userId"`
	Value           any    `json:"value"`
}

func toUserFieldValue(v domain.UserFieldValue) userFieldValueDTO {
	return userFieldValueDTO{CustomFieldID: v.Field.ID, CustomFieldName: v.Field.Name, CustomFieldType: v.Field.Type,
		UserID: v.UserID, Value: v.Value}
}

// setUserFieldValue serves PUT /v1/workspaces/{workspaceId}/users/{userId}/custom-field/{customFieldId}/value,
// which returns 201 as Clockify's does.
func (s *Server) setUserFieldValue(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Value json.RawMessage `json:"value"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}

	v, err := s.svc.SetUserFieldValue(r.Context(), a, r.PathValue("userId"), r.PathValue("customFieldId"), body.Value)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusCreated, toUserFieldValue(v))
	return nil
}

// entryFieldValueDTO is Clockify's CustomFieldValueDtoV1 on a time entry:
// type is where the value comes from (TIMEENTRY, PROJECT or WORKSPACE).
type entryFieldValueDTO struct {
	CustomFieldID string `json:"customFieldId"`
	TimeEntryID   string `json:"timeEntryId"`
	Name          string `json:"name"`
	Type          string `json:"type"`
	Value         any    `json:"value"`
}

func toEntryFieldValues(entryID string, values []domain.EntryFieldValue) []entryFieldValueDTO {
	out := make([]entryFieldValueDTO, len(values))
	for i, v := range values {
		out[i] = entryFieldValueDTO{CustomFieldID: v.FieldID, TimeEntryID: entryID, Name: v.Name, Type: v.Source, Value: v.Value}
	}
	return out
}

// entryFieldBody is one item of a time entry's customFields
// (UpdateCustomFieldRequest). Its sourceType is accepted and ignored: a
// value written to an entry is always the entry's own.
type entryFieldBody struct {
	CustomFieldID *string         `json:"customFieldId"`
	SourceType    string          `json:"sourceType"`
	Value         json.RawMessage `json:"value"`
}

func fieldInputs(items []entryFieldBody) ([]domain.FieldInput, error) {
	if items == nil {
		return nil, nil
	}
	out := make([]domain.FieldInput, len(items))
	for i, item := range items {
		if item.CustomFieldID == nil || *item.CustomFieldID == "" {
			return nil, domain.Invalidf("customFieldId must not be null in customFields item %d", i+1)
		}
		out[i] = domain.FieldInput{FieldID: *item.CustomFieldID, Value: item.Value}
	}
	return out, nil
}
