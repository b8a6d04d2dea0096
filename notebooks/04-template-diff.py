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
# # 04 · A local plan against its template
#
# A province writes a plan; a commune writes its own to carry it out. `vnplan.compare(template,
# local)` aligns the two plans' activities and responsibilities one to one (reordered and reworded
# items are found), shows each change as a redline, checks theme, period, deadlines and the
# citation of the template, and measures how much of the template the local plan covers.
# `vnplan.check` gives the compliance verdict.
#
# The seed plans are five local plans for the *Tuần lễ hưởng ứng học tập suốt đời* (lifelong
# learning week), two of them provincial.

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

# %%
seeds = vnplan.load("corpus/seeds")
seeds

# %% [markdown]
# ## Sơn La province (2025) → Hoà Xá commune (2025)
#
# The diff renders itself as the side-by-side redline: deleted words struck through in red, added
# words in green.

# %%
template, local = "corpus/seeds/003_ccd8d4cb88100caa.txt", "corpus/seeds/000_28b0c8e4ade0a855.txt"
diff = vnplan.compare(template, local)
print(repr(diff))
diff


# %% [markdown]
# The same as data: one row per aligned pair of activities.

# %%
def rows(diff, part="activities"):
    return pd.DataFrame([{
        "status": d.status, "similarity": d.similarity,
        "template": clip(d.template.text, 70) if d.template else None,
        "local": clip(d.local.text, 70) if d.local else None, "note": d.note} for d in getattr(diff, part)])

rows(diff)

# %%
rows(diff, "responsibilities")

# %% [markdown]
# Field checks, with their evidence:

# %%
pd.DataFrame([c.to_dict() for c in diff.checks])[["name", "status", "message"]]

# %% [markdown]
# ## The compliance verdict
#
# `vnplan.check(template, local)` (the same order as `compare` and `vnplan diff`) renders as a
# table: the verdict — *đạt*, *không đạt* or *chưa kết luận được* — its reasons, warnings when the
# pair looks wrong, and for every check and template activity the sentence and page it rests on.
# The interface is Vietnamese; `vnplan.set_lang("en")` or `VNPLAN_LANG=en` switches to English.

# %%
report = vnplan.check(template, local)
print(repr(report))
report

# %% [markdown]
# `report.to_dataframe()` has one row per check and per template activity, with the evidence on
# each side; coverage is a float and pages are integers.

# %%
report.to_dataframe()[["kind", "name", "status", "similarity", "template_text", "local_text"]].head(6)

# %% [markdown]
# ## Three pairs
#
# Thanh Hóa province (2022) → Thanh Oai district (2021), and a province-to-province pair from the
# published documents: Cần Thơ's plan for the national anti-drug programme → Lâm Đồng's draft plan
# for the same programme.

# %%
pairs = {
    "Sơn La → Hoà Xá": (template, local),
    "Thanh Hóa → Thanh Oai": ("corpus/seeds/004_1d908d2fd900364c.txt", "corpus/seeds/002_968b6796712df7a0.txt"),
    "Cần Thơ → Lâm Đồng": ("corpus/real/050_kh-153-ubnd-tp-cantho-ctmtqg-phong-chong-ma-tuy.md.txt",
                           "corpus/real/070_kh-ubnd-tinh-lamdong-trien-khai-ctmtqg-phong-chong-ma-tuy-du-thao.docx"),
}
diffs = {name: vnplan.compare(t, l) for name, (t, l) in pairs.items()}
summary = pd.DataFrame([{"pair": name, **d.counts(), "coverage": d.coverage.ratio, "verdict": d.verdict,
                         "failed checks": ", ".join(c.name for c in d.checks if c.status == "fail") or "—"}
                        for name, d in diffs.items()]).set_index("pair")
summary

# %%
fig, ax = plt.subplots(figsize=(8, 2.6))
summary[["kept", "modified", "dropped", "added"]].plot.barh(
    stacked=True, ax=ax, color=["#54a24b", "#eeca3b", "#e45756", "#4c78a8"])
ax.invert_yaxis()
ax.set(title="Template activities kept, modified, dropped; local activities added", xlabel="activities", ylabel="")
ax.legend(frameon=False, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.3));

# %% [markdown]
# The Cần Thơ → Lâm Đồng pair, as a compliance table:

# %%
vnplan.check(*pairs["Cần Thơ → Lâm Đồng"])

# %% [markdown]
# ## Many local plans against one template
#
# `vnplan.check_many(template, [files or folders])` — or `vnplan check --against TEMPLATE FOLDER -o
# bang.xlsx` — gives one row per local plan: verdict, coverage, missing activities, warnings. Here
# the Sơn La plan against the seed plans: Hoà Xá passes, Thanh Oai (another province's plan, a year
# earlier) fails, and Sơn La against itself is inconclusive.

# %%
table = vnplan.check_many(template, ["corpus/seeds/000_28b0c8e4ade0a855.txt",
                                     "corpus/seeds/002_968b6796712df7a0.txt", template])
table

# %%
table.to_dataframe()[["document", "verdict", "coverage", "missing", "warnings"]]

# %% [markdown]
# `diff.to_markdown()`, `to_json()` and `to_html()` (a standalone page) export the comparison;
# `vnplan diff` and `vnplan check` do the same from the command line.

# %%
print(diffs["Thanh Hóa → Thanh Oai"].to_markdown()[:1200].rsplit("\n", 1)[0])
