"""The Dask runner gives the same records as the local runner (local cluster, in-process workers)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vnplan.batch import discover, extract_many

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from vnplan.batch.dask_runner import extract_many_dask, to_bag

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
DOCX = ROOT / "corpus" / "real" / "007_kh-2242-sct-laocai-kiem-tra-cap-gcn-vlncn.docx"


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for seed in SEEDS:
        shutil.copyfile(seed, tmp_path / seed.name)
    shutil.copyfile(SEEDS[0], tmp_path / "ban-sao.txt")
    shutil.copyfile(DOCX, tmp_path / "ke-hoach.docx")
    (tmp_path / "rong.pdf").write_bytes(b"")
    (tmp_path / "sai-duoi.pdf").write_bytes(SEEDS[1].read_bytes())
    return tmp_path


def test_dask_gives_the_same_records(client, folder: Path) -> None:  # type: ignore[no-untyped-def]
    paths = list(discover(folder))
    plain = [r.to_dict() for r in extract_many(paths, workers=0)]
    on_dask = list(extract_many_dask(paths, partition_size=3, window=2))
    assert len(on_dask) == len(paths) == 9
    assert json.dumps(on_dask, sort_keys=True) == json.dumps(plain, sort_keys=True)
    errors = {Path(r["source"]["path"]).name: r.get("error") for r in on_dask}
    assert errors["rong.pdf"] == "EmptyFileError" and errors["sai-duoi.pdf"] == "WrongExtensionError"
    assert on_dask[0]["source"]["path"].endswith("000_28b0c8e4ade0a855.txt")
    copy = next(r for r in on_dask if r["source"]["path"].endswith("ban-sao.txt"))
    assert copy["source"]["duplicate_by"] == "content"


def test_to_bag_writes_part_files(client, folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("parts")
    paths = list(discover(folder))
    bag = to_bag(paths, partition_size=4)
    assert bag.npartitions == 3
    bag.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(str(out / "part-*.jsonl"))
    lines = [json.loads(line) for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]
    assert [r["source"]["path"] for r in lines] == paths
