//! Finding the header row under title rows, and recognising what each column holds.
//!
//! The synonym table is the one place to extend when the office invents a new header word.
//! Headers are compared as accent-free, lower-case keys, so "Điện thoại", "DIEN THOAI" and
//! "Dien thoai" are one header. When a header names nothing, or names a role its cells
//! contradict ("Liên hệ" over phone numbers), the cells decide ([`settle_roles`]).

use crate::model::{InferredColumn, Role};
use crate::normalize::text::fold_key;
use crate::normalize::{date, email, phone, taxcode};

/// Exact header keys (after folding) and the role they name.
const EXACT: &[(&str, Role)] = &[
    // customer or buyer name
    ("ten khach hang", Role::Name),
    ("ten kh", Role::Name),
    ("khach hang", Role::Name),
    ("ho ten", Role::Name),
    ("ho va ten", Role::Name),
    ("ho ten khach hang", Role::Name),
    ("ten", Role::Name),
    ("don vi", Role::Name),
    ("ten don vi", Role::Name),
    ("cong ty", Role::Name),
    ("ten cong ty", Role::Name),
    ("ten nguoi mua", Role::Name),
    ("nguoi mua", Role::Name),
    ("nguoi mua hang", Role::Name),
    ("ten nguoi mua hang", Role::Name),
    ("ten don vi mua hang", Role::Name),
    ("don vi mua hang", Role::Name),
    ("ten doanh nghiep", Role::Name),
    ("ten to chuc", Role::Name),
    ("ten cua hang", Role::Name),
    ("company name", Role::Name),
    ("full name", Role::Name),
    ("fullname", Role::Name),
    ("name", Role::Name),
    ("customer", Role::Name),
    ("customer name", Role::Name),
    ("company", Role::Name),
    ("buyer", Role::Name),
    ("buyer name", Role::Name),
    // contact person
    ("nguoi lien he", Role::Contact),
    ("nguoi lien lac", Role::Contact),
    // A marketplace's order: who receives the goods (the buyer is its account's name).
    ("ten nguoi nhan", Role::Contact),
    ("nguoi nhan", Role::Contact),
    ("nguoi nhan hang", Role::Contact),
    ("nguoi dai dien", Role::Contact),
    ("lien he", Role::Contact),
    ("contact", Role::Contact),
    ("contact person", Role::Contact),
    // phones
    ("dien thoai", Role::Phone),
    ("dt", Role::Phone),
    ("sdt", Role::Phone),
    ("so dt", Role::Phone),
    ("so dien thoai", Role::Phone),
    ("dien thoai lien he", Role::Phone),
    ("dien thoai lien lac", Role::Phone),
    ("so may", Role::Phone),
    ("so lien lac", Role::Phone),
    ("so lien he", Role::Phone),
    ("so di dong", Role::Phone),
    ("dt lien he", Role::Phone),
    ("dt lien lac", Role::Phone),
    ("hotline", Role::Phone),
    ("d thoai", Role::Phone),
    ("tel mobile", Role::Phone),
    ("di dong", Role::Phone),
    ("dtdd", Role::Phone),
    ("dt di dong", Role::Phone),
    ("zalo", Role::Phone),
    ("so zalo", Role::Phone),
    ("phone", Role::Phone),
    ("phone number", Role::Phone),
    ("mobile", Role::Phone),
    ("dt ban", Role::PhoneFixed),
    ("dien thoai ban", Role::PhoneFixed),
    ("dt co dinh", Role::PhoneFixed),
    ("dien thoai co dinh", Role::PhoneFixed),
    // «ĐTDĐ»'s landline twin (MISA's customer list: «ĐT di động», «ĐTCĐ»).
    ("dtcd", Role::PhoneFixed),
    ("co dinh", Role::PhoneFixed),
    ("tel", Role::PhoneFixed),
    ("fax", Role::PhoneFixed),
    ("tel fax", Role::PhoneFixed),
    // email
    ("email", Role::Email),
    ("e mail", Role::Email),
    ("mail", Role::Email),
    ("thu dien tu", Role::Email),
    ("gmail", Role::Email),
    ("hop thu", Role::Email),
    ("dia chi email", Role::Email),
    // addresses
    ("dia chi", Role::Address),
    ("dia chi lien lac", Role::Address),
    ("dia chi lien he", Role::Address),
    ("dc", Role::Address),
    // "Đ/c", "Đ.chỉ": the clerks' short forms.
    ("d c", Role::Address),
    ("d chi", Role::Address),
    ("address", Role::Address),
    ("dia chi nguoi mua", Role::Address),
    ("noi o", Role::Address),
    ("cho o", Role::Address),
    ("dia chi giao hang", Role::Delivery),
    ("noi giao hang", Role::Delivery),
    ("noi giao", Role::Delivery),
    ("dia chi nhan hang", Role::Delivery),
    ("noi nhan hang", Role::Delivery),
    ("thong tin nhan hang", Role::Delivery),
    ("giao hang toi", Role::Delivery),
    ("giao den", Role::Delivery),
    ("delivery address", Role::Delivery),
    ("shipping address", Role::Delivery),
    // tax code
    ("mst", Role::TaxCode),
    ("ma so thue", Role::TaxCode),
    ("mst nguoi mua", Role::TaxCode),
    ("ma so thue nguoi mua", Role::TaxCode),
    ("tax code", Role::TaxCode),
    ("tax id", Role::TaxCode),
    // An enterprise's code is its tax code.
    ("ma so dn", Role::TaxCode),
    ("ma so doanh nghiep", Role::TaxCode),
    ("tax number", Role::TaxCode),
    // activity dates
    ("ngay giao dich cuoi", Role::Date),
    ("ngay giao dich", Role::Date),
    ("ngay hd", Role::Date),
    ("ngay hoa don", Role::Date),
    ("ngay dat hang", Role::Date),
    ("ngay mua", Role::Date),
    ("ngay mua hang", Role::Date),
    ("ngay lap", Role::Date),
    ("ngay", Role::Date),
    ("order date", Role::Date),
    ("last order", Role::Date),
    ("last order date", Role::Date),
    ("date", Role::Date),
    ("lan mua cuoi", Role::Date),
    ("mua lan cuoi", Role::Date),
    // Web exports: the day the customer signed up or ordered.
    ("created at", Role::Date),
    // A Google Form's responses: the time each was sent.
    ("dau thoi gian", Role::Date),
    ("timestamp", Role::Date),
    ("created", Role::Date),
    ("signup date", Role::Date),
    ("registered at", Role::Date),
    ("registration date", Role::Date),
    // how the clerk addresses the customer («Anh», «Chị», «Bác sĩ»)
    ("danh xung", Role::Honorific),
    ("xung ho", Role::Honorific),
    ("xung danh", Role::Honorific),
    ("honorific", Role::Honorific),
    ("salutation", Role::Honorific),
    // notes, row numbers, ids
    ("ghi chu", Role::Note),
    ("note", Role::Note),
    ("notes", Role::Note),
    ("stt", Role::RowNo),
    ("tt", Role::RowNo),
    ("no", Role::RowNo),
    ("ma kh", Role::CustomerId),
    ("ma khach hang", Role::CustomerId),
    ("ma khach", Role::CustomerId),
    ("customer id", Role::CustomerId),
    // invoices
    ("ky hieu hoa don", Role::InvoiceSeries),
    ("ky hieu", Role::InvoiceSeries),
    ("ky hieu hd", Role::InvoiceSeries),
    ("so hoa don", Role::InvoiceNo),
    ("so hd", Role::InvoiceNo),
    ("invoice no", Role::InvoiceNo),
    ("invoice number", Role::InvoiceNo),
    ("doanh thu chua co thue", Role::Amount),
    ("doanh so ban chua co thue", Role::Amount),
    ("doanh thu chua thue", Role::Amount),
    // The tax portal's export (hoadondientu.gdt.gov.vn): «Tổng tiền chưa thuế», «Tổng tiền
    // thuế» beside «Tổng tiền thanh toán».
    // An accounting package's sales book (MISA «Sổ chi tiết bán hàng»): «Doanh số bán» less
    // «Chiết khấu».
    ("doanh so ban", Role::Amount),
    ("doanh so ban hang", Role::Amount),
    ("tong tien chua thue", Role::Amount),
    ("tong tien chua co thue", Role::Amount),
    ("tien chua thue", Role::Amount),
    ("thanh tien chua thue", Role::Amount),
    ("tong tien thue", Role::Vat),
    ("tong tien thue gtgt", Role::Vat),
    ("tien hang", Role::Amount),
    // A portal's export gives the goods' amount and the discount apart: the revenue is the
    // amount less the discount.
    ("tien chiet khau", Role::Discount),
    ("chiet khau", Role::Discount),
    ("tien giam gia", Role::Discount),
    ("giam gia", Role::Discount),
    ("discount", Role::Discount),
    ("thanh tien", Role::Amount),
    ("tong tien hang", Role::Amount),
    // An e-invoice provider's export names its columns as the invoice's lines: «Cộng tiền
    // hàng» (the goods' amount), «Tiền thuế GTGT», «Tổng cộng tiền thanh toán».
    ("cong tien hang", Role::Amount),
    ("cong tien hang hoa dich vu", Role::Amount),
    // The total with VAT: read when no revenue before VAT is given.
    ("tong tien", Role::Gross),
    ("tong tien thanh toan", Role::Gross),
    ("tong cong tien thanh toan", Role::Gross),
    ("tong thanh toan", Role::Gross),
    ("tong gia tri thanh toan", Role::Gross),
    ("total amount", Role::Gross),
    ("amount", Role::Amount),
    ("thue gtgt", Role::Vat),
    ("tien thue gtgt", Role::Vat),
    ("tien thue", Role::Vat),
    ("vat", Role::Vat),
    // marketing consent
    ("dong y nhan tin", Role::Consent),
    ("nhan quang cao", Role::Consent),
    ("nhan tin khuyen mai", Role::Consent),
    ("consent", Role::Consent),
    ("marketing", Role::Consent),
    ("marketing consent", Role::Consent),
    ("accepts marketing", Role::Consent),
    ("accepts email marketing", Role::Consent),
    // A shop's export (Haravan, Sapo): «Nhận email quảng cáo», «Nhận tin quảng cáo».
    ("nhan email quang cao", Role::Consent),
    ("nhan email khuyen mai", Role::Consent),
    ("nhan tin quang cao", Role::Consent),
    ("dong y nhan email", Role::Consent),
    ("opt in", Role::Consent),
    ("newsletter", Role::Consent),
    // marketing refused: a mark is a «no»
    ("ngung quang cao", Role::OptOut),
    ("khong nhan quang cao", Role::OptOut),
    ("khong nhan tin", Role::OptOut),
    ("khong nhan tin quang cao", Role::OptOut),
    ("khong nhan email", Role::OptOut),
    ("khong gui tin", Role::OptOut),
    ("khong gui quang cao", Role::OptOut),
    ("khong lien he", Role::OptOut),
    ("tu choi quang cao", Role::OptOut),
    ("tu choi nhan tin", Role::OptOut),
    ("tu choi nhan quang cao", Role::OptOut),
    ("huy dang ky", Role::OptOut),
    ("no marketing", Role::OptOut),
    ("opt out", Role::OptOut),
    ("opted out", Role::OptOut),
    ("unsubscribed", Role::OptOut),
    ("unsubscribe", Role::OptOut),
    ("do not contact", Role::OptOut),
    ("do not email", Role::OptOut),
];

