package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// commandUsages maps each command to the flags that it requires. Every other
// flag must appear in brackets in its usage lines.
var commandUsages = []struct {
	command  []string
	required []string
}{
	{[]string{"serve"}, nil},
	{[]string{"users", "create"}, []string{"email"}},
	{[]string{"workspaces", "settings"}, []string{"workspace-id"}},
	{[]string{"dev", "seed"}, nil},
	{[]string{"dev", "load"}, []string{"key"}},
	{[]string{"import", "clockify-csv"}, []string{"workspace-id", "timezone"}},
	{[]string{"import", "clockify-projects-csv"}, []string{"workspace-id"}},
	{[]string{"import", "toggl-csv"}, []string{"workspace-id", "timezone"}},
}

func TestUnknownCommandNamesEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"dance"}, {"dev", "sow"}, {}} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, &stdout, &stderr)
		if err == nil {
			t.Fatalf("command %q succeeded", args)
		}
		for _, c := range commandUsages {
			name := strings.Join(c.command, " ")
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error for %q does not name %q: %v", args, name, err)
			}
			if !strings.Contains(stderr.String(), "punchclock "+name+" ") {
				t.Errorf("usage printed for %q lacks %q", args, name)
			}
		}
	}
}

// usageLines returns the usage lines of one command: its first line and the
// indented lines that continue it.
func usageLines(command string) string {
	var b strings.Builder
	in := false
	for line := range strings.SplitSeq(usage, "\n") {
		switch {
		case strings.HasPrefix(line, "  punchclock "):
			in = strings.HasPrefix(line, "  punchclock "+command+" ")
		case !strings.HasPrefix(line, "      "):
			in = false
		}
		if in {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// bracketedFlags returns the flags of text with, for each, whether it
// appears inside brackets.
func bracketedFlags(text string) map[string]bool {
	out := map[string]bool{}
	depth := 0
	flagName := regexp.MustCompile(`^--([a-z][a-z0-9-]*)`)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '-':
			if m := flagName.FindStringSubmatch(text[i:]); m != nil && (i == 0 || text[i-1] != '-') {
				out[m[1]] = depth > 0
				i += len(m[0]) - 1
			}
		}
	}
	return out
}

// commandFlags returns the flag names that a command's --help prints.
func commandFlags(t *testing.T, command []string) []string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append(slices.Clone(command), "--help"), &stdout, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("%s --help: error = %v, want flag.ErrHelp", strings.Join(command, " "), err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`).FindAllStringSubmatch(stderr.String(), -1) {
		names = append(names, m[1])
	}
	if len(names) == 0 {
		t.Fatalf("%s --help printed no flags:\n%s", strings.Join(command, " "), stderr.String())
	}
	return names
}

func TestUsageListsFlagsAndOptionality(t *testing.T) {
	for _, c := range commandUsages {
		name := strings.Join(c.command, " ")
		t.Run(name, func(t *testing.T) {
			lines := usageLines(name)
			if lines == "" {
				t.Fatalf("usage has no line for %q", name)
			}
			usageFlags := bracketedFlags(lines)
			for _, f := range commandFlags(t, c.command) {
				optional, ok := usageFlags[f]
				switch {
				case !ok && name == "workspaces settings" && f != "db" && f != "workspace-id" && f != "json":
					// The settings flags appear together as [--SETTING VALUE ...].
				case !ok && name == "import clockify-projects-csv" && (f == "timezone" || f == "date-format"):
					// The import commands share one flag set, and a project
					// list has no times or dates to read these for.
				case !ok:
					t.Errorf("usage of %s lacks --%s:\n%s", name, f, lines)
				case slices.Contains(c.required, f) && optional:
					t.Errorf("usage of %s shows the required --%s as optional:\n%s", name, f, lines)
				case !slices.Contains(c.required, f) && !optional:
					t.Errorf("usage of %s shows the optional --%s as required:\n%s", name, f, lines)
				}
			}
		})
	}
}

// TestRequiredFlagsAreRequired checks the required flags of the table above
// against the commands: without each one a command fails and names it.
func TestRequiredFlagsAreRequired(t *testing.T) {
	db := t.TempDir() + "/required.db"
	full := map[string][]string{
		"users create":                 {"--email", "a@example.com"},
		"workspaces settings":          {"--workspace-id", strings.Repeat("a", 24)},
		"dev load":                     {"--key", "k", "--duration", "1ms"},
		"import clockify-csv":          {"missing.csv", "--workspace-id", strings.Repeat("a", 24), "--timezone", "UTC"},
		"import clockify-projects-csv": {"missing.csv", "--workspace-id", strings.Repeat("a", 24)},
		"import toggl-csv":             {"missing.csv", "--workspace-id", strings.Repeat("a", 24), "--timezone", "UTC"},
	}
	for _, c := range commandUsages {
		name := strings.Join(c.command, " ")
		for _, f := range c.required {
			args := slices.Clone(c.command)
			rest := full[name]
			for i := 0; i < len(rest); i++ {
				if rest[i] == "--"+f {
					i++
					continue
				}
				args = append(args, rest[i])
			}
			if name != "dev load" {
				args = append(args, "--db", db)
			}
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), "--"+f) {
				t.Errorf("%s without --%s: error = %v, want one naming --%s", name, f, err, f)
			}
		}
	}
}
