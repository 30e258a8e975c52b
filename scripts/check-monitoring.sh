#!/usr/bin/env bash
# Checks the monitoring files that ship with Sluice (docs/operations.md, "Monitoring").
#
#   scripts/check-monitoring.sh                 static checks, no server needed:
#     1. promtool check rules   resources/prometheus/sluice.rules.yml
#     2. promtool test rules    resources/prometheus/sluice.rules.test.yml
#     3. every alert has severity (critical|warning), summary, description and a runbook_url
#        whose anchor is a heading of docs/operations.md
#     4. every metric the rules read is registered in src/ (or is one of PENDING below, the
#        metrics the server is being extended to export, or a Prometheus built-in)
#     5. resources/grafana/sluice-dashboard.json loads as JSON, uses the ${DS_PROMETHEUS}
#        data source and the instance/cohort variables, has an alert list, and every panel's
#        expr names only metrics that the rules file names or records, or that are in the given
#        list: the sluice_ metrics src/server registers, PENDING and KNOWN below
#
#   scripts/check-monitoring.sh --metrics URL   a running server's /metrics:
#     fetched with curl (URL without a path gets /metrics) and piped to `promtool check
#     metrics`. Every problem promtool reports is a failure, lint warnings included: the server
#     writes HELP and TYPE for every family and its names follow the conventions, so a missing
#     HELP, a counter without _total or a unit-less name is a regression, and metric names are
#     an interface the rules and dashboards depend on. Then every metric the rules read must be
#     in the scrape: an alert that reads a series the server does not export never fires.
#
# Exit 0 when everything passes, 1 on any failure, 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."

RULES=resources/prometheus/sluice.rules.yml
TESTS=resources/prometheus/sluice.rules.test.yml
DASHBOARD=resources/grafana/sluice-dashboard.json
GUIDE=docs/operations.md

# Read by the rules and dashboard, not (yet) registered in src/: the server is being extended to
# export them. Keep in step with the header of sluice.rules.yml.
PENDING="sluice_cohort_state sluice_cohort_rate_ceiling sluice_ready
process_start_time_seconds process_resident_memory_bytes process_virtual_memory_bytes
process_cpu_seconds_total process_open_fds process_max_fds"
# Series Prometheus makes itself.
KNOWN="up ALERTS ALERTS_FOR_STATE"

usage() {
  echo "usage: scripts/check-monitoring.sh [--metrics URL]" >&2
  exit 2
}

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "check-monitoring: $1 is not installed ($2)" >&2
    exit 1
  }
}

need promtool "apt-get install prometheus, or scripts/install-deps.sh"
need python3 "apt-get install python3"

# The checks written in Python, shared by both modes: python3 -c "$CHECKER" static|live ...
read -r -d '' CHECKER <<'PY' || true
import json, os, re, sys
try:
    import yaml
except ImportError:
    sys.exit("FAIL: python3 has no yaml module (apt-get install python3-yaml)")

failures = []
def fail(msg):
    failures.append(msg)

def names_in(expr):
    """Metric names an expression reads: identifiers that are not functions, keywords, label
    names (in braces or grouping clauses), strings, ranges or Grafana variables."""
    s = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    s = re.sub(r"'(?:[^'\\]|\\.)*'", "''", s)
    s = re.sub(r"\{[^}]*\}", " ", s)
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    out = set()
    for m in re.finditer(r"(?<![\w:.$])([A-Za-z_:][\w:]*)(\s*\()?", s):
        if not m.group(2) and m.group(1).lower() not in {"and", "or", "unless", "bool", "offset", "inf", "nan", "atan2"}:
            out.add(m.group(1))
    return out

def report(start, msg):
    """One line per check: ok, or FAIL when the check added failures (listed at the end)."""
    print(("ok   " if len(failures) == start else "FAIL ") + msg)

def base(name):
    return re.sub(r"_(bucket|sum|count)$", "", name)

def rule_names(rules_path):
    """(recorded names, names the rules read, alert rules as (group, rule))."""
    doc = yaml.safe_load(open(rules_path))
    recorded, read, alerts = set(), set(), []
    for g in doc["groups"]:
        for r in g["rules"]:
            if "record" in r:
                recorded.add(r["record"])
            read |= names_in(r["expr"])
            if "alert" in r:
                alerts.append((g["name"], r))
    return recorded, read, alerts

def live(rules_path, metrics_path):
    recorded, read, _ = rule_names(rules_path)
    read -= recorded | {"up", "ALERTS", "ALERTS_FOR_STATE"}
    exported = set()
    for line in open(metrics_path):
        if line.strip() and not line.startswith("#"):
            exported.add(re.match(r"[A-Za-z_:][\w:]*", line).group(0))
    missing = sorted(n for n in read if n not in exported)
    if missing:
        print("FAIL: the rules read metrics this server does not export (alerts on them never fire):",
              file=sys.stderr)
        for n in missing:
            print("  " + n, file=sys.stderr)
        sys.exit(1)
    print(f"ok   all {len(read)} metrics the rules read are exported")

