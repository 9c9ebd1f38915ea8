package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/jsonbody"
)

// Kind is a time-entry report type.
type Kind string

// Report kinds, named as Clockify names them in shared reports.
const (
	Summary    Kind = "SUMMARY"
	Detailed   Kind = "DETAILED"
	Weekly     Kind = "WEEKLY"
	Attendance Kind = "ATTENDANCE"
)

// Request is the body of a time-entry report: the fields common to every
// report plus one filter object per report type. Fields Punchclock does
// not act on (userLocale, zoomLevel and the like) are still decoded, so a
// shared report keeps them, and ignored.
type Request struct {
	DateRangeStart string   `json:"dateRangeStart"`
	DateRangeEnd   string   `json:"dateRangeEnd"`
	DateRangeType  string   `json:"dateRangeType,omitempty"`
	TimeZone       string   `json:"timeZone,omitempty"`
	WeekStart      string   `json:"weekStart,omitempty"`
	UserLocale     string   `json:"userLocale,omitempty"`
	DateFormat     string   `json:"dateFormat,omitempty"`
	TimeFormat     string   `json:"timeFormat,omitempty"`
	ExportType     string   `json:"exportType,omitempty"`
	SortOrder      string   `json:"sortOrder,omitempty"`
	AmountShown    string   `json:"amountShown,omitempty"`
	Amounts        []string `json:"amounts,omitempty"`
	ApprovalState  string   `json:"approvalState,omitempty"`
	InvoicingState string   `json:"invoicingState,omitempty"`
	Billable       *bool    `json:"billable,omitempty"`
	// NOTE: archived and currency are accepted and ignored, because Clockify
	// does not document what archived selects and a workspace has one currency.
	Archived           *bool             `json:"archived,omitempty"`
	Description        *string           `json:"description,omitempty"`
	WithoutDescription *bool             `json:"withoutDescription,omitempty"`
	Rounding           *bool             `json:"rounding,omitempty"`
	ZoomLevel          string            `json:"zoomLevel,omitempty"`
	Users              *EntityFilter     `json:"users,omitempty"`
	UserGroups         *EntityFilter     `json:"userGroups,omitempty"`
	Clients            *EntityFilter     `json:"clients,omitempty"`
	Projects           *EntityFilter     `json:"projects,omitempty"`
	Tasks              *EntityFilter     `json:"tasks,omitempty"`
	Tags               *EntityFilter     `json:"tags,omitempty"`
	Currency           *EntityFilter     `json:"currency,omitempty"`
	CustomFields       []FieldFilter     `json:"customFields,omitempty"`
	UserCustomFields   []FieldFilter     `json:"userCustomFields,omitempty"`
	SummaryFilter      *SummaryFilter    `json:"summaryFilter,omitempty"`
	DetailedFilter     *DetailedFilter   `json:"detailedFilter,omitempty"`
	WeeklyFilter       *WeeklyFilter     `json:"weeklyFilter,omitempty"`
	AttendanceFilter   *AttendanceFilter `json:"attendanceFilter,omitempty"`
}

// EntityFilter selects entries by a related entity: {ids, contains, status}.
// ContainedInTimeentry is the tag filter's name for Contains.
type EntityFilter struct {
	IDs                  []string `json:"ids"`
	Contains             string   `json:"contains,omitempty"`
	Status               string   `json:"status,omitempty"`
	ContainedInTimeentry string   `json:"containedInTimeentry,omitempty"`
}

// FieldFilter selects entries by a custom field value.
type FieldFilter struct {
	ID              string `json:"id"`
	Type            string `json:"type,omitempty"`
	Value           any    `json:"value,omitempty"`
	IsEmpty         bool   `json:"isEmpty,omitempty"`
	NumberCondition string `json:"numberCondition,omitempty"`
}

// SummaryFilter is the summary report's own part of the body.
type SummaryFilter struct {
	Groups           []string `json:"groups"`
	SortColumn       string   `json:"sortColumn,omitempty"`
	SummaryChartType string   `json:"summaryChartType,omitempty"`
}

// DetailedFilter is the detailed report's own part of the body.
type DetailedFilter struct {
	Page       *int   `json:"page,omitempty"`
	PageSize   *int   `json:"pageSize,omitempty"`
	SortColumn string `json:"sortColumn,omitempty"`
	Options    *struct {
		Totals string `json:"totals,omitempty"`
	} `json:"options,omitempty"`
	AuditFilter *AuditFilter `json:"auditFilter,omitempty"`
}

