#!/usr/bin/env bash
# action.yml, step "diff": what this change does to the plan, as Markdown for a pull-request comment and the
# job summary, with the optional review gates (--fail-above, --warn-above, --fail-below, the transfer limits: their -pct forms too). The exit code is recorded for
# the "result" step. The base is the `base` input, or origin/<base branch> on a pull request.
set -uo pipefail

base="${CCM_PLAN_BASE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/$GITHUB_BASE_REF"
fi
if [ -z "$base" ] || [ "$base" = "none" ]; then
  echo "ccm-plan: no diff (not a pull request, and no 'base' input)"
  echo "ran=false" >>"$GITHUB_OUTPUT"
  exit 0
fi

# actions/checkout fetches one commit by default: fetch the base's commit too (its tree is all diff reads).
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  case "$base" in
    origin/*) git fetch --quiet --no-tags --depth=1 origin "+refs/heads/${base#origin/}:refs/remotes/$base" || true ;;
    *) git fetch --quiet --no-tags --depth=1 origin "$base" || true ;;
  esac
fi

out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ccm-plan-diff.md"
args=(diff "$base" --plan "$CCM_PLAN_PATH" --format markdown)
# Each gate input, when not empty, becomes its option (diff.sh's variable name → ccm-plan diff's option).
for gate in FAIL_ABOVE FAIL_ABOVE_PCT WARN_ABOVE WARN_ABOVE_PCT FAIL_BELOW FAIL_BELOW_PCT TRANSFER_LIMIT_PCT \
  TRANSFER_AGGREGATE_PCT; do
  variable="CCM_PLAN_$gate"
  if [ -n "${!variable:-}" ]; then
    option="--$(echo "$gate" | tr 'A-Z_' 'a-z-')"
    args+=("$option" "${!variable}")
  fi
done
if [ "${CCM_PLAN_TRANSFER_AUTHORITY:-false}" = "true" ]; then
  args+=(--transfer-authority)
fi
err="${out%.md}.err"
ccm-plan "${args[@]}" >"$out" 2>"$err"
status=$?
cat "$err" >&2
# A warning gate does not fail the job: it becomes a warning annotation (and the comment shows it).
while IFS= read -r line; do
  case "$line" in
    "ccm-plan: warning: "*) echo "::warning title=ccm-plan diff::${line#ccm-plan: warning: }" ;;
  esac
done <"$err"

cat "$out"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out" >>"$GITHUB_STEP_SUMMARY"
fi
{
  echo "ran=true"
  echo "exit-code=$status"
  echo "file=$out"
} >>"$GITHUB_OUTPUT"
