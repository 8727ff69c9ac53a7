"""Header components (TTDN4xx) per Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I."""

from __future__ import annotations

import re
import unicodedata
from typing import Optional
from collections.abc import Iterable

from .. import rx
from ..models import Plan
from . import Finding, Rule
from ._util import fold

_ND30 = "Nghị định 30/2020/NĐ-CP"


def _hdr(plan: Plan, **data) -> Finding:
    return Finding(span=plan.header.span, node="header", data=data)


def _missing_symbol(plan: Plan) -> Iterable[Finding]:
    h = plan.header
    if h.attached_to or h.symbol or h.code or h.number:
        return
    yield _hdr(plan)


MISSING_SYMBOL = Rule(
    code="TTDN401", name="missing-symbol", group="header", severity="error",
    message_vi="Thiếu số, ký hiệu của văn bản (dòng “Số: …/KH-…”).",
    message_en="The document number and symbol are missing (the “Số: …/KH-…” line).",
    check=_missing_symbol,
    doc=f"""**What it checks.** The header prints the number and symbol of the plan (`Số: 678/KH-UBND`). A plan issued
with a decision (`Ban hành kèm theo Quyết định số …`) has none of its own and is not flagged.

**Why.** {_ND30}, Điều 8 khoản 2 điểm c and Phụ lục I mục II.3 (ô số 3): *số, ký hiệu* is a mandatory component;
the number is registered by the văn thư and the symbol joins the type code and the issuer code
(`KH-UBND`).

**Example.** A plan opening directly with `KẾ HOẠCH` and its title.

**Fix.** Print the number line under the issuer: `Số: 678/KH-UBND` (a draft: `Số:      /KH-UBND`).""",
    doc_vi=f"""**Kiểm tra gì.** Phần đầu văn bản có dòng số, ký hiệu (`Số: 678/KH-UBND`). Kế hoạch ban hành kèm theo
quyết định không có số riêng nên không bị báo.

**Vì sao.** {_ND30}, Điều 8 khoản 2 điểm c; Phụ lục I mục II.3 (ô số 3): số, ký hiệu là thành phần bắt buộc.

**Ví dụ.** Kế hoạch mở đầu ngay bằng `KẾ HOẠCH` và tên kế hoạch.

**Cách sửa.** Thêm dòng `Số: 678/KH-UBND` dưới tên cơ quan (dự thảo: `Số:      /KH-UBND`).""",
)


def _missing_place_date(plan: Plan) -> Iterable[Finding]:
    h = plan.header
    if h.attached_to:
        return
    if not h.place:
        yield _hdr(plan, part_vi="địa danh", part_en="place name", part="place")
    if h.date is None and not h.date_text:
        yield _hdr(plan, part_vi="ngày, tháng, năm ban hành", part_en="date of issue", part="date")


MISSING_PLACE_DATE = Rule(
    code="TTDN402", name="missing-place-date", group="header", severity="error",
    message_vi="Thiếu {part_vi} (dòng “<địa danh>, ngày … tháng … năm …” dưới quốc hiệu).",
    message_en="The {part_en} is missing (the line “<place>, ngày … tháng … năm …” under the national motto).",
    check=_missing_place_date,
    doc=f"""**What it checks.** The header has the place-and-date line: the place name (địa danh) and the full date of
issue. One finding per missing part. A plan issued with a decision takes both from the decision and is not
flagged.

**Why.** {_ND30}, Điều 8 khoản 2 điểm d and Phụ lục I mục II.4 (ô số 4): *địa danh và thời gian ban hành* is a
mandatory component; the place is the official name of the administrative unit where the issuer sits.

**Example.** `Số: 07-KH/BCĐ` followed directly by `KẾ HOẠCH`.

**Fix.** Add the line to the right of the number: `Trà Vinh, ngày 15 tháng 02 năm 2023`.""",
    doc_vi=f"""**Kiểm tra gì.** Phần đầu có dòng địa danh và ngày, tháng, năm ban hành; mỗi thành phần thiếu là một lỗi. Kế
hoạch ban hành kèm theo quyết định thì không cần.

**Vì sao.** {_ND30}, Điều 8 khoản 2 điểm d; Phụ lục I mục II.4 (ô số 4).

**Ví dụ.** Sau dòng `Số: 07-KH/BCĐ` là ngay `KẾ HOẠCH`.

**Cách sửa.** Thêm `Trà Vinh, ngày 15 tháng 02 năm 2023`.""",
)


