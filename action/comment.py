"""action.yml, step "comment": post the plan diff on the pull request, or update the comment posted before.

One comment per pull request, found again by the hidden marker on its first line, so every push refreshes it
instead of adding another. Uses the `gh` command line (on every GitHub-hosted runner) with GH_TOKEN. A comment
that cannot be posted (a pull request from a fork gets a read-only token) is a warning, never a failed check:
the diff is in the job summary as well.

Environment: GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the pull_request event), CCM_PLAN_DIFF_FILE, GH_TOKEN.
Standard library only: it runs on the action's Python before anything else is installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

MARKER = "<!-- ccm-plan-diff -->"


def gh_api(*args: str, payload: dict[str, Any] | None = None) -> str:
    command = ["gh", "api", *args]
    if payload is not None:
        command += ["--input", "-"]
    completed = subprocess.run(
        command,
        input=json.dumps(payload) if payload is not None else None,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError((completed.stderr or completed.stdout).strip() or f"gh exited {completed.returncode}")
    return completed.stdout


def json_values(text: str) -> list[Any]:
    """`gh api --paginate` prints one JSON array per page, one after the other: read them all."""
    decoder, values, index = json.JSONDecoder(), [], 0
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        value, index = decoder.raw_decode(text, index)
        values.append(value)
    return values


def existing_comment(repo: str, number: int) -> int | None:
    pages = json_values(gh_api("--paginate", f"repos/{repo}/issues/{number}/comments?per_page=100"))
    for page in pages:
        for comment in page:
            if str(comment.get("body", "")).startswith(MARKER):
                return int(comment["id"])
    return None


def main() -> int:
    repo = os.environ["GITHUB_REPOSITORY"]
    event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    pull_request = event.get("pull_request")
    if not pull_request:
        print("ccm-plan: not a pull request; no comment")
        return 0
    number = int(pull_request["number"])
    body = f"{MARKER}\n{Path(os.environ['CCM_PLAN_DIFF_FILE']).read_text(encoding='utf-8')}"
    try:
        found = existing_comment(repo, number)
        if found is None:
            gh_api("--method", "POST", f"repos/{repo}/issues/{number}/comments", payload={"body": body})
            print(f"ccm-plan: posted the plan diff on pull request #{number}")
        else:
            gh_api("--method", "PATCH", f"repos/{repo}/issues/comments/{found}", payload={"body": body})
            print(f"ccm-plan: updated the plan diff comment on pull request #{number}")
    except RuntimeError as error:
        message = str(error).replace("\n", " ")
        print(f"::warning title=ccm-plan comment::could not comment ({message}); the diff is in the job summary")
    return 0


if __name__ == "__main__":
    sys.exit(main())
