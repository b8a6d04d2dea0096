"""Assemble a `Record` from a document's outline and the field extractors.

Header fields come from the outline's header (for a Quyết định that issues a
plan: the decision's header); plan fields (theme, period, activities,
responsibilities, deadlines) from the attached plan when there is one.
Every value keeps where it came from in ``record.provenance``.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from vnplan.document import Document
from vnplan.extract import plan_fields
from vnplan.extract.casing import is_upper
from vnplan.extract.issuer import issuer_from_agency_lines, issuer_from_signature, issuer_from_text
from vnplan.extract.signer import signer_from_lines
from vnplan.provenance import attach_sources
from vnplan.record import Record
from vnplan.structure.model import Outline, Span

__all__ = ["build_record"]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:].lower() if is_upper(text) else text


def _prov(doc: Document, start: int, end: int) -> dict[str, Any]:
    """Where a value came from: its span, the source page/paragraph/cell, and the source snippet."""
    return {**doc.provenance(start, end), "text": doc.text[start:end][:300]}


def _header_fields(doc: Document, outline: Outline, record: Record) -> None:
    from vnplan.extract.dates import date_by_signing, parse_place_date
    from vnplan.extract.numbers import doc_type_from_symbol, is_number_line, parse_number_line

    header = outline.header
    prov = record.provenance
    agency_lines = [s for s in header.agency_lines if not is_number_line(s.text)]
    number_line = header.number_line or next((s for s in header.agency_lines if is_number_line(s.text)), None)
    if number_line is not None:
        parsed = parse_number_line(number_line.text)
        record.number, record.symbol = parsed.number, parsed.symbol
        if doc.ocr_used and record.symbol:  # OCR reads Đ as D: SGDDT-TCCB
            from vnplan.extract.numbers import restore_symbol_d

            record.symbol = restore_symbol_d(record.symbol)
        prov["number"] = _prov(doc, number_line.start, number_line.end)
        if parsed.symbol and parsed.number is None:
            record.warnings.append("blank_number: the số is left blank")
    if doc.ocr_used and (record.number is None or len(record.number) <= 3):  # a handwritten số OCR cannot read
        from vnplan.extract.numbers import number_from_file_name

        path = str(record.source.get("path") or "")
        named = number_from_file_name(path, record.symbol)
        # a lone digit, the last digits, or a shorter reading is what is left of a handwritten số (2 for 514,
        # 07 for 2107, 76 for 296 when the upload is named by its số alone, 42 for 550, 226 for 2285)
        if named and named != record.number and (record.number is None or len(record.number) == 1
                                                 or named.endswith(record.number) or len(named) > len(record.number)):
            record.number = named
            record.warnings = [w for w in record.warnings if not w.startswith("blank_number")]
            record.warnings.append(f"number_from_file_name: the printed số is unreadable; {named} is the file name's")
    from vnplan.extract.handwritten import blank_readings

    hand = blank_readings(str(record.source.get("path") or "")) if doc.ocr_used else {}
    if hand and record.number is None and record.symbol:  # a handwritten số the print and the file name leave empty
        from vnplan.extract.handwritten import handwritten_number

        read = handwritten_number(hand)
        if read is not None:
            record.number = read[0]
            record.warnings = [w for w in record.warnings if not w.startswith("blank_number")]
            record.warnings.append(f"handwritten_read: số {read[0]} read from handwriting (confidence {read[1]:.2f})")
    place_date = header.place_date_line or _stray_place_date(doc)
    if place_date is not None:
        place, date, year, blank = parse_place_date(place_date.text)
        record.place = place
        record.issue_date = date.isoformat() if date else None
        record.issue_year = date.year if date else year
        prov["issue_date"] = _prov(doc, place_date.start, place_date.end)
        if blank:
            record.warnings.append("blank_date: the day or month of issue is left blank")
        signed = (doc.raw.meta.get("signature") or {}).get("time")
        by_signing = date_by_signing(place_date.text, signed, doc.ocr_used) if signed else None
        if by_signing is not None:  # the month, or a scan's day, that the signing date settles
            record.issue_date, record.issue_year = by_signing.isoformat(), by_signing.year
            record.warnings.append(f"issue_date_by_signing: the printed day or month is unreadable or after the "
                                   f"signing date; {record.issue_date} agrees with both")
        if hand and record.issue_date is None:  # a handwritten day (or month) the print leaves empty
            from vnplan.extract.handwritten import handwritten_date

            read_date = handwritten_date(place_date.text, hand, signed)
            if read_date is not None:
                record.issue_date, record.issue_year = read_date[0].isoformat(), read_date[0].year
                record.warnings = [w for w in record.warnings if not w.startswith("blank_date")]
                record.warnings.append(f"handwritten_read: issue date {record.issue_date} read from handwriting "
                                       f"(confidence {read_date[1]:.2f})")
    from vnplan.structure.markers import KEM_THEO

    kem = next((s for s in header.other if KEM_THEO.search(s.text)), None) if place_date is None else None
    if kem is not None:  # a regulation printed alone: the year of the decision it is issued with
        from vnplan.extract.dates import year_issued_with

        record.issue_year = year_issued_with(doc.text[kem.start:kem.start + 300])
    if header.type_name is not None:
        record.doc_type = _sentence(header.type_name.text)
        prov["doc_type"] = _prov(doc, header.type_name.start, header.type_name.end)
    elif record.symbol:
        record.doc_type = doc_type_from_symbol(record.symbol)
        if record.doc_type not in (None, "Công văn") and header.title is not None \
                and re.search(r"\bV/v\s*[:.]?\s*$", doc.text[max(0, header.title.start - 8):header.title.start]):
            record.doc_type = "Công văn"  # no type name, a V/v trích yếu: CT-CS of a Cục Thuế is no Chỉ thị
    if record.doc_type is None and header.title is not None and re.match(r"^\s*V/v\b", header.title.text, re.I):
        record.doc_type = "Công văn"
    if header.title is not None:
        title = " ".join(header.title.text.split())
        title = re.sub(r"^V/v\s*:?\s*", "", title, flags=re.I)
        title = re.sub(r"\s+K[íi]nh(?:\s+g[ửu]i)?\s*:?$", "", title)  # the Kính gửi OCR joined to the V/v's last line
        title = re.sub(r"\s+(?:K[íi])?nh\s+g\S{0,2}\s*:$", "", title)  # … with letters a broken font lost ("nh gi:")
        record.title = title.strip(" *") or None
        prov["title"] = _prov(doc, header.title.start, header.title.end)
    if agency_lines:
        record.issuer = issuer_from_agency_lines([s.text for s in agency_lines])
        if doc.ocr_used:  # a school's name line OCR lost: the name the document gives the same kind of school
            from vnplan.extract.issuer import complete_school_name

            record.issuer = complete_school_name(record.issuer, doc.text[:4000])
        first, last = agency_lines[0], agency_lines[-1]
        prov["issuer"] = _prov(doc, first.start, last.end)
    if doc.ocr_used and record.place:  # an OCR'd địa danh spelt as the header's agency lines spell it
        from vnplan.extract.places import locality_as_place, place_from_header

        record.place = place_from_header(record.place, [record.issuer.get("name"), record.issuer.get("parent")])
        record.issuer = {**record.issuer, "name": locality_as_place(record.issuer.get("name"), record.place)}
    if record.issuer.get("name") and not record.issuer.get("level"):  # a province's board: its place says so
        from vnplan.extract.issuer import level_from_place

        record.issuer["level"] = level_from_place(record.issuer, record.place)


def _stray_place_date(doc: Document) -> Span | None:
    """A place-and-date line the header missed: a scan's right column read after the header ended."""
    from vnplan.extract.places import place_date_line_in

    found = place_date_line_in(doc.text[:1500])
    return Span(found[0], found[1], doc.text[found[0]:found[1]]) if found else None


