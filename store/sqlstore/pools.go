package sqlstore

// MaxConnections returns the most database connections the store opens at
// once, and how many of them serve read-only transactions. On PostgreSQL
// one pool serves both, so the two numbers are equal.
func (db *DB) MaxConnections() (all, readers int) {
	readers = db.read.Stats().MaxOpenConnections
	all = readers
	if db.write != db.read {
		all += db.write.Stats().MaxOpenConnections
	}
	return all, readers
}
