package api

import "strconv"

// JSON appenders of the DTOs nested in time entry responses: projects,
// tasks, tags, users, memberships and rates. See entryjson.go.

func appendRate(b []byte, r *rateDTO) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"amount":`...)
	b = strconv.AppendInt(b, r.Amount, 10)
	b = append(b, `,"currency":`...)
	b = appendString(b, r.Currency)
	return append(b, '}')
}

func appendTag(b []byte, t *tagDTO) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, t.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, t.Name)
	b = append(b, `,"workspaceId":`...)
	b = appendString(b, t.WorkspaceID)
	b = append(b, `,"archived":`...)
	b = strconv.AppendBool(b, t.Archived)
	return append(b, '}')
}

func appendTask(b []byte, t *taskDTO) []byte {
	if t == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"id":`...)
	b = appendString(b, t.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, t.Name)
	b = append(b, `,"projectId":`...)
	b = appendString(b, t.ProjectID)
	b = append(b, `,"assigneeIds":`...)
	b = appendStrings(b, t.AssigneeIDs)
	b = append(b, `,"assigneeId":`...)
	b = appendOptString(b, t.AssigneeID)
	b = append(b, `,"userGroupIds":`...)
	b = appendStrings(b, t.UserGroupIDs)
	b = append(b, `,"estimate":`...)
	b = appendString(b, t.Estimate)
	b = append(b, `,"duration":`...)
	b = appendString(b, t.Duration)
	b = append(b, `,"status":`...)
	b = appendString(b, t.Status)
	b = append(b, `,"billable":`...)
	b = strconv.AppendBool(b, t.Billable)
	b = append(b, `,"budgetEstimate":`...)
	b = strconv.AppendInt(b, t.BudgetEstimate, 10)
	b = append(b, `,"hourlyRate":`...)
	b = appendRate(b, t.HourlyRate)
	b = append(b, `,"costRate":`...)
	b = appendRate(b, t.CostRate)
	b = append(b, `,"favorite":`...)
	b = strconv.AppendBool(b, t.Favorite)
	return append(b, '}')
}

func appendMembership(b []byte, m *membershipDTO) []byte {
	b = append(b, `{"userId":`...)
	b = appendString(b, m.UserID)
	b = append(b, `,"targetId":`...)
	b = appendString(b, m.TargetID)
	b = append(b, `,"membershipType":`...)
	b = appendString(b, m.MembershipType)
	b = append(b, `,"membershipStatus":`...)
	b = appendString(b, m.MembershipStatus)
	b = append(b, `,"hourlyRate":`...)
	b = appendRate(b, m.HourlyRate)
	b = append(b, `,"costRate":`...)
	b = appendRate(b, m.CostRate)
	return append(b, '}')
}

