"""Prints how many public ops the conformance suite exercises at the end of a run."""


def pytest_terminal_summary(terminalreporter):
    if not any(str(arg).rstrip("/").endswith(("tests/ops", "tests")) or "tests/ops" in str(arg)
               for arg in terminalreporter.config.args):
        return
    from tests.ops.test_coverage import coverage_report

    public, covered, missing = coverage_report()
    terminalreporter.write_line(
        f"frontend.ops conformance ({__import__('frontend').backend.backend()}): "
        f"{len(covered)} of {len(public)} public ops exercised" + (f"; missing: {missing}" if missing else "")
    )
