package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/iso8601"
)

// memberProfileDTO is Clockify's MemberProfileDtoV1.
type memberProfileDTO struct {
	Email                     string                  `json:"email"`
	Name                      string                  `json:"name"`
	ImageURL                  string                  `json:"imageUrl"`
	HasPassword               bool                    `json:"hasPassword"`
	HasPendingApprovalRequest bool                    `json:"hasPendingApprovalRequest"`
	WeekStart                 string                  `json:"weekStart"`
	WorkCapacity              string                  `json:"workCapacity"`
	WorkingDays               []string                `json:"workingDays"`
	WorkspaceNumber           int                     `json:"workspaceNumber"`
	UserCustomFieldValues     []userFieldValueFullDTO `json:"userCustomFieldValues"`
}

// userFieldValueFullDTO is Clockify's UserCustomFieldValueFullDtoV1.
type userFieldValueFullDTO struct {
	CustomFieldID string         `json:"customFieldId"`
	Name          string         `json:"name"`
	Type          string         `json:"type"`
	SourceType    string         `json:"sourceType"`
	UserID        string         `json:"userId"`
	Value         any            `json:"value"`
	CustomField   customFieldDTO `json:"customField"`
}

// toMemberProfile renders a profile. Accounts here authenticate with API
// keys only, so hasPassword is false.
//
// NOTE: hasPendingApprovalRequest is always false, because approval
// requests are not served.
func toMemberProfile(v domain.MemberProfileView) memberProfileDTO {
	u := v.Member.User
	d := memberProfileDTO{Email: u.Email, Name: u.Name, ImageURL: u.ProfilePicture, WeekStart: u.WeekStart,
		WorkCapacity: iso8601.FormatDuration(v.WorkCapacity), WorkingDays: v.WorkingDays,
		WorkspaceNumber: v.WorkspaceCount, UserCustomFieldValues: []userFieldValueFullDTO{}}
	if d.WorkingDays == nil {
		d.WorkingDays = []string{}
	}
	for _, f := range v.CustomFields {
		d.UserCustomFieldValues = append(d.UserCustomFieldValues, userFieldValueFullDTO{
			CustomFieldID: f.Field.ID, Name: f.Field.Name, Type: f.Field.Type, SourceType: f.Source,
			UserID: f.UserID, Value: f.Value, CustomField: toCustomField(f.Field)})
	}
	return d
}

// getMemberProfile serves GET /v1/workspaces/{workspaceId}/member-profile/{userId}.
func (s *Server) getMemberProfile(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	v, err := s.svc.MemberProfile(r.Context(), a, r.PathValue("userId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toMemberProfile(v))
	return nil
}

// memberProfileBody is Clockify's MemberProfileFullRequestV1.
type memberProfileBody struct {
	WorkCapacity       *string          `json:"workCapacity"`
	WorkingDays        json.RawMessage  `json:"workingDays"`
	WeekStart          *string          `json:"weekStart"`
	UserCustomFields   []entryFieldBody `json:"userCustomFields"`
	Name               *string          `json:"name"`
	ImageURL           *string          `json:"imageUrl"`
	RemoveProfileImage bool             `json:"removeProfileImage"`
}

// updateMemberProfile serves PATCH /v1/workspaces/{workspaceId}/member-profile/{userId}.
func (s *Server) updateMemberProfile(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body memberProfileBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	in := domain.MemberProfileInput{Name: body.Name, ImageURL: body.ImageURL, RemoveImage: body.RemoveProfileImage}
	var err error
	if in.WorkCapacity, err = bodyDuration("workCapacity", body.WorkCapacity); err != nil {
		return err
	}
	if in.WorkingDays, err = decodeWorkingDays(body.WorkingDays); err != nil {
		return err
	}
	if body.WeekStart != nil {
		day, err := bodyEnum("weekStart", *body.WeekStart, domain.Weekdays)
		if err != nil {
			return err
		}
		in.WeekStart = &day
	}
	if in.CustomFields, err = fieldInputs(body.UserCustomFields); err != nil {
		return err
	}

	v, err := s.svc.UpdateMemberProfile(r.Context(), a, r.PathValue("userId"), in)
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toMemberProfile(v))
	return nil
}

// decodeWorkingDays reads workingDays: a JSON list of day names, or a string
// holding such a list in JSON (the form of Clockify's documented example) or
// separated by commas. Absent or null means no change.
func decodeWorkingDays(raw json.RawMessage) (*[]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var days []string
	if err := json.Unmarshal(raw, &days); err != nil {
		var text string
		if json.Unmarshal(raw, &text) != nil {
			return nil, badBody("JSON parse error: field 'workingDays' must be a list of day names such as [\"MONDAY\",\"TUESDAY\"]")
		}
		text = strings.TrimSpace(text)
		if strings.HasPrefix(text, "[") {
			if json.Unmarshal([]byte(text), &days) != nil {
				return nil, badBody("JSON parse error: field 'workingDays' has invalid value %q; expected a list of day names", text)
			}
		} else if text != "" {
			days = strings.Split(text, ",")
		}
	}
	out := make([]string, 0, len(days))
	for _, day := range days {
		day, err := bodyEnum("workingDays", strings.TrimSpace(day), domain.Weekdays)
		if err != nil {
			return nil, err
		}
		out = append(out, day)
	}
	return &out, nil
}
