package api

import (
	"net/http"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// maxCapacityPageSize is the largest pageSize of the scheduling user totals.
const maxCapacityPageSize = 200

// userTotalsDTO is Clockify's SchedulingUsersTotalsDtoV1: a member's daily
// capacity in seconds and working days, with the hours scheduled per day.
//
// NOTE: scheduling assignments are not served, so no hours are ever
// scheduled and totalHoursPerDay is always empty.
type userTotalsDTO struct {
	CapacityPerDay   float64       `json:"capacityPerDay"`
	TotalHoursPerDay []dayTotalDTO `json:"totalHoursPerDay"`
	UserID           string        `json:"userId"`
	UserImage        string        `json:"userImage"`
	UserName         string        `json:"userName"`
	UserStatus       string        `json:"userStatus"`
	WorkingDays      []string      `json:"workingDays"`
	WorkspaceID      string        `json:"workspaceId"`
}

// dayTotalDTO is Clockify's TotalsPerDayDto.
type dayTotalDTO struct {
	Date       string  `json:"date"`
	TotalHours float64 `json:"totalHours"`
}

func toUserTotals(c domain.MemberCapacity) userTotalsDTO {
	d := userTotalsDTO{CapacityPerDay: c.PerDay.Seconds(), TotalHoursPerDay: []dayTotalDTO{}, UserID: c.Member.UserID,
		UserImage: c.Member.User.ProfilePicture, UserName: c.Member.User.Name, UserStatus: c.Member.Status,
		WorkingDays: c.WorkingDays, WorkspaceID: c.Member.WorkspaceID}
	if d.WorkingDays == nil {
		d.WorkingDays = []string{}
	}
	return d
}

// requiredInstant reads a required instant from a query parameter, with
// Clockify's message for a missing one.
func requiredInstant(q query, name string) (time.Time, error) {
	t, err := q.instant(name)
	if err != nil {
		return time.Time{}, err
	}
	if t == nil {
		return time.Time{}, &httpError{status: http.StatusBadRequest, code: domain.CodeMissingParam,
			message: "Required request parameter '" + name + "' for method parameter type String is not present"}
	}
	return *t, nil
}

// checkPeriod rejects a period whose end is before its start.
func checkPeriod(start, end time.Time) error {
	if end.Before(start) {
		return domain.Invalidf("end %s is before start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	return nil
}

// getUserTotals serves GET /v1/workspaces/{workspaceId}/scheduling/assignments/users/{userId}/totals.
func (s *Server) getUserTotals(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	q := readQuery(r)
	start, err := requiredInstant(q, "start")
	if err != nil {
		return err
	}
	end, err := requiredInstant(q, "end")
	if err != nil {
		return err
	}
	if err := checkPeriod(start, end); err != nil {
		return err
	}
	if _, err := q.page(defaultPageSize, maxPageSize); err != nil {
		return err
	}

	c, err := s.svc.UserCapacity(r.Context(), a, r.PathValue("userId"))
	if err != nil {
		return err
	}

	writeJSON(w, http.StatusOK, toUserTotals(c))
	return nil
}

// containsFilterBody is the userFilter and userGroupFilter of the
// scheduling totals body.
type containsFilterBody struct {
	Contains string   `json:"contains"`
	IDs      []string `json:"ids"`
	Status   string   `json:"status"`
	Statuses []string `json:"statuses"`
}

var containsValues = []string{"CONTAINS", "DOES_NOT_CONTAIN", "CONTAINS_ONLY"}

// filterUserTotals serves POST /v1/workspaces/{workspaceId}/scheduling/assignments/user-filter/totals.
// statusFilter selects assignments by publication, and there are none, so
// it is checked and has no effect.
func (s *Server) filterUserTotals(w http.ResponseWriter, r *http.Request, a domain.Actor) error {
	var body struct {
		Start           *string             `json:"start"`
		End             *string             `json:"end"`
		Search          string              `json:"search"`
		StatusFilter    string              `json:"statusFilter"`
		UserFilter      *containsFilterBody `json:"userFilter"`
		UserGroupFilter *containsFilterBody `json:"userGroupFilter"`
		Page            *int                `json:"page"`
		PageSize        *int                `json:"pageSize"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	start, err := bodyInstant("start", body.Start)
	if err != nil {
		return err
	}
	end, err := bodyInstant("end", body.End)
	if err != nil {
		return err
	}
	if start == nil || end == nil {
		return domain.Invalidf("start and end must not be null")
	}
	if err := checkPeriod(*start, *end); err != nil {
		return err
	}
	if _, err := bodyEnum("statusFilter", body.StatusFilter, []string{"PUBLISHED", "UNPUBLISHED", "ALL"}); err != nil {
		return err
	}
	f := domain.CapacityFilter{Search: body.Search, Page: domain.Page{Number: 1, Size: defaultPageSize}}
	if body.Page != nil {
		if *body.Page < 1 {
			return domain.Invalidf("page must be at least 1, got %d", *body.Page)
		}
		f.Page.Number = *body.Page
	}
	if body.PageSize != nil {
		if *body.PageSize < 1 || *body.PageSize > maxCapacityPageSize {
			return domain.Invalidf("pageSize must be from 1 to %d, got %d", maxCapacityPageSize, *body.PageSize)
		}
		f.Page.Size = *body.PageSize
	}
	if u := body.UserFilter; u != nil {
		if f.UserMatch, err = bodyEnum("userFilter.contains", u.Contains, containsValues); err != nil {
			return err
		}
		f.UserIDs = u.IDs
		statuses := append([]string{u.Status}, u.Statuses...)
		for _, st := range statuses {
			st, err := bodyEnum("userFilter.status", st, []string{"ALL", "ACTIVE", "INACTIVE", "PENDING", "DECLINED"})
			if err != nil {
				return err
			}
			switch st {
			case "":
			case "ALL":
				f.Statuses = []string{domain.MembershipActive, domain.MembershipInactive, domain.MembershipPending, domain.MembershipDeclined}
			default:
				f.Statuses = append(f.Statuses, st)
			}
		}
	}
	if g := body.UserGroupFilter; g != nil {
		if f.GroupMatch, err = bodyEnum("userGroupFilter.contains", g.Contains, containsValues); err != nil {
			return err
		}
		f.GroupIDs = g.IDs
	}

	list, _, err := s.svc.CapacityTotals(r.Context(), a, f)
	if err != nil {
		return err
	}

	out := make([]userTotalsDTO, len(list))
	for i, c := range list {
		out[i] = toUserTotals(c)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