def _missing_type_title(plan: Plan) -> Iterable[Finding]:
    h = plan.header
    if not (h.doc_type or "").strip():
        yield _hdr(plan, part_vi="tên loại văn bản (KẾ HOẠCH)", part_en="document type (KẾ HOẠCH)", part="type")
    if not (h.title or "").strip():
        yield _hdr(plan, part_vi="trích yếu nội dung (tên kế hoạch)", part_en="subject line (title)", part="title")


MISSING_TYPE_TITLE = Rule(
    code="TTDN403", name="missing-type-title", group="header", severity="error",
    message_vi="Thiếu {part_vi}.",
    message_en="The {part_en} is missing.",
    check=_missing_type_title,
    doc=f"""**What it checks.** The header prints the document type (`KẾ HOẠCH`) and, right below, the subject line
(trích yếu: `Công tác thông tin đối ngoại tỉnh Đắk Nông năm 2025`).

**Why.** {_ND30}, Điều 8 khoản 2 điểm đ and Phụ lục I mục II.5 (ô số 5a): *tên loại và trích yếu nội dung* is a
mandatory component.

**Example.** `KẾ HOẠCH` followed directly by `Căn cứ …`.

**Fix.** Add the subject line under the type: `Công tác thông tin đối ngoại tỉnh Đắk Nông năm 2025`.""",
    doc_vi=f"""**Kiểm tra gì.** Có tên loại văn bản (`KẾ HOẠCH`) và trích yếu nội dung ngay bên dưới.

**Vì sao.** {_ND30}, Điều 8 khoản 2 điểm đ; Phụ lục I mục II.5 (ô số 5a).

**Ví dụ.** `KẾ HOẠCH` rồi ngay `Căn cứ …`.

**Cách sửa.** Thêm trích yếu: `Công tác thông tin đối ngoại tỉnh Đắk Nông năm 2025`.""",
)


def _missing_signer(plan: Plan) -> Iterable[Finding]:
    sig = plan.signature
    if plan.header.attached_to and not any((x or "").strip() for x in (sig.position, sig.authority_line, sig.name)):
        return                 # issued with a decision: the decision carries the signature
    if not (sig.position or "").strip() and not (sig.authority_line or "").strip():
        yield Finding(span=sig.span, node=None, data={"part_vi": "chức vụ người ký", "part_en": "signer's position",
                                                      "part": "position"})
    if not (sig.name or "").strip():
        yield Finding(span=sig.span, node=None, data={"part_vi": "họ tên người ký", "part_en": "signer's name",
                                                      "part": "name"})


MISSING_SIGNER = Rule(
    code="TTDN404", name="missing-signer", group="header", severity="error",
    message_vi="Thiếu {part_vi} ở cuối văn bản.",
    message_en="The {part_en} is missing at the end of the document.",
    check=_missing_signer,
    doc=f"""**What it checks.** The signature block prints the position of the signer (with `KT.`/`TM.` where
applicable: `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`) and the signer's full name.

**Why.** {_ND30}, Điều 8 khoản 2 điểm g and Phụ lục I mục II.7 (ô số 7a, 7c): *chức vụ, họ tên và chữ ký của người
có thẩm quyền* is a mandatory component.

A plan issued with a decision ("Ban hành kèm theo Quyết định số …") is signed on the decision: it needs no
block of its own, but a block it does print must be whole.

**Example.** A plan ending with `Nơi nhận:` and no signature block.

**Fix.** Add the block: `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / `Tôn Thị Ngọc Hạnh`.""",
    doc_vi=f"""**Kiểm tra gì.** Cuối văn bản có chức vụ (kèm `KT.`/`TM.` nếu có) và họ tên người ký.

**Vì sao.** {_ND30}, Điều 8 khoản 2 điểm g; Phụ lục I mục II.7 (ô số 7a, 7c).

Kế hoạch ban hành kèm theo quyết định được ký ở quyết định: không cần phần ký riêng, nhưng nếu có thì phải đủ.

**Ví dụ.** Kế hoạch kết thúc bằng `Nơi nhận:` mà không có phần ký.

**Cách sửa.** Thêm `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / họ tên người ký.""",
)


