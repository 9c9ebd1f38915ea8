package devload

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Memory is the server's resident memory during the run.
type Memory struct {
	Source  string // the file or URL of the figures
	Samples int
	// PeakRSS is the largest resident set size sampled during the run.
	PeakRSS int64
	// HighWater is the kernel's peak resident set size of the process since
	// it started (VmHWM), read only from /proc. It catches a peak between
	// two samples.
	HighWater int64
	Err       string // the reason no sample could be read
}

func (m Memory) String() string {
	if m.Samples == 0 {
		return "unknown: " + m.Err
	}
	s := fmt.Sprintf("peak RSS %s over %d samples (%s)", mib(m.PeakRSS), m.Samples, m.Source)
	if m.HighWater > 0 {
		s += fmt.Sprintf(", VmHWM since start %s", mib(m.HighWater))
	}
	return s
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// memoryProbe samples the server's resident memory from /proc/PID/status
// when the pid is known, and otherwise from the server's /metrics.
type memoryProbe struct {
	c   *client
	pid int

	mu  sync.Mutex
	mem Memory
}

func newMemoryProbe(c *client, pid int) *memoryProbe {
	p := &memoryProbe{c: c, pid: pid}
	if pid != 0 {
		p.mem.Source = fmt.Sprintf("VmRSS of /proc/%d/status", pid)
	} else {
		p.mem.Source = "process_resident_memory_bytes of " + c.base + "/metrics"
	}
	return p
}

// watch samples every interval until ctx ends, and once more at the end.
func (p *memoryProbe) watch(ctx context.Context, interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		p.sample(ctx)
		select {
		case <-ctx.Done():
			p.sample(context.WithoutCancel(ctx))
			return
		case <-ticker.C:
		}
	}
}

func (p *memoryProbe) sample(ctx context.Context) {
	var rss, hwm int64
	var err error
	if p.pid != 0 {
		rss, hwm, err = readProcStatus(p.pid)
	} else {
		rss, err = p.scrape(ctx)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.mem.Err = err.Error()
		return
	}
	p.mem.Samples++
	p.mem.PeakRSS = max(p.mem.PeakRSS, rss)
	p.mem.HighWater = max(p.mem.HighWater, hwm)
}

func (p *memoryProbe) result() Memory {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.mem
}

// readProcStatus returns VmRSS and VmHWM of the process in bytes.
func readProcStatus(pid int) (rss, hwm int64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for line := range strings.Lines(string(data)) {
		name, value, ok := strings.Cut(line, ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("reading %s of /proc/%d/status: %w", name, pid, err)
		}
		if name == "VmRSS" {
			rss = kib << 10
		} else {
			hwm = kib << 10
		}
	}
	if rss == 0 {
		return 0, 0, fmt.Errorf("/proc/%d/status has no VmRSS line", pid)
	}
	return rss, hwm, nil
}

// scrape reads process_resident_memory_bytes from the server's /metrics.
func (p *memoryProbe) scrape(ctx context.Context) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	status, body, err := p.c.do(ctx, http.MethodGet, "/metrics", nil)
	if err != nil {
		return 0, fmt.Errorf("reading /metrics: %w", err)
	}
	if status != http.StatusOK {
		return 0, fmt.Errorf("reading /metrics: status %d", status)
	}
	const name = "process_resident_memory_bytes "
	scanner := bufio.NewScanner(bytes.NewReader(body))
	for scanner.Scan() {
		if value, ok := strings.CutPrefix(scanner.Text(), name); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
			if err != nil {
				return 0, fmt.Errorf("reading %s from /metrics: %w", strings.TrimSpace(name), err)
			}
			return int64(f), nil
		}
	}
	return 0, fmt.Errorf("/metrics has no %s line", strings.TrimSpace(name))
}