/// Word-prefix rules for headers that are not in the exact table ("Điện thoại di động (Zalo)",
/// "Địa chỉ giao hàng mới"). Longer prefixes first: the first match wins.
const PREFIX: &[(&str, Role)] = &[
    ("dia chi giao", Role::Delivery),
    ("dia chi email", Role::Email),
    ("dia chi", Role::Address),
    ("d c giao", Role::Delivery),
    ("dc giao", Role::Delivery),
    ("d c", Role::Address),
    ("dc", Role::Address),
    ("dien thoai ban", Role::PhoneFixed),
    ("dien thoai co dinh", Role::PhoneFixed),
    ("dien thoai", Role::Phone),
    ("so dien thoai", Role::Phone),
    ("sdt", Role::Phone),
    ("so dt", Role::Phone),
    ("so may", Role::Phone),
    ("so lien lac", Role::Phone),
    ("so lien he", Role::Phone),
    ("di dong", Role::Phone),
    ("dt ban", Role::PhoneFixed),
    ("dt", Role::Phone),
    ("phone", Role::Phone),
    ("mobile", Role::Phone),
    ("ma so thue", Role::TaxCode),
    ("mst", Role::TaxCode),
    ("ten khach", Role::Name),
    ("ten nguoi mua", Role::Name),
    ("ho ten", Role::Name),
    ("ho va ten", Role::Name),
    ("ten cong ty", Role::Name),
    ("ten don vi", Role::Name),
    ("nguoi lien he", Role::Contact),
    ("ngay", Role::Date),
    ("email", Role::Email),
    ("e mail", Role::Email),
    ("ghi chu", Role::Note),
    ("dong y nhan", Role::Consent),
    ("nhan quang cao", Role::Consent),
    ("nhan khuyen mai", Role::Consent),
    ("khong nhan quang cao", Role::OptOut),
    ("khong nhan tin", Role::OptOut),
    ("khong nhan email", Role::OptOut),
    ("khong nhan khuyen mai", Role::OptOut),
    ("tu choi nhan", Role::OptOut),
    ("tu choi quang cao", Role::OptOut),
    ("ngung nhan", Role::OptOut),
    ("ngung quang cao", Role::OptOut),
    ("so hoa don", Role::InvoiceNo),
    ("doanh thu", Role::Amount),
    ("thue gtgt", Role::Vat),
];

/// Recognises one header cell.
pub fn role_of(header: &str) -> Option<Role> {
    // A header refused as written is not read again through a legacy font's table (which
    // turns «MST người bán» into «MST ngêi b¸n»: a tax code column, the seller's words gone).
    if refused_key(&fold_key(header)) {
        return None;
    }
    role_of_text(header).or_else(|| legacy_header(header))
}

/// A header no role is read from: a date that is no dealing, the company's staff's, the
/// seller's of an invoice list.
fn refused_key(key: &str) -> bool {
    not_a_dealing_key(key) || names_staff(key) || seller_key(key)
}

/// A header typed in a legacy font ("Hä vµ tªn" in .VnTime, "Hoï vaø teân" in VNI-Times), as
/// the whole sheet of an old workbook often is: read through each legacy table in turn.
fn legacy_header(header: &str) -> Option<Role> {
    use crate::normalize::legacy::{convert, Legacy};
    if header.is_ascii() {
        return None;
    }
    [Legacy::Tcvn3, Legacy::Vni].into_iter().find_map(|enc| {
        let text = convert(header, enc);
        (text != header).then(|| role_of_text(&text)).flatten()
    })
}

fn role_of_text(header: &str) -> Option<Role> {
    let key = fold_key(header);
    if key.is_empty() {
        return None;
    }
    // A web shop's export names the order's two parties: `billing_email`, `billing_phone`,
    // `Billing Name` (the customer) and `shipping_address_1`, `Shipping City` (where the goods
    // go: the delivery address).
    match party(&key) {
        (rest, Some(delivery)) => role_of_key(rest).map(|r| match r {
            Role::Address if delivery => Role::Delivery,
            Role::Delivery if !delivery => Role::Address,
            r => r,
        }),
        (_, None) => role_of_key(&key),
    }
}

/// A folded header without a web shop's party prefix, and the party: `Some(false)` for
/// `billing_` (the customer), `Some(true)` for `shipping_` (the receiver), `None` for none.
fn party(key: &str) -> (&str, Option<bool>) {
    if let Some(rest) = key.strip_prefix("billing ") {
        (rest, Some(false))
    } else if let Some(rest) = key.strip_prefix("shipping ") {
        (rest, Some(true))
    } else {
        (key, None)
    }
}

/// Whether a folded header is `words`, or starts with them and goes on after a space
/// ("ngay sinh" in "ngay sinh dd mm yyyy", not in "ngay sinhx").
fn starts_with_words(key: &str, words: &str) -> bool {
    key == words || (key.starts_with(words) && key.as_bytes().get(words.len()) == Some(&b' '))
}