def _missing_recipients(plan: Plan) -> Iterable[Finding]:
    if plan.recipients or plan.header.attached_to:
        return
    yield Finding(span=plan.signature.span, node=None)


MISSING_RECIPIENTS = Rule(
    code="TTDN405", name="missing-recipients", group="header", severity="error",
    message_vi="Thiếu phần “Nơi nhận”.",
    message_en="The “Nơi nhận” (recipients) block is missing.",
    check=_missing_recipients,
    doc=f"""**What it checks.** The plan ends with a `Nơi nhận:` list. A plan issued with a decision is not flagged (the
decision carries the recipients).

**Why.** {_ND30}, Điều 8 khoản 2 điểm i and Phụ lục I mục II.9 (ô số 9a, 9b): *nơi nhận* is a mandatory
component; it determines who receives, executes and files the plan.

**Example.** A signature block with no `Nơi nhận:` to its left.

**Fix.** Add `Nơi nhận:` with one recipient per line (`- Bộ Thông tin và Truyền thông;` … `- Lưu: VT, KGVX.`).""",
    doc_vi=f"""**Kiểm tra gì.** Cuối kế hoạch có danh sách “Nơi nhận:”. Kế hoạch ban hành kèm theo quyết định thì không cần.

**Vì sao.** {_ND30}, Điều 8 khoản 2 điểm i; Phụ lục I mục II.9 (ô số 9a, 9b).

**Ví dụ.** Có phần ký nhưng không có “Nơi nhận:”.

**Cách sửa.** Thêm `Nơi nhận:` và mỗi nơi nhận một dòng (`- Bộ Thông tin và Truyền thông;` … `- Lưu: VT, KGVX.`).""",
)

_DATE_LINE = rx.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{2,4})", re.IGNORECASE)
_SLASH_DATE = rx.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def date_line_problems(text: str, place: Optional[str] = None) -> tuple[list[str], list[str], Optional[str]]:
    """(problems vi, problems en, expected line) for a printed date line; empty lists when it conforms."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    vi: list[str] = []
    en: list[str] = []
    m = _DATE_LINE.search(text)
    if m is None:
        s = _SLASH_DATE.search(text)
        if s is None:
            return vi, en, None
        day, month, year = (int(g) for g in s.groups())
        vi.append("ngày tháng phải viết đầy đủ “ngày … tháng … năm …”")
        en.append("the date must be written out as “ngày … tháng … năm …”")
        prefix = text[: s.start()]
    else:
        d, mo, y = m.groups()
        day, month, year = int(d), int(mo), int(y)
        if day < 10 and len(d) < 2:
            vi.append(f"ngày nhỏ hơn 10 phải có số 0 phía trước (“{day:02d}”)")
            en.append(f"a day below 10 takes a leading zero (“{day:02d}”)")
        if day >= 10 and d.startswith("0"):
            vi.append("ngày không có số 0 thừa")
            en.append("the day has a superfluous leading zero")
        if month < 3 and len(mo) < 2:
            vi.append(f"tháng 1, 2 phải có số 0 phía trước (“{month:02d}”)")
            en.append(f"months 1 and 2 take a leading zero (“{month:02d}”)")
        if month >= 3 and mo.startswith("0"):
            vi.append(f"tháng từ 3 đến 12 không ghi số 0 phía trước (“{month}”)")
            en.append(f"months 3 to 12 take no leading zero (“{month}”)")
        if len(y) != 4:
            vi.append("năm phải ghi đủ 4 chữ số")
            en.append("the year must have 4 digits")
        prefix = text[: m.start()]
    prefix = prefix.strip()
    if prefix and not prefix.endswith(","):
        vi.append("sau địa danh phải có dấu phẩy")
        en.append("a comma must follow the place name")
    place_txt = prefix.rstrip(",").strip() or (place or "")
    month_s = f"{month:02d}" if month < 3 else str(month)
    expected = (f"{place_txt}, " if place_txt else "") + f"ngày {day:02d} tháng {month_s} năm {year}"
    return vi, en, expected


def _date_line_format(plan: Plan) -> Iterable[Finding]:
    h = plan.header
    if not h.date_text:
        return
    vi, en, expected = date_line_problems(h.date_text, h.place)
    if vi:
        yield _hdr(plan, printed=" ".join(h.date_text.split()), expected=expected or "",
                   problems_vi="; ".join(vi), problems_en="; ".join(en))


DATE_LINE_FORMAT = Rule(
    code="TTDN406", name="date-line-format", group="header", severity="warning",
    message_vi="Dòng ngày tháng “{printed}” chưa đúng thể thức: {problems_vi}. Viết là: “{expected}”.",
    message_en="Date line “{printed}” does not follow the prescribed form: {problems_en}. Write: “{expected}”.",
    check=_date_line_format,
    doc=f"""**What it checks.** The form of the place-and-date line: `<địa danh>, ngày DD tháng M năm YYYY`, written out
