package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// projectColumns reads a project with its client's name, the workspace
// currency of its rates and its tracked time: the sum, in whole seconds, of
// its finished time entries, each cut to whole seconds as TimeEntry.Duration
// does. Triggers on time_entries keep that sum in project_tracked.
const projectColumns = `p.id, p.workspace_id, p.name, p.client_id, COALESCE(c.name, ''), p.color, p.note,
	p.billable, p.public, p.template, p.archived, p.hourly_rate, p.cost_rate,
	p.time_estimate, p.budget_estimate, p.estimate_reset, p.created_at, w.currency,
	COALESCE((SELECT k.seconds FROM project_tracked k WHERE k.workspace_id = p.workspace_id AND k.project_id = p.id), 0) AS tracked_seconds,
	(SELECT CAST(COALESCE(SUM(t.estimate), 0) AS BIGINT) FROM tasks t WHERE t.project_id = p.id),
	(SELECT CAST(COALESCE(SUM(t.budget_estimate), 0) AS BIGINT) FROM tasks t WHERE t.project_id = p.id)`

const projectFrom = ` FROM projects p JOIN workspaces w ON w.id = p.workspace_id
	LEFT JOIN clients c ON c.id = p.client_id AND c.workspace_id = p.workspace_id`

// timeEstimateJSON is the stored form of domain.TimeEstimate.
type timeEstimateJSON struct {
	Seconds            int64  `json:"seconds"`
	Type               string `json:"type,omitempty"`
	ResetOption        string `json:"resetOption,omitempty"`
	Active             bool   `json:"active"`
	IncludeNonBillable bool   `json:"includeNonBillable"`
}

// budgetEstimateJSON is the stored form of domain.BudgetEstimate.
type budgetEstimateJSON struct {
	Amount          int64  `json:"amount"`
	Type            string `json:"type,omitempty"`
	ResetOption     string `json:"resetOption,omitempty"`
	Active          bool   `json:"active"`
	IncludeExpenses bool   `json:"includeExpenses"`
}

// estimateResetJSON is the stored form of domain.EstimateReset.
type estimateResetJSON struct {
	Interval   string `json:"interval,omitempty"`
	DayOfMonth int    `json:"dayOfMonth,omitempty"`
	DayOfWeek  string `json:"dayOfWeek,omitempty"`
	Month      string `json:"month,omitempty"`
	Hour       int    `json:"hour,omitempty"`
	Active     bool   `json:"active"`
}

func scanProject(s scanner) (domain.Project, error) {
	var p domain.Project
	var hourly, cost sql.NullInt64
	var timeText, budgetText string
	var resetText sql.NullString
	var created, tracked, taskEstimates int64
	var currency string
	err := s.Scan(&p.ID, &p.WorkspaceID, &p.Name, &p.ClientID, &p.ClientName, &p.Color, &p.Note,
		&p.Billable, &p.Public, &p.Template, &p.Archived, &hourly, &cost,
		&timeText, &budgetText, &resetText, &created, &currency, &tracked, &taskEstimates, &p.TaskBudgets)
	if err != nil {
		return p, err
	}
	p.TaskEstimates = seconds(taskEstimates)
	p.HourlyRate = fromNullRate(hourly, currency)
	p.CostRate = fromNullRate(cost, currency)
	p.CreatedAt = fromMillis(created)
	p.Tracked = seconds(tracked)

	var te timeEstimateJSON
	if err := fromJSONText(timeText, &te); err != nil {
		return p, err
	}
	p.TimeEstimate = domain.TimeEstimate{Estimate: time.Duration(te.Seconds) * time.Second, Type: te.Type,
		ResetOption: te.ResetOption, Active: te.Active, IncludeNonBillable: te.IncludeNonBillable}
	var be budgetEstimateJSON
	if err := fromJSONText(budgetText, &be); err != nil {
		return p, err
	}
	p.BudgetEstimate = domain.BudgetEstimate{Estimate: be.Amount, Type: be.Type, ResetOption: be.ResetOption,
		Active: be.Active, IncludeExpenses: be.IncludeExpenses}
	if resetText.Valid {
		var r estimateResetJSON
		if err := fromJSONText(resetText.String, &r); err != nil {
			return p, err
		}
		p.EstimateReset = &domain.EstimateReset{Interval: r.Interval, DayOfMonth: r.DayOfMonth,
			DayOfWeek: r.DayOfWeek, Month: r.Month, Hour: r.Hour, Active: r.Active}
	}
	return p, nil
}

