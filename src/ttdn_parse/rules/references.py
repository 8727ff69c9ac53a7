"""Reference rules (TTDN201–208). Their findings are produced by the reference extractor
(`ttdn_parse.references.attach`), which sees every citation of the plan; lint lifts them from
`plan.diagnostics`."""

from . import Rule

IMPOSSIBLE_DATE = Rule(
    code="TTDN201", name="impossible-date", group="references", severity="error",
    message_vi="Ngày ban hành không tồn tại: “{date}” trong “{citation}”.",
    message_en="Impossible date “{date}” in “{citation}”.",
    doc="""**What it checks.** The date of a cited document is a real calendar date: no 31/6, no 29/2 in a non-leap
year, no month 13, a year between 1900 and 2100.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: a citation gives the document's date of issue
(“thời gian ban hành”); a date that does not exist cannot identify the document and is a typing error.

**Example.** `Quyết định số 1944/QĐ-UBND ngày 31/6/2024 của UBND tỉnh`

**Fix.** Copy the date from the cited document: `ngày 07/11/2024`.""",
)

REFERENCE_DATE_AFTER_PLAN = Rule(
    code="TTDN202", name="reference-date-after-plan", group="references", severity="error",
    message_vi="Văn bản được viện dẫn có ngày {date}, sau ngày ban hành kế hoạch ({plan_date}): “{citation}”.",
    message_en="Cited document dated {date}, after the plan's own date ({plan_date}): “{citation}”.",
    doc="""**What it checks.** A cited document is not dated after the plan that cites it (the plan's date line).

**Why.** A plan can only be based on documents already issued (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6:
căn cứ ban hành văn bản). A later date is a typing error in the citation or in the plan's date line.

**Example.** A plan dated `ngày 23 tháng 10 năm 2024` citing `Công văn số 3837/BTTTT-TTĐN ngày 16/9/2025`.

**Fix.** Correct the year of the citation (`16/9/2024`) or the plan's date line.""",
)

NORMATIVE_SYMBOL_MISSING_YEAR = Rule(
    code="TTDN203", name="normative-symbol-missing-year", group="references", severity="error",
    message_vi="Ký hiệu văn bản quy phạm pháp luật thiếu năm ban hành: “{symbol}” ({type}); đúng ra là “{suggestion}”.",
    message_en="Symbol of a legal normative document lacks its year: “{symbol}” ({type}); expected “{suggestion}”.",
    doc="""**What it checks.** The symbol of a Nghị định, Thông tư, Thông tư liên tịch, Luật or Pháp lệnh carries the
year of issue: `72/2015/NĐ-CP`, not `72/NĐ-CP`.

**Why.** Luật Ban hành văn bản quy phạm pháp luật 2015 (80/2015/QH13), Điều 10, and Luật 64/2025/QH15,
Điều 7 khoản 3: the number and symbol of a legal normative document show its number, **year of issue**, type
and issuing body. Administrative documents (`47/NQ-CP`, `2316/KH-UBND`) have no year, so a Nghị định without
one is a broken citation.

**Example.** `Nghị định số 72/NĐ-CP ngày 07/9/2015 của Chính phủ`

**Fix.** `Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ`""",
)

SYMBOL_YEAR_MISMATCH = Rule(
    code="TTDN204", name="symbol-year-mismatch", group="references", severity="error",
    message_vi="Năm trong ký hiệu “{symbol}” ({year}) khác năm của ngày ban hành ({date}).",
    message_en="Year in the symbol “{symbol}” ({year}) differs from the year of the date ({date}).",
    doc="""**What it checks.** For a symbol with a year (`22/2016/TT-BTTTT`), the date printed with it falls in that
year.

**Why.** Luật 80/2015/QH13, Điều 10: the year in the symbol is the year of issue. When they differ, either
the symbol or the date was mistyped and the citation points to no document.

**Example.** `Thông tư số 22/2016/TT-BTTTT ngày 19/10/2012` (the Thông tư is of 19/10/2016).

**Fix.** `Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016`""",
)

