"""Coverage-guided fuzzing of the readers with atheris (libFuzzer): anything but a `VnplanError` is a crash.

    pip install atheris                                   # 3.0.0 installs from a wheel on Linux, CPython 3.11
    python scripts/fuzz_readers.py docx -atheris_runs=20000
    python scripts/fuzz_readers.py pdf -max_total_time=600 corpus-dir/
    python scripts/fuzz_readers.py text -max_len=65536

The target (``text``, ``docx``, ``pdf``, ``normalize``) is the first argument; the rest go to libFuzzer.
Each input is written to a file with the target's extension and run through `vnplan.extract` (no OCR),
or, for ``normalize``, decoded as UTF-8 and run through the normaliser and the field extractors.  The
hypothesis tests in ``tests/test_hostile_fuzz.py`` do the same briefly in CI.  A crash leaves
``crash-<sha1>`` in the working folder: reproduce with ``python scripts/fuzz_readers.py docx crash-…``.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SUFFIX = {"text": ".txt", "docx": ".docx", "pdf": ".pdf"}


def main() -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris (or run tests/test_hostile_fuzz.py with "
                 "VNPLAN_FUZZ_EXAMPLES=5000 for the hypothesis harness)")
    if len(sys.argv) < 2 or sys.argv[1] not in (*SUFFIX, "normalize"):
        sys.exit(f"usage: {sys.argv[0]} {{{','.join((*SUFFIX, 'normalize'))}}} [libFuzzer options]")
    target = sys.argv.pop(1)
    with atheris.instrument_imports():
        from vnplan.errors import VnplanError
        from vnplan.extract import extract, extract_document
        from vnplan.normalize import build_document
        from vnplan.read.text import blocks_from_string
    folder = tempfile.mkdtemp(prefix="vnplan-fuzz-")
    path = os.path.join(folder, "input" + SUFFIX.get(target, ".txt"))

    def one_input(data: bytes) -> None:
        if target == "normalize":
            text = data.decode("utf-8", "surrogateescape")
            doc = build_document(blocks_from_string(text, "x.txt"))
            assert len(doc.offsets) == len(doc.text) + 1
            extract_document(doc, "x.txt").to_dict()
            return
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            extract(path, ocr=False).to_dict()
        except VnplanError:
            pass

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
