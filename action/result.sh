#!/usr/bin/env bash
# action.yml, last step: fail the job when validate found problems (exit 1) or could not read the plan (2),
# or when the diff's budget gate tripped (1) or the diff could not be made (2).
set -uo pipefail

failed=0
case "${CCM_PLAN_VALIDATE_EXIT:-}" in
  0) ;;
  1) echo "::error title=ccm-plan validate::the plan has problems (see the annotations above)"; failed=1 ;;
  *) echo "::error title=ccm-plan validate::the plan could not be checked (exit ${CCM_PLAN_VALIDATE_EXIT:-none})"; failed=1 ;;
esac
case "${CCM_PLAN_DIFF_EXIT:-}" in
  "" | 0) ;;
  1) echo "::error title=ccm-plan diff::a review gate failed (fail-above, fail-below, transfer limits): see the diff"; failed=1 ;;
  *) echo "::error title=ccm-plan diff::the diff could not be made (exit $CCM_PLAN_DIFF_EXIT; is the base revision fetched?)"; failed=1 ;;
esac
exit "$failed"
