package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// maxCachedStmts bounds the statements cached per pool. Queries with IN
// lists differ in their number of placeholders, so their texts are many.
// Past the bound, new texts run unprepared as before.
const maxCachedStmts = 512

// stmtCache holds statements prepared on a pool, by query text, for engines
// whose driver prepares every query anew (modernc.org/sqlite spends about
// half of a time entry create parsing SQL). database/sql prepares a cached
// statement on each connection the first time a transaction there uses it,
// and keeps it for that connection's life.
//
// A query text seen for the first time runs unprepared, and is prepared on
// the pool in the background after its transaction ends. Preparing it
// inside the transaction would wait for a free connection while holding
// one, which deadlocks SQLite's single writer connection.
type stmtCache struct {
	mu      sync.Mutex
	byPool  map[*sql.DB]map[string]*sql.Stmt
	pending map[string]bool // pool pointer and query text being prepared
}

// lookup returns the cached statement of query on pool, or nil.
func (c *stmtCache) lookup(pool *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byPool[pool][query]
}

// prepare prepares the queries on pool that are not cached yet, while the
// cache has room.
func (c *stmtCache) prepare(pool *sql.DB, queries []string) {
	for _, q := range queries {
		key := poolKey(pool) + q
		c.mu.Lock()
		full := len(c.byPool[pool]) >= maxCachedStmts
		if full || c.byPool[pool][q] != nil || c.pending[key] {
			c.mu.Unlock()
			continue
		}
		if c.pending == nil {
			c.pending = map[string]bool{}
		}
		c.pending[key] = true
		c.mu.Unlock()

		// A failure leaves the query unprepared, so it keeps running as it
		// did before, and reports its error there.
		stmt, err := pool.PrepareContext(context.Background(), q)

		c.mu.Lock()
		delete(c.pending, key)
		if err == nil {
			if c.byPool == nil {
				c.byPool = map[*sql.DB]map[string]*sql.Stmt{}
			}
			if c.byPool[pool] == nil {
				c.byPool[pool] = map[string]*sql.Stmt{}
			}
			c.byPool[pool][q] = stmt
		}
		c.mu.Unlock()
	}
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, stmts := range c.byPool {
		for _, s := range stmts {
			s.Close()
		}
	}
	c.byPool = nil
}

func poolKey(pool *sql.DB) string {
	return fmt.Sprintf("%p ", pool)
}

// prepared returns query prepared for the transaction, or nil when the
// dialect does not cache statements or query is not cached yet. In that
// case the query is queued, to be prepared after the transaction.
func (t *Tx) prepared(ctx context.Context, query string) *sql.Stmt {
	if !t.db.dialect.CacheStatements {
		return nil
	}
	if s := t.db.stmts.lookup(t.pool, query); s != nil {
		return t.tx.StmtContext(ctx, s)
	}
	t.queued = append(t.queued, query)
	return nil
}
