"""The offline explorer: ``vnplan site ARCHIVE -o site/`` writes a static site that opens from ``file://``.

Pages: an index of every document (sortable, filterable, searchable with
Vietnamese folding), a page per document (record card, text with the extracted
values marked, citations both ways, warnings), a cascade page per directive, a
compliance page per template → local pair of a cascade, and the citation graph.
Vietnamese by default, with an English switch.  The JavaScript libraries are
vendored (`vnplan/site/vendor/`); nothing is fetched from the network.

    >>> import vnplan.site
    >>> print(vnplan.site.build_site("archive.sqlite", "site"))  # doctest: +SKIP
    site: 213 văn bản, 6 chuỗi triển khai, 6 trang kiểm tra, 6.9 MB trong 8.7 giây
"""
from __future__ import annotations

from vnplan.site.build import SiteSummary, build_site, write_site
from vnplan.site.inputs import Archive, read_archive
from vnplan.site.model import SiteModel, build_model, page_id

__all__ = ["Archive", "SiteModel", "SiteSummary", "build_model", "build_site", "page_id", "read_archive", "write_site"]