func (d *projectDTO) appendJSON(b []byte) ([]byte, error) {
	if d == nil {
		return append(b, "null"...), nil
	}
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, d.Name)
	b = append(b, `,"workspaceId":`...)
	b = appendString(b, d.WorkspaceID)
	b = append(b, `,"clientId":`...)
	b = appendString(b, d.ClientID)
	b = append(b, `,"clientName":`...)
	b = appendString(b, d.ClientName)
	b = append(b, `,"color":`...)
	b = appendString(b, d.Color)
	b = append(b, `,"note":`...)
	b = appendString(b, d.Note)
	b = append(b, `,"billable":`...)
	b = strconv.AppendBool(b, d.Billable)
	b = append(b, `,"public":`...)
	b = strconv.AppendBool(b, d.Public)
	b = append(b, `,"template":`...)
	b = strconv.AppendBool(b, d.Template)

	if d.IsPublic != nil {
		b = append(b, `,"isPublic":`...)
		b = strconv.AppendBool(b, *d.IsPublic)
	}
	if d.IsTemplate != nil {
		b = append(b, `,"isTemplate":`...)
		b = strconv.AppendBool(b, *d.IsTemplate)
	}

	b = append(b, `,"archived":`...)
	b = strconv.AppendBool(b, d.Archived)
	b = append(b, `,"favorite":`...)
	b = strconv.AppendBool(b, d.Favorite)
	b = append(b, `,"duration":`...)
	b = appendString(b, d.Duration)
	b = append(b, `,"hourlyRate":`...)
	b = appendRate(b, d.HourlyRate)
	b = append(b, `,"costRate":`...)
	b = appendRate(b, d.CostRate)
	b = append(b, `,"memberships":`...)
	b = appendArray(b, d.Memberships, appendMembership)

	b = append(b, `,"estimate":{"estimate":`...)
	b = appendString(b, d.Estimate.Estimate)
	b = append(b, `,"type":`...)
	b = appendString(b, d.Estimate.Type)
	b = append(b, `},"timeEstimate":`...)
	b = appendTimeEstimate(b, &d.TimeEstimate)
	b = append(b, `,"budgetEstimate":`...)
	b = appendBudgetEstimate(b, d.BudgetEstimate)
	b = append(b, `,"estimateReset":`...)
	b = appendEstimateReset(b, d.EstimateReset)

	if d.Tasks != nil {
		b = append(b, `,"tasks":`...)
		b = appendArray(b, *d.Tasks, appendTask)
	}
	if d.CustomFields != nil {
		b = append(b, `,"customFields":`...)
		var err error
		if b, err = appendAnyList(b, *d.CustomFields); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendTimeEstimate(b []byte, e *timeEstimateDTO) []byte {
	b = append(b, `{"estimate":`...)
	b = appendString(b, e.Estimate)
	b = append(b, `,"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"resetOption":`...)
	b = appendOptString(b, e.ResetOption)
	b = append(b, `,"resetOptions":`...)
	b = appendOptString(b, e.ResetOptions)
	b = append(b, `,"active":`...)
	b = strconv.AppendBool(b, e.Active)
	b = append(b, `,"includeNonBillable":`...)
	b = strconv.AppendBool(b, e.IncludeNonBillable)
	return append(b, '}')
}

func appendBudgetEstimate(b []byte, e *budgetEstimateDTO) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"estimate":`...)
	b = strconv.AppendInt(b, e.Estimate, 10)
	b = append(b, `,"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"resetOption":`...)
	b = appendOptString(b, e.ResetOption)
	b = append(b, `,"resetOptions":`...)
	b = appendOptString(b, e.ResetOptions)
	b = append(b, `,"active":`...)
	b = strconv.AppendBool(b, e.Active)
	b = append(b, `,"includeExpenses":`...)
	b = strconv.AppendBool(b, e.IncludeExpenses)
	return append(b, '}')
}