TYPE_CODE_MISMATCH = Rule(
    code="TTDN205", name="type-code-mismatch", group="references", severity="error",
    message_vi="Tên loại “{type}” không khớp với ký hiệu “{symbol}” (mã “{type_code}”; tên loại này dùng {expected}).",
    message_en="Type word “{type}” contradicts the symbol “{symbol}” (code “{type_code}”; this type uses {expected}).",
    doc="""**What it checks.** The type word before a symbol agrees with the type code inside it: `Kế hoạch` ↔ `KH`,
`Kết luận` ↔ `KL`, `Quyết định` ↔ `QĐ`, `Nghị định` ↔ `NĐ`, `Thông tư` ↔ `TT`, `Công văn` ↔ no type code
(`3837/BTTTT-TTĐN`), `Luật` ↔ `…/YYYY/QH<khóa>`. Codes come from src/ttdn_parse/data/document_types.toml.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3 and Phụ lục III: the symbol is built from the
abbreviation of the document type; Party documents follow Hướng dẫn 36-HD/VPTW (`57-KL/TW`). A type word
that contradicts the code means one of the two was copied from another citation.

**Example.** `Kết luận số 127-KH/TU` — 127-KH/TU is a Kế hoạch; `Kế hoạch số 1109/QĐ-UBND`.

**Fix.** `Kế hoạch số 127-KH/TU`; check which document is meant and correct the type word or the symbol.""",
)

MALFORMED_SYMBOL = Rule(
    code="TTDN206", name="malformed-symbol", group="references", severity="warning",
    message_vi="Số, ký hiệu “{printed}” {problem}; đúng ra là “{suggestion}”.",
    message_en="Symbol “{printed}” has {problem_en}; expected “{suggestion}”.",
    doc="""**What it checks.** The printed symbol of a cited document: no spaces inside (`57- KL/TW`,
`101/KH- UBND`), no stray characters (en dash `–`), no doubled parts (`KH-KH-UBND`), the Party form
`số-loại/cơ quan` not mixed with the state form `số/loại-cơ quan` (`36/NQ-TW` for `36-NQ/TW`), no zero
padding of numbers ≥ 10 (`0155/…`). A line break right after a hyphen (`57-` ⏎ `KL/TW`) is layout, not
an error.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.3: “giữa số và ký hiệu văn bản có dấu gạch chéo (/), giữa
các nhóm chữ viết tắt trong ký hiệu văn bản có dấu gạch nối (-), không cách chữ”; only numbers below 10 take a
leading 0. Party documents: Hướng dẫn 36-HD/VPTW (number, hyphen, type, slash, issuer). A malformed symbol
defeats search in document registers.

**Example.** `Kết luận số 57- KL/TW`, `Nghị quyết số 36/NQ-TW`, `Chương trình phối hợp số 484/CTr- STTTT-BCHBĐBP`

**Fix.** `57-KL/TW`, `36-NQ/TW`, `484/CTr-STTTT-BCHBĐBP`""",
)

CONFLICTING_CITATION = Rule(
    code="TTDN207", name="conflicting-citation", group="references", severity="warning",
    message_vi="“{symbol}” và “{other}” ({other_line_where_vi}) có vẻ là cùng một văn bản: {reason_vi}.",
    message_en="“{symbol}” and “{other}” ({other_line_where_en}) look like one document: {reason_en}.",
    doc="""**What it checks.** One document cited inconsistently inside the plan: the same symbol with different
dates, or different numbers for what is evidently one document (same type, issuer code and date, or the same
subject). Both places are reported.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: a document is cited in full the first time and by
type and symbol afterwards; every mention must identify the same document. Two numbers for one decision
(`1191/QĐ-TTg` and `1911/QĐ-TTg`) leave the reader unable to tell which is meant.

**Example.** `Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt mục tiêu, nhiệm vụ,
giải pháp …` and later `Quyết định số 1911/QĐ-TTg của Thủ tướng Chính phủ về phê duyệt mục tiêu, nhiệm vụ,
giải pháp …`

**Fix.** Check the cited document and use its one number and date everywhere.""",
)

REFERENCE_MISSING_DATE = Rule(
    code="TTDN208", name="reference-missing-date", group="references", severity="warning",
    message_vi="Văn bản “{symbol}” được viện dẫn mà không ghi ngày ban hành: “{citation}”.",
    message_en="Document “{symbol}” is cited without its date: “{citation}”.",
    doc="""**What it checks.** A document cited by symbol whose date appears in none of its mentions. (Luật and
Pháp lệnh, cited by name, are exempt; so are documents already reported as conflicting citations.)

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: the first citation of a document gives its type,
number and symbol, **date of issue**, issuing body and subject. Party symbols carry no year, so without a
date a reader cannot even tell the term it belongs to.

**Example.** `Kế hoạch số 174-KH/TU ngày 28/8/2024 của Tỉnh ủy đối với Kết luận số 82-KL/TW của Bộ Chính trị`

**Fix.** `Kết luận số 82-KL/TW ngày <ngày ban hành> của Bộ Chính trị`, with the date printed on the cited document.""",
)
