"""The operation page's panes: markers in the Markdown, joined into elements after conversion."""

from __future__ import annotations

from mkdocs_runs_api.build.panes import ASIDE_CLOSE, PANES_CLOSE, PANES_OPEN, join_panes


def test_markers_become_the_aside_and_the_main_pane():
    html = f"<h1>T</h1>{PANES_OPEN}<h2>Request</h2>{ASIDE_CLOSE}<h2>Parameters</h2>{PANES_CLOSE}"
    assert join_panes(html) == (
        '<h1>T</h1><div class="runs-api-panes"><aside class="runs-api-aside" data-runs-api-aside>'
        '<h2>Request</h2></aside><div class="runs-api-main"><h2>Parameters</h2></div></div>'
    )


def test_markers_missing_repeated_or_out_of_order_leave_the_page_alone():
    for html in (
        f"{PANES_OPEN}<p>a</p>{PANES_CLOSE}",  # a template override dropped one
        f"{PANES_OPEN}{ASIDE_CLOSE}{ASIDE_CLOSE}{PANES_CLOSE}",
        f"{ASIDE_CLOSE}{PANES_OPEN}{PANES_CLOSE}",
        f"<pre>{PANES_OPEN}</pre>{PANES_OPEN}{ASIDE_CLOSE}{PANES_CLOSE}",
    ):
        assert join_panes(html) == html