in words `ngày … tháng … năm …` with Arabic numerals, a leading zero for days below 10 and for months 1 and 2,
none for months 3–12, a comma after the place name.

**Why.** {_ND30}, Phụ lục I mục II.4: “Thời gian ban hành văn bản phải được viết đầy đủ … đối với những số thể hiện
ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước”; “sau địa danh có dấu phẩy”. A warning, since
`tháng 04` still occurs in real official documents.

**Example.** `Đắk Nông, ngày 5 tháng 1 năm 2025`; `Đắk Nông ngày 23/10/2024`.

**Fix.** `Đắk Nông, ngày 05 tháng 01 năm 2025`; `Đắk Nông, ngày 23 tháng 10 năm 2024`.""",
    doc_vi=f"""**Kiểm tra gì.** Thể thức dòng địa danh, thời gian: `<địa danh>, ngày DD tháng M năm YYYY`, ngày nhỏ hơn 10 và
tháng 1, 2 có số 0 phía trước, tháng 3–12 không có; sau địa danh có dấu phẩy.

**Vì sao.** {_ND30}, Phụ lục I mục II.4. Là cảnh báo vì “tháng 04” vẫn gặp trong văn bản thật.

**Ví dụ.** `Đắk Nông, ngày 5 tháng 1 năm 2025`; `Đắk Nông ngày 23/10/2024`.

**Cách sửa.** `Đắk Nông, ngày 05 tháng 01 năm 2025`; `Đắk Nông, ngày 23 tháng 10 năm 2024`.""",
)


def _missing_issuer(plan: Plan) -> Iterable[Finding]:
    if not (plan.header.issuer or "").strip():
        yield _hdr(plan)


MISSING_ISSUER = Rule(
    code="TTDN407", name="missing-issuer", group="header", severity="error",
    message_vi="Thiếu tên cơ quan ban hành ở đầu văn bản (ví dụ “ỦY BAN NHÂN DÂN TỈNH …”).",
    message_en="The issuing body is missing at the top of the document (e.g. “ỦY BAN NHÂN DÂN TỈNH …”).",
    check=_missing_issuer,
    doc=f"""**What it checks.** The top left of the plan prints the issuing body (with its parent body where there is
one: `TỈNH ỦY TRÀ VINH` / `BAN CHỈ ĐẠO …`). This applies to a plan issued with a decision too: the attached
document still prints its issuer.

**Why.** {_ND30}, Điều 8 khoản 2 điểm b and Phụ lục I mục II.2 (ô số 2): *tên cơ quan, tổ chức ban hành văn bản*
is a mandatory component.

**Example.** A plan opening with `KẾ HOẠCH` with no issuer above.

**Fix.** Print the issuer: `ỦY BAN NHÂN DÂN` / `TỈNH ĐẮK NÔNG`.""",
    doc_vi=f"""**Kiểm tra gì.** Góc trên bên trái có tên cơ quan ban hành (và cơ quan chủ quản nếu có). Áp dụng cả cho kế
hoạch ban hành kèm theo quyết định.

**Vì sao.** {_ND30}, Điều 8 khoản 2 điểm b; Phụ lục I mục II.2 (ô số 2).

**Ví dụ.** Văn bản mở đầu bằng `KẾ HOẠCH`, không có tên cơ quan.

