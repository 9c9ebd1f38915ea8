package domain

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"regexp"
	"sync/atomic"
	"time"
)

var idPattern = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)

// idCounter orders the ids that one process creates within a second. It
// starts at a random value below 2^23, so it wraps around its 24 bits only
// after more than 8 million ids.
var idCounter atomic.Uint32

func init() {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("domain: reading random bytes: " + err.Error())
	}
	idCounter.Store(binary.BigEndian.Uint32(b[:]) & (1<<23 - 1))
}

// NewID returns a 24-hex identifier shaped like a MongoDB ObjectId: four bytes
// of Unix time, a three-byte counter and five random bytes. Clockify clients
// such as clockify-cli reject any other id shape before they send a request.
// The counter makes the ids of one process sort in the order they were
// created, so lists ordered by creation time and then id keep creation order
// for rows created in the same millisecond.
func NewID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(time.Now().Unix()))
	n := idCounter.Add(1)
	b[4], b[5], b[6] = byte(n>>16), byte(n>>8), byte(n)
	if _, err := rand.Read(b[7:]); err != nil {
		panic("domain: reading random bytes: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// ValidID reports whether s has the 24-hex id shape.
func ValidID(s string) bool { return idPattern.MatchString(s) }