// AuditFilter is the detailed report's time audit: entries longer or
// shorter than Duration hours, or without a project or task.
type AuditFilter struct {
	Duration        *float64 `json:"duration,omitempty"`
	DurationShorter bool     `json:"durationShorter,omitempty"`
	WithoutProject  bool     `json:"withoutProject,omitempty"`
	WithoutTask     bool     `json:"withoutTask,omitempty"`
}

// WeeklyFilter is the weekly report's own part of the body.
type WeeklyFilter struct {
	Group    string `json:"group,omitempty"`
	Subgroup string `json:"subgroup,omitempty"`
}

// AttendanceFilter is the attendance report's own part of the body.
// Durations in the value filters are hours times 100, as strings.
type AttendanceFilter struct {
	Page            *int          `json:"page,omitempty"`
	PageSize        *int          `json:"pageSize,omitempty"`
	SortColumn      string        `json:"sortColumn,omitempty"`
	HasTimeOff      *bool         `json:"hasTimeOff,omitempty"`
	StartFilters    []ValueFilter `json:"startFilters,omitempty"`
	EndFilters      []ValueFilter `json:"endFilters,omitempty"`
	BreakFilters    []ValueFilter `json:"breakFilters,omitempty"`
	WorkFilters     []ValueFilter `json:"workFilters,omitempty"`
	CapacityFilters []ValueFilter `json:"capacityFilters,omitempty"`
	OvertimeFilters []ValueFilter `json:"overtimeFilters,omitempty"`
}

// ValueFilter compares one attendance value with Value.
type ValueFilter struct {
	FiltrationType string `json:"filtrationType"`
	Value          string `json:"value"`
}

// Limits of the detailed and attendance reports' paging. Clockify does not
// document them; 1000 is the maximum that Clockify's client libraries send
// and that the service is reported to accept.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// maxBodyBytes bounds a report request body.
const maxBodyBytes = 1 << 20

// DecodeRequest reads a report body. Unknown fields are ignored, as Clockify
// ignores them.
func DecodeRequest(r io.Reader) (Request, error) {
	var req Request
	data, err := io.ReadAll(io.LimitReader(r, maxBodyBytes+1))
	if err != nil {
		return req, fmt.Errorf("reading the report body: %w", err)
	}
	if len(data) > maxBodyBytes {
		return req, domain.Invalidf("The report body is larger than %d bytes", maxBodyBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return req, domain.Invalidf("The report body is missing: send a JSON object with dateRangeStart and dateRangeEnd")
	}
	if err := jsonbody.Unmarshal(data, &req); err != nil {
		var bodyErr *jsonbody.Error
		if errors.As(err, &bodyErr) {
			return req, domain.Invalidf("%s", bodyErr.Message)
		}
		return req, domain.Invalidf("The report body is not valid: %v", err)
	}
	return req, nil
}

// wallClockLayouts are the forms dateRangeStart and dateRangeEnd take. A
// trailing Z or offset is accepted and ignored: the digits are a wall-clock
// time in the request's time zone.
var wallClockLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
}

// wallClockDigits returns s without a trailing Z or UTC offset.
func wallClockDigits(s string) string {
	if i := strings.IndexAny(s, "Zz"); i >= 10 {
		return s[:i]
	}
	if i := strings.LastIndexAny(s, "+-"); i > 10 {
		return s[:i]
	}
	return s
}

// parseWallClock reads s as a wall-clock time in loc.
func parseWallClock(field, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, domain.Invalidf("Field '%s' must not be empty", field)
	}
	digits := wallClockDigits(s)
	for _, layout := range wallClockLayouts {
		if t, err := time.ParseInLocation(layout, digits, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, domain.Invalidf("Field '%s' has the value '%s', which is not a date-time such as 2026-03-29T00:00:00.000Z", field, s)
}

var weekdays = map[string]time.Weekday{
	"SUNDAY": time.Sunday, "MONDAY": time.Monday, "TUESDAY": time.Tuesday, "WEDNESDAY": time.Wednesday,
	"THURSDAY": time.Thursday, "FRIDAY": time.Friday, "SATURDAY": time.Saturday,
}

// oneOf checks that value is empty or one of allowed.
func oneOf(field, value string, allowed ...string) error {
	if value == "" || slices.Contains(allowed, value) {
		return nil
	}
	return domain.Invalidf("Field '%s' has the value '%s'; use one of %s", field, value, strings.Join(allowed, ", "))
}
