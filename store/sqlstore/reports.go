package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// reportOrders maps each report order to its ORDER BY columns without the
// direction. Every order ends in the start and the id, so that equal keys
// keep one stable order across the pages of a detailed report.
var reportOrders = map[domain.ReportOrder][]string{
	domain.OrderStart:       {"e.start_at", "e.id"},
	domain.OrderDescription: {"e.description", "e.start_at", "e.id"},
	domain.OrderUserName:    {userNameColumn, "e.start_at", "e.id"},
	domain.OrderUserStart:   {userNameColumn, "e.start_at", "e.id"},
	domain.OrderDuration:    {"(e.end_at / 1000 - e.start_at / 1000)", "e.start_at", "e.id"},
	domain.OrderID:          {"e.id"},
}

// userNameColumn sorts entries by their user's name, with "" for a user
// row that no longer exists, so that both engines place it first.
const userNameColumn = "COALESCE(u.name, '')"

// keyValue returns the placeholder and argument that stand for the value of
// the order column in entry e.
func keyValue(column string, e *domain.TimeEntry) (string, any) {
	switch column {
	case "e.start_at":
		return "?", millis(e.Start)
	case "e.id":
		return "?", e.ID
	case "e.description":
		return "?", e.Description
	case userNameColumn:
		return "COALESCE((SELECT name FROM users WHERE id = ?), '')", e.UserID
	}
	// The duration column, as entrySeconds computes it.
	var end int64
	if e.End != nil {
		end = millis(*e.End)
	}
	return "?", end/1000 - millis(e.Start)/1000
}

// addAfter adds the keyset condition that selects the entries sorting after
// q.After in the order of columns, each ascending or descending as desc sets:
// (c1 > v1) OR (c1 = v1 AND c2 > v2) OR ..., with < for descending columns.
func addAfter(w *where, columns []string, desc []bool, after *domain.TimeEntry) {
	var alternatives []string
	var args []any
	for i := range columns {
		var terms []string
		for j := 0; j <= i; j++ {
			mark, arg := keyValue(columns[j], after)
			op := " = "
			if j == i {
				op = " > "
				if desc[j] {
					op = " < "
				}
			}
			terms = append(terms, columns[j]+op+mark)
			args = append(args, arg)
		}
		alternatives = append(alternatives, "("+strings.Join(terms, " AND ")+")")
	}
	w.add("("+strings.Join(alternatives, " OR ")+")", args...)
}

