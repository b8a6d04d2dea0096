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
# # 02 · The archive as DataFrames
#
# Extract every document of the bundled corpus (5 seed plans and 28 published documents: PDF,
# scanned PDF, DOCX, text) into a records file, load it, and ask questions of it: how many plans
# per level and year, on which themes, how much time a plan leaves before its deadlines, which
# directives are cited most.

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

# %%
# %matplotlib inline
import matplotlib.pyplot as plt

plt.rcParams.update({"figure.dpi": 90, "figure.figsize": (8, 3.6), "axes.spines.top": False,
                     "axes.spines.right": False, "font.size": 10})

# %% [markdown]
# ## Extract the corpus into a records file
#
# `vnplan.batch.extract_to` is `vnplan extract … -o records.jsonl` from Python: parallel, one
# line per file, resumable. Scanned PDFs are read by OCR (cached on disk, so only the first run
# is slow). The file goes to a temporary folder here.

# %%
import tempfile

records_file = Path(tempfile.mkdtemp()) / "records.jsonl"
summary = vnplan.batch.extract_to(["corpus/seeds", "corpus/real"], str(records_file), force=True)
print(summary.total, "files:", summary.extracted, "extracted,", summary.failed, "failed")

# %% [markdown]
# `vnplan.load` reads it back as a collection of records (it also takes a folder, a list of
# folders, or records). In Jupyter it shows itself as a table; `len`, iteration and indexing
# work as for a list.

# %%
plans = vnplan.load(records_file)
print(repr(plans))
plans

# %% [markdown]
# ## One row per document
#
# `to_dataframe()` has the flat record fields, the lists as Python lists, and `province` (today's
# province, after the 2025 merger; blank for central and party bodies).
#
# The corpus holds two documents twice: the PDFs 011 and 012, whose fonts have no Unicode map
# (read by OCR), and their `pdftotext` renders (011b, 012b). We count each document once by
# leaving out the renders.

# %%
df = plans.to_dataframe()
df = df[~df.path.str.endswith(".pdftotext.txt")].reset_index(drop=True)
df["file"] = df.path.str.rsplit("/", n=1).str[-1]
for part in ("citations", "activities", "responsibilities", "deadlines"):
    df["n_" + part] = df[part].str.len()
df[["file", "doc_type", "number", "symbol", "issue_date", "issuer_level", "province",
    "n_citations", "n_activities", "n_deadlines"]]

# %% [markdown]
# ## Plans per level and year
#
# The year is the year of issue; the seed plans print it only in the title or leave the date blank
# (drafts), so some years are unknown.

# %%
df["year"] = df.issue_year.astype("string").fillna("unknown")
by_level_year = pd.crosstab(df.issuer_level, df.year)
by_level_year = by_level_year.loc[[l for l in ("party", "central", "province", "district", "commune")
                                   if l in by_level_year.index]]
by_level_year

# %%
ax = by_level_year.T.plot.bar(stacked=True, rot=0, colormap="tab10")
ax.set(title="Documents per year of issue, by level of the issuer", xlabel="year of issue", ylabel="documents")
ax.legend(title="level", frameon=False, loc="upper left", bbox_to_anchor=(1, 1));

# %%
pd.crosstab(df.doc_type, df.issuer_level, margins=True, margins_name="total")

# %%
ax = df.province.value_counts().sort_values().plot.barh(color="#4c78a8", figsize=(7, 3.6))
ax.set(title="Local documents per province (today's provinces)", xlabel="documents");

# %% [markdown]
# ## Filters
#
# `filter` keeps the records matching every criterion: `level`, `province` (today's province, or
# the one named when the document was issued, before the 2025 merger), `year`, `doc_type`,
# `theme` (words of the stated theme or of the title). Case, diacritics and punctuation do not
# matter.

# %%
plans.filter(level="tỉnh", year=2025)          # a level by its record value or its Vietnamese name

# %% [markdown]
# A value the filter does not know is an error that lists the valid ones, not an empty result:

# %%
try:
    plans.filter(level="thành phố lớn")
except vnplan.VnplanError as err:
    print(err)

# %%
for query in ({"province": "Lào Cai"}, {"province": "lam dong"}, {"level": "central"},
              {"doc_type": "ke hoach", "year": 2025}, {"theme": "ma túy"}, {"theme": "học tập suốt đời"}):
    found = plans.filter(**query)
    print(f"{query!s:40} {len(found):2}  ", clip(", ".join(r.label for r in found), 80))

# %% [markdown]
# ## Themes
#
# A plan states its *chủ đề* (slogan) only sometimes; its title always says what it is about. The
# stated themes, then the most frequent content words of the titles (words segmented with
# underthesea).

# %%
df.loc[df.theme.notna(), ["file", "issue_year", "theme"]]

# %%
from collections import Counter
from underthesea import word_tokenize

stop = {"kế hoạch", "về", "việc", "thực hiện", "triển khai", "của", "và", "các", "năm", "trên", "địa bàn",
        "tỉnh", "thành phố", "ban hành", "công tác", "đến", "trong", "cho", "với", "tổ chức", "số", "giai đoạn",
        "lần", "thứ", "theo", "quyết định", "công văn", "chỉ thị", "nghị quyết", "ngày", "đối với", "tại", "ii"}
