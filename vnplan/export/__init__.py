"""Every writer and view of vnplan results, in one package: files for programs, pages and tables for people.

Records files: `records` (JSON Lines, CSV, Parquet; read back too), `excel` (one sheet per table),
`outfile` (atomic, claimed output files). The citation graph: `graph_formats` (GraphML, GEXF, JSON,
Cytoscape, CSV, DOT), `graph_html` (the offline interactive page, with ``graph_view.js``),
`graph_tables` (nodes and edges as DataFrames), `cascade_html` (a directive's cascade). A record:
`record_card` (the HTML card of ``Record._repr_html_``), `entity_view` (displaCy-style entities),
`outline` (the document structure as data and as text). A comparison: `compare_text` (text and
Markdown), `compare_html` (diff and report pages), `compare_table_html` (one template against many
local plans). `scoped_css` keeps each view's styles inside its own block.

Loading the package registers the views with `vnplan.views`, where the values below this layer
(records, diffs, reports, cascades, graphs) find them.

    >>> from vnplan.export import write_graph, FORMATS
    >>> sorted(set(FORMATS.values()))
    ['csv', 'cyjs', 'dot', 'gexf', 'graphml', 'html', 'json']
"""
from __future__ import annotations

from vnplan.export import (  # noqa: F401  (each registers its views with vnplan.views)
    cascade_html,
    compare_html,
    compare_table_html,
    compare_text,
    excel,
    record_card,
)
from vnplan.export.graph_formats import FORMATS, cytoscape_json, format_of, node_link, to_dot, write_graph
from vnplan.export.graph_html import graph_html

__all__ = ["FORMATS", "cytoscape_json", "format_of", "graph_html", "node_link", "to_dot", "write_graph"]