// estimateColumns returns the stored text of the project's estimate columns.
func estimateColumns(p domain.Project) (timeText, budgetText string, reset sql.NullString, err error) {
	te := p.TimeEstimate
	timeText, err = jsonText(timeEstimateJSON{Seconds: int64(te.Estimate / time.Second), Type: te.Type,
		ResetOption: te.ResetOption, Active: te.Active, IncludeNonBillable: te.IncludeNonBillable})
	if err != nil {
		return
	}
	be := p.BudgetEstimate
	budgetText, err = jsonText(budgetEstimateJSON{Amount: be.Estimate, Type: be.Type, ResetOption: be.ResetOption,
		Active: be.Active, IncludeExpenses: be.IncludeExpenses})
	if err != nil || p.EstimateReset == nil {
		return
	}
	r := p.EstimateReset
	reset.String, err = jsonText(estimateResetJSON{Interval: r.Interval, DayOfMonth: r.DayOfMonth,
		DayOfWeek: r.DayOfWeek, Month: r.Month, Hour: r.Hour, Active: r.Active})
	reset.Valid = err == nil
	return
}

// Project returns the project with the given id in the workspace, with its
// members.
func (t *Tx) Project(ctx context.Context, workspaceID, id string) (domain.Project, error) {
	q := `SELECT ` + projectColumns + projectFrom + ` WHERE p.workspace_id = ? AND p.id = ?` + t.forUpdate("p")
	p, err := scanProject(t.queryRow(ctx, q, workspaceID, id))
	if err != nil {
		return p, fmt.Errorf("sqlstore: project %s: %w", id, notFound(err))
	}
	list := []domain.Project{p}
	if err := t.loadProjectMembers(ctx, list); err != nil {
		return p, err
	}
	return list[0], nil
}

