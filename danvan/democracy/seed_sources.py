"""Migration 0008: the catalogue checked against the texts that could be read (issue 10, decision 0042).

Each row gets `source` (what was read, where) and `days_confirmed` (whether its posting time and deadline were found
in the text for its kind of base). What could not be confirmed stays data marked unconfirmed: the catalogue page shows
it to the editor; public pages never show the flag. A row an admin already corrected (its wording no longer the
seed's) keeps its wording; only an empty `source` is filled, so running this again changes nothing."""

from danvan.democracy.seed import AGENCY_ITEMS, ENTERPRISE_ITEMS

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật 10/2022/QH15)"
CHAPTERS = (
    "Chương II: xã, phường, thị trấn; Chương III: cơ quan nhà nước, đơn vị sự nghiệp công lập; Chương IV: doanh "
    "nghiệp (Mục 1 doanh nghiệp nhà nước, Mục 2 doanh nghiệp ngoài nhà nước, Điều 82 cho phép áp dụng Mục 1) — "
    "luatvietnam.net/vn/luat-ve-dan-chu-o-co-quan-doanh-nghiep--vbpl121870.xhtml"
)
ARTICLE_11 = (
    "Điều 11 khoản 1–3: trích văn bản tại 118.69.201.250:801 (hỏi đáp pháp luật, “Chính quyền địa phương cấp xã phải "
    "công khai những nội dung nào”); hethongphapluat.vn/luat-thuc-hien-dan-chu-o-co-so-2022/chuong-2/muc-1"
)
ARTICLE_13_3 = (
    "Điều 13 khoản 3 (loa ≥ 03 ngày liên tục cho khoản 7–12 Điều 11): Công báo số 905+906 ngày 14/12/2022, trang 27 "
    "(vi.wikisource.org/wiki/Trang:Cong_bao_Chinh_phu_905_906_nam_2022.pdf/25)"
)
COMMUNE_DAYS = (
    "Thời gian niêm yết tại trụ sở (Điều 13 khoản 1–2): chưa tìm được văn bản gốc; 30 ngày là con số thường dùng, "
    "chưa xác nhận."
)
AGENCY_DAYS = (
    "Thời gian niêm yết 30 ngày: Nghị định 04/2015/NĐ-CP, Điều 8 khoản 2 (niêm yết ít nhất 30 ngày liên tục; công "
    "khai chậm nhất 03 ngày làm việc, đặc biệt không quá 05 ngày) — văn bản trước Luật 2022, trích tại Thư viện "
    "pháp luật; theo Luật 2022 và Nghị định 59/2023 chưa xác nhận."
)
AGENCY_WORDING = (
    "Câu chữ và số điều của Chương III chưa tìm được văn bản gốc (các bản đã đọc chỉ tóm tắt chương); giữ nguyên, "
    "chưa xác nhận."
)
ENTERPRISE_DAYS = "Thời gian niêm yết tại doanh nghiệp: chưa tìm được trong văn bản đã đọc; 30 ngày chưa xác nhận."
ENTERPRISE_QUOTED = (
    "Câu chữ đối chiếu với đoạn trích điều về nội dung doanh nghiệp nhà nước phải công khai trong nội bộ doanh "
    "nghiệp (điểm a–c), đăng tại vietjack.me/phap-luat/nghi-dinh-43-2014-nd-cp/chuong-iv-904.html (trang ghi nhầm "
    "văn bản); số điều trong Chương IV Mục 1 chưa xác nhận."
)
ENTERPRISE_FUNDS = (
    "Nội dung có trong Nghị định 145/2020/NĐ-CP (Bộ luật Lao động: người sử dụng lao động công khai việc trích lập, "
    "sử dụng quỹ khen thưởng, phúc lợi và các quỹ do người lao động đóng góp; nld.com.vn, 09/11/2018 về dự thảo); "
    "điều tương ứng của Luật 2022 chưa xác nhận."
)
ENTERPRISE_UNSEEN = "Điều, khoản và câu chữ chưa tìm được văn bản gốc; chưa xác nhận."

# Enterprise items whose wording the quoted text corrects: number -> new title.
ENTERPRISE_WORDING = {
    1: "Tình hình sản xuất, kinh doanh hoặc tình hình hoạt động của doanh nghiệp",
    2: (
        "Nội quy lao động, thang lương, bảng lương, định mức lao động; nội quy, quy chế và quy định khác của doanh "
        "nghiệp liên quan đến quyền, lợi ích và nghĩa vụ của người lao động"
    ),
    3: "Các thỏa ước lao động tập thể mà doanh nghiệp đã ký kết, tham gia",
}
ENTERPRISE_REFERENCE = f"{LAW}, Chương IV Mục 1 (doanh nghiệp nhà nước; doanh nghiệp khác theo Điều 82)"
AGENCY_REFERENCE = f"{LAW}, Chương III (cơ quan nhà nước, đơn vị sự nghiệp công lập)"


def _commune_source(number: int, loudspeaker: bool) -> str:
    parts = [f"{LAW}, Điều 11 khoản {number}."]
    if number <= 3:
        parts.append(f"Câu chữ: {ARTICLE_11}.")
    else:
        parts.append("Câu chữ khoản 4–14: chưa đối chiếu văn bản gốc.")
    if loudspeaker:
        parts.append(f"{ARTICLE_13_3}.")
    parts.append(COMMUNE_DAYS)
    return " ".join(parts)


def apply_sources(apps) -> None:
    Item = apps.get_model("democracy", "DisclosureItem")
    seeded_agency = {number: title for number, title, _f, _d in AGENCY_ITEMS}
    seeded_enterprise = {number: title for number, title, _f, _d in ENTERPRISE_ITEMS}
    for item in Item.objects.filter(source=""):
        changed = ["source"]
        if item.base_kind == "commune":
            item.source = _commune_source(item.number, bool(item.loudspeaker_days))
        elif item.base_kind == "agency":
            item.source = f"{AGENCY_REFERENCE}. {CHAPTERS}. {AGENCY_WORDING} {AGENCY_DAYS}"
            if item.title == seeded_agency.get(item.number):
                item.legal_reference = AGENCY_REFERENCE[:255]
                changed.append("legal_reference")
        elif item.base_kind == "enterprise":
            untouched = item.title == seeded_enterprise.get(item.number)
            if item.number in ENTERPRISE_WORDING:
                wording = ENTERPRISE_QUOTED
                if untouched:
                    item.title = ENTERPRISE_WORDING[item.number]
                    changed.append("title")
            elif item.number == 4:
                wording = ENTERPRISE_FUNDS
            else:
                wording = ENTERPRISE_UNSEEN
            if untouched:
                item.legal_reference = ENTERPRISE_REFERENCE[:255]
                changed.append("legal_reference")
            item.source = f"{ENTERPRISE_REFERENCE}. {CHAPTERS}. {wording} {ENTERPRISE_DAYS}"
        else:
            continue
        # No posting time or deadline of any kind of base was found in the text read: every row stays unconfirmed.
        item.days_confirmed = False
        changed.append("days_confirmed")
        item.save(update_fields=changed)