// ScanReportEntries streams the finished entries matching q to fn, with the
// rates resolved when each was written. The tag ids of each entry come from
// a correlated subquery joined into one string, so that one cursor serves
// the whole scan, because a PostgreSQL connection cannot run a second query
// while a result set is open.
func (t *Tx) ScanReportEntries(ctx context.Context, workspaceID string, q domain.ReportQuery, fn func(*domain.ReportEntry) error) error {
	if q.After != nil && q.Order == domain.OrderStart {
		// The range of starts begins at the resume point, so that the index
		// range on start_at does. The keyset condition alone leaves the
		// range at q.From, and each chunk of an export read every entry of
		// the chunks before it again.
		if !q.Descending && q.After.Start.After(q.From) {
			q.From = q.After.Start
		}
		if end := q.After.Start.Add(time.Millisecond); q.Descending && end.Before(q.To) {
			q.To = end
		}
	}
	w, none := reportWhere(workspaceID, q)
	if none {
		return nil
	}

	// SQLite names the aggregate group_concat and PostgreSQL, the engine with
	// numbered placeholders, string_agg.
	tagList := "''"
	if q.WithTags {
		tagList = "(SELECT group_concat(g.tag_id, ',') FROM time_entry_tags g WHERE g.entry_id = e.id)"
		if t.db.dialect.Numbered {
			tagList = "(SELECT string_agg(g.tag_id, ',' ORDER BY g.position) FROM time_entry_tags g WHERE g.entry_id = e.id)"
		}
	}
	// Custom field values come as one JSON object of field id to value.
	fieldList := "''"
	if q.WithFieldValues {
		fieldList = "(SELECT json_group_object(v.field_id, json(v.value)) FROM time_entry_custom_values v WHERE v.entry_id = e.id)"
		if t.db.dialect.Numbered {
			fieldList = "(SELECT json_object_agg(v.field_id, v.value::json)::text FROM time_entry_custom_values v WHERE v.entry_id = e.id)"
		}
	}
	from := ` FROM time_entries e`
	order := ""
	if cols, ok := reportOrders[q.Order]; ok {
		if q.Order == domain.OrderUserName || q.Order == domain.OrderUserStart {
			from += ` LEFT JOIN users u ON u.id = e.user_id`
		}
		dir := " ASC"
		if q.Descending {
			dir = " DESC"
		}
		// The user-and-date order keeps users ascending and sorts only the
		// dates in the requested direction.
		parts := make([]string, len(cols))
		desc := make([]bool, len(cols))
		for i, c := range cols {
			parts[i] = c + dir
			desc[i] = q.Descending
			if q.Order == domain.OrderUserStart && i == 0 {
				parts[i] = c + " ASC"
				desc[i] = false
			}
		}
		order = " ORDER BY " + strings.Join(parts, ", ")
		if q.After != nil {
			addAfter(&w, cols, desc, q.After)
		}
	} else if q.After != nil {
		return fmt.Errorf("sqlstore: report query resumes after entry %s without an order", q.After.ID)
	}
	query := `SELECT e.id, e.user_id, e.description, e.project_id, e.task_id, e.billable, e.start_at, e.end_at,
		e.type, e.invoiced, e.created_at, e.hourly_rate, e.cost_rate, ` + tagList + `, ` + fieldList + from + w.sql() + order
	args := w.args
	if q.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, q.Limit)
	}

	// The rates are in the workspace's currency, read before the scan
	// because a PostgreSQL connection runs one query at a time.
	var currency string
	if err := t.queryRow(ctx, `SELECT currency FROM workspaces WHERE id = ?`, workspaceID).Scan(&currency); err != nil {
		return fmt.Errorf("sqlstore: currency of workspace %s: %w", workspaceID, notFound(err))
	}
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("sqlstore: scanning report entries of workspace %s: %w", workspaceID, err)
	}
	defer rows.Close()

	var re domain.ReportEntry
	e := &re.TimeEntry
	var start, end, created int64
	var hourly, cost sql.NullInt64
	var tags, fields sql.NullString
	for rows.Next() {
		err := rows.Scan(&e.ID, &e.UserID, &e.Description, &e.ProjectID, &e.TaskID, &e.Billable, &start, &end,
			&e.Type, &e.Invoiced, &created, &hourly, &cost, &tags, &fields)
		if err != nil {
			return fmt.Errorf("sqlstore: scanning report entries of workspace %s: %w", workspaceID, err)
		}
		e.WorkspaceID = workspaceID
		e.Start = fromMillis(start)
		endAt := fromMillis(end)
		e.End = &endAt
		e.CreatedAt = fromMillis(created)
		e.HourlyRate = fromNullRate(hourly, currency)
		e.CostRate = fromNullRate(cost, currency)
		if tags.String != "" {
			e.TagIDs = strings.Split(tags.String, ",")
		}
		if fields.String != "" {
			if re.FieldValues, err = decodeFieldObject(fields.String); err != nil {
				return fmt.Errorf("sqlstore: custom field values of time entry %s: %w", e.ID, err)
			}
		}
		if err := fn(&re); err != nil {
			return err
		}
		re = domain.ReportEntry{}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: scanning report entries of workspace %s: %w", workspaceID, err)
	}
	return nil
}

// reportWhere returns the conditions of q. none is true when q can match
// no entry, such as an empty list of users.
func reportWhere(workspaceID string, q domain.ReportQuery) (w where, none bool) {
	w.add("e.workspace_id = ?", workspaceID)
	w.add("e.end_at IS NOT NULL")
	w.add("e.start_at >= ?", millis(q.From))
	w.add("e.start_at < ?", millis(q.To))
	if q.UserIDs != nil {
		if len(q.UserIDs) == 0 {
			return w, true
		}
		w.in("e.user_id", q.UserIDs, false)
	}
	if q.ProjectIDs != nil {
		if len(q.ProjectIDs) == 0 {
			return w, true
		}
		w.in("e.project_id", q.ProjectIDs, false)
	}
	if q.Billable != nil {
		w.add("e.billable = ?", *q.Billable)
	}
	return w, false
}

// entrySeconds is an entry's duration in whole seconds, as
// domain.TimeEntry.Duration computes it.
const entrySeconds = `(e.end_at / 1000 - e.start_at / 1000)`

// amountOf is domain.Amount of the rate column over entrySeconds, in integer
// arithmetic, which both engines truncate as Go does for these positive
// values.
func amountOf(rate string) string {
	d := entrySeconds
	return `CASE WHEN ` + rate + ` IS NULL OR ` + d + ` <= 0 THEN 0 ELSE ` + rate + ` * (` + d + ` / 3600) + (` + rate +
		` * (` + d + ` % 3600) + 1800) / 3600 END`
}