// ProjectsByID returns the workspace's projects with the given ids, with
// their members, in no particular order.
func (t *Tx) ProjectsByID(ctx context.Context, workspaceID string, ids []string) ([]domain.Project, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var w where
	w.add("p.workspace_id = ?", workspaceID)
	w.in("p.id", ids, false)
	list, err := selectAll(ctx, t, scanProject, `SELECT `+projectColumns+projectFrom+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %d projects by id: %w", len(ids), err)
	}
	if err := t.loadProjectMembers(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// projectSort maps the sort columns that SQL can order by. Ties break by id
// so that pages never overlap.
var projectSort = map[string]string{
	"ID":          "p.id",
	"NAME":        "lower(p.name)",
	"CLIENT_NAME": "lower(COALESCE(c.name, ''))",
	"DURATION":    "tracked_seconds",
}

// Projects returns one page of the workspace's projects matching f, with
// their members.
func (t *Tx) Projects(ctx context.Context, workspaceID string, f domain.ProjectFilter) ([]domain.Project, error) {
	w := projectWhere(workspaceID, f)
	q := `SELECT ` + projectColumns + projectFrom + w.sql()
	dir := sortDir(f.SortOrder)
	order, inSQL := projectSort[f.SortColumn]
	if f.SortColumn == "" {
		order, inSQL = projectSort["NAME"], true
	}
	args := w.args
	if inSQL {
		q += ` ORDER BY ` + order + ` ` + dir + `, p.id ` + dir + ` LIMIT ? OFFSET ?`
		args = append(args, f.Page.Limit(), f.Page.Offset())
	}
	list, err := selectAll(ctx, t, scanProject, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: projects of workspace %s: %w", workspaceID, err)
	}
	if !inSQL {
		if list, err = t.sortProjectsInGo(ctx, workspaceID, list, f); err != nil {
			return nil, fmt.Errorf("sqlstore: projects of workspace %s: %w", workspaceID, err)
		}
	}
	if err := t.loadProjectMembers(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

func projectWhere(workspaceID string, f domain.ProjectFilter) where {
	var w where
	w.add("p.workspace_id = ?", workspaceID)
	switch {
	case f.Name != "" && f.StrictName:
		w.add("lower(p.name) = ?", strings.ToLower(f.Name))
	case f.Name != "":
		w.add(`lower(p.name) LIKE ? ESCAPE '\'`, likePattern(f.Name))
	}
	if f.Archived != nil {
		w.add("p.archived = ?", *f.Archived)
	}
	if f.Billable != nil {
		w.add("p.billable = ?", *f.Billable)
	}
	if f.Template != nil {
		w.add("p.template = ?", *f.Template)
	}
	if f.Public != nil {
		w.add("p.public = ?", *f.Public)
	}
	if len(f.ClientIDs) > 0 {
		w.in("p.client_id", f.ClientIDs, !f.ContainsClient)
	}
	switch f.ClientStatus {
	case "ACTIVE":
		// Projects without a client, or whose client was deleted, count as active.
		w.add("(c.id IS NULL OR c.archived = ?)", false)
	case "ARCHIVED":
		w.add("c.archived = ?", true)
	}
	if len(f.UserIDs) > 0 {
		// NOTE: only direct members match. A user who reaches the project
		// through a member group does not, because a group membership has
		// no status for user-status to filter on.
		var sub where
		sub.in("pm.user_id", f.UserIDs, false)
		if f.UserStatus != "" && f.UserStatus != "ALL" {
			sub.add("pm.status = ?", f.UserStatus)
		}
		op := "p.id IN "
		if !f.ContainsUser {
			op = "p.id NOT IN "
		}
		w.add(op+"(SELECT pm.project_id FROM project_members pm"+sub.sql()+")", sub.args...)
	}
	if len(f.UserGroupIDs) > 0 {
		var sub where
		sub.in("pg.group_id", f.UserGroupIDs, false)
		op := "p.id IN "
		if !f.ContainsGroup {
			op = "p.id NOT IN "
		}
		w.add(op+"(SELECT pg.project_id FROM project_groups pg"+sub.sql()+")", sub.args...)
	}
	if f.Scope != nil {
		cond, args := projectScopeSQL(f.Scope)
		w.add(cond, args...)
	}
	return w
}

// memberProjectsSQL selects the ids of the projects that one user, the
// query's only argument, is a member of, directly or through a user group.
const memberProjectsSQL = `SELECT pm.project_id FROM project_members pm WHERE pm.user_id = ?
	UNION SELECT pg.project_id FROM project_groups pg
	JOIN user_group_members gm ON gm.group_id = pg.group_id WHERE gm.user_id = ?`

// projectScopeSQL is the condition that keeps the projects of a scope:
// public ones, those the user is a member of and those listed.
func projectScopeSQL(s *domain.ProjectScope) (string, []any) {
	cond := "(p.public = ? OR p.id IN (" + memberProjectsSQL + ")"
	args := []any{true, s.UserID, s.UserID}
	if len(s.ProjectIDs) > 0 {
		cond += " OR p.id IN (" + strings.TrimSuffix(strings.Repeat("?,", len(s.ProjectIDs)), ",") + ")"
		for _, id := range s.ProjectIDs {
			args = append(args, id)
		}
	}
	return cond + ")", args
}

// sortProjectsInGo orders the whole filtered list by BUDGET or PROGRESS,
// which depend on JSON columns that the two engines read differently, and
// cuts the page from it. BUDGET is the budget in force
// (Project.EstimatedBudget) and PROGRESS is Project.Progress in the current
// period of each estimate.
//
// NOTE: this reads every matching project of the workspace for each page.
func (t *Tx) sortProjectsInGo(ctx context.Context, workspaceID string, list []domain.Project, f domain.ProjectFilter) ([]domain.Project, error) {
	keys := make(map[string]float64, len(list))
	if f.SortColumn == "BUDGET" {
		for _, p := range list {
			keys[p.ID] = float64(p.EstimatedBudget())
		}
	} else {
		periods := make([]domain.ProgressPeriod, len(list))
		for i, p := range list {
			periods[i] = p.ProgressPeriods(t.now)
		}
		progress, err := t.ProjectProgress(ctx, workspaceID, periods)
		if err != nil {
			return nil, err
		}
		for _, p := range list {
			keys[p.ID] = p.Progress(progress[p.ID])
		}
	}
	slices.SortStableFunc(list, func(a, b domain.Project) int {
		c := cmp.Or(cmp.Compare(keys[a.ID], keys[b.ID]), strings.Compare(a.ID, b.ID))
		if f.SortOrder == domain.Descending {
			return -c
		}
		return c
	})
	from := min(f.Page.Offset(), len(list))
	to := min(from+f.Page.Limit(), len(list))
	return list[from:to], nil
}

// progressBatch is the number of projects per progress query. At three bind
// parameters each, a query stays far below the limits of both engines.
const progressBatch = 1000

// ProjectProgress sums, for each project of periods, the finished entries
// that start in its periods: all and billable tracked seconds since
// TimeFrom, and the billable amount since BudgetFrom. Durations are cut to
// whole seconds at both ends as domain.TimeEntry.Duration does, and the
// amount of each entry is rounded as domain.Amount rounds it.
func (t *Tx) ProjectProgress(ctx context.Context, workspaceID string, periods []domain.ProgressPeriod) (map[string]domain.ProjectProgress, error) {
	out := make(map[string]domain.ProjectProgress, len(periods))
	for chunk := range slices.Chunk(periods, progressBatch) {
		values := make([]string, len(chunk))
		args := make([]any, 0, 3*len(chunk)+1)
		for i, p := range chunk {
			values[i] = "(CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT))"
			args = append(args, p.ProjectID, millis(p.TimeFrom), millis(p.BudgetFrom))
		}
		args = append(args, workspaceID)
		const length = "(e.end_at / 1000 - e.start_at / 1000)"
		q := `WITH periods (project_id, time_from, budget_from) AS (VALUES ` + strings.Join(values, ", ") + `)
			SELECT pr.project_id,
				CAST(COALESCE(SUM(CASE WHEN e.start_at >= pr.time_from THEN ` + length + ` ELSE 0 END), 0) AS BIGINT),
				CAST(COALESCE(SUM(CASE WHEN e.start_at >= pr.time_from AND e.billable THEN ` + length + ` ELSE 0 END), 0) AS BIGINT),
				CAST(COALESCE(SUM(CASE WHEN e.start_at >= pr.budget_from AND e.billable AND e.hourly_rate IS NOT NULL
					THEN e.hourly_rate * (` + length + ` / 3600) + (e.hourly_rate * (` + length + ` % 3600) + 1800) / 3600
					ELSE 0 END), 0) AS BIGINT)
			FROM periods pr JOIN time_entries e ON e.project_id = pr.project_id
			WHERE e.project_id <> '' AND e.workspace_id = ? AND e.end_at IS NOT NULL
			GROUP BY pr.project_id`
		rows, err := t.query(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: project progress in workspace %s: %w", workspaceID, err)
		}
		for rows.Next() {
			var id string
			var tracked, billable, earned int64
			if err := rows.Scan(&id, &tracked, &billable, &earned); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlstore: project progress in workspace %s: %w", workspaceID, err)
			}
			out[id] = domain.ProjectProgress{Tracked: seconds(tracked), BillableTracked: seconds(billable), Earned: earned}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlstore: project progress in workspace %s: %w", workspaceID, err)
		}
	}
	return out, nil
}

// loadProjectMembers fills the Members of each project, in stored order.
func (t *Tx) loadProjectMembers(ctx context.Context, list []domain.Project) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[string]int, len(list))
	ids := make([]string, len(list))
	for i, p := range list {
		index[p.ID] = i
		ids[i] = p.ID
		list[i].Members = []domain.ProjectMember{}
	}
	var w where
	w.in("pm.project_id", ids, false)
	q := `SELECT pm.project_id, pm.user_id, pm.status, pm.hourly_rate, pm.cost_rate, w.currency
		FROM project_members pm JOIN projects p ON p.id = pm.project_id JOIN workspaces w ON w.id = p.workspace_id` +
		w.sql() + ` ORDER BY pm.project_id, pm.position`
	rows, err := t.query(ctx, q, w.args...)
	if err != nil {
		return fmt.Errorf("sqlstore: project members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var projectID string
		var m domain.ProjectMember
		var hourly, cost sql.NullInt64
		var currency string
		if err := rows.Scan(&projectID, &m.UserID, &m.Status, &hourly, &cost, &currency); err != nil {
			return fmt.Errorf("sqlstore: project members: %w", err)
		}
		p := &list[index[projectID]]
		m.HourlyRate = fromNullRate(hourly, currency)
		m.CostRate = fromNullRate(cost, currency)
		p.Members = append(p.Members, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: project members: %w", err)
	}
	return t.loadProjectGroups(ctx, list, index, ids)
}

// loadProjectGroups fills the Groups of each project, in stored order, with
// the users of each group. index maps each id in ids to its place in list.
func (t *Tx) loadProjectGroups(ctx context.Context, list []domain.Project, index map[string]int, ids []string) error {
	for i := range list {
		list[i].Groups = []domain.ProjectGroup{}
	}
	var w where
	w.in("pg.project_id", ids, false)
	q := `SELECT pg.project_id, pg.group_id, gm.user_id FROM project_groups pg
		LEFT JOIN user_group_members gm ON gm.group_id = pg.group_id` +
		w.sql() + ` ORDER BY pg.project_id, pg.position, gm.position`
	rows, err := t.query(ctx, q, w.args...)
	if err != nil {
		return fmt.Errorf("sqlstore: project user groups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var projectID, groupID string
		var userID sql.NullString
		if err := rows.Scan(&projectID, &groupID, &userID); err != nil {
			return fmt.Errorf("sqlstore: project user groups: %w", err)
		}
		p := &list[index[projectID]]
		n := len(p.Groups)
		if n == 0 || p.Groups[n-1].GroupID != groupID {
			p.Groups = append(p.Groups, domain.ProjectGroup{GroupID: groupID, UserIDs: []string{}})
			n++
		}
		if userID.Valid {
			p.Groups[n-1].UserIDs = append(p.Groups[n-1].UserIDs, userID.String)
		}
	}
	return rows.Err()
}

// ProjectMembershipsOf returns the users' project memberships in the
// workspace, keyed by user id, in project creation order.
func (t *Tx) ProjectMembershipsOf(ctx context.Context, workspaceID string, userIDs []string) (map[string][]domain.UserProjectMembership, error) {
	out := map[string][]domain.UserProjectMembership{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var w where
	w.add("p.workspace_id = ?", workspaceID)
	w.in("pm.user_id", userIDs, false)
	q := `SELECT pm.project_id, pm.user_id, pm.status, pm.hourly_rate, pm.cost_rate, w.currency
		FROM project_members pm JOIN projects p ON p.id = pm.project_id JOIN workspaces w ON w.id = p.workspace_id` +
		w.sql() + ` ORDER BY p.created_at, p.id`
	rows, err := t.query(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: project memberships of users: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m domain.UserProjectMembership
		var hourly, cost sql.NullInt64
		var currency string
		if err := rows.Scan(&m.ProjectID, &m.UserID, &m.Status, &hourly, &cost, &currency); err != nil {
			return nil, fmt.Errorf("sqlstore: project memberships of users: %w", err)
		}
		m.HourlyRate = fromNullRate(hourly, currency)
		m.CostRate = fromNullRate(cost, currency)
		out[m.UserID] = append(out[m.UserID], m)
	}
	return out, rows.Err()
}

// CreateProject inserts p with its members.
func (t *Tx) CreateProject(ctx context.Context, p domain.Project) error {
	timeText, budgetText, reset, err := estimateColumns(p)
	if err != nil {
		return err
	}
	const q = `INSERT INTO projects (id, workspace_id, name, client_id, color, note, billable, public, template,
		archived, hourly_rate, cost_rate, time_estimate, budget_estimate, estimate_reset, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	_, err = t.exec(ctx, q, p.ID, p.WorkspaceID, p.Name, p.ClientID, p.Color, p.Note, p.Billable, p.Public,
		p.Template, p.Archived, nullRate(p.HourlyRate), nullRate(p.CostRate), timeText, budgetText, reset, millis(t.now))
	if err != nil {
		return fmt.Errorf("sqlstore: creating project %q: %w", p.Name, err)
	}
	if err := t.insertProjectMembers(ctx, p); err != nil {
		return err
	}
	return t.insertProjectGroups(ctx, p)
}

// UpdateProject writes every field of p and replaces its members.
func (t *Tx) UpdateProject(ctx context.Context, p domain.Project) error {
	timeText, budgetText, reset, err := estimateColumns(p)
	if err != nil {
		return err
	}
	const q = `UPDATE projects SET name = ?, client_id = ?, color = ?, note = ?, billable = ?, public = ?,
		template = ?, archived = ?, hourly_rate = ?, cost_rate = ?, time_estimate = ?, budget_estimate = ?,
		estimate_reset = ? WHERE workspace_id = ? AND id = ?`
	err = t.execOne(ctx, q, p.Name, p.ClientID, p.Color, p.Note, p.Billable, p.Public, p.Template, p.Archived,
		nullRate(p.HourlyRate), nullRate(p.CostRate), timeText, budgetText, reset, p.WorkspaceID, p.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: updating project %s: %w", p.ID, err)
	}
	if _, err := t.exec(ctx, `DELETE FROM project_members WHERE project_id = ?`, p.ID); err != nil {
		return fmt.Errorf("sqlstore: replacing members of project %s: %w", p.ID, err)
	}
	if _, err := t.exec(ctx, `DELETE FROM project_groups WHERE project_id = ?`, p.ID); err != nil {
		return fmt.Errorf("sqlstore: replacing user groups of project %s: %w", p.ID, err)
	}
	if err := t.insertProjectMembers(ctx, p); err != nil {
		return err
	}
	return t.insertProjectGroups(ctx, p)
}

func (t *Tx) insertProjectGroups(ctx context.Context, p domain.Project) error {
	const q = `INSERT INTO project_groups (project_id, group_id, position) VALUES (?, ?, ?)`
	for i, g := range p.Groups {
		if _, err := t.exec(ctx, q, p.ID, g.GroupID, i); err != nil {
			return fmt.Errorf("sqlstore: adding user group %s to project %s: %w", g.GroupID, p.ID, err)
		}
	}
	return nil
}

func (t *Tx) insertProjectMembers(ctx context.Context, p domain.Project) error {
	const q = `INSERT INTO project_members (project_id, user_id, status, hourly_rate, cost_rate, position)
		VALUES (?, ?, ?, ?, ?, ?)`
	for i, m := range p.Members {
		_, err := t.exec(ctx, q, p.ID, m.UserID, m.Status, nullRate(m.HourlyRate), nullRate(m.CostRate), i)
		if err != nil {
			return fmt.Errorf("sqlstore: adding member %s to project %s: %w", m.UserID, p.ID, err)
		}
	}
	return nil
}

// DeleteProject deletes the project, and the schema's cascades delete its
// tasks and memberships. Its time entries are kept on purpose, so that
// tracked time survives in reports, and their project id names no project.
func (t *Tx) DeleteProject(ctx context.Context, workspaceID, id string) error {
	if err := t.execOne(ctx, `DELETE FROM projects WHERE workspace_id = ? AND id = ?`, workspaceID, id); err != nil {
		return fmt.Errorf("sqlstore: deleting project %s: %w", id, err)
	}
	return nil
}