func appendEstimateReset(b []byte, r *estimateResetDTO) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"interval":`...)
	b = appendOptString(b, r.Interval)
	b = append(b, `,"dayOfMonth":`...)
	b = appendOptInt(b, r.DayOfMonth)
	b = append(b, `,"dayOfWeek":`...)
	b = appendOptString(b, r.DayOfWeek)
	b = append(b, `,"month":`...)
	b = appendOptString(b, r.Month)
	b = append(b, `,"hour":`...)
	b = appendOptInt(b, r.Hour)
	b = append(b, `,"active":`...)
	b = strconv.AppendBool(b, r.Active)
	return append(b, '}')
}

func (d *userDTO) appendJSON(b []byte) ([]byte, error) {
	if d == nil {
		return append(b, "null"...), nil
	}
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"email":`...)
	b = appendString(b, d.Email)
	b = append(b, `,"name":`...)
	b = appendOptString(b, d.Name)
	b = append(b, `,"profilePicture":`...)
	b = appendString(b, d.ProfilePicture)
	b = append(b, `,"activeWorkspace":`...)
	b = appendString(b, d.ActiveWorkspace)
	b = append(b, `,"defaultWorkspace":`...)
	b = appendString(b, d.DefaultWorkspace)
	b = append(b, `,"status":`...)
	b = appendString(b, d.Status)

	b = append(b, `,"settings":`...)
	b, err := appendUserSettings(b, &d.Settings)
	if err != nil {
		return b, err
	}
	b = append(b, `,"memberships":`...)
	b = appendArray(b, d.Memberships, appendMembership)
	b = append(b, `,"customFields":`...)
	if b, err = appendArrayOrError(b, d.CustomFields, appendUserFieldValue); err != nil {
		return b, err
	}
	if d.Roles != nil {
		// Roles are sent only by member lists with include-roles.
		b = append(b, `,"roles":`...)
		if b, err = appendEncoded(b, d.Roles); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendUserSettings(b []byte, s *userSettingsDTO) ([]byte, error) {
	b = append(b, `{"weekStart":`...)
	b = appendString(b, s.WeekStart)
	b = append(b, `,"timeZone":`...)
	b = appendString(b, s.TimeZone)
	b = append(b, `,"timeFormat":`...)
	b = appendString(b, s.TimeFormat)
	b = append(b, `,"dateFormat":`...)
	b = appendString(b, s.DateFormat)
	b = append(b, `,"lang":`...)
	b = appendString(b, s.Lang)
	b = append(b, `,"theme":`...)
	b = appendString(b, s.Theme)
	b = append(b, `,"myStartOfDay":`...)
	b = appendString(b, s.MyStartOfDay)
	b = append(b, `,"sendNewsletter":`...)
	b = strconv.AppendBool(b, s.SendNewsletter)
	b = append(b, `,"weeklyUpdates":`...)
	b = strconv.AppendBool(b, s.WeeklyUpdates)
	b = append(b, `,"longRunning":`...)
	b = strconv.AppendBool(b, s.LongRunning)
	b = append(b, `,"scheduledReports":`...)
	b = strconv.AppendBool(b, s.ScheduledReports)
	b = append(b, `,"approval":`...)
	b = strconv.AppendBool(b, s.Approval)
	b = append(b, `,"pto":`...)
	b = strconv.AppendBool(b, s.Pto)
	b = append(b, `,"alerts":`...)
	b = strconv.AppendBool(b, s.Alerts)
	b = append(b, `,"reminders":`...)
	b = strconv.AppendBool(b, s.Reminders)
	b = append(b, `,"timeTrackingManual":`...)
	b = strconv.AppendBool(b, s.TimeTrackingManual)
	b = append(b, `,"isCompactViewOn":`...)
	b = strconv.AppendBool(b, s.IsCompactViewOn)
	b = append(b, `,"dashboardSelection":`...)
	b = appendString(b, s.DashboardSelection)
	b = append(b, `,"dashboardViewType":`...)
	b = appendString(b, s.DashboardViewType)
	b = append(b, `,"dashboardPinToTop":`...)
	b = strconv.AppendBool(b, s.DashboardPinToTop)
	b = append(b, `,"projectListCollapse":`...)
	b = strconv.AppendInt(b, int64(s.ProjectListCollapse), 10)
	b = append(b, `,"collapseAllProjectLists":`...)
	b = strconv.AppendBool(b, s.CollapseAllProjectLists)
	b = append(b, `,"groupSimilarEntriesDisabled":`...)
	b = strconv.AppendBool(b, s.GroupSimilarEntriesDisabled)
	b = append(b, `,"invoiceReminders":`...)
	b = strconv.AppendBool(b, s.InvoiceReminders)
	b = append(b, `,"multiFactorEnabled":`...)
	b = strconv.AppendBool(b, s.MultiFactorEnabled)
	b = append(b, `,"onboarding":`...)
	b = strconv.AppendBool(b, s.Onboarding)
	b = append(b, `,"projectPickerTaskFilter":`...)
	b = strconv.AppendBool(b, s.ProjectPickerTaskFilter)
	b = append(b, `,"scheduling":`...)
	b = strconv.AppendBool(b, s.Scheduling)
	b = append(b, `,"showOnlyWorkingDays":`...)
	b = strconv.AppendBool(b, s.ShowOnlyWorkingDays)
	b = append(b, `,"summaryReportSettings":`...)
	b, err := appendAnyMap(b, s.SummaryReportSettings)
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

func appendUserFieldValue(b []byte, v *userFieldValueDTO) ([]byte, error) {
	b = append(b, `{"customFieldId":`...)
	b = appendString(b, v.CustomFieldID)
	b = append(b, `,"customFieldName":`...)
	b = appendString(b, v.CustomFieldName)
	b = append(b, `,"customFieldType":`...)
	b = appendString(b, v.CustomFieldType)
	b = append(b, `,"userId":`...)
	b = appendString(b, v.UserID)
	b = append(b, `,"value":`...)
	b, err := appendAny(b, v.Value)
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}