def _issuer_fallback(doc: Document, outline: Outline, record: Record) -> None:
    if record.issuer.get("name"):
        return
    opening = " ".join(c.span.text for c in outline.preamble) or doc.text[:3000]
    found = issuer_from_text(opening) or issuer_from_text(doc.text[:6000])
    if found is None and outline.closing.signature is not None:
        found = issuer_from_signature([s.text for s in outline.closing.signature.authority], record.place)
    if found:
        from vnplan.extract.issuer import complete_locality

        opening = outline.preamble[-1].span.text if outline.preamble else None
        record.issuer = complete_locality(found, record.title, opening)
    if record.issuer.get("name") and not record.issuer.get("level"):
        from vnplan.extract.agencies import level_of

        record.issuer["level"] = level_of(record.issuer["name"]) or (
            level_of(record.issuer["parent"]) if record.issuer.get("parent") else None)


def _closing_fields(doc: Document, outline: Outline, record: Record) -> None:
    closing = outline.closing
    record.recipients = [" ".join(s.text.split()) for s in [*closing.kinh_gui, *closing.recipients] if s.text.strip()]
    sig = closing.signature
    if sig is None and closing.span is not None:  # an unsigned Nơi nhận: the attached regulation's block
        sig = next((a.closing.signature for a in outline.attachments if a.closing.signature is not None), None)
    if sig is not None:
        record.signer = signer_from_lines(
            [s.text for s in sig.authority], sig.title.text if sig.title else None, sig.name.text if sig.name else None)
        if sig.span is not None:
            record.provenance["signer"] = _prov(doc, sig.span.start, sig.span.end)
    if not (record.signer.get("name") and record.signer.get("title")):
        _closing_lines_fallback(doc, outline, record)
    if sig is not None and not record.signer.get("name"):  # the same block signed again under the regulation
        from vnplan.extract.signer import name_at_end

        record.signer["name"] = name_at_end(doc.text, record.signer)
    if record.signer.get("name"):  # a family name OCR dropped: the same name printed whole elsewhere
        from vnplan.extract.signer import complete_name

        whole = complete_name(record.signer["name"], doc.text)
        if whole != record.signer["name"]:
            record.signer["name"] = whole
            record.warnings.append(f"signer_name_completed: {whole} as the document prints it elsewhere")


