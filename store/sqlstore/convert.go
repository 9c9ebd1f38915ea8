package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/punchclock/punchclock/domain"
)

// Instants are stored as Unix milliseconds in integer columns, so both
// engines compare and sort them the same way. Time zones are handled in Go.

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullMillis(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

func fromNullMillis(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromMillis(n.Int64)
	return &t
}

// seconds converts a count of seconds, such as a sum of entry durations, to
// a time.Duration, capped at the largest whole number of seconds it holds
// (about 292 years) instead of overflowing.
func seconds(n int64) time.Duration {
	const maxSeconds = int64(math.MaxInt64 / time.Second)
	return time.Duration(min(n, maxSeconds)) * time.Second
}

// nullRate stores the amount of an optional rate. The currency comes from the
// workspace and is not stored per rate.
func nullRate(r *domain.Rate) sql.NullInt64 {
	if r == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: r.Amount, Valid: true}
}

func fromNullRate(n sql.NullInt64, currency string) *domain.Rate {
	if !n.Valid {
		return nil
	}
	return &domain.Rate{Amount: n.Int64, Currency: currency}
}

// jsonText encodes v for a TEXT column that contains JSON.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("sqlstore: encoding json column: %w", err)
	}
	return string(b), nil
}

// fromJSONText decodes a TEXT column that contains JSON into v. An empty
// column leaves v as is.
func fromJSONText(s string, v any) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("sqlstore: decoding json column: %w", err)
	}
	return nil
}

// likePattern returns a LIKE pattern matching s as a substring, with LIKE's
// wildcards in s escaped by a backslash (queries add ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// sortDir returns the SQL keyword for o, ascending by default.
func sortDir(o domain.SortOrder) string {
	if o == domain.Descending {
		return "DESC"
	}
	return "ASC"
}

// where is the accumulated conditions and arguments of a list query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in adds "column IN (?, ?, ...)" for values, or "NOT IN" when negate is set.
func (w *where) in(column string, values []string, negate bool) {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(values)), ",")
	op := " IN ("
	if negate {
		op = " NOT IN ("
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	w.add(column+op+marks+")", args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
