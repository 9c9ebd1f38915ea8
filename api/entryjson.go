package api

import "strconv"

// JSON appenders of the time entry responses and the objects nested in
// them. Each writes the fields in declaration order under their json tag
// names, as encoding/json does, and TestEntryAppendersMatchEncodingJSON
// compares them with encoding/json on generated values of every field. A
// field added to one of these DTOs must be added to its appender too.

var (
	_ jsonAppender = (*timeEntryDTO)(nil)
	_ jsonAppender = (*hydratedEntryDTO)(nil)
	_ jsonAppender = (*projectDTO)(nil)
	_ jsonAppender = (*userDTO)(nil)
)

func (d *timeEntryDTO) appendJSON(b []byte) ([]byte, error) {
	if d == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '{')
	b, err := d.appendFields(b)
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// appendFields appends the entry's fields without the braces, so that
// hydratedEntryDTO, which embeds timeEntryDTO, can continue the object.
func (d *timeEntryDTO) appendFields(b []byte) ([]byte, error) {
	b = append(b, `"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"description":`...)
	b = appendString(b, d.Description)
	b = append(b, `,"userId":`...)
	b = appendString(b, d.UserID)
	b = append(b, `,"workspaceId":`...)
	b = appendString(b, d.WorkspaceID)
	b = append(b, `,"projectId":`...)
	b = appendOptString(b, d.ProjectID)
	b = append(b, `,"taskId":`...)
	b = appendOptString(b, d.TaskID)
	b = append(b, `,"tagIds":`...)
	b = appendStrings(b, d.TagIDs)
	b = append(b, `,"billable":`...)
	b = strconv.AppendBool(b, d.Billable)
	b = append(b, `,"isLocked":`...)
	b = strconv.AppendBool(b, d.IsLocked)
	b = append(b, `,"kioskId":`...)
	b = appendOptString(b, d.KioskID)
	b = append(b, `,"type":`...)
	b = appendString(b, d.Type)
	b = append(b, `,"timeInterval":{"start":`...)
	b = appendString(b, d.TimeInterval.Start)
	b = append(b, `,"end":`...)
	b = appendOptString(b, d.TimeInterval.End)
	b = append(b, `,"duration":`...)
	b = appendOptString(b, d.TimeInterval.Duration)
	b = append(b, `},"customFieldValues":`...)
	b, err := appendArrayOrError(b, d.CustomFieldValues, appendEntryFieldValue)
	if err != nil {
		return b, err
	}
	b = append(b, `,"hourlyRate":`...)
	b = appendRate(b, d.HourlyRate)
	b = append(b, `,"costRate":`...)
	b = appendRate(b, d.CostRate)
	return b, nil
}

func (d *hydratedEntryDTO) appendJSON(b []byte) ([]byte, error) {
	if d == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '{')
	b, err := d.timeEntryDTO.appendFields(b)
	if err != nil {
		return b, err
	}
	b = append(b, `,"project":`...)
	if b, err = d.Project.appendJSON(b); err != nil {
		return b, err
	}
	b = append(b, `,"task":`...)
	b = appendTask(b, d.Task)
	b = append(b, `,"tags":`...)
	b = appendArray(b, d.Tags, appendTag)
	b = append(b, `,"user":`...)
	if b, err = d.User.appendJSON(b); err != nil {
		return b, err
	}
	b = append(b, `,"kiosk":`...)
	if d.Kiosk == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, "{}"...)
	}
	b = append(b, `,"totalBillable":`...)
	b = strconv.AppendInt(b, d.TotalBillable, 10)
	return append(b, '}'), nil
}

func appendEntryFieldValue(b []byte, v *entryFieldValueDTO) ([]byte, error) {
	b = append(b, `{"customFieldId":`...)
	b = appendString(b, v.CustomFieldID)
	b = append(b, `,"timeEntryId":`...)
	b = appendString(b, v.TimeEntryID)
	b = append(b, `,"name":`...)
	b = appendString(b, v.Name)
	b = append(b, `,"type":`...)
	b = appendString(b, v.Type)
	b = append(b, `,"value":`...)
	b, err := appendAny(b, v.Value)
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}