/// Headers of one part of the address, when a sheet splits it over columns ("Số nhà/Đường",
/// "Phường/Xã", "Quận/Huyện", "Tỉnh/TP"; "city", "state"): read as the address, the parts
/// joined in column order.
const ADDRESS_PARTS: &[&str] = &[
    "so nha",
    "so nha duong",
    "so nha ten duong",
    "duong",
    "duong pho",
    "thon xom",
    "phuong",
    "xa",
    "phuong xa",
    "xa phuong",
    "phuong xa thi tran",
    "quan",
    "huyen",
    "quan huyen",
    "huyen quan",
    "quan huyen thi xa",
    // Shopee's «TP / Quận / Huyện».
    "tp quan huyen",
    "tinh",
    "tinh tp",
    "tinh thanh",
    "tinh thanh pho",
    "thanh pho",
    "tp",
    "tp tinh",
    "street",
    "ward",
    "district",
    "city",
    "state",
    "province",
    "address 1",
    "address 2",
    "address line 1",
    "address line 2",
    // A sales program's «Khu vực giao hàng»: "Hà Nội - Quận Hoàn Kiếm", province first
    // ([`province_first`]).
    "khu vuc giao hang",
];

/// A part written province first ("Hà Nội - Quận Hoàn Kiếm"), to be turned round.
pub fn province_first(header: &str) -> bool {
    fold_key(header) == "khu vuc giao hang"
}

/// A part's header that names the province («Tỉnh/TP», «Tỉnh/Thành phố», `state`).
pub fn is_province_part(header: &str) -> bool {
    matches!(
        fold_key(header).as_str(),
        "tinh" | "tinh tp" | "tinh thanh" | "tinh thanh pho" | "tp tinh" | "province" | "state"
    )
}

/// Headers of columns a ledger carries and sokhach does not read: words of a header row all
/// the same (a second header row may hold nothing else: the tax form's "Ký hiệu mẫu số"
/// beside "Ký hiệu hóa đơn", "Số hóa đơn", "Ngày").
const KNOWN_UNUSED: &[&str] = &[
    "ky hieu mau so",
    "mau so",
    "mau so hoa don",
    "ky hieu mau hoa don",
    "ten hang",
    "ten hang hoa dich vu",
    "mat hang",
    "ma hang",
    "don vi tinh",
    "dvt",
    "so luong",
    "don gia",
    "thue suat",
    "ty le",
    "trang thai",
    "trang thai hoa don",
    "trang thai hd",
    "tinh trang hoa don",
    "tinh trang hd",
];

/// An invoice listing's status column ("Trạng thái hóa đơn": mới, thay thế, điều chỉnh, đã
/// bị hủy, đã bị thay thế).
pub fn is_invoice_status(header: &str) -> bool {
    matches!(
        fold_key(header).as_str(),
        "trang thai"
            | "trang thai hoa don"
            | "trang thai hd"
            | "tinh trang hd"
            | "tinh trang hoa don"
            | "tinh trang"
            | "status"
            | "invoice status"
    )
}

/// How plainly an amount column's header names the revenue before VAT: 2 for the revenue
/// named as such («Doanh thu chưa có thuế», discounts already off), 1 for the goods' amount
/// («Tiền hàng», «Thành tiền», before any discount).
pub fn amount_rank(header: &str) -> u8 {
    let key = fold_key(header);
    if key.starts_with("doanh thu") || key.starts_with("doanh so") {
        2
    } else {
        1
    }
}

/// A header of the seller's side of an invoice list («Tên người bán», «MST người bán», the tax
/// portal's «Thông tin người bán», an accounting package's «Tên nhà cung cấp», «Mã NCC»): a
/// list of purchase invoices, whose parties are the company's suppliers. Such a column is
/// never the customer's (a provider's sales export may carry the company's own «MST người
/// bán» on every line).
pub fn names_seller(header: &str) -> bool {
    seller_key(&fold_key(header))
}

fn seller_key(key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    let ends = |run: &[&str]| words.len() > run.len() && words.ends_with(run);
    ends(&["nguoi", "ban"])
        || ends(&["ben", "ban"])
        || ends(&["don", "vi", "ban"])
        || words.ends_with(&["nha", "cung", "cap"])
        || ends(&["ncc"])
        || ["seller", "supplier", "vendor"]
            .iter()
            .any(|w| words.contains(w))
}

/// A header sokhach knows and leaves unread ([`KNOWN_UNUSED`]).
pub fn known_unused(header: &str) -> bool {
    KNOWN_UNUSED.contains(&fold_key(header).as_str())
}

/// A header of two rows whose lower row names the buyer and whose upper row the rest: the tax
/// portal's invoice list (hoadondientu.gdt.gov.vn) writes «Thông tin người mua» over «MST
/// người mua» and «Tên người mua», and «Số hóa đơn», «Ngày lập» and the amounts in cells
/// merged down both rows, so their text stands in the upper row only. [`detect`] finds the
/// lower row (the upper names no customer); this is that row with the upper's headers in the
/// cells it leaves blank. `None` unless the upper row names at least two columns there: a
/// title above a header is one cell, over a column the header names.
pub fn with_group_row_above(
    above: &[String],
    header: &[String],
    role_of: &dyn Fn(&str) -> Option<Role>,
) -> Option<Vec<String>> {
    let blank = |c: &String| c.trim().is_empty();
    let width = above.len().max(header.len());
    let mut joined: Vec<String> = header.to_vec();
    joined.resize(width, String::new());
    let mut named = 0;
    for (c, over) in above.iter().enumerate() {
        if blank(over) || !blank(&joined[c]) {
            continue;
        }
        if role_of(over).is_some() {
            named += 1;
        }
        joined[c] = over.trim().to_string();
    }
    (named >= 2).then_some(joined)
}

/// Words of a header that names personal data the company's policy keeps none of: an
/// identity paper's number, its place of issue, a bank account.
const NOT_KEPT_WORDS: &[&str] = &["cccd", "cmnd", "cmt", "passport", "stk", "iban"];
/// The same, as runs of words.
const NOT_KEPT_RUNS: &[&[&str]] = &[
    &["can", "cuoc"],
    &["chung", "minh"],
    &["so", "dinh", "danh"],
    &["dinh", "danh", "ca", "nhan"],
    &["ho", "chieu"],
    &["giay", "to", "tuy", "than"],
    &["noi", "cap"],
    &["so", "tai", "khoan"],
    &["so", "tk"],
    &["tai", "khoan", "ngan", "hang"],
    &["ngan", "hang"],
    &["id", "card"],
    &["national", "id"],
    &["bank", "account"],
    &["account", "number"],
];

/// Whether a header names personal data the policy keeps none of (an identity card's number,
/// «CCCD», «Số CMND», «Hộ chiếu», its «Nơi cấp»; a bank account, «Số tài khoản», «STK»): such
/// a column is not read, nor taken by its cells for another (twelve digits of a «CCCD» read as
/// a tax code, a ten-digit account as a phone). A header that also names a tax code («MST/
/// CCCD»: since July 2025 a person's tax code is her identity number) is not one.
pub fn names_data_not_kept(header: &str) -> bool {
    let key = fold_key(header);
    let words: Vec<&str> = key.split(' ').collect();
    let has = |run: &[&str]| words.windows(run.len()).any(|w| w == run);
    let tax = words.iter().any(|w| matches!(*w, "mst" | "thue" | "tax")) || has(&["ma", "so"]);
    !tax && (words.iter().any(|w| NOT_KEPT_WORDS.contains(w))
        || NOT_KEPT_RUNS.iter().any(|r| has(r)))
}

/// A header naming one part of an address ("Tỉnh/TP", "city"), not a whole one.
pub fn is_address_part(header: &str) -> bool {
    ADDRESS_PARTS.contains(&fold_key(header).as_str())
}

/// [`is_address_part`], a web shop's `billing_` or `shipping_` prefix aside
/// (`billing_address_1`, `billing_city`).
pub fn is_prefixed_address_part(header: &str) -> bool {
    ADDRESS_PARTS.contains(&party(&fold_key(header)).0)
}

/// Dates a ledger may carry that are no dealing with the company: a person's birth, the issue
/// or expiry of an identity card. Read as the last activity they would make the retention
/// rule count from a customer's birthday; the policy's basic data has none of them, so they
/// are not read, and their cells do not make them a date column either.
const NOT_DEALINGS: &[&str] = &[
    "ngay sinh",
    "sinh ngay",
    "ngay thang nam sinh",
    "ngay thang sinh",
    "nam sinh",
    "sinh nhat",
    "ngay cap",
    "ngay het han",
    "ngay hh",
    "date of birth",
    "birth date",
    "birthdate",
    "birthday",
    "dob",
    "expiry date",
    // A reminder to call is a date to come, not a dealing.
    "ngay nhac",
    "nhac goi",
    "nhac lich",
    "ngay hen",
    "hen goi",
    "lich hen",
    "ngay goi lai",
    "goi lai",
    "follow up",
    "reminder",
    "next call",
];

