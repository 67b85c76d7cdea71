"""A `DataTable` whose columns all have a given width: nothing to measure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class FixedColumnsTable(DataTable[Any]):
    """A `DataTable` that skips measuring its cells when every column has a width of its
    own and no row has a label or an automatic height: then each cell's measured width is
    never used, yet `DataTable` measures every cell of every new row when it is idle —
    for the workbench's 150 people a tenth of its first drawing
    (benchmarks/network_map.py). Anything else is measured as `DataTable` does.

    It overrides a private method of Textual 8.2 (`_update_dimensions`, whose end it
    repeats); tests/app/test_network_workbench.py checks that it gives the size
    `DataTable` gives.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        rows = list(new_rows)
        measured = any(column.auto_width for column in self.columns.values()) or any(
            (row := self.rows.get(key)) is not None and (row.label is not None or row.auto_height)
            for key in rows
        )
        if measured:
            super()._update_dimensions(rows)
            return
        data_cells_width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            data_cells_width + self._row_label_column_width,
            self._total_row_height + header_height,
        )
