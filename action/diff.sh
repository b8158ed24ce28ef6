#!/usr/bin/env bash
# action.yml, step "diff": what this change does to the plan, as Markdown for a pull-request comment and the
# job summary, with the optional budget gate (--fail-above, --fail-above-pct). The exit code is recorded for
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
if [ -n "${CCM_PLAN_FAIL_ABOVE:-}" ]; then
  args+=(--fail-above "$CCM_PLAN_FAIL_ABOVE")
fi
if [ -n "${CCM_PLAN_FAIL_ABOVE_PCT:-}" ]; then
  args+=(--fail-above-pct "$CCM_PLAN_FAIL_ABOVE_PCT")
fi
ccm-plan "${args[@]}" >"$out"
status=$?

cat "$out"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out" >>"$GITHUB_STEP_SUMMARY"
fi
{
  echo "ran=true"
  echo "exit-code=$status"
  echo "file=$out"
} >>"$GITHUB_OUTPUT"