/// Whether a header names a date that is no dealing ([`NOT_DEALINGS`], with the words after
/// it: "Ngày sinh (dd/mm/yyyy)", "Ngày cấp CCCD").
pub fn not_a_dealing(header: &str) -> bool {
    not_a_dealing_key(&fold_key(header))
}

fn not_a_dealing_key(key: &str) -> bool {
    // "Ngày cập nhật" (updated) folds to the words of "Ngày cấp" (issued).
    if key.starts_with("ngay cap nhat") {
        return false;
    }
    NOT_DEALINGS.iter().any(|p| starts_with_words(key, p))
}

/// Whether a sheet's name (a CSV file's stem) says it holds customers deleted: «Đã xóa»,
/// «Khách đã xóa», «KH xoa», «Deleted». A clerk moves a deleted customer there rather than
/// erase the row; its rows are no customers (a list with its duplicates removed, «Đã xóa
/// trùng», is).
pub fn names_deleted_sheet(name: &str) -> bool {
    let key = fold_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    let deleted = words
        .iter()
        .any(|w| matches!(*w, "xoa" | "deleted" | "removed" | "erased"));
    // «Đã xóa trùng» (duplicates removed), «Không xóa», «Chưa xóa», «Chờ xóa»: customers.
    deleted
        && !words.iter().any(|w| {
            matches!(
                *w,
                "trung" | "duplicates" | "dup" | "khong" | "ko" | "chua" | "cho" | "dung" | "not"
            )
        })
}

/// Whether a sheet's name (a CSV file's stem) says it lists the company's own staff:
/// «Nhân viên», «DS nhân viên», «Nhân sự», «Bảng lương», «Staff 2024». A sheet of the
/// customers one salesperson looks after («NV Lan», «Khách NV Hùng») is a ledger.
pub fn names_staff_sheet(name: &str) -> bool {
    let key = fold_key(name);
    let mut rest = key.as_str();
    for lead in ["danh sach", "ds", "thong tin", "ho so", "list of", "bang"] {
        if let Some(r) = rest.strip_prefix(lead).and_then(|r| r.strip_prefix(' ')) {
            rest = r;
            break;
        }
    }
    let rest = rest.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    matches!(
        rest,
        "nhan vien"
            | "nv"
            | "nhan su"
            | "nhan vien cong ty"
            | "nhan vien kinh doanh"
            | "nvkd"
            | "staff"
            | "employees"
            | "employee"
            | "luong"
            | "cham cong"
            | "payroll"
    )
}

/// Whether a table's headers are a staff record's: an employee's code («Mã NV», «Mã nhân
/// viên») beside their post («Chức vụ», «Phòng ban», «Ngày vào làm»). A customer list with
/// the code of the salesperson who looks after each customer has no post column.
pub fn lists_staff_records(headers: &[String]) -> bool {
    let keys: Vec<String> = headers.iter().map(|h| fold_key(h)).collect();
    let has = |set: &[&str]| keys.iter().any(|k| set.contains(&k.as_str()));
    has(&["ma nv", "ma nhan vien", "employee id", "staff id", "msnv"])
        && has(&[
            "chuc vu",
            "phong ban",
            "bo phan",
            "ngay vao lam",
            "vi tri",
            "position",
            "department",
            "hire date",
        ])
}

/// Whether a header speaks of a customer («Tên khách hàng», «Mã KH», «Tên công ty», «Đơn
/// vị», «MST», «Người mua»): a table with one is a ledger whatever its sheet is called.
pub fn names_a_customer(header: &str) -> bool {
    let key = fold_key(header);
    let words: Vec<&str> = key.split(' ').collect();
    const WORDS: &[&str] = &[
        "khach", "kh", "customer", "client", "mst", "buyer", "cty", "company",
    ];
    const PAIRS: &[&str] = &[
        "cong ty",
        "doanh nghiep",
        "don vi",
        "nguoi mua",
        "ma so thue",
    ];
    words.iter().any(|w| WORDS.contains(w))
        || PAIRS
            .iter()
            .any(|p| words.windows(2).any(|w| w.join(" ") == *p))
}

/// Whether a header names the company's staff by name («Họ tên nhân viên», «Tên NV»,
/// «Nhân viên»): a table with such a column and none naming a customer is a staff list.
pub fn names_staff_member(header: &str) -> bool {
    let key = fold_key(header);
    names_staff(&key)
        && (["ho ten", "ho va ten", "ten"]
            .iter()
            .any(|w| starts_with_words(&key, w))
            || ["nhan vien", "nv", "staff", "employee", "salesperson"].contains(&key.as_str()))
}

/// Words that make a column the company's own staff's, not the customer's: «Họ tên nhân
/// viên», «NV phụ trách», «Điện thoại nhân viên», «Người lập», «Salesperson». Their names and
/// numbers are no customer's (a staff list sheet in the shared workbook is no ledger), and the
/// book keeps no such column.
fn names_staff(key: &str) -> bool {
    const STAFF: &[&str] = &[
        "nhan vien",
        "nv",
        "nvkd",
        "nv kd",
        "phu trach",
        "nguoi phu trach",
        "nguoi lap",
        "nguoi ban",
        "salesperson",
        "sales rep",
        "staff",
        "employee",
        "account manager",
    ];
    let words: Vec<&str> = key.split(' ').collect();
    STAFF.iter().any(|s| {
        let n = s.split(' ').count();
        words.windows(n).any(|w| w.join(" ") == *s)
    })
}

fn role_of_key(key: &str) -> Option<Role> {
    if refused_key(key) {
        return None;
    }
    if ADDRESS_PARTS.contains(&key) {
        return Some(Role::Address);
    }
    if let Some(&(_, role)) = EXACT.iter().find(|(k, _)| *k == key) {
        return Some(role);
    }
    PREFIX
        .iter()
        .find(|(p, _)| starts_with_words(key, p))
        .map(|&(_, role)| role)
        .or_else(|| consent_question(key))
}

/// A form's question about marketing as a column header («Bạn có đồng ý nhận thông tin
/// khuyến mãi?», «Anh/chị không muốn nhận quảng cáo?»): a refusal's words make it the opt-out
/// column, an agreement's the consent column; the answers («Có», «Không») say the rest.
fn consent_question(key: &str) -> Option<Role> {
    let has = |w: &str| {
        key == w
            || key.starts_with(&format!("{w} "))
            || key.ends_with(&format!(" {w}"))
            || key.contains(&format!(" {w} "))
    };
    // («Thông tin nhận hàng» is where the goods go: «thông tin» alone is no marketing.)
    let marketing = ["khuyen mai", "quang cao", "uu dai", "ban tin"]
        .iter()
        .any(|w| has(w));
    if !marketing || !(has("nhan") || has("gui")) {
        return None;
    }
    if has("khong muon") || has("khong nhan") || has("tu choi") || has("ngung") {
        Some(Role::OptOut)
    } else {
        Some(Role::Consent)
    }
}

/// Share (percent) of a column's sampled non-empty cells that must parse as one kind for the
/// cells to decide its role: when the header names nothing, and when it names another role
/// (overruling a header takes more).
const INFER_UNKNOWN: usize = 60;
const INFER_CONTRADICTED: usize = 80;
/// Fewer non-empty cells than this decide nothing.
const INFER_MIN_CELLS: usize = 2;

/// Header roles the cells may overrule, and the roles they may be overruled to: a text column
/// full of phones or emails is a phone or email column; a phone column full of emails is an
/// email column and the other way round. Tax codes and dates only fill unnamed columns.
fn may_overrule(header: Role, values: Role) -> bool {
    use Role::*;
    matches!(
        (header, values),
        (Name | Contact | Address | Delivery | Note, Phone | Email)
            | (Phone | PhoneFixed, Email)
            | (Email, Phone)
    )
}

/// The kinds of value a cell may be, in the order that wins a tie: a ten-digit number can be
/// both a mobile and a tax code with a valid check digit, and phones are the commoner column.
const KINDS: [Role; 4] = [Role::Email, Role::Phone, Role::TaxCode, Role::Date];