words = Counter()
for title in df.title.dropna():
    tokens = {w.lower() for w in word_tokenize(title) if any(c.isalpha() for c in w)}
    words.update(t for t in tokens if t not in stop and len(t) > 2)
top = pd.Series(dict(words.most_common(15))).sort_values()
ax = top.plot.barh(color="#72b7b2", figsize=(7, 4.2))
ax.set(title="Most frequent words in titles (documents using the word)", xlabel="documents");

# %% [markdown]
# ## Deadline lead times
#
# `deadlines()` has one row per deadline, with its lead time in days from the date of issue (blank
# when the plan's date is blank, as in drafts). Most plans leave two weeks to five months; the
# fire-safety decision 1074/QĐ-BXD and the Lào Cai letter passing it on give two years. A
# negative lead time is a date the text quotes from an earlier document.

# %%
keep = lambda t: t[~t.path.str.endswith(".pdftotext.txt")]
deadlines = keep(plans.deadlines())
print(len(deadlines), "deadlines in", deadlines.path.nunique(), "documents;",
      deadlines.lead_days.notna().sum(), "with a known lead time")
deadlines.assign(text=deadlines.text.map(lambda s: clip(s, 70)))[["document", "level", "date", "lead_days", "text"]].head(12)

# %%
lead = deadlines.dropna(subset=["lead_days"])
bins = range(int(lead.lead_days.min()) // 30 * 30, int(lead.lead_days.max()) + 31, 30)
ax = lead.lead_days.astype(float).plot.hist(bins=bins, color="#f58518")
ax.set(title="Days from the date of issue to a deadline", xlabel="days (30-day bins)", ylabel="deadlines");

# %%
(lead.groupby("document").lead_days
     .agg(deadlines="size", first="min", median="median", last="max")
     .sort_values("first"))

# %% [markdown]
# ## Most-cited directives
#
# `citations()` has one row per citation, with the relation: `implements` (*thực hiện*),
# `basis` (*căn cứ*), `proposal` (*xét đề nghị*), `mentions`. Citations of one document are
# printed in many ways (`NĐ-CP` / `NĐCP`, `05` / `5`), so we count by vnplan's matching keys, and
# count citing documents, not mentions.

# %%
from vnplan.link.keys import number_key, symbol_key

cites = keep(plans.citations())
print(len(cites), "citations;", cites.relation.value_counts().to_dict())
cites["key"] = [f"{number_key(n)}/{symbol_key(s)}" for n, s in zip(cites.number, cites.symbol)]
cites["cited"] = [f"{t or ''} {n or '…'}/{s}" for t, n, s in zip(cites.doc_type, cites.number, cites.symbol)]
most = (cites.groupby("key")
             .agg(cited=("cited", "first"), issuer=("issuer", "first"), documents=("path", "nunique"),
                  relations=("relation", lambda r: ", ".join(sorted(set(r)))))
             .sort_values(["documents", "cited"], ascending=[False, True]))
most.head(12).reset_index(drop=True)

# %%
top = most[most.documents >= 2].set_index("cited").documents.sort_values()
ax = top.plot.barh(color="#e45756", figsize=(7, 0.3 * len(top) + 1))
ax.set(title="Documents cited by two or more documents of the corpus", xlabel="citing documents", ylabel="")
ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True));

# %%
levels = ["party", "central", "province", "district", "commune"]
table = pd.crosstab(cites.level, cites.relation).reindex([l for l in levels if l in set(cites.level)])
ax = table.plot.bar(stacked=True, rot=0)
ax.set(title="Citations by level of the citing document", xlabel="", ylabel="citations")
ax.legend(frameon=False);

# %% [markdown]
# ## Who is given the work
#
# `responsibilities()` has one row per agency × task named in a plan's *tổ chức thực hiện*
# (an agency given no task text is one row with a blank `task`).

# %%
resp = keep(plans.responsibilities())
(resp.groupby("agency").agg(plans=("path", "nunique"), tasks=("task", "count"))
     .sort_values(["plans", "tasks"], ascending=False).head(12))

# %% [markdown]
# Deadlines are linked to the activity or the agency whose text states them, where it does:

# %%
dl = keep(plans.deadlines())
dl[dl.activity_index.notna() | dl.agency.notna()][["document", "date", "activity_index", "agency", "text"]].head(8)

# %% [markdown]
# ## What to trust
#
# Every record carries warnings: OCR used, blank number or date (drafts), repaired text. They are
# worth a look before drawing conclusions.

# %%
warnings = keep(plans.warnings())          # one row per warning, with a stable code and a severity
(warnings.groupby(["severity", "code"]).agg(documents=("path", "nunique"), example=("message", "first"))
         .sort_values("documents", ascending=False))

# %% [markdown]
# `recipients()` has one row per Nơi nhận / Kính gửi entry; `to_excel("records.xlsx")` writes every
# table to its own sheet for colleagues who work in Excel.

# %%
keep(plans.recipients()).recipient.value_counts().head(8).to_frame("plans")