def static(rules_path, tests_path, dash_path, guide_path):
    pending = set(os.environ["PENDING"].split())
    known = set(os.environ["KNOWN"].split())
    registered = set(os.environ["REGISTERED"].split())
    if not registered:
        fail("found no sluice_ metric registrations in src/server")

    # --- the guide's anchors (GitHub's heading slugs, plus explicit <a id=...>)
    anchors = set()
    seen = {}
    fenced = False
    for line in open(guide_path, encoding="utf-8"):
        if line.startswith("```"):
            fenced = not fenced
        m = None if fenced else re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            slug = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            anchors.add(slug if n == 0 else f"{slug}-{n}")
        for a in re.findall(r'<a\s+(?:id|name)="([^"]+)"', line):
            anchors.add(a)

    # --- rules
    n0 = len(failures)
    recorded, read, alerts = rule_names(rules_path)
    for group, r in alerts:
        name = r["alert"]
        sev = (r.get("labels") or {}).get("severity")
        if sev not in ("critical", "warning"):
            fail(f"alert {name}: severity label must be critical or warning, is {sev!r}")
        ann = r.get("annotations") or {}
        for key in ("summary", "description", "runbook_url"):
            if not str(ann.get(key, "")).strip():
                fail(f"alert {name}: no {key} annotation")
        url = str(ann.get("runbook_url", ""))
        anchor = url.split("#", 1)[1] if "#" in url else ""
        if not url.split("#", 1)[0].endswith("operations.md") or not anchor:
            fail(f"alert {name}: runbook_url {url!r} does not point at an operations.md anchor")
        elif anchor not in anchors:
            fail(f"alert {name}: {guide_path} has no heading for #{anchor}")
        elif anchor != name.lower():
            fail(f"alert {name}: runbook anchor #{anchor} should be #{name.lower()}")
    pairs = [(r["alert"], r["labels"]["severity"]) for _, r in alerts if r.get("labels")]
    for p in sorted(set(pairs)):
        if pairs.count(p) > 1:
            fail(f"alert {p[0]} has two rules with severity {p[1]}")
    alert_names = sorted({r["alert"] for _, r in alerts})
    report(n0, f"{len(recorded)} recording rules, {len(alerts)} alert rules ({len(alert_names)} names), "
               f"each with severity, summary, description and a runbook anchor in {guide_path}")

    # --- every alert is exercised by the unit tests, firing at least once
    n0 = len(failures)
    tdoc = yaml.safe_load(open(tests_path))
    fired = set()
    for t in tdoc.get("tests", []):
        for a in t.get("alert_rule_test", []) or []:
            if a.get("exp_alerts"):
                fired.add(a["alertname"])
    for name in alert_names:
        if name not in fired:
            fail(f"alert {name}: no unit test in {tests_path} expects it to fire")
    report(n0, f"every alert has a unit test that makes it fire ({len(fired & set(alert_names))}/{len(alert_names)})")

    # --- metric names the rules read exist (or are announced)
    n0 = len(failures)
    source_names = read - recorded - known
    unknown = sorted(n for n in source_names if base(n) not in registered and n not in registered and n not in pending)
    for n in unknown:
        fail(f"{rules_path} reads {n}: not registered in src/server, not in PENDING (typo?)")
    waiting = sorted(n for n in source_names if n in pending and n not in registered)
    report(n0, f"the rules read {len(source_names)} metrics; all registered in src/server"
               + (f" except the announced {', '.join(waiting)}" if waiting else ""))

    # --- dashboard
    n0 = len(failures)
    try:
        dash = json.load(open(dash_path, encoding="utf-8"))
    except ValueError as e:
        fail(f"{dash_path}: not valid JSON: {e}")
        dash = {}
    # What a panel may read: what the rules file names or records, and the given list: the
    # metrics src/server registers (histograms with their _bucket/_sum/_count series), the
    # announced PENDING ones and Prometheus's own (KNOWN).
    given = registered | pending | known
    given |= {n + s for n in registered for s in ("_bucket", "_sum", "_count")}
    allowed = read | recorded | given
    for key in ("title", "uid", "panels", "templating", "schemaVersion"):
        if key not in dash:
            fail(f"{dash_path}: no {key}")
    if not 36 <= int(dash.get("schemaVersion", 0)) <= 39:
        fail(f"{dash_path}: schemaVersion {dash.get('schemaVersion')} (expected about 38)")
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    ds = variables.get("DS_PROMETHEUS")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        fail(f"{dash_path}: no DS_PROMETHEUS data-source variable of type prometheus")
    for v in ("instance", "cohort"):
        q = variables.get(v, {}).get("definition", "")
        if not q.startswith("label_values("):
            fail(f"{dash_path}: no {v} variable from label_values(...)")
        for n in names_in(q.replace("label_values(", "(", 1).rsplit(",", 1)[0] + ")"):
            if n not in allowed:
                fail(f"{dash_path}: variable {v} reads {n}, which is neither in the rules file nor known")

    def walk(panels):
        for p in panels:
            yield p
            yield from walk(p.get("panels", []))

    ids, exprs, kinds = set(), 0, {}
    for p in walk(dash.get("panels", [])):
        title = p.get("title", "?")
        kinds[p.get("type")] = kinds.get(p.get("type"), 0) + 1
        if p.get("id") in ids:
            fail(f"{dash_path}: panel id {p.get('id')} used twice")
        ids.add(p.get("id"))
        if "gridPos" not in p:
            fail(f"{dash_path}: panel {title!r} has no gridPos")
        if p.get("type") in ("row", "alertlist"):
            continue
        if p.get("datasource", {}).get("uid") != "${DS_PROMETHEUS}":
            fail(f"{dash_path}: panel {title!r} does not use the ${{DS_PROMETHEUS}} data source")
        if not p.get("targets"):
            fail(f"{dash_path}: panel {title!r} has no query")
        for t in p.get("targets", []):
            if t.get("datasource", {}).get("uid") != "${DS_PROMETHEUS}":
                fail(f"{dash_path}: panel {title!r} query {t.get('refId')} does not use ${{DS_PROMETHEUS}}")
            exprs += 1
            for n in names_in(t.get("expr", "")):
                if n not in allowed:
                    fail(f"{dash_path}: panel {title!r} reads {n}: not in the rules file, not registered "
                         f"in src/server, not in PENDING or KNOWN (scripts/check-monitoring.sh)")
    for a in dash.get("annotations", {}).get("list", []):
        for n in names_in(a.get("expr", "")):
            if n not in allowed:
                fail(f"{dash_path}: annotation {a.get('name')!r} reads {n}, which is neither in the rules file nor known")
    if "alertlist" not in kinds:
        fail(f"{dash_path}: no alert-list panel")
    report(n0, f"{dash_path}: {sum(kinds.values())} panels ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}), "
               f"{exprs} queries; every metric they read is in the rules file or the given list")

    if failures:
        for f in failures:
            print("FAIL: " + f, file=sys.stderr)
        sys.exit(1)