def _closing_lines_fallback(doc: Document, outline: Outline, record: Record) -> None:
    """Read the signature block from the closing's plain lines when the outline found none or only part."""
    from vnplan.extract.signer import signature_in_closing

    closing = outline.closing.span
    if closing is None:
        return
    end = min([len(doc.text)] + [a.span.start for a in outline.attachments if a.span and a.span.start > closing.start])
    found = signature_in_closing(doc.text[closing.start:end])
    have = record.signer
    if found is None or have.get("name") and have["name"] != found["name"]:
        return  # nothing found, or another person: the outline's block stands
    record.signer = {"name": found["name"], "title": have.get("title") or found["title"],
                     "authority": have.get("authority") or found["authority"]}
    record.warnings.append("signer_from_closing_lines: the signature block was read from the closing's lines")


def _plan_part(outline: Outline) -> Outline:
    return outline.attachments[0] if outline.attachments else outline


def _plan_fields(doc: Document, outline: Outline, record: Record) -> None:
    from vnplan.extract.dates import find_deadlines, find_ranges

    plan = _plan_part(outline)
    scope = plan.span or Span(0, len(doc.text), doc.text)
    year = record.issue_year
    find = plan_fields.find_section

    # A decision or letter without an attached plan has no activity list (record.md, Activities).
    planless = not outline.attachments and record.doc_type in ("Quyết định", "Công văn", "Tờ trình", "Thông báo", "Giấy chứng nhận") \
        and not plan_fields.headed_content(plan)
    planless = planless or plan_fields.issues_regulation(record.doc_type, record.title)  # a Quy chế is no plan
    acts = [] if planless else [a for sec in plan_fields.content_sections(plan) for a in plan_fields.activities(sec)]
    record.activities = [{"text": t, "span": [s.start, s.end], **_page(doc, s)} for t, s in acts]
    # công văn / decision: without an organisation section, the numbered items (or the articles'
    # items) that open with an agency
    fallback = list(plan.body)  # articles are read for their duties, then their items (plan_fields.responsibilities)
    if plan_fields.is_regulation(plan):
        fallback = []  # a Quy chế's numbered rules ("1. Giáo viên bộ môn có những nhiệm vụ sau đây") assign no tasks
    org = plan_fields.organisation_section(plan)
    headed = plan_fields.responsibilities(org) or plan_fields.responsibilities(None, fallback)
    for more in plan_fields.sibling_organisation_sections(plan, org):  # "3. Tổ chức thực hiện" after "2. Trách nhiệm"
        headed = plan_fields.merge_agencies(headed, plan_fields.responsibilities(more))
    record.responsibilities = plan_fields.merge_agencies(headed, plan_fields.table_leads(doc.tables))

    found = plan_fields.theme(scope.text, find(plan, "theme"), base=scope.start)
    if found and any(c.span.start <= found[1] < c.span.end for c in plan.preamble):
        found = None  # "Thực hiện Kế hoạch … với chủ đề “…”": the theme of a cited document (archive 0136)
    if found:
        record.theme, start, end = found
        record.provenance["theme"] = _prov(doc, start, end)

    time_node = find(plan, "time")
    ranges = find_ranges(time_node.span.text, year) if time_node is not None else []
    if ranges:
        first = ranges[0]
        record.period = {"start": first.start_date.isoformat() if first.start_date else None,
                         "end": first.end_date.isoformat() if first.end_date else None}
        at = time_node.span.start  # type: ignore[union-attr]
        record.provenance["period"] = _prov(doc, at + first.start, at + first.end)
    elif time_node is not None:
        # "Thời gian kiểm tra: 13h30 ngày 29/4/2026": a plan held on one day, given with its clock time
        timed = plan_fields.timed_events(time_node.span.text, year)
        if timed:
            when, _, start, end = timed[0]
            record.period = {"start": when, "end": when}
            record.provenance["period"] = _prov(doc, time_node.span.start + start, time_node.span.start + end)

    body_start = plan.body[0].span.start if plan.body else scope.start
    closing = plan.closing.span if plan.closing is not None else None
    # the body, and the appendices after the closing (task tables with "Trước ngày …" cells)
    windows = [(body_start, closing.start), (closing.end, len(doc.text))] if closing else [(body_start, len(doc.text))]
    from datetime import date as _date

    issued = _date.fromisoformat(record.issue_date) if record.issue_date else None
    seen: set[str] = set()
    for lo, hi in windows:
        if hi <= lo:
            continue
        for d in find_deadlines(doc.text[lo:hi], year, issue_date=issued):
            if d.date is None or d.date.isoformat() in seen:
                continue
            seen.add(d.date.isoformat())
            record.deadlines.append({"date": d.date.isoformat(), "text": d.text, "span": [lo + d.start, lo + d.end]})
        for when, text, start, end in plan_fields.schedule_deadlines(doc.text[lo:hi], year):
            # dated steps of a school or Phòng schedule (body_cues.json); the plan's own period is no deadline
            if when not in seen and when not in (record.period or {}).values():
                seen.add(when)
                record.deadlines.append({"date": when, "text": text, "span": [lo + start, lo + end]})
        # a letter's opening paragraph may give the event with its clock time too (archive 0033)
        tlo = min(lo, plan.preamble[0].span.start) if lo == body_start and plan.preamble else lo
        for when, text, start, end in plan_fields.timed_events(doc.text[tlo:hi], year, issued):
            # an event given with its clock time ("14h00 ngày 27/10/2021", body_cues.json): a dated milestone,
            # unless it is the plan's own time ("Thời gian kiểm tra: 13h30 ngày 29/4/2026", its period)
            if time_node is not None and time_node.span.start <= tlo + start < time_node.span.end:
                continue
            if when not in seen:
                seen.add(when)
                record.deadlines.append({"date": when, "text": text, "span": [tlo + start, tlo + end]})
    for milestone in plan_fields.table_milestones(doc.tables):
        if milestone["date"] not in seen:
            seen.add(milestone["date"])
            record.deadlines.append(milestone)


