package domain

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"regexp"
	"time"
)

var idPattern = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)

// NewID returns a 24-hex identifier shaped like a MongoDB ObjectId: four bytes
// of Unix time followed by eight random bytes. Clockify clients such as
// clockify-cli reject any other id shape before they send a request.
func NewID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(time.Now().Unix()))
	if _, err := rand.Read(b[4:]); err != nil {
		panic("domain: reading random bytes: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// ValidID reports whether s has the 24-hex id shape.
func ValidID(s string) bool { return idPattern.MatchString(s) }
