"""TTDN000: a file that cannot be read or parsed is a finding, never a silent skip."""

from . import Rule

FILE_UNREADABLE = Rule(
    code="TTDN000", name="file-unreadable", group="io", severity="error",
    message_vi="Không đọc hoặc phân tích được tệp: {reason}",
    message_en="The file cannot be read or parsed: {reason}",
    doc="""**What it checks.** Every input file given to `ttdn lint` (or found in a directory) is read and parsed. A file
that is missing, empty, binary, not UTF-8, of an unsupported type, or that makes the parser fail is reported
with this code instead of being skipped.

**Why.** A linter that silently skips files it cannot handle lets a broken draft pass CI. The finding is an
error, so the run fails.

**Example.** `ke-hoach.txt` saved in Windows-1258; a `.docx` that is really a renamed `.doc`.

**Fix.** Save the file as UTF-8 text or as a real `.docx`; if the parser fails on a valid file, report it with
`ttdn lint --debug FILE`.""",
    doc_vi="""**Kiểm tra gì.** Mọi tệp đưa vào `ttdn lint` đều phải đọc và phân tích được. Tệp không tồn tại, rỗng, nhị phân,
không phải UTF-8, sai loại, hoặc làm bộ phân tích lỗi sẽ bị báo bằng mã này chứ không bị bỏ qua.

**Vì sao.** Bỏ qua lặng lẽ sẽ để bản dự thảo lỗi lọt qua CI.

**Ví dụ.** Tệp `.txt` lưu theo Windows-1258; tệp `.doc` bị đổi đuôi thành `.docx`.

**Cách sửa.** Lưu lại dưới dạng UTF-8 hoặc `.docx` thật.""",
)