def _page(doc: Document, span: Span) -> dict[str, Any]:
    prov = doc.provenance(span.start, span.end)
    return {k: prov[k] for k in ("page", "paragraph") if k in prov}


def _citations(doc: Document, outline: Outline, record: Record) -> None:
    from vnplan.extract import citation_model
    from vnplan.extract.citations import find_citations, find_named_citations

    cites = find_citations(doc.text, own_number=record.number, own_symbol=record.symbol, default_year=record.issue_year,
                           ocr=doc.ocr_used)
    record.citations = [c.to_dict() if hasattr(c, "to_dict") else dict(c) for c in cites]
    _title_relations(doc, outline, record)
    citation_model.relabel(doc.text, record.citations, doc_type=record.doc_type, level=(record.issuer or {}).get("level"))
    record.named_citations = list(find_named_citations(doc.text))
    _date_after_citations(doc, record)


def _date_after_citations(doc: Document, record: Record) -> None:
    """A scan's issue date earlier than a document it cites is a misread day: nulled, with a warning."""
    from vnplan.extract.dates import date_before_citation

    if not doc.ocr_used:  # a printed digital date is the truth even where a citation is misdated
        return
    later = date_before_citation(record.issue_date, [c.get("date") for c in record.citations])
    if later is not None:
        record.warnings.append(f"issue_date_before_citation: the issue date read, {record.issue_date}, is earlier "
                               f"than a document it cites ({later}); the day is taken as unreadable")
        record.issue_date = None


