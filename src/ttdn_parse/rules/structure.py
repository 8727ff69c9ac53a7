"""Structure rules. Their findings are produced while parsing (the grammar builder sees the numbering)."""

from . import Rule

NUMBERING_GAP = Rule(
    code="TTDN301", name="numbering-gap", group="structure", severity="warning",
    message_vi="Đánh số bị nhảy: sau “{prev}” là “{label}” (thiếu {expected}).",
    message_en="Numbering gap: “{label}” follows “{prev}” (expected {expected}).",
    doc="""**What it checks.** Sections (I, II, …), items (1., 2., … / 1.1., 1.2., …) numbered without gaps at each level,
and the STT column of a table (1, 2, 3 … within each group row I, II).

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: the parts of a document are numbered in sequence
(phần, mục, khoản, điểm). A gap usually means an item was deleted or moved while editing the draft.

**Example.** `1. …` `2. …` `4. …`

**Fix.** Renumber the items in sequence: `1.` `2.` `3.`""",
)

NUMBERING_REPEAT = Rule(
    code="TTDN302", name="numbering-repeat", group="structure", severity="warning",
    message_vi="Số thứ tự “{label}” bị lặp lại.",
    message_en="Number “{label}” is repeated.",
    doc="""**What it checks.** The same label used twice at one level (`2.` … `2.`).

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: items are numbered in sequence; a repeated number
makes references such as “mục II.2” ambiguous.

**Example.** `1. …` `2. …` `2. …`

**Fix.** Renumber: `1.` `2.` `3.`""",
)

NUMBERING_ORDER = Rule(
    code="TTDN303", name="numbering-order", group="structure", severity="warning",
    message_vi="Thứ tự đánh số sai: “{label}” đứng sau “{prev}”.",
    message_en="Numbering out of order: “{label}” comes after “{prev}”.",
    doc="""**What it checks.** Numbers that go backwards at one level (`3.` after `4.`).

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: items are numbered in ascending order.

**Example.** `1. …` `3. …` `2. …`

**Fix.** Put the items in order or renumber them.""",
)

CLAUSE_LETTER_ORDER = Rule(
    code="TTDN304", name="clause-letter-order", group="structure", severity="warning",
    message_vi="Thứ tự chữ cái của điểm sai: “{label}” đứng sau “{prev}” (đúng ra là “{expected}”).",
    message_en="Clause letters out of order: “{label}” after “{prev}” (expected “{expected}”).",
    doc="""**What it checks.** Clause letters a) b) c) … in Vietnamese alphabetical order: a b c d đ e g h i k l m n
o p q r s t u v x y (no f, j, w, z), with none skipped or repeated.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: điểm are lettered in the order of the Vietnamese
alphabet. Letters out of order usually mean fields were moved (e.g. `b) Thời gian thực hiện` printed last).

**Example.** `a) Nội dung` `c) Cơ quan chủ trì` `d) Cơ quan phối hợp` `b) Thời gian thực hiện`

**Fix.** Reletter the clauses in order: `a)` `b)` `c)` `d)`.""",
)

UNRECOGNISED_LINE = Rule(
    code="TTDN305", name="unrecognised-line", group="structure", severity="info",
    message_vi="Dòng không xác định được vị trí trong cấu trúc văn bản: “{snippet}”.",
    message_en="Line does not fit the document structure: “{snippet}”.",
    doc="""**What it checks.** Text that could not be placed in the plan's structure (e.g. text after the signature
that is neither an appendix nor a footnote). The text is kept; this is a hint for the drafter.

**Why.** A plan's components follow Nghị định 30/2020/NĐ-CP, Điều 8; stray text is often a leftover of
copy-and-paste.

**Example.** A paragraph printed between the Nơi nhận list and the signature.

**Fix.** Move the text into the section it belongs to, or delete it.""",
)

EXTRACTOR_FAILED = Rule(
    code="TTDN001", name="extractor-failed", group="io", severity="error",
    message_vi="Lỗi nội bộ của ttdn khi đọc {part} ({extractor}): {error}. Kết quả phần này có thể thiếu; "
               "xin báo lỗi kèm tệp.",
    message_en="ttdn internal error while reading {part} ({extractor}): {error}. Results for this part may be "
               "missing; please report it with the file.",
    doc="""**What it checks.** Nothing in the plan: it reports that one of ttdn's extractors (references, tasks)
failed on part of this document. The rest of the plan is still parsed and checked.

**Why.** A tool that silently drops what it cannot handle gives false confidence; this finding makes the gap
visible (and makes CI fail) instead.

**Example.** A section whose layout makes the task extractor fail.

**Fix.** Report the file to the ttdn maintainers; meanwhile check that part by hand.""",
)
