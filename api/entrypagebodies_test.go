package api

import (
	"bytes"
	"testing"
)

// The kept bodies stay within their byte budget, keep the newest body, and
// leave out a body larger than one may be.
func TestPageBodiesStayWithinBudget(t *testing.T) {
	var c pageBodies[int]
	body := bytes.Repeat([]byte("x"), maxPageBodySize/2)
	for i := range 3 * maxPageBodyBytes / len(body) {
		c.put(i, body)
		if c.size > maxPageBodyBytes {
			t.Fatalf("after %d bodies the cache holds %d bytes, more than %d", i+1, c.size, maxPageBodyBytes)
		}
		if got, ok := c.get(i); !ok || len(got) != len(body) {
			t.Fatalf("body %d not kept right after put", i)
		}
	}

	sum := 0
	for _, b := range c.bodies {
		sum += len(b)
	}
	if sum != c.size {
		t.Errorf("size is %d, the bodies hold %d bytes", c.size, sum)
	}

	c.put(-1, bytes.Repeat([]byte("y"), maxPageBodySize+1))
	if _, ok := c.get(-1); ok {
		t.Errorf("a body over maxPageBodySize was kept")
	}
	c.put(0, []byte("short"))
	c.put(0, []byte("shorter"))
	if got, _ := c.get(0); string(got) != "shorter" {
		t.Errorf("body 0 is %q after a second put, want the second one", got)
	}
}