**Cách sửa.** Thêm `ỦY BAN NHÂN DÂN` / `TỈNH ĐẮK NÔNG`.""",
)


def _blank_number(plan: Plan) -> Iterable[Finding]:
    h = plan.header
    if h.attached_to or h.number or not h.code:
        return
    yield _hdr(plan, symbol=(h.symbol or f"/{h.code}").strip())


BLANK_DRAFT_NUMBER = Rule(
    code="TTDN408", name="blank-draft-number", group="header", severity="error", draft_severity="info",
    message_vi="Số văn bản để trống (“Số: {symbol}”): chỉ chấp nhận ở dự thảo.",
    message_en="The document number is blank (“Số: {symbol}”): acceptable in a draft only.",
    check=_blank_number,
    doc=f"""**What it checks.** A number line with the symbol but no number (`Số:      /KH-UBND`). Under
`ttdn lint --draft` (or `draft = true` in the config) this is an info; otherwise an error.

**Why.** {_ND30}, Điều 15: the number is given by the văn thư when the document is registered and issued, so a
draft legitimately leaves it blank; an issued plan must carry it (Phụ lục I mục II.3).

**Example.** `Số:      /KH-UBND` in the version sent for publication.

**Fix.** Fill in the registered number (`Số: 678/KH-UBND`), or lint drafts with `--draft`.""",
    doc_vi=f"""**Kiểm tra gì.** Dòng số có ký hiệu nhưng để trống số (`Số:      /KH-UBND`). Với `--draft` (hoặc `draft = true`)
là thông tin; nếu không là lỗi.

**Vì sao.** {_ND30}, Điều 15: số do văn thư cấp khi đăng ký, ban hành; dự thảo được để trống, văn bản ban hành thì
phải có số.

**Ví dụ.** `Số:      /KH-UBND` trong bản phát hành.

**Cách sửa.** Điền số đã đăng ký (`Số: 678/KH-UBND`), hoặc kiểm tra dự thảo với `--draft`.""",
)

_STOP = r"(?:năm|giai|đoạn|về|và|trong|đến|từ|của|nhằm|theo|thực|ban|trên|tại|với|cho|kèm)"
_PROVINCE = rx.compile(
    r"\b(?:tỉnh|thành phố|tp\.)\s+(?!ủy\b|uỷ\b|ủy ban\b)((?:(?!" + _STOP + r"\b)[^\W\d_]+[\s-]*){1,4})",
    re.IGNORECASE)


def province_of(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    text = unicodedata.normalize("NFC", " ".join(text.replace("*", " ").split()))
    m = _PROVINCE.search(text)
    if not m:
        return None
    name = m.group(1).strip(" -")
    return name or None


def _province_mismatch(plan: Plan) -> Iterable[Finding]:
    h = plan.header
    in_title = province_of(h.title)
    if not in_title:
        return
    for source in (h.issuer, h.parent_issuer, h.attachment_text):
        own = province_of(source)
        if own:
            if fold(own) != fold(in_title):
                yield _hdr(plan, title_province=in_title, issuer_province=own)
            return


PROVINCE_MISMATCH = Rule(
    code="TTDN409", name="province-mismatch", group="header", severity="warning",
    message_vi="Tên kế hoạch ghi “{title_province}” nhưng cơ quan ban hành thuộc “{issuer_province}”.",
    message_en="The title names “{title_province}” but the issuer belongs to “{issuer_province}”.",
    check=_province_mismatch,
    doc="""**What it checks.** The province (or city) named in the plan's title agrees with the one in the issuer line
(or, for a plan issued with a decision, with the issuer of the decision).

**Why.** A provincial body plans for its own province; a different province in the title is almost always a
plan copied from another province and not fully adapted.

**Example.** `ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG` … `CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH BÌNH THUẬN NĂM 2025`.

**Fix.** Correct the province in the title (and check the body for other leftovers).""",
    doc_vi="""**Kiểm tra gì.** Tỉnh (thành phố) ghi trong tên kế hoạch trùng với tỉnh của cơ quan ban hành (hoặc của cơ quan
ban hành quyết định, với kế hoạch ban hành kèm theo quyết định).

**Vì sao.** Khác tỉnh thường là do sao chép kế hoạch của tỉnh khác mà chưa sửa hết.

**Ví dụ.** `ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG` … `… TỈNH BÌNH THUẬN NĂM 2025`.

**Cách sửa.** Sửa tên tỉnh trong tên kế hoạch (và rà soát phần nội dung).""",
)
