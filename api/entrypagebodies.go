package api

import (
	"bytes"
	"net/http"
	"strconv"
	"sync"

	"github.com/punchclock/punchclock/domain"
)

// Bounds of the encoded page bodies kept in memory: their total size, and
// the size of one body, past which it is sent but not kept.
const (
	maxPageBodyBytes = 16 << 20
	maxPageBodySize  = 1 << 20
)

// pageBodies keeps the encoded JSON of recent pages of entries by the
// revision of their content (domain.PageRevision), so that a repeated
// page is sent as the same bytes again rather than converted and encoded.
type pageBodies[K comparable] struct {
	mu     sync.Mutex
	bodies map[K][]byte
	size   int // total bytes of bodies
}

func (c *pageBodies[K]) get(rev K) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.bodies[rev]
	return b, ok
}

// put keeps body under rev, dropping arbitrary bodies to stay within
// maxPageBodyBytes. The caller must not change body afterwards.
func (c *pageBodies[K]) put(rev K, body []byte) {
	if len(body) > maxPageBodySize {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bodies == nil {
		c.bodies = map[K][]byte{}
	}
	if old, ok := c.bodies[rev]; ok {
		c.size -= len(old)
	}
	for k, b := range c.bodies {
		if c.size+len(body) <= maxPageBodyBytes {
			break
		}
		delete(c.bodies, k)
		c.size -= len(b)
	}
	c.bodies[rev] = body
	c.size += len(body)
}

// writeEntryPageOnce sends a plain page of entries that has a revision,
// from the kept body of that revision when there is one.
func (s *Server) writeEntryPageOnce(w http.ResponseWriter, page domain.EntryPage, ws domain.Workspace) {
	body, ok := s.pageBodies.get(page.Revision)
	if !ok {
		rows := entryList(page.Views, false, ws).(jsonAppender)
		if err := appendPooled(rows, func(b []byte) { body = bytes.Clone(b) }); err != nil {
			writeEntryPage(w, page.Views, false, ws, page.Last)
			return
		}
		s.pageBodies.put(page.Revision, body)
	}

	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Last-Page", strconv.FormatBool(page.Last))
	writeBody(w, http.StatusOK, body)
}
