# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Quick start: one plan, from PDF to record
#
# Read one plan of the bundled corpus, extract its record, and look at it: the fields, where each
# value came from in the source, and the entities (document numbers, dates, agencies, people) that
# vnplan's spaCy component finds. The document is *Kế hoạch 173/KH-UBND* of UBND Thành phố Hà Nội,
# a born-digital PDF.

# %%
import os
from pathlib import Path

root = Path.cwd()
while not (root / "pyproject.toml").exists() and root != root.parent:
    root = root.parent
os.chdir(root)          # every path below is relative to the repository

import pandas as pd
import vnplan
from IPython.display import HTML, display
from vnplan.plaintext import clip      # shortens text between words, never inside one

# text reads left-aligned; long cells are shortened with `clip` where they are made, not cut by pandas
display(HTML("<style>.dataframe td, .dataframe th { text-align: left !important; vertical-align: top; }</style>"))
pd.set_option("display.max_colwidth", None)
vnplan.__version__

# %% [markdown]
# ## Read
#
# `vnplan.read` gives the normalised text with its structure (header, preamble, body, closing);
# every character maps back to a page of the PDF.

# %%
path = "corpus/real/001_kh-173-ubnd-tp-hanoi-festival-thang-long-2026.pdf"
doc = vnplan.read(path)
doc

# %%
header = doc.outline.header
print(header.number_line.text, "|", header.place_date_line.text, "|", header.title.text)
print(doc.text[:600])

# %% [markdown]
# ## Extract
#
# `vnplan.extract` turns the document into a record. In Jupyter the record shows itself as a
# card; the grey brackets say where a value was found (page and region of the page).

# %%
rec = vnplan.extract(path)
rec

# %% [markdown]
# Its plain `repr` stays one line, and every field is an attribute:

# %%
print(repr(rec))
rec.number, rec.symbol, rec.issue_date, rec.issuer["name"], rec.issuer["level"], rec.signer["name"]

# %% [markdown]
# ## Where each value comes from
#
# `rec.provenance` gives, for each field, its span in the normalised text and its place in the
# source. The source snippet is the text under that span:

# %%
pd.DataFrame([
    {"field": name, "page": where.get("page"), "paragraph": where.get("paragraph"),
     "source snippet": clip(doc.text[slice(*where["span"])], 90)}
    for name, where in rec.provenance.items() if isinstance(where, dict)
])

# %% [markdown]
# ## Lists: citations, activities, responsibilities, deadlines
#
# Each list is a list of plain dicts, so it becomes a DataFrame in one call. The citations are the
# directives the plan carries out (*thực hiện*), its legal basis (*căn cứ*) and documents it
# mentions.

# %%
pd.DataFrame(rec.citations)[["relation", "doc_type", "number", "symbol", "date", "issuer"]]

# %%
pd.DataFrame({"activity": [clip(a["text"], 110) for a in rec.activities],
              "page": [a["provenance"]["page"] for a in rec.activities]}).head(8)

# %%
pd.DataFrame({"agency": [r["agency"] for r in rec.responsibilities],
              "tasks": [len(r["tasks"]) for r in rec.responsibilities]}).sort_values("tasks", ascending=False)

# %%
pd.DataFrame(rec.deadlines)[["date", "text"]]

# %% [markdown]
# ## Entities, displaCy-style
#
# `entity_view` highlights what the record found, where it found it: the issuer (*cơ quan*), the
# place of issue (*địa danh*), the signer (*người ký*), every agency given tasks in the
# responsibilities, whole and wherever it is named again, the cited documents (*văn bản*) and the
# dates. The spans come from the record, not from a statistical tagger, so `Văn Miếu – Quốc Tử
# Giám` is not a person and `Sở Văn hóa và Thể thao` is not cut after `Sở Văn hóa`. Here: the
# header and the preamble, then the first responsibilities, then the signature.

# %%
from vnplan.export.entity_view import entity_view, record_entities

preamble_end = doc.outline.preamble[-1].span.end
entity_view(rec, doc, 0, preamble_end)

# %%
first = rec.responsibilities[0]["provenance"]["span"][0]
entity_view(rec, doc, first, doc.text.index("\n", first + 600))      # to the end of a line

# %%
closing = doc.outline.closing.span
entity_view(rec, doc, closing.start - 160, closing.end)

# %% [markdown]
# The same entities as data, counted over the whole document, with the record field each comes from:

# %%
table = pd.DataFrame([(e.label, e.field, doc.text[e.start:e.end].replace("\n", " "))
                      for e in record_entities(rec, doc.text)], columns=["label", "field", "text"])
table.groupby(["label", "field"])["text"].agg(count="size",
                                              examples=lambda s: " · ".join(s.drop_duplicates().head(3)))

# %% [markdown]
# Next: [02-archive-analysis](02-archive-analysis.ipynb) does the same for the whole corpus at
# once, as DataFrames.
