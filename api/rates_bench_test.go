package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/punchclock/punchclock/api"
	"github.com/punchclock/punchclock/apitest"
	"github.com/punchclock/punchclock/devseed"
	"github.com/punchclock/punchclock/domain"
	"github.com/punchclock/punchclock/store"
)

// BenchmarkWorkspaceRateChange measures a workspace hourly-rate change with
// a since before every entry, which re-resolves and rewrites the rates of
// all the workspace's entries. Each iteration sets another amount, so every
// entry that resolves to the workspace rate is rewritten. The entry count comes from PUNCHCLOCK_BENCH_RATE_ENTRIES
// (default 100,000); devseed fills the workspace outside the timed part.
func BenchmarkWorkspaceRateChange(b *testing.B) {
	entries := 100_000
	if v := os.Getenv("PUNCHCLOCK_BENCH_RATE_ENTRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("PUNCHCLOCK_BENCH_RATE_ENTRIES=%q is not a positive whole number", v)
		}
		entries = n
	}
	for _, engine := range []string{apitest.SQLite, apitest.Postgres} {
		b.Run(fmt.Sprintf("%s/%d", engine, entries), func(b *testing.B) {
			ctx := context.Background()
			dsn := apitest.NewDSN(b, engine)
			res, err := devseed.Run(ctx, dsn, devseed.Options{Entries: entries, Users: 50, Projects: 100, Years: 3, Seed: 1})
			if err != nil {
				b.Fatalf("seeding: %v", err)
			}
			db, err := store.Open(ctx, dsn, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			srv := httptest.NewServer(api.New(domain.NewService(db), slog.New(slog.DiscardHandler)))
			b.Cleanup(srv.Close)
			url := srv.URL + "/api/v1/workspaces/" + res.WorkspaceID + "/hourly-rate"

			b.ResetTimer()
			for i := range b.N {
				body := fmt.Sprintf(`{"amount":%d,"currency":"USD","since":"2000-01-01T00:00:00Z"}`, 1000+i)
				req, err := http.NewRequest(http.MethodPut, url, bytes.NewReader([]byte(body)))
				if err != nil {
					b.Fatal(err)
				}
				req.Header.Set("X-Api-Key", res.APIKey)
				req.Header.Set("Content-Type", "application/json")
				started := time.Now()
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("status %d after %s", resp.StatusCode, time.Since(started))
				}
			}
		})
	}
}
