"""The grid's placements are classes in a static stylesheet (no inline style under the CSP): the
file is what `grid_stylesheet()` writes, and covers every placement a whole day can need."""

from pathlib import Path

from campus.timetables import grid

STATIC = Path(grid.__file__).parent / "static" / grid.STYLESHEET


def test_the_static_file_is_the_generated_one():
    assert STATIC.read_text() == grid.grid_stylesheet()


def test_a_whole_week_from_midnight_to_midnight_has_a_class_for_every_placement():
    whole = grid.grid_of([grid.Block("밤샘", day, 0, 24 * 60) for day in range(7)])
    css = grid.grid_stylesheet()
    assert f".tt-grid.rows-{whole.rows} " in css and f".tt-grid.days-{len(whole.days)} " in css
    for block in whole.blocks:
        for name in (f"gc-{block.column}", f"gr-{block.row_start}", f"ge-{block.row_end}"):
            assert f".{name} {{" in css, name
    assert all(f".gr-{row} {{" in css for row, _ in whole.hours)
