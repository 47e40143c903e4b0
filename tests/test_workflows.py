"""The GitHub Actions workflows are safe for strangers' pull requests (issue 28): zizmor, pinned in
requirements-test.txt and run offline, reports no findings; every action is pinned to a full
commit hash with its version in a comment; permissions are given per job; no checkout keeps
credentials; the tests run on ``pull_request``, never ``pull_request_target``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
USES_RE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(.*)$", re.M)


def test_zizmor_reports_no_findings_offline():
    done = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version():
    uses = [match for path in WORKFLOWS for match in USES_RE.finditer(path.read_text(encoding="utf-8"))]
    assert uses
    for match in uses:
        action, ref, comment = match.groups()
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action}@{ref} 没有固定到完整的提交哈希"
        assert re.fullmatch(r"\s+#\s*v\d+(\.\d+)*", comment), f"{action}@{ref} 后面没有写版本注释"


def test_permissions_per_job_and_no_kept_credentials():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get("on", workflow.get(True))
        assert "pull_request_target" not in triggers, path.name
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: {name}"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"
    test = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    assert "pull_request" in test.get("on", test.get(True))