_TITLE_CUE = re.compile(r"\b(?:triển khai|thực hiện)(?:\s+\S+){0,2}\s*$", re.I)


def _title_relations(doc: Document, outline: Outline, record: Record) -> None:
    """A document the trích yếu says the letter carries out (``V/v triển khai Công văn số …``) is implemented."""
    from vnplan.extract.citations import RELATION_RANK

    title = outline.header.title
    if title is None:
        return
    for cite in record.citations:
        for start, _end in cite.get("mentions") or [(cite.get("start"), cite.get("end"))]:
            if start is None or not (title.start <= start < title.end):
                continue
            before = " ".join(doc.text[title.start:start].split())
            before = re.sub(r"\b(?:Công văn|Quyết định|Kế hoạch|Chỉ thị|Nghị quyết|Thông tư|văn bản)\s+số\s*$", "",
                            before, flags=re.I).rstrip()
            weaker = RELATION_RANK.get(cite.get("relation") or "mentions", 0) < RELATION_RANK["implements"]
            if _TITLE_CUE.search(before) and weaker:
                cite["relation"] = "implements"


def _sections(outline: Outline) -> list[dict[str, Any]]:
    out = []
    for node in outline.body:
        out.append({"label": node.label, "title": node.title.text, "span": [node.span.start, node.span.end]})
    return out


def _signature_fields(doc: Document, record: Record) -> None:
    """The digital signature as data, and as evidence where the printed closing or date is missing.

    The signing time stands in for a blank or unreadable printed day (with a warning) when its year
    agrees with the printed year; it never overrides a printed date.  A signer name is taken from
    the signature only when the closing block gives none.
    """
    sig = doc.raw.meta.get("signature")
    if not sig:
        return
    record.signature = sig
    when = sig.get("time")
    if record.issue_date is None and when and re.match(r"^\d{4}-\d{2}-\d{2}", when):
        year = int(when[:4])
        if record.issue_year in (None, year):
            record.issue_date = when[:10]
            record.issue_year = year
            record.warnings.append(
                f"issue_date_from_signature: the printed day is blank or unreadable; {when[:10]} is the signing date")
    if record.signer.get("name") is None and sig.get("signer"):
        record.signer = {**record.signer, "name": sig["signer"]}
        record.warnings.append("signer_from_signature: the closing block gives no name; taken from the digital signature")


def _run(stage: Callable[[Document, Outline, Record], None], doc: Document, outline: Outline, record: Record) -> None:
    try:
        stage(doc, outline, record)
    except Exception as exc:  # a field extractor's bug must not lose the record
        if os.environ.get("VNPLAN_STRICT"):
            raise
        record.warnings.append(f"internal_error: {stage.__name__.strip('_')}: {type(exc).__name__}: {exc}")


def build_record(doc: Document, path: str) -> Record:
    """Build the plan record of ``doc``: every contract field, with provenance and warnings."""
    record = Record(source={"path": path, "format": doc.format, "pages": doc.pages})
    record.warnings.extend(doc.warnings)
    if doc.needs_ocr:
        record.warnings.append("needs_ocr: image-only PDF and Tesseract is not installed; no text read")
        return record
    if doc.ocr_used:
        record.warnings.append("ocr_used: text read by OCR")
    outline = doc.outline
    for stage in (_header_fields, _closing_fields, _issuer_fallback, _citations, _plan_fields):
        _run(stage, doc, outline, record)
    record.sections = _sections(outline)
    _signature_fields(doc, record)
    if record.number is None and record.symbol is None:
        record.warnings.append("no_number: no Số/ký hiệu line found")
    _run(attach_sources, doc, outline, record)  # one Source per value, in one shape (vnplan.provenance)
    return record
