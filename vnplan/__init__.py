"""vnplan: read Vietnamese government plan documents and turn them into data.

    >>> import vnplan
    >>> doc = vnplan.read("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec = vnplan.extract("corpus/seeds/000_28b0c8e4ade0a855.txt")  # doctest: +SKIP
    >>> rec.symbol  # doctest: +SKIP
    'KH-UBND'
"""
from __future__ import annotations

from vnplan import (  # noqa: F401  (they register Document.from_text and doc.outline)  # noqa: E402,F401  (they register the views and the .sqlite records format)
    export,
    nlp,
    normalize,
    store,
    structure,
)

# The verbs are bound here, after their subpackages load: a subpackage named like its verb
# (vnplan.extract, vnplan.link, vnplan.compare) would otherwise shadow the function once imported.
# Each subpackage's __init__ is light; heavy libraries load on first call.
from vnplan.annotate import annotate
from vnplan.batch import extract_many, to_dataframe
from vnplan.collection import load
from vnplan.compare import check, check_many, compare
from vnplan.document import Document
from vnplan.errors import VnplanError
from vnplan.extract import extract
from vnplan.i18n import set_lang
from vnplan.link import link
from vnplan.read import read
from vnplan.record import Record

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Record",
    "VnplanError",
    "__version__",
    "annotate",
    "check",
    "check_many",
    "compare",
    "extract",
    "extract_many",
    "link",
    "load",
    "nlp",
    "read",
    "set_lang",
    "to_dataframe",
]
