#!/usr/bin/env bash
# action.yml, step "validate": report the plan's findings in the chosen format (annotations by default) and,
# if asked, as SARIF too. The exit code is recorded, not returned: the diff still runs on a plan with problems,
# and the last step ("result") decides whether the job fails.
set -uo pipefail

args=(validate "$CCM_PLAN_PATH" --format "${CCM_PLAN_FORMAT:-github}")
if [ "${CCM_PLAN_STRICT:-false}" = "true" ]; then
  args+=(--strict)
fi
ccm-plan "${args[@]}"
status=$?

if [ -n "${CCM_PLAN_SARIF_FILE:-}" ]; then
  ccm-plan validate "$CCM_PLAN_PATH" --format sarif >"$CCM_PLAN_SARIF_FILE"
  echo "ccm-plan: SARIF written to $CCM_PLAN_SARIF_FILE"
fi

echo "exit-code=$status" >>"$GITHUB_OUTPUT"
