"""Exports of vnplan results; for the citation graph see `vnplan.export.graph_formats`.

    >>> from vnplan.export import write_graph, FORMATS
    >>> sorted(set(FORMATS.values()))
    ['csv', 'cyjs', 'dot', 'gexf', 'graphml', 'html', 'json']
"""
from __future__ import annotations

from vnplan.export.graph_formats import FORMATS, cytoscape_json, format_of, node_link, to_dot, write_graph
from vnplan.export.graph_html import graph_html

__all__ = ["FORMATS", "cytoscape_json", "format_of", "graph_html", "node_link", "to_dot", "write_graph"]
