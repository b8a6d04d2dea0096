"""Views of a record for a person: the HTML record card, the entity view, and the text helpers they share.

``record_html`` (the card behind ``Record._repr_html_``), ``entities`` (displaCy-style entities
taken from the record), ``clip`` (shortening text between words) and ``scoped_css`` (styles that
stay inside their own block in Jupyter and on a page). The layer sits just below export, batch
and the collection, which show these views; ``graph_view.js`` is the script of the graph page.
"""