/// Which of [`KINDS`] one cell parses as, strictly: the whole cell is phones, or emails, or a
/// tax code with a valid check digit, or a date written with separators (a bare number may
/// be anything: an amount, an id, an Excel serial).
fn kinds_of_cell(v: &str) -> [bool; 4] {
    let v = v.trim();
    if v.contains('@') {
        let e = email::parse_emails(v);
        return [
            !e.valid.is_empty() && e.invalid.is_empty(),
            false,
            false,
            false,
        ];
    }
    let p = phone::parse_phones(v, phone::PhoneHint::default());
    let is_phone = !p.phones.is_empty() && p.invalid.is_empty();
    let is_tax = taxcode::parse_tax_code(v).is_ok();
    let dated = v.contains(['/', '-', '.']) && v.bytes().any(|b| b.is_ascii_digit());
    // Any "today" does: a date out of range is still a date.
    let is_date = dated
        && chrono::NaiveDate::from_ymd_opt(2100, 1, 1).is_some_and(|today| {
            matches!(
                date::parse_date(v, today),
                Ok(Some(_)) | Err(date::DateIssue::OutOfRange)
            )
        });
    [false, is_phone, is_tax, is_date && !is_phone && !is_tax]
}

/// The role most of a column's cells parse as, and its share of the non-empty cells (percent).
pub fn role_from_values<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<(Role, usize)> {
    let mut counts = [0usize; 4];
    let mut filled = 0;
    for v in values {
        if v.trim().is_empty() {
            continue;
        }
        filled += 1;
        for (c, hit) in counts.iter_mut().zip(kinds_of_cell(v)) {
            *c += usize::from(hit);
        }
    }
    if filled < INFER_MIN_CELLS {
        return None;
    }
    let (i, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (n > 0).then(|| (KINDS[i], n * 100 / filled))
}

/// Decides from the cells the role of each column whose header names nothing or names a role
/// its cells contradict. `samples[i]` holds the first data cells of column i. Returns the
/// columns so decided, for the summary and the report. A tax code or date column is inferred
/// only when no column has that role already (two would be joined into one value).
pub fn settle_roles(roles: &mut [Option<Role>], samples: &[Vec<&str>]) -> Vec<InferredColumn> {
    let mut inferred = Vec::new();
    for (i, col) in samples.iter().enumerate().take(roles.len()) {
        let header_role = roles[i];
        if matches!(header_role, Some(Role::RowNo)) {
            continue;
        }
        let Some((found, share)) = role_from_values(col.iter().copied()) else {
            continue;
        };
        let decide = match header_role {
            None => {
                share >= INFER_UNKNOWN
                    && (matches!(found, Role::Phone | Role::Email) || !roles.contains(&Some(found)))
            }
            Some(h) => h != found && share >= INFER_CONTRADICTED && may_overrule(h, found),
        };
        if decide {
            roles[i] = Some(found);
            inferred.push(InferredColumn {
                column: i,
                header_role,
            });
        }
    }
    inferred
}

/// Roles that make a table a customer ledger (a sheet of prices has none of them).
fn is_identifying(role: Role) -> bool {
    matches!(
        role,
        Role::Name | Role::Phone | Role::PhoneFixed | Role::Email | Role::TaxCode
    )
}

/// The header row found among the first rows of a table.
#[derive(Debug, Clone)]
pub struct Header {
    /// Position in the candidate rows given to `detect`.
    pub index: usize,
    pub roles: Vec<Option<Role>>,
    /// An organisation's name column and a person's name column side by side ("Tên đơn vị
    /// mua hàng" and "Họ tên người mua hàng" on an invoice, `company` and `full_name` in a
    /// web shop's export): the organisation is the customer and the person its contact; a row
    /// with no organisation is the person's own ([`Header::person_stands_in`]).
    pub person_stands_in: bool,
    /// A person's name split over two columns ([`name_parts`]).
    pub name_parts: Option<NameParts>,
}

/// A person's name typed in two columns, the family name (with the middle names) in one and
/// the given name in the other: "Họ" + "Tên", "Họ và tên đệm" + "Tên", a web shop's
/// `last_name` + `first_name`. Read as one name, family name first whatever the columns'
/// order, in the role `role` (the name, or the contact beside an organisation's column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameParts {
    pub family: usize,
    pub given: usize,
    pub role: Role,
    /// The column of the whole name beside them, when there is one: the parts are read only
    /// on a row that leaves it empty.
    pub whole: Option<usize>,
}

/// Headers of the family-name part of a person's name (with the middle names).
const FAMILY_PARTS: &[&str] = &[
    "ho",
    "ho dem",
    "ho lot",
    "ho va dem",
    "ho ten dem",
    "ho va ten dem",
    "ho va ten lot",
    "ho chu lot",
    "ho va chu lot",
    "last name",
    "lastname",
    "surname",
    "family name",
];

/// Headers of the given-name part.
const GIVEN_PARTS: &[&str] = &["ten", "ten goi", "first name", "firstname", "given name"];

/// Whether a header names the family part (`Some(true)`) or the given part (`Some(false)`) of
/// a person's name; a web shop's `billing_` and `shipping_` prefixes are the customer's and
/// the receiver's parts.
fn name_part(header: &str) -> Option<(bool, bool)> {
    let key = fold_key(header);
    let (key, party) = party(&key);
    let shipping = party == Some(true);
    if FAMILY_PARTS.contains(&key) {
        Some((true, shipping))
    } else if GIVEN_PARTS.contains(&key) {
        Some((false, shipping))
    } else {
        None
    }
}

/// The two columns of a person's name split over them, when the header row has one family
/// part and one given part (the customer's, before a web shop's receiver's), with the column
/// of the whole name when the row has one too («Họ», «Tên», «Họ tên»: the parts stand in for
/// it on a row that leaves it empty, as a formula a program wrote without its value).
fn name_parts(cells: &[String], roles: &[Option<Role>]) -> Option<(usize, usize, Option<usize>)> {
    let parts: Vec<(usize, bool, bool)> = cells
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(roles[*i], None | Some(Role::Name)))
        .filter_map(|(i, c)| name_part(c).map(|(family, shipping)| (i, family, shipping)))
        .collect();
    let pick = |family: bool| {
        let of: Vec<usize> = parts
            .iter()
            .filter(|p| p.1 == family)
            .filter(|p| !p.2 || parts.iter().all(|q| q.2))
            .map(|p| p.0)
            .collect();
        match of.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    };
    let (family, given) = (pick(true)?, pick(false)?);
    let whole_person = (0..roles.len()).find(|&i| {
        roles[i] == Some(Role::Name)
            && i != family
            && i != given
            && name_part(&cells[i]).is_none()
            && !names_organisation(&cells[i])
    });
    Some((family, given, whole_person))
}

/// A name column's header that names an organisation, not a person.
pub fn names_organisation(header: &str) -> bool {
    let key = fold_key(header);
    let words: Vec<&str> = key.split(' ').collect();
    let has = |run: &[&str]| words.windows(run.len()).any(|w| w == run);
    has(&["don", "vi"])
        || has(&["cong", "ty"])
        || has(&["doanh", "nghiep"])
        || has(&["to", "chuc"])
        || has(&["cua", "hang"])
        || ["company", "organization", "organisation", "business"]
            .iter()
            .any(|w| words.contains(w))
}

/// How many rows from the top may hold titles before the header.
pub const SCAN_ROWS: usize = 30;

/// Picks the header row: the row with the most recognised columns, at least two of them and at
/// least one that identifies a customer. A merged title cell ("DANH SÁCH KHÁCH HÀNG") is one
/// cell and names no role, so it never wins.
pub fn detect(rows: &[Vec<String>]) -> Option<Header> {
    detect_with(rows, &|c| role_of(c))
}