if sys.argv[1] == "live":
    live(*sys.argv[2:])
else:
    static(*sys.argv[2:])
PY

# ------------------------------------------------------------------ live /metrics
if [[ $# -gt 0 ]]; then
  [[ $1 == --metrics && $# -eq 2 ]] || usage
  need curl "apt-get install curl"
  url=$2
  [[ $url =~ ^https?://[^/]+/.+ ]] || url="${url%/}/metrics"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  echo "check-monitoring: fetching $url"
  if ! curl -fsS --max-time 10 -o "$tmp/metrics.txt" "$url"; then
    echo "FAIL: could not fetch $url" >&2
    exit 1
  fi
  echo "check-monitoring: $(grep -vc '^#' "$tmp/metrics.txt" || true) samples, $(grep -c '^# TYPE' "$tmp/metrics.txt" || true) families"
  rc=0
  promtool check metrics <"$tmp/metrics.txt" >"$tmp/lint.txt" 2>&1 || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "FAIL: promtool check metrics (exit $rc):" >&2
    sed 's/^/  /' "$tmp/lint.txt" >&2
    exit 1
  fi
  echo "ok   promtool check metrics: no problems"
  python3 -c "$CHECKER" live "$RULES" "$tmp/metrics.txt"
  echo "check-monitoring: live metrics OK"
  exit 0
fi

# ------------------------------------------------------------------ static checks
for f in "$RULES" "$TESTS" "$DASHBOARD" "$GUIDE"; do
  [[ -f $f ]] || { echo "FAIL: $f is missing" >&2; exit 1; }
done

echo "== promtool check rules $RULES"
promtool check rules "$RULES"
echo "== promtool test rules $TESTS"
promtool test rules "$TESTS"

echo "== alerts, runbooks, metric names, dashboard"
# Metric names the server registers: string literals in src/server that name a sluice_ metric.
registered=$(grep -rhoE '"sluice_[a-z0-9_]+"' src/server | tr -d '"' | sort -u | tr '\n' ' ')
PENDING="$PENDING" KNOWN="$KNOWN" REGISTERED="$registered" \
  python3 -c "$CHECKER" static "$RULES" "$TESTS" "$DASHBOARD" "$GUIDE"
echo "check-monitoring: all checks passed"