// GroupReportEntries sums the finished entries matching q by billable flag
// and q.GroupBy in the database, so that only the groups travel to the
// caller.
func (t *Tx) GroupReportEntries(ctx context.Context, workspaceID string, q domain.ReportQuery, fn func(*domain.ReportGroup) error) error {
	w, none := reportWhere(workspaceID, q)
	if none {
		return nil
	}
	// Columns left out of the grouping are selected as constants, so that
	// every row scans the same way.
	columns := map[string]string{"user": "''", "project": "''", "task": "''", "invoiced": "FALSE"}
	names := map[string]string{"user": "e.user_id", "project": "e.project_id", "task": "e.task_id", "invoiced": "e.invoiced"}
	groupBy := []string{"e.billable"}
	for _, c := range q.GroupBy {
		name, ok := names[c]
		if !ok {
			return fmt.Errorf("sqlstore: grouping report entries by unknown column %q", c)
		}
		columns[c] = name
		groupBy = append(groupBy, name)
	}
	query := `SELECT ` + columns["user"] + `, ` + columns["project"] + `, ` + columns["task"] + `, e.billable, ` +
		columns["invoiced"] + `, COUNT(*),
		CAST(SUM(` + entrySeconds + `) AS BIGINT),
		CAST(SUM(CASE WHEN e.billable THEN ` + amountOf("e.hourly_rate") + ` ELSE 0 END) AS BIGINT),
		CAST(SUM(` + amountOf("e.cost_rate") + `) AS BIGINT)
		FROM time_entries e` + w.sql() + ` GROUP BY ` + strings.Join(groupBy, ", ")
	rows, err := t.query(ctx, query, w.args...)
	if err != nil {
		return fmt.Errorf("sqlstore: grouping report entries of workspace %s: %w", workspaceID, err)
	}
	defer rows.Close()
	var g domain.ReportGroup
	for rows.Next() {
		err := rows.Scan(&g.UserID, &g.ProjectID, &g.TaskID, &g.Billable, &g.Invoiced, &g.Count, &g.Seconds, &g.Earned, &g.Cost)
		if err != nil {
			return fmt.Errorf("sqlstore: grouping report entries of workspace %s: %w", workspaceID, err)
		}
		if err := fn(&g); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: grouping report entries of workspace %s: %w", workspaceID, err)
	}
	return nil
}

// decodeFieldObject reads a JSON object of field id to stored value, in
// field id order.
func decodeFieldObject(text string) ([]domain.FieldValue, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, err
	}
	out := make([]domain.FieldValue, 0, len(raw))
	for _, id := range slices.Sorted(maps.Keys(raw)) {
		v, err := domain.FieldValueFromJSON(string(raw[id]))
		if err != nil {
			return nil, err
		}
		out = append(out, domain.FieldValue{FieldID: id, Value: v})
	}
	return out, nil
}

