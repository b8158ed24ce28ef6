"""action.yml, step "comment": post the plan diff on the pull request, or update the comment posted before.

One comment per pull request, found again by the hidden marker on its first line, so every push refreshes it
instead of adding another. Uses the `gh` command line (on every GitHub-hosted runner) with GH_TOKEN.

The comment always describes the current push:
- GitHub refuses a comment longer than 65,536 characters. A longer diff is shortened to fit (`bounded`): the
  headline, the budget gates, the changed figures and the totals come first in the diff and are kept; the text
  changes, last, go first, replaced by a note that points to the job summary, where the whole diff is.
- A comment that cannot be posted fails the step (exit 1), so an outdated comment never passes for the current
  one. One exception, a warning: a pull request from a fork gets a read-only token (GitHub answers 403 "Resource
  not accessible by integration"), and there is then no earlier comment of ours to go stale.

Environment: GITHUB_REPOSITORY, GITHUB_EVENT_PATH (the pull_request event), CCM_PLAN_DIFF_FILE, GH_TOKEN;
GITHUB_SERVER_URL and GITHUB_RUN_ID for the link to the job summary.
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
LIMIT = 65_536  # GitHub's limit on a comment body, in characters (counted here in UTF-16 units, never fewer)
TEXTS = "\n<details><summary>Texts:"


class CommentError(RuntimeError):
    """`gh` failed; `forbidden` when GitHub refused the token (a pull request from a fork)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.forbidden = "HTTP 403" in message or "not accessible by integration" in message


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
        raise CommentError((completed.stderr or completed.stdout).strip() or f"gh exited {completed.returncode}")
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


def size(text: str) -> int:
    """Characters as GitHub may count them: UTF-16 units (a character outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def bounded(diff: str, summary: str, limit: int = LIMIT) -> str:
    """The comment body: the marker and the diff, shortened to `limit` characters when it is longer.

    First the text changes (the diff's last part) are left out; if the rest is still too long, it is cut at the
    last whole line that fits (an open code fence or <details> is closed). Either way a note says what was left
    out and points to `summary`, where the whole diff is.
    """
    body = f"{MARKER}\n{diff}"
    if size(body) <= limit:
        return body
    start = diff.find(TEXTS)
    if start != -1:
        note = (
            f"\n\n> The text changes are not shown here: the whole diff is {size(diff):,} characters and a comment "
            f"holds {limit:,}. They are in the job summary: {summary}.\n"
        )
        body = f"{MARKER}\n{diff[:start].rstrip()}{note}"
        if size(body) <= limit:
            return body
    note = (
        f"\n\n> This comment is cut short: the whole diff is {size(diff):,} characters and a comment holds "
        f"{limit:,}. The rest, and the text changes, are in the job summary: {summary}.\n"
    )
    kept: list[str] = []
    used = size(MARKER) + 1 + size(note) + 40  # room for closing a fence and a <details>
    fence, details = "", 0
    for line in diff[: start if start != -1 else len(diff)].split("\n"):
        if used + size(line) + 1 > limit:
            break
        kept.append(line)
        used += size(line) + 1
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = "" if fence else stripped[: len(stripped) - len(stripped.lstrip("`"))]
        elif stripped.startswith("<details>"):
            details += 1
        elif stripped == "</details>":
            details -= 1
    closing = ([fence] if fence else []) + ["</details>"] * max(details, 0)
    return f"{MARKER}\n" + "\n".join([*kept, *closing]).rstrip() + note


def summary_link() -> str:
    server, repo, run = (os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repo and run:
        return f"{server}/{repo}/actions/runs/{run}"
    return "the summary of this workflow run"


def main() -> int:
    repo = os.environ["GITHUB_REPOSITORY"]
    event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    pull_request = event.get("pull_request")
    if not pull_request:
        print("ccm-plan: not a pull request; no comment")
        return 0
    number = int(pull_request["number"])
    body = bounded(Path(os.environ["CCM_PLAN_DIFF_FILE"]).read_text(encoding="utf-8"), summary_link())
    found: int | None = None
    try:
        found = existing_comment(repo, number)
        if found is None:
            gh_api("--method", "POST", f"repos/{repo}/issues/{number}/comments", payload={"body": body})
            print(f"ccm-plan: posted the plan diff on pull request #{number}")
        else:
            gh_api("--method", "PATCH", f"repos/{repo}/issues/comments/{found}", payload={"body": body})
            print(f"ccm-plan: updated the plan diff comment on pull request #{number}")
    except CommentError as error:
        message = str(error).replace("\n", " ")
        if error.forbidden and found is None:
            print(f"::warning title=ccm-plan comment::could not comment ({message}); the diff is in the job summary")
            return 0
        stale = " the comment on the pull request still shows an earlier push;" if found is not None else ""
        print(f"::error title=ccm-plan comment::could not comment ({message});{stale} the diff is in the job summary")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