/// [`detect`] reading each header cell with `role_of` (the office's `[[columns]]` overrides
/// first, so that a table whose headers the synonyms do not know is still found by them).
pub fn detect_with(rows: &[Vec<String>], role_of: &dyn Fn(&str) -> Option<Role>) -> Option<Header> {
    let mut best: Option<(usize, usize)> = None;
    for (i, cells) in rows.iter().enumerate().take(SCAN_ROWS) {
        // A part of a person's name («Họ», `first_name`) is a name column to find the header.
        let roles: Vec<Option<Role>> = cells
            .iter()
            .map(|c| role_of(c).or_else(|| name_part(c).map(|_| Role::Name)))
            .collect();
        let known = roles.iter().flatten().count();
        let identifying = roles.iter().flatten().any(|&r| is_identifying(r));
        if known >= 2 && identifying && best.is_none_or(|(_, n)| known > n) {
            best = Some((i, known));
        }
    }
    let (index, _) = best?;
    let mut roles: Vec<Option<Role>> = rows[index].iter().map(|c| role_of(c)).collect();
    // A name in two columns is one name column here: the family part's (a receiver's parts
    // in a web shop's export are not read).
    let parts = name_parts(&rows[index], &roles);
    if let Some((family, given, _)) = parts {
        for (i, role) in roles.iter_mut().enumerate() {
            if *role == Some(Role::Name) && name_part(&rows[index][i]).is_some() {
                *role = None;
            }
        }
        roles[family] = Some(Role::Name);
        roles[given] = Some(Role::Name);
    }
    // The parts are one name: the family part's column stands for it, or the whole name's.
    let stands_apart = |i: usize| match parts {
        Some((_, given, None)) => i == given,
        Some((family, given, Some(_))) => i == family || i == given,
        None => false,
    };
    let names: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i] == Some(Role::Name) && !stands_apart(i))
        .collect();
    let orgs: Vec<usize> = names
        .iter()
        .copied()
        .filter(|&i| names_organisation(&rows[index][i]))
        .collect();
    // One organisation column beside person columns: it is the name, they are the contact
    // (and stand in for it on a row without one).
    let person_stands_in = names.len() >= 2 && orgs.len() == 1;
    let first = if person_stands_in {
        orgs[0]
    } else {
        names.first().copied().unwrap_or(0)
    };
    // Otherwise a second "Name" column is usually the contact person: keep the first as the
    // name and read the others as contact.
    for &i in &names {
        if i != first {
            roles[i] = Some(Role::Contact);
        }
    }
    let name_parts = parts.map(|(family, given, whole)| {
        if let Some(w) = whole {
            roles[family] = roles[w];
        }
        roles[given] = roles[family];
        NameParts {
            family,
            given,
            role: roles[family].unwrap_or(Role::Name),
            whole,
        }
    });
    Some(Header {
        index,
        roles,
        person_stands_in,
        name_parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tax portal's two-row header: the upper row's headers fill the lower row's blank
    /// cells; a title above a header, or a group label alone, does not.
    #[test]
    fn a_group_row_above_the_buyers_columns_completes_the_header() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let role = |c: &str| role_of(c);
        let above = row(&[
            "STT",
            "Số hóa đơn",
            "Ngày lập",
            "Thông tin người mua",
            "",
            "Tổng tiền chưa thuế",
            "Trạng thái hóa đơn",
        ]);
        let lower = row(&["", "", "", "MST người mua", "Tên người mua"]);
        let joined = with_group_row_above(&above, &lower, &role).expect("joined");
        assert_eq!(
            joined,
            row(&[
                "STT",
                "Số hóa đơn",
                "Ngày lập",
                "MST người mua",
                "Tên người mua",
                "Tổng tiền chưa thuế",
                "Trạng thái hóa đơn",
            ])
        );
        let header = detect(&[joined]).expect("a header");
        assert!(header.roles.contains(&Some(Role::InvoiceNo)));
        // The invoice's own columns grouped too («Thông tin hóa đơn»): the amounts still come
        // from the upper row.
        let above = row(&[
            "STT",
            "Thông tin hóa đơn",
            "",
            "Thông tin người mua",
            "",
            "Tổng tiền chưa thuế",
            "Tổng tiền thuế",
        ]);
        let lower = row(&[
            "",
            "Số hóa đơn",
            "Ngày lập",
            "MST người mua",
            "Tên người mua",
        ]);
        let joined = with_group_row_above(&above, &lower, &role).expect("joined");
        assert_eq!(joined[0], "STT");
        assert_eq!(joined[1..5], lower[1..5]);
        assert_eq!(joined[5..], above[5..]);
        // A title over a header that names every column, or a label over the buyer alone.
        let full = row(&["STT", "Tên khách hàng", "Điện thoại", "Địa chỉ"]);
        let title = row(&["DANH SÁCH KHÁCH HÀNG NĂM 2017"]);
        assert_eq!(with_group_row_above(&title, &full, &role), None);
        // The seller's columns name no customer: a purchase list is found by them, no header.
        for h in [
            "Tên người bán",
            "MST người bán",
            "Mã số thuế người bán",
            "Thông tin người bán",
            "Tên nhà cung cấp",
            "Mã NCC",
        ] {
            assert!(names_seller(h), "{h}");
        }
        for h in ["Người bán", "Tên người mua", "Bán hàng", "Nhà cung cấp"] {
            assert!(!names_seller(h) || h == "Nhà cung cấp", "{h}");
        }
        assert_eq!(role_of("Tên người bán"), None);
        assert_eq!(role_of("MST người bán"), None);
        // A provider's sales export with the company's own code on every line: the buyer's
        // code is the tax code read.
        let both = row(&[
            "MST người bán",
            "Số hóa đơn",
            "Tên người mua",
            "MST người mua",
        ]);
        let header = detect(&[both]).expect("a header");
        assert_eq!(
            header.roles,
            [
                None,
                Some(Role::InvoiceNo),
                Some(Role::Name),
                Some(Role::TaxCode)
            ]
        );
        let label = row(&["", "", "", "Thông tin người mua"]);
        assert_eq!(with_group_row_above(&label, &lower, &role), None);
    }

    /// A sheet a clerk moved deleted customers to is named so; a list with its duplicates
    /// removed, or a sheet of customers, is not.
    #[test]
    fn a_sheet_of_deleted_customers_is_named_so() {
        for name in ["Đã xóa", "Khách đã xoá", "KH xoa", "DA XOA 2024", "Deleted"] {
            assert!(names_deleted_sheet(name), "{name}");
        }
        for name in [
            "Khách hàng",
            "Đã xóa trùng",
            "2017",
            "Xoay vòng",
            "Lưu trữ",
            "Đã nghỉ",
            "Khách hàng (không xóa)",
            "Chưa xóa",
            "Chờ xóa",
        ] {
            assert!(!names_deleted_sheet(name), "{name}");
        }
    }

    /// The company's own staff's columns are no customer's; a customer's contact person and
    /// the buyer are.
    #[test]
    fn staff_columns_are_not_the_customers() {
        for h in [
            "Họ tên nhân viên",
            "Nhân viên phụ trách",
            "NV kinh doanh",
            "SĐT nhân viên",
            "Email NV",
            "Người lập",
        ] {
            assert_eq!(role_of_text(h), None, "{h}");
        }
        assert_eq!(role_of_text("Người liên hệ"), Some(Role::Contact));
        assert_eq!(role_of_text("Tên người mua"), Some(Role::Name));
        assert_eq!(role_of_text("Ngày sale"), Some(Role::Date));
        assert!(names_staff_member("Họ tên nhân viên") && names_staff_member("Nhân viên"));
        assert!(!names_staff_member("Nhân viên phụ trách") && !names_staff_member("Họ tên"));
    }

    /// A sheet of the company's staff by its name, or by an employee's code beside a post;
    /// a salesperson's own sheet of customers is a ledger.
    #[test]
    fn staff_sheets_and_staff_records() {
        for name in [
            "Nhân viên",
            "DS nhân viên",
            "Danh sách nhân viên 2024",
            "Nhân sự",
            "Bảng lương",
            "Staff",
            "NV",
        ] {
            assert!(names_staff_sheet(name), "{name}");
        }
        for name in [
            "NV Lan",
            "Khách NV Hùng",
            "Khách hàng",
            "Sheet1",
            "2017",
            "Nhân",
        ] {
            assert!(!names_staff_sheet(name), "{name}");
        }
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(lists_staff_records(&h(&[
            "Mã NV",
            "Họ tên",
            "SĐT",
            "Chức vụ"
        ])));
        assert!(!lists_staff_records(&h(&[
            "Họ tên",
            "SĐT",
            "Địa chỉ",
            "Mã NV"
        ])));
        assert!(!lists_staff_records(&h(&[
            "Người liên hệ",
            "Chức vụ",
            "SĐT"
        ])));
        for c in [
            "Tên khách hàng",
            "Mã KH",
            "Tên công ty",
            "Đơn vị",
            "MST",
            "Người mua hàng",
        ] {
            assert!(names_a_customer(c), "{c}");
        }
        for c in ["Họ tên", "Điện thoại", "Chức vụ", "Địa chỉ"] {
            assert!(!names_a_customer(c), "{c}");
        }
    }

    #[test]
    fn recognises_vietnamese_and_english_headers() {
        let cases = [
            ("Tên khách hàng", Some(Role::Name)),
            ("HỌ VÀ TÊN", Some(Role::Name)),
            ("Ho ten", Some(Role::Name)),
            ("Điện thoại", Some(Role::Phone)),
            ("SĐT", Some(Role::Phone)),
            ("Số ĐT", Some(Role::Phone)),
            ("Điện thoại di động", Some(Role::Phone)),
            ("ĐT bàn", Some(Role::PhoneFixed)),
            ("ĐTCĐ", Some(Role::PhoneFixed)),
            ("ĐTDĐ", Some(Role::Phone)),
            ("E-mail", Some(Role::Email)),
            ("Địa chỉ giao hàng", Some(Role::Delivery)),
            ("Nơi giao hàng", Some(Role::Delivery)),
            ("Địa chỉ liên lạc", Some(Role::Address)),
            ("MST", Some(Role::TaxCode)),
            ("Mã số thuế người mua", Some(Role::TaxCode)),
            ("Ngày HĐ", Some(Role::Date)),
            ("Ngày giao dịch cuối", Some(Role::Date)),
            ("Ghi chú", Some(Role::Note)),
            ("STT", Some(Role::RowNo)),
            ("Full name", Some(Role::Name)),
            ("Order date", Some(Role::Date)),
            ("Ký hiệu hóa đơn", Some(Role::InvoiceSeries)),
            ("Số hóa đơn", Some(Role::InvoiceNo)),
            ("Doanh thu chưa có thuế", Some(Role::Amount)),
            ("Thuế GTGT", Some(Role::Vat)),
            ("Đơn giá", None),
            ("", None),
            // issue 16
            ("Số máy", Some(Role::Phone)),
            ("Số liên lạc", Some(Role::Phone)),
            ("SỐ LIÊN HỆ", Some(Role::Phone)),
            ("Số máy liên hệ", Some(Role::Phone)),
            ("Số ĐT liên hệ", Some(Role::Phone)),
            ("Điện thoại liên lạc", Some(Role::Phone)),
            ("Di động 1", Some(Role::Phone)),
            ("Hotline", Some(Role::Phone)),
            ("Liên hệ", Some(Role::Contact)),
            // Short forms and web exports met on other ledgers.
            ("Đ/c", Some(Role::Address)),
            ("Đ.chỉ", Some(Role::Address)),
            ("Đ/c giao hàng", Some(Role::Delivery)),
            ("Đ.thoại", Some(Role::Phone)),
            ("ĐT 2", Some(Role::Phone)),
            ("Phone 2", Some(Role::Phone)),
            ("Mã số DN", Some(Role::TaxCode)),
            ("Tên công ty/Cá nhân", Some(Role::Name)),
            ("Lần mua cuối", Some(Role::Date)),
            ("created_at", Some(Role::Date)),
            ("marketing_consent", Some(Role::Consent)),
            ("Accepts Email Marketing", Some(Role::Consent)),
            ("Đồng ý nhận quảng cáo", Some(Role::Consent)),
            ("Nhận khuyến mãi", Some(Role::Consent)),
            ("Nhận email quảng cáo", Some(Role::Consent)),
            // A column marking who refuses marketing: a mark is a «no».
            ("Không nhận quảng cáo", Some(Role::OptOut)),
            ("Ngừng quảng cáo", Some(Role::OptOut)),
            ("Từ chối nhận tin", Some(Role::OptOut)),
            ("Không nhận tin khuyến mãi (Zalo)", Some(Role::OptOut)),
            ("Unsubscribed", Some(Role::OptOut)),
            ("Không nhận hóa đơn", None),
            ("Đơn vị mua hàng", Some(Role::Name)),
            ("Tên cửa hàng", Some(Role::Name)),
            ("Số Zalo", Some(Role::Phone)),
            ("Gmail", Some(Role::Email)),
            ("Nơi ở", Some(Role::Address)),
            ("Giao hàng tới", Some(Role::Delivery)),
            ("Mã khách", Some(Role::CustomerId)),
            // Too plain to be read as any amount: a book's column or a title.
            ("Tổng cộng", None),
            ("Tổng tiền thanh toán", Some(Role::Gross)),
            ("Tổng tiền chưa thuế", Some(Role::Amount)),
            ("Doanh số bán", Some(Role::Amount)),
            (
                "Bạn có đồng ý nhận thông tin khuyến mãi?",
                Some(Role::Consent),
            ),
            ("Anh/chị không muốn nhận quảng cáo?", Some(Role::OptOut)),
            ("Dấu thời gian", Some(Role::Date)),
            ("Thông tin thêm", None),
            ("Thông tin nhận hàng", Some(Role::Delivery)),
            ("Tổng tiền thuế", Some(Role::Vat)),
            ("Tổng tiền hàng", Some(Role::Amount)),
            // A web shop's order export: the billing party is the customer, the shipping
            // address is where the goods go.
            ("billing_email", Some(Role::Email)),
            ("billing_phone", Some(Role::Phone)),
            ("billing_full_name", Some(Role::Name)),
            ("Billing Name", Some(Role::Name)),
            ("billing_address", Some(Role::Address)),
            ("billing_address_1", Some(Role::Address)),
            ("billing_city", Some(Role::Address)),
            ("shipping_address_1", Some(Role::Delivery)),
            ("Shipping City", Some(Role::Delivery)),
            ("Shipping Phone", Some(Role::Phone)),
            ("billing_total", None),
            // The parts of an address split over columns.
            ("Số nhà/Đường", Some(Role::Address)),
            ("Phường/Xã", Some(Role::Address)),
            ("Quận/Huyện", Some(Role::Address)),
            ("Tỉnh/TP", Some(Role::Address)),
            ("Tỉnh/Thành phố", Some(Role::Address)),
            ("City", Some(Role::Address)),
            ("Ward", Some(Role::Address)),
        ];
        for (h, want) in cases {
            assert_eq!(role_of(h), want, "{h}");
        }
    }

    /// An old sheet's header typed in a legacy font is read through the legacy tables.
    #[test]
    fn headers_typed_in_a_legacy_font() {
        assert_eq!(role_of("Hä vµ tªn"), Some(Role::Name));
        assert_eq!(role_of("Hoï vaø teân"), Some(Role::Name));
        assert_eq!(role_of("Ghi chó"), Some(Role::Note));
        assert_eq!(role_of("Ñòa chæ"), Some(Role::Address));
        assert_eq!(role_of("Größe"), None);
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_header_under_title_rows() {
        let rows = vec![
            row(&["DANH SÁCH KHÁCH HÀNG"]),
            row(&[]),
            row(&["STT", "Tên khách hàng", "Điện thoại", "Email"]),
            row(&["1", "Nguyễn Văn An", "0912345678", "an@gmail.com"]),
        ];
        let h = detect(&rows).expect("header");
        assert_eq!(h.index, 2);
        assert_eq!(h.roles[2], Some(Role::Phone));
    }

    /// (header role, cells, role decided, inferred?)
    #[allow(clippy::type_complexity)]
    const SETTLE: &[(Option<Role>, &[&str], Option<Role>, bool)] = &[
        // "Liên hệ" over phones (issue 16): phones, inferred
        (
            Some(Role::Contact),
            &[
                "0907-353-643 Hoặc 02743088473",
                "0912 345 678",
                "(028) 3822 1234",
                "",
            ],
            Some(Role::Phone),
            true,
        ),
        // a real contact column stays
        (
            Some(Role::Contact),
            &["Anh Tuấn", "Chị Lan 0912345678", "Ông Bình", "0912345678"],
            Some(Role::Contact),
            false,
        ),
        // unnamed columns
        (
            None,
            &["0912345678", "912345679", "0987.654.321"],
            Some(Role::Phone),
            true,
        ),
        (
            None,
            &["an@x.vn", "AN@GMAIL.COM; b@y.vn", "x@côngty.vn"],
            Some(Role::Email),
            true,
        ),
        (
            None,
            &["0100112437", "0101248141-001", "0300588569"],
            Some(Role::TaxCode),
            true,
        ),
        (
            None,
            &["12/03/2024", "2024-05-01", "1.6.2023"],
            Some(Role::Date),
            true,
        ),
        (
            None,
            &["Hàng dễ vỡ", "giao sáng", "0912345678"],
            None,
            false,
        ),
        (None, &["0912345678"], None, false),
        (None, &["1", "2", "3"], None, false),
        (None, &["45000", "46000", "47000"], None, false),
        // a phone column of emails, an email column of phones
        (
            Some(Role::Phone),
            &["a@x.vn", "b@y.vn", "c@z.vn"],
            Some(Role::Email),
            true,
        ),
        (
            Some(Role::Email),
            &["0912345678", "0987654321"],
            Some(Role::Phone),
            true,
        ),
        // a header that agrees, or that cells may not overrule
        (
            Some(Role::Phone),
            &["0912345678", "0987654321"],
            Some(Role::Phone),
            false,
        ),
        (
            Some(Role::TaxCode),
            &["0912345678", "0987654321"],
            Some(Role::TaxCode),
            false,
        ),
        (
            Some(Role::RowNo),
            &["0912345678", "0987654321"],
            Some(Role::RowNo),
            false,
        ),
        // too few phones among the cells to overrule a name header
        (
            Some(Role::Name),
            &[
                "Nguyễn Văn An",
                "0912345678",
                "Trần Bình",
                "0987654321",
                "0903000000",
            ],
            Some(Role::Name),
            false,
        ),
    ];

    #[test]
    fn cells_decide_unknown_or_contradicted_headers() {
        for &(header, cells, want, inferred) in SETTLE {
            let mut roles = vec![header];
            let got = settle_roles(&mut roles, &[cells.to_vec()]);
            assert_eq!(roles[0], want, "{header:?} {cells:?}");
            let want_inferred: Vec<InferredColumn> = if inferred {
                vec![InferredColumn {
                    column: 0,
                    header_role: header,
                }]
            } else {
                vec![]
            };
            assert_eq!(got, want_inferred, "{header:?} {cells:?}");
        }
        // A second tax-code column is not inferred; phones are, joined with the first.
        let mut roles = vec![Some(Role::TaxCode), None, Some(Role::Phone), None];
        let taxes = vec!["0100112437", "0300588569"];
        let phones = vec!["0912345678", "0987654321"];
        let got = settle_roles(&mut roles, &[taxes.clone(), taxes, phones.clone(), phones]);
        assert_eq!(
            roles,
            [
                Some(Role::TaxCode),
                None,
                Some(Role::Phone),
                Some(Role::Phone)
            ]
        );
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn a_price_list_is_not_a_ledger() {
        let rows = vec![
            row(&["Mã hàng", "Tên hàng", "Đơn giá"]),
            row(&["A1", "Ốc vít", "1000"]),
        ];
        assert!(detect(&rows).is_none());
    }

    /// A person's name in two columns is one name, family part first; a whole name column, or
    /// a lone «Tên», keeps the table as it was read before.
    #[test]
    fn a_name_split_over_two_columns_is_one_name() {
        let parts = |cells: &[&str]| {
            let h = detect(&[row(cells)]).expect("header");
            (h.name_parts.map(|p| (p.family, p.given, p.role)), h.roles)
        };
        let (p, roles) = parts(&["Họ", "Tên", "Điện thoại"]);
        assert_eq!(p, Some((0, 1, Role::Name)));
        assert_eq!(roles[1], Some(Role::Name));
        assert_eq!(
            parts(&["Họ và tên đệm", "Tên", "SĐT"]).0,
            Some((0, 1, Role::Name)),
            "not a name and its contact"
        );
        assert_eq!(
            parts(&["First Name", "Last Name", "Phone"]).0,
            Some((1, 0, Role::Name)),
            "given name first: the family part is still read first"
        );
        assert_eq!(
            parts(&[
                "billing_first_name",
                "billing_last_name",
                "shipping_first_name",
                "shipping_last_name",
                "billing_phone"
            ])
            .0,
            Some((1, 0, Role::Name)),
            "the customer's parts, not the receiver's"
        );
        let (p, roles) = parts(&["Company", "First Name", "Last Name", "Phone"]);
        assert_eq!(
            p,
            Some((2, 1, Role::Contact)),
            "the person beside a company"
        );
        assert_eq!(roles[0], Some(Role::Name));
        let (p, roles) = parts(&["Tên", "Điện thoại"]);
        assert_eq!(p, None);
        assert_eq!(roles[0], Some(Role::Name));
        assert_eq!(
            parts(&["Họ tên", "Tên", "Điện thoại"]).0,
            None,
            "a whole name"
        );
        // «Họ», «Tên» and «Họ tên» side by side: the whole name is the name (not «Tên» with
        // «Họ tên» its contact), the parts stand in for it on a row without it.
        for (cells, whole) in [
            (&["STT", "Họ", "Tên", "Họ tên", "SĐT"][..], 3),
            (&["Họ tên", "Họ", "Tên", "SĐT"][..], 0),
        ] {
            let h = detect(&[row(cells)]).expect("header");
            let p = h.name_parts.expect("parts");
            assert_eq!((p.role, p.whole), (Role::Name, Some(whole)), "{cells:?}");
            assert_eq!(h.roles[whole], Some(Role::Name), "{cells:?}");
            assert!(!h.roles.contains(&Some(Role::Contact)), "{cells:?}");
        }
    }

    /// An identity paper's or a bank account's column is personal data the policy keeps none
    /// of; a header that names the tax code as well is the tax code's.
    #[test]
    fn identity_papers_and_bank_accounts_are_data_not_kept() {
        for h in [
            "CCCD",
            "Số CMND/CCCD",
            "Số căn cước công dân",
            "Chứng minh thư",
            "Số định danh cá nhân",
            "Mã định danh cá nhân",
            "Giấy tờ tùy thân",
            "Hộ chiếu",
            "Nơi cấp",
            "Số tài khoản",
            "STK",
            "Tài khoản ngân hàng",
            "Bank account",
            "Passport No.",
            "Ngày cấp CCCD",
        ] {
            assert!(names_data_not_kept(h), "{h}");
        }
        for h in [
            "MST/CCCD",
            "Mã số thuế (CCCD)",
            "Họ tên",
            "Địa chỉ",
            "Điện thoại",
            "Tài khoản Zalo",
            "Ghi chú",
            "Chi nhánh",
            "Mã định danh KH",
            "Giấy tờ kèm theo",
        ] {
            assert!(!names_data_not_kept(h), "{h}");
        }
    }

    /// A birth date or an identity card's date is no dealing with the company: not the last
    /// activity the retention rule counts from.
    #[test]
    fn a_birth_date_is_not_a_dealing() {
        for h in [
            "Ngày sinh",
            "NGÀY SINH (dd/mm/yyyy)",
            "Năm sinh",
            "Ngày cấp CCCD",
            "Date of birth",
            "DOB",
            "Ngày nhắc gọi lại",
            "Hẹn gọi lại",
            "Ngày hẹn",
            "Follow-up date",
        ] {
            assert_eq!(role_of(h), None, "{h}");
            assert!(not_a_dealing(h), "{h}");
        }
        // An invoice's "Issue date" is its date.
        assert!(!not_a_dealing("Issue date"));
        for h in [
            "Ngày",
            "Ngày mua hàng",
            "Ngày giao dịch cuối",
            "Ngày tạo",
            "Ngày cập nhật",
        ] {
            assert_eq!(role_of(h), Some(Role::Date), "{h}");
            assert!(!not_a_dealing(h), "{h}");
        }
    }

    /// The status column as the e-invoice portals' exports head it.
    #[test]
    fn an_invoice_status_column_in_its_short_forms() {
        for h in [
            "Trạng thái hóa đơn",
            "Trạng thái HĐ",
            "Tình trạng HĐ",
            "Status",
        ] {
            assert!(is_invoice_status(h), "{h}");
        }
        assert!(!is_invoice_status("Hình thức TT"));
    }

    #[test]
    fn the_revenue_named_as_such_before_the_goods_amount() {
        assert_eq!(amount_rank("Doanh thu chưa có thuế"), 2);
        assert_eq!(amount_rank("Doanh số bán chưa có thuế"), 2);
        assert_eq!(amount_rank("Thành tiền"), 1);
        assert_eq!(amount_rank("Tiền hàng"), 1);
        // An e-invoice provider's export names the goods' amount as the invoice does.
        assert_eq!(role_of("Cộng tiền hàng"), Some(Role::Amount));
        assert_eq!(amount_rank("Cộng tiền hàng"), 1);
    }
}