// ReportProjects returns every project of the workspace with its client's
// name and its members, without the tracked-time and estimate sums that
// project reads compute, which would cost a pass over the entries.
func (t *Tx) ReportProjects(ctx context.Context, workspaceID string) ([]domain.Project, error) {
	const q = `SELECT p.id, p.name, p.client_id, COALESCE(c.name, ''), p.color, p.billable, p.public, p.archived
		FROM projects p LEFT JOIN clients c ON c.id = p.client_id AND c.workspace_id = p.workspace_id
		WHERE p.workspace_id = ? ORDER BY p.id`
	scan := func(s scanner) (domain.Project, error) {
		p := domain.Project{WorkspaceID: workspaceID}
		err := s.Scan(&p.ID, &p.Name, &p.ClientID, &p.ClientName, &p.Color, &p.Billable, &p.Public, &p.Archived)
		return p, err
	}
	list, err := selectAll(ctx, t, scan, q, workspaceID)
	if err == nil {
		err = t.loadProjectMembers(ctx, list)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: report projects of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

// AllTasks returns every task of the workspace with its rates, without the
// tracked-time sums that task reads compute.
func (t *Tx) AllTasks(ctx context.Context, workspaceID string) ([]domain.Task, error) {
	const q = `SELECT t.id, t.project_id, t.name, t.status, t.billable, t.hourly_rate, t.cost_rate, w.currency
		FROM tasks t JOIN workspaces w ON w.id = t.workspace_id WHERE t.workspace_id = ? ORDER BY t.id`
	scan := func(s scanner) (domain.Task, error) {
		task := domain.Task{WorkspaceID: workspaceID}
		var hourly, cost sql.NullInt64
		var currency string
		err := s.Scan(&task.ID, &task.ProjectID, &task.Name, &task.Status, &task.Billable, &hourly, &cost, &currency)
		task.HourlyRate = fromNullRate(hourly, currency)
		task.CostRate = fromNullRate(cost, currency)
		return task, err
	}
	list, err := selectAll(ctx, t, scan, q, workspaceID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tasks of workspace %s: %w", workspaceID, err)
	}
	return list, nil
}

const sharedReportColumns = `id, workspace_id, user_id, name, type, is_public, fixed_date, visible_users,
	visible_groups, filter, created_at`

func scanSharedReport(s scanner) (domain.SharedReport, error) {
	var r domain.SharedReport
	var users, groups, filter string
	var created int64
	err := s.Scan(&r.ID, &r.WorkspaceID, &r.UserID, &r.Name, &r.Type, &r.IsPublic, &r.FixedDate, &users, &groups,
		&filter, &created)
	if err != nil {
		return r, err
	}
	r.VisibleToUsers, r.VisibleToUserGroups = []string{}, []string{}
	if err := fromJSONText(users, &r.VisibleToUsers); err != nil {
		return r, err
	}
	if err := fromJSONText(groups, &r.VisibleToUserGroups); err != nil {
		return r, err
	}
	r.Filter = []byte(filter)
	r.CreatedAt = fromMillis(created)
	return r, nil
}

// SharedReport returns the shared report with the id, in any workspace.
func (t *Tx) SharedReport(ctx context.Context, id string) (domain.SharedReport, error) {
	q := `SELECT ` + sharedReportColumns + ` FROM shared_reports r WHERE id = ?` + t.forUpdate("r")
	r, err := scanSharedReport(t.queryRow(ctx, q, id))
	if err != nil {
		return r, fmt.Errorf("sqlstore: shared report %s: %w", id, notFound(err))
	}
	return r, nil
}

// SharedReports returns one page of the workspace's shared reports, oldest
// first, and their total number.
func (t *Tx) SharedReports(ctx context.Context, workspaceID string, p domain.Page) ([]domain.SharedReport, int, error) {
	q := `SELECT ` + sharedReportColumns + ` FROM shared_reports WHERE workspace_id = ?
		ORDER BY created_at, id LIMIT ? OFFSET ?`
	list, err := selectAll(ctx, t, scanSharedReport, q, workspaceID, p.Limit(), p.Offset())
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: shared reports of workspace %s: %w", workspaceID, err)
	}
	var count int
	err = t.queryRow(ctx, `SELECT COUNT(*) FROM shared_reports WHERE workspace_id = ?`, workspaceID).Scan(&count)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: counting shared reports of workspace %s: %w", workspaceID, err)
	}
	return list, count, nil
}

// CreateSharedReport inserts r.
func (t *Tx) CreateSharedReport(ctx context.Context, r domain.SharedReport) error {
	users, groups, err := sharedReportLists(r)
	if err == nil {
		const q = `INSERT INTO shared_reports (` + sharedReportColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		_, err = t.exec(ctx, q, r.ID, r.WorkspaceID, r.UserID, r.Name, r.Type, r.IsPublic, r.FixedDate, users, groups,
			string(r.Filter), millis(r.CreatedAt))
	}
	if err != nil {
		return fmt.Errorf("sqlstore: creating shared report %s: %w", r.ID, err)
	}
	return nil
}

// UpdateSharedReport writes every field of r except its author and creation time.
func (t *Tx) UpdateSharedReport(ctx context.Context, r domain.SharedReport) error {
	users, groups, err := sharedReportLists(r)
	if err == nil {
		const q = `UPDATE shared_reports SET name = ?, type = ?, is_public = ?, fixed_date = ?, visible_users = ?,
			visible_groups = ?, filter = ? WHERE workspace_id = ? AND id = ?`
		err = t.execOne(ctx, q, r.Name, r.Type, r.IsPublic, r.FixedDate, users, groups, string(r.Filter),
			r.WorkspaceID, r.ID)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: updating shared report %s: %w", r.ID, err)
	}
	return nil
}

// DeleteSharedReport deletes the shared report.
func (t *Tx) DeleteSharedReport(ctx context.Context, workspaceID, id string) error {
	if err := t.execOne(ctx, `DELETE FROM shared_reports WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting shared report %s: %w", id, err)
	}
	return nil
}

func sharedReportLists(r domain.SharedReport) (users, groups string, err error) {
	if users, err = jsonIDList(r.VisibleToUsers); err != nil {
		return "", "", err
	}
	groups, err = jsonIDList(r.VisibleToUserGroups)
	return users, groups, err
}
