//! Generates a realistic, messy Vietnamese customer ledger together with its ground truth.
//!
//! ```text
//! cargo run --release --example generate -- --rows 10000 --out /tmp/ledger [--seed 42] [--dup-rate 0.5]
//! ```
//!
//! Files written into `--out` (created):
//! - `so-khach-hang.xlsx`: sheet "Khách hàng" (title row 1, header row 3, data from row 4) and
//!   sheet "2017" (header row 1, old 11-digit mobiles and pre-2017 area codes, dates 2015–2018);
//! - `web-export.csv`: UTF-8 with BOM, `,`, English headers, ISO dates, names typed by customers;
//! - `bang-ke-hoa-don.csv`: the accountant's sales-invoice listing, Windows-1258, `;`, CRLF;
//! - `truth.csv`: `source_file,source_sheet,source_row,entity_id` for every data row written;
//! - `entities.csv`: one line per real customer, with its hard-negative group.
//!
//! Realism follows the project's domain notes (phone renumbering, tax codes, names, addresses:
//! see the README's design notes). Every extra appearance of an entity shares at least
//! one clue a careful human would accept (phone, email, MST, or full name + address) with an
//! earlier appearance, so the truth is reachable; hard negatives (namesakes, families sharing a
//! landline and address, head office vs branch, look-alike companies) share none of those clues.
//! Numbers are unique per customer, but an old landline form (HCMC `08 6221 6648`, Kiên Giang
//! `077 330 2290`) may read as another customer's current mobile: DOMAIN.md §1's trap, left in.
//! Output is a pure function of (`--rows`, `--seed`, `--dup-rate`).

use std::collections::HashSet;
use std::error::Error;
use std::fs::{self, File};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use clap::Parser;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_normalization::UnicodeNormalization;

#[derive(Parser, Debug)]
#[command(
    name = "generate",
    about = "Generate a messy Vietnamese customer ledger with ground truth (truth.csv)",
    after_long_help = "Examples:\n  cargo run --release --example generate -- --rows 10000 --out /tmp/ledger\n  cargo run --release --example generate -- --rows 1000000 --out /tmp/big --seed 7 --dup-rate 0.5"
)]
struct Args {
    /// Total data rows across all files.
    #[arg(long, default_value_t = 1000)]
    rows: usize,
    /// Output directory (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Random seed: the same seed gives byte-identical data.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Extra rows per entity on average: 0.5 gives ~1.5 rows per entity (capped near 1.9).
    #[arg(long, default_value_t = 0.5)]
    dup_rate: f64,
}

// ───────────────────────────── output names ─────────────────────────────

const FILE_XLSX: &str = "so-khach-hang.xlsx";
const SHEET_CUR: &str = "Khách hàng";
const SHEET_OLD: &str = "2017";
const FILE_WEB: &str = "web-export.csv";
const FILE_INV: &str = "bang-ke-hoa-don.csv";

const CUR: usize = 0;
const OLD: usize = 1;
const WEB: usize = 2;
const INV: usize = 3;

#[rustfmt::skip]
const CUR_HEADER: [&str; 10] = [
    "STT", "Tên khách hàng", "Người liên hệ", "Điện thoại", "Email", "Địa chỉ", "Địa chỉ giao hàng",
    "MST", "Ngày giao dịch cuối", "Ghi chú",
];
#[rustfmt::skip]
const OLD_HEADER: [&str; 6] = ["Họ tên", "SĐT", "Địa chỉ", "E-mail", "Mã số thuế", "Ngày đặt hàng"];
const WEB_HEADER: [&str; 5] = ["Full name", "Phone", "Email", "Address", "Order date"];
#[rustfmt::skip]
const INV_HEADER: [&str; 8] = [
    "STT", "Ký hiệu hóa đơn", "Số hóa đơn", "Ngày hóa đơn", "Tên người mua", "Mã số thuế người mua",
    "Doanh thu chưa có thuế", "Thuế GTGT",
];

// ───────────────────────────── name tables ─────────────────────────────

/// Family names with their approximate share of the population (DOMAIN.md §4).
#[rustfmt::skip]
static FAMILY: &[(&str, f64)] = &[
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 5.0),
    ("Huỳnh", 5.0),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Võ", 3.9),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đào", 0.5),
    ("Đoàn", 0.4),
    ("Trương", 0.4),
    ("Đinh", 0.3),
    ("Mai", 0.3),
    ("Trịnh", 0.3),
    ("Lâm", 0.3),
    ("Hà", 0.3),
    ("Vương", 0.2),
    ("Phùng", 0.2),
    ("Tô", 0.2),
    ("Tạ", 0.2),
    ("Châu", 0.2),
    ("Lương", 0.2),
    ("Cao", 0.2),
    ("Lưu", 0.2),
    ("Quách", 0.1),
    ("Thái", 0.1),
    ("Kiều", 0.1),
    ("Tăng", 0.1),
    ("La", 0.1),
    ("Triệu", 0.1),
    // Rare family names that collide with a middle name and an honorific: real traps.
    ("Văn", 0.05),
    ("Ông", 0.05),
    ("Âu", 0.05),
];

#[rustfmt::skip]
static MID_M: &[(&str, f64)] = &[
    ("Văn", 40.0),
    ("Minh", 8.0),
    ("Đức", 7.0),
    ("Hữu", 6.0),
    ("Quang", 6.0),
    ("Thanh", 5.0),
    ("Hoàng", 4.0),
    ("Công", 4.0),
    ("Quốc", 4.0),
    ("Đình", 3.0),
    ("Xuân", 3.0),
    ("Ngọc", 2.0),
    ("Trọng", 2.0),
    ("Thành", 2.0),
    ("Anh", 2.0),
    ("Bá", 2.0),
    ("Gia", 2.0),
    ("Thế", 2.0),
    ("Duy", 2.0),
    ("Tuấn", 2.0),
    ("Hải", 1.0),
    ("Trung", 1.0),
    ("Tiến", 1.0),
    ("Việt", 1.0),
    ("Nhật", 1.0),
    ("Kim", 0.5),
];

#[rustfmt::skip]
static MID_F: &[(&str, f64)] = &[
    ("Thị", 50.0),
    ("Ngọc", 7.0),
    ("Thanh", 5.0),
    ("Thu", 5.0),
    ("Kim", 4.0),
    ("Minh", 3.0),
    ("Mỹ", 3.0),
    ("Thùy", 3.0),
    ("Phương", 3.0),
    ("Hồng", 3.0),
    ("Bích", 2.0),
    ("Thúy", 2.0),
    ("Quỳnh", 2.0),
    ("Như", 2.0),
    ("Hoài", 1.0),
    ("Diệu", 1.0),
    ("Khánh", 1.0),
    ("Tuyết", 1.0),
    ("Hải", 1.0),
    ("Ánh", 1.0),
    ("Bảo", 1.0),
    ("Cẩm", 1.0),
    ("Hoàng", 1.0),
    ("Mai", 1.0),
    ("Lan", 0.5),
];

/// Male given names, most common first (weights fall off with rank).
#[rustfmt::skip]
static GIVEN_M: &[&str] = &[
    "Anh", "Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Hải", "Long", "Sơn", "Huy", "Cường", "Bình",
    "Thắng", "Hoàng", "Đức", "Quân", "Khoa", "Phúc", "Tâm", "Thành", "Trung", "Hiếu", "Việt",
    "Hưng", "Tùng", "Phong", "Khánh", "Lâm", "Tài", "Thịnh", "Vinh", "Hòa", "Kiên", "Lợi", "Lộc",
    "Nghĩa", "Quang", "Tín", "Toàn", "Trí", "Vũ", "Duy", "Đạt", "Hậu", "Hiển", "Khai", "Khang",
    "Lực", "Nhân", "Phát", "Phương", "Quý", "Sang", "Tân", "Thái", "Thiện", "Thông", "Tiến",
    "Trọng", "Tú", "Danh", "Định", "Giang", "Hào", "Hiệp", "Hoan", "Kha", "Luân", "Mạnh", "Nhật",
    "Quyết", "Thạch", "Thuận", "Triều", "Trường", "Tuyên", "Xuân", "Chiến", "Công", "Đông", "Dương",
    "Khôi", "Bảo", "Đăng", "Hiền", "An", "Lương", "Toản", "Khải", "Vĩnh", "Quốc", "Thanh", "Thụy",
    "Tùy",
];

/// Female given names, most common first.
#[rustfmt::skip]
static GIVEN_F: &[&str] = &[
    "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hà", "Nga", "Hằng", "Hạnh", "Ngọc",
    "Phương", "Thủy", "Yến", "Dung", "Chi", "Anh", "Hiền", "Huyền", "Loan", "Nhung", "Oanh", "Tâm",
    "Thanh", "Thu", "Thúy", "Trinh", "Vân", "Vy", "Xuân", "Hồng", "Liên", "Ly", "My", "Nhi", "Nhàn",
    "Ngân", "Nguyệt", "Quyên", "Quỳnh", "Thơ", "Thư", "Tiên", "Tuyết", "Uyên", "Diễm", "Diệp",
    "Duyên", "Giang", "Hòa", "Hân", "Kiều", "Lệ", "Liễu", "Phượng", "Sương", "Thắm", "Thoa", "Thùy",
    "Trâm", "Trúc", "Vi", "Bích", "Cúc", "Huệ", "Khánh", "Lam", "Mỹ", "Ngoan", "Quế", "Sen", "Hậu",
    "Minh", "Thương", "Tươi", "Châu", "Diệu", "Hảo", "Lụa", "Mến", "Nhạn", "Như", "Thục", "Hạ",
    "Khuê", "An", "Đào", "Gấm", "Hiên", "Lài",
];

/// Very common full names used for namesake groups (hard negatives).
#[rustfmt::skip]
static COMMON_NAMES: &[(bool, &str, &str, &str)] = &[
    (false, "Nguyễn", "Văn", "Anh"),
    (false, "Nguyễn", "Văn", "Hùng"),
    (false, "Nguyễn", "Văn", "Dũng"),
    (false, "Nguyễn", "Văn", "Tuấn"),
    (false, "Nguyễn", "Văn", "Nam"),
    (false, "Trần", "Văn", "Hùng"),
    (false, "Lê", "Văn", "Minh"),
    (false, "Nguyễn", "Minh", "Tuấn"),
    (false, "Phạm", "Văn", "Long"),
    (true, "Nguyễn", "Thị", "Lan"),
    (true, "Nguyễn", "Thị", "Hương"),
    (true, "Nguyễn", "Thị", "Hoa"),
    (true, "Nguyễn", "Thị", "Mai"),
    (true, "Trần", "Thị", "Hương"),
    (true, "Lê", "Thị", "Hồng"),
    (true, "Nguyễn", "Thị", "Thu"),
    (true, "Phạm", "Thị", "Lan"),
    (true, "Nguyễn", "Ngọc", "Anh"),
];

#[rustfmt::skip]
static HONORIFIC_M: &[&str] = &["Anh", "Ông", "A.", "Mr", "Mr.", "Chú", "Bác", "anh", "A "];
#[rustfmt::skip]
static HONORIFIC_F: &[&str] = &["Chị", "Bà", "C.", "Ms", "Mrs.", "Cô", "chị", "C ", "Ms."];

// ───────────────────────────── organisation tables ─────────────────────────────

/// Legal forms: canonical text, weight, safe renderings (same legal name), English suffix.
struct LegalForm {
    canon: &'static str,
    weight: f64,
    variants: &'static [&'static str],
    english: &'static str,
}

#[rustfmt::skip]
static FORMS: &[LegalForm] = &[
    LegalForm {
        canon: "Công ty TNHH",
        weight: 40.0,
        variants: &[
            "Công ty TNHH", "Cty TNHH", "CTY TNHH", "Công Ty TNHH", "Công ty Trách nhiệm hữu hạn",
            "C.ty TNHH", "Cty. TNHH", "CÔNG TY TNHH",
        ],
        english: "Co., Ltd",
    },
    LegalForm {
        canon: "Công ty TNHH Một thành viên",
        weight: 12.0,
        variants: &[
            "Công ty TNHH MTV", "Cty TNHH MTV", "CTY TNHH MTV", "Công ty TNHH Một thành viên",
            "Cty TNHH 1TV", "Công ty TNHH 1 thành viên", "Cty TNHH Một Thành Viên",
        ],
        english: "One Member Co., Ltd",
    },
    LegalForm {
        canon: "Công ty Cổ phần",
        weight: 28.0,
        variants: &[
            "Công ty Cổ phần", "Công ty CP", "Cty CP", "CTCP", "CTY CP", "Cty Cổ phần",
            "Công Ty Cổ Phần", "Cty. CP",
        ],
        english: "JSC",
    },
    LegalForm {
        canon: "Doanh nghiệp tư nhân",
        weight: 8.0,
        variants: &["Doanh nghiệp tư nhân", "DNTN", "DN tư nhân", "Doanh nghiệp TN", "D.N.T.N"],
        english: "Private Enterprise",
    },
    LegalForm {
        canon: "Hợp tác xã",
        weight: 3.0,
        variants: &["Hợp tác xã", "HTX", "H.T.X"],
        english: "Cooperative",
    },
];

/// Business-line phrases after the legal form; each word group has a common abbreviation.
#[rustfmt::skip]
static BIZ: &[(&[&str], f64)] = &[
    (&[], 14.0),
    (&["Thương mại"], 8.0),
    (&["Dịch vụ"], 4.0),
    (&["Xây dựng"], 4.0),
    (&["Sản xuất"], 3.0),
    (&["Xuất nhập khẩu"], 3.0),
    (&["Đầu tư"], 2.0),
    (&["Vận tải"], 2.0),
    (&["Công nghệ"], 2.0),
    (&["Thiết bị"], 1.5),
    (&["Kỹ thuật"], 1.5),
    (&["Thực phẩm"], 1.5),
    (&["Nội thất"], 1.5),
    (&["Điện máy"], 1.0),
    (&["Du lịch"], 1.0),
    // Cooperatives only (weight 0: chosen through HTX_BIZ).
    (&["Nông nghiệp"], 0.0),
    (&["Dịch vụ", "Nông nghiệp"], 0.0),
    (&["Thủy sản"], 0.0),
    (&["Thương mại", "Dịch vụ"], 12.0),
    (&["Sản xuất", "Thương mại"], 6.0),
    (&["Xây dựng", "Thương mại"], 3.0),
    (&["Đầu tư", "Xây dựng"], 3.0),
    (&["Thương mại", "Xuất nhập khẩu"], 3.0),
    (&["Dịch vụ", "Vận tải"], 2.0),
    (&["Thương mại", "Kỹ thuật"], 2.0),
    (&["Vật liệu", "Xây dựng"], 2.0),
    (&["Sản xuất", "Thương mại", "Dịch vụ"], 6.0),
    (&["Đầu tư", "Xây dựng", "Thương mại"], 2.0),
    (&["Thương mại", "Dịch vụ", "Xuất nhập khẩu"], 2.0),
];

/// Abbreviation and English word of each business word.
#[rustfmt::skip]
static BIZ_ABBR: &[(&str, &str, &str)] = &[
    ("Thương mại", "TM", "Trading"),
    ("Dịch vụ", "DV", "Services"),
    ("Xây dựng", "XD", "Construction"),
    ("Sản xuất", "SX", "Manufacturing"),
    ("Xuất nhập khẩu", "XNK", "Import Export"),
    ("Đầu tư", "ĐT", "Investment"),
    ("Vận tải", "VT", "Transport"),
    ("Công nghệ", "CN", "Technology"),
    ("Thiết bị", "TB", "Equipment"),
    ("Kỹ thuật", "KT", "Engineering"),
    ("Thực phẩm", "TP", "Food"),
    ("Nội thất", "NT", "Furniture"),
    ("Điện máy", "ĐM", "Electronics"),
    ("Du lịch", "DL", "Travel"),
    ("Vật liệu", "VL", "Materials"),
    ("Nông nghiệp", "NN", "Agriculture"),
    ("Thủy sản", "TS", "Fisheries"),
];

#[rustfmt::skip]
static BRAND_SYL: &[&str] = &[
    "Minh", "Long", "Phát", "Thành", "Hưng", "Sao", "Việt", "Hoàng", "Gia", "An", "Phú", "Tân",
    "Đại", "Nam", "Thịnh", "Vượng", "Tiến", "Quang", "Hải", "Đông", "Kim", "Ngọc", "Bảo", "Tín",
    "Nhật", "Trường", "Sơn", "Hà", "Hòa", "Bình", "Thái", "Phương", "Đức", "Lộc", "Tài", "Thuận",
    "Khang", "Nguyên", "Vinh", "Mỹ", "Hồng", "Trung", "Thiên", "Đạt", "Toàn", "Cường", "Hợp", "Lợi",
    "Thắng", "Huy", "Khánh", "Mai", "Tùng", "Sáng", "Hạnh", "Đăng", "Quý", "Thủy", "Hoa", "Phúc",
    "Anh", "Uy", "Nhân", "Trí", "Tâm",
];

#[rustfmt::skip]
static BRAND_FIXED: &[&str] = &[
    "Hòa Phát", "Sao Mai", "Ánh Dương", "Hoa Sen", "Bình Minh", "Trường Sơn", "Hồng Hà",
    "Sông Hồng", "Cửu Long", "Hải Âu", "Phương Đông", "Đất Việt", "Á Châu", "Thiên Long",
    "Hoàng Gia", "Tân Hiệp", "Đông Á", "Nam Việt", "Bắc Á", "Sao Việt", "Minh Long", "Thành Công",
    "Thuận Phát", "Kim Long", "Phú Thái", "Việt Tiến", "An Phát", "Đại Dương", "Thiên An",
    "Hưng Thịnh", "Phúc Lộc", "Gia Bảo", "Hoàng Long", "Nhật Minh", "Quang Minh", "Thái Bình Dương",
    "Tây Nguyên", "Mê Kông", "Sài Gòn Xanh", "Hà Thành", "Kinh Bắc",
];

#[rustfmt::skip]
static EMAIL_DOMAINS: &[(&str, f64)] = &[
    ("gmail.com", 65.0),
    ("yahoo.com", 8.0),
    ("yahoo.com.vn", 8.0),
    ("hotmail.com", 5.0),
    ("outlook.com", 4.0),
    ("icloud.com", 3.0),
    ("gmail.com.vn", 0.2),
];

#[rustfmt::skip]
static ORG_MAIL_LOCAL: &[&str] = &["info", "contact", "sales", "ketoan", "kinhdoanh", "admin", "lienhe"];

#[rustfmt::skip]
static NOTES: &[&str] = &[
    "khách VIP", "giao giờ hành chính", "khách quen", "gọi trước khi giao", "chuyển khoản",
    "xuất hóa đơn VAT", "KH cũ", "nợ cũ", "không nhận hàng thứ 7", "giao tận nơi", "đã liên hệ",
    "thanh toán tiền mặt", "ưu tiên giao sáng",
];

// ───────────────────────────── geography ─────────────────────────────

const K_QUAN: u8 = 0;
const K_HUYEN: u8 = 1;
const K_TP: u8 = 2;

struct Dist {
    kind: u8,
    name: &'static str,
    /// Named wards (or communes for a huyện); empty when wards are numbered.
    wards: &'static [&'static str],
    /// Number of numbered wards ("Phường 1" … "Phường n"); 0 when named.
    numbered: u8,
}

struct Prov {
    /// Short province name (entities.csv, branch names).
    name: &'static str,
    /// Canonical address form.
    canon: &'static str,
    weight: f64,
    org_weight: f64,
    tel_new: &'static str,
    tel_old: &'static str,
    mst: &'static str,
    cccd: &'static str,
    /// Province after the 2025 merger (DOMAIN.md §5).
    merged: &'static str,
    /// Other spellings seen in ledgers (all refer to the same province).
    variants: &'static [&'static str],
    dists: &'static [Dist],
    streets: &'static [&'static str],
    /// House numbering habit: 0 plain, 1 hẻm (45/12), 2 ngõ (Số 15 ngõ 120).
    alley: u8,
}

const fn d(kind: u8, name: &'static str, wards: &'static [&'static str]) -> Dist {
    Dist {
        kind,
        name,
        wards,
        numbered: 0,
    }
}
const fn dn(kind: u8, name: &'static str, numbered: u8) -> Dist {
    Dist {
        kind,
        name,
        wards: &[],
        numbered,
    }
}

#[rustfmt::skip]
static PROVS: &[Prov] = &[
    Prov {
        name: "Hồ Chí Minh",
        canon: "TP. Hồ Chí Minh",
        weight: 30.0,
        org_weight: 34.0,
        tel_new: "28",
        tel_old: "8",
        mst: "03",
        cccd: "079",
        merged: "TP. Hồ Chí Minh",
        variants: &[
            "TP.HCM", "TP HCM", "Tp.HCM", "Tp HCM", "TPHCM", "HCM", "Tp. Hồ Chí Minh",
            "Thành phố Hồ Chí Minh", "Hồ Chí Minh", "Sài Gòn", "Saigon", "TP.Hồ Chí Minh",
            "T.P Hồ Chí Minh", "tp.hcm",
        ],
        dists: &[
            d(K_QUAN, "1", &[
                "Bến Nghé", "Bến Thành", "Đa Kao", "Tân Định", "Nguyễn Thái Bình", "Phạm Ngũ Lão",
                "Cầu Ông Lãnh", "Cô Giang", "Nguyễn Cư Trinh", "Cầu Kho",
            ]),
            dn(K_QUAN, "3", 14),
            dn(K_QUAN, "5", 15),
            d(K_QUAN, "7", &[
                "Tân Phong", "Tân Phú", "Tân Quy", "Tân Hưng", "Tân Kiểng", "Bình Thuận", "Phú Mỹ",
                "Phú Thuận",
            ]),
            dn(K_QUAN, "10", 15),
            d(K_QUAN, "12", &[
                "Tân Chánh Hiệp", "Thạnh Lộc", "Hiệp Thành", "An Phú Đông", "Trung Mỹ Tây",
            ]),
            dn(K_QUAN, "Bình Thạnh", 28),
            dn(K_QUAN, "Tân Bình", 15),
            dn(K_QUAN, "Gò Vấp", 17),
            dn(K_QUAN, "Phú Nhuận", 17),
            d(K_QUAN, "Tân Phú", &[
                "Tân Sơn Nhì", "Tây Thạnh", "Sơn Kỳ", "Phú Thọ Hòa", "Hiệp Tân", "Hòa Thạnh",
            ]),
            d(K_QUAN, "Bình Tân", &["An Lạc", "Bình Hưng Hòa", "Bình Trị Đông", "Tân Tạo"]),
            d(K_TP, "Thủ Đức", &[
                "Thảo Điền", "An Phú", "Linh Trung", "Hiệp Bình Chánh", "Phước Long B",
                "Tăng Nhơn Phú A",
            ]),
            d(K_HUYEN, "Bình Chánh", &["Vĩnh Lộc A", "Bình Hưng", "Tân Kiên", "Phong Phú"]),
            d(K_HUYEN, "Hóc Môn", &["Xuân Thới Thượng", "Bà Điểm", "Tân Xuân"]),
        ],
        streets: &[
            "Lê Lợi", "Nguyễn Huệ", "Đồng Khởi", "Hai Bà Trưng", "Nam Kỳ Khởi Nghĩa",
            "Nguyễn Thị Minh Khai", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Văn Tần",
            "Lý Thường Kiệt", "3 Tháng 2", "Nguyễn Trãi", "Trần Hưng Đạo", "Lê Văn Sỹ",
            "Hoàng Văn Thụ", "Phan Đăng Lưu", "Xô Viết Nghệ Tĩnh", "Nguyễn Văn Linh",
            "Huỳnh Tấn Phát", "Quang Trung", "Phan Văn Trị", "Lê Quang Định", "Cộng Hòa",
            "Trường Chinh", "Âu Cơ", "Lũy Bán Bích", "Tân Kỳ Tân Quý", "Kinh Dương Vương",
            "Nguyễn Thị Thập", "Phạm Văn Đồng", "Kha Vạn Cân", "Võ Văn Ngân", "Tô Ký",
            "Lê Văn Khương", "Nguyễn Oanh", "Bạch Đằng", "Nguyễn Xí", "Đinh Tiên Hoàng", "Pasteur",
            "Sư Vạn Hạnh",
        ],
        alley: 1,
    },
    Prov {
        name: "Hà Nội",
        canon: "Hà Nội",
        weight: 22.0,
        org_weight: 26.0,
        tel_new: "24",
        tel_old: "4",
        mst: "01",
        cccd: "001",
        merged: "Hà Nội",
        variants: &[
            "TP. Hà Nội", "Tp Hà Nội", "HN", "Ha Noi", "Hanoi", "Thành phố Hà Nội", "TP.HN",
            "Hà Nội", "T.P Hà Nội",
        ],
        dists: &[
            d(K_QUAN, "Ba Đình", &[
                "Phúc Xá", "Trúc Bạch", "Vĩnh Phúc", "Cống Vị", "Liễu Giai", "Ngọc Hà", "Điện Biên",
                "Kim Mã", "Giảng Võ", "Thành Công",
            ]),
            d(K_QUAN, "Hoàn Kiếm", &[
                "Hàng Bạc", "Hàng Bồ", "Hàng Đào", "Hàng Trống", "Tràng Tiền", "Cửa Nam",
                "Lý Thái Tổ", "Phan Chu Trinh",
            ]),
            d(K_QUAN, "Đống Đa", &[
                "Văn Miếu", "Quốc Tử Giám", "Láng Hạ", "Ô Chợ Dừa", "Khâm Thiên", "Trung Liệt",
                "Kim Liên", "Phương Mai", "Thịnh Quang", "Láng Thượng",
            ]),
            d(K_QUAN, "Hai Bà Trưng", &[
                "Bạch Đằng", "Bách Khoa", "Minh Khai", "Vĩnh Tuy", "Thanh Nhàn", "Trương Định",
                "Lê Đại Hành",
            ]),
            d(K_QUAN, "Cầu Giấy", &[
                "Dịch Vọng", "Dịch Vọng Hậu", "Mai Dịch", "Nghĩa Đô", "Nghĩa Tân", "Quan Hoa",
                "Trung Hòa", "Yên Hòa",
            ]),
            d(K_QUAN, "Thanh Xuân", &[
                "Khương Trung", "Nhân Chính", "Thanh Xuân Bắc", "Thanh Xuân Nam", "Thượng Đình",
                "Hạ Đình",
            ]),
            d(K_QUAN, "Hoàng Mai", &[
                "Đại Kim", "Định Công", "Giáp Bát", "Hoàng Liệt", "Tương Mai", "Vĩnh Hưng",
            ]),
            d(K_QUAN, "Long Biên", &[
                "Bồ Đề", "Gia Thụy", "Ngọc Lâm", "Phúc Đồng", "Thạch Bàn", "Việt Hưng",
            ]),
            d(K_QUAN, "Hà Đông", &[
                "Mộ Lao", "Văn Quán", "Quang Trung", "La Khê", "Yết Kiêu", "Kiến Hưng",
            ]),
            d(K_QUAN, "Nam Từ Liêm", &["Mỹ Đình 1", "Mỹ Đình 2", "Mễ Trì", "Cầu Diễn", "Phú Đô"]),
            d(K_HUYEN, "Đông Anh", &["Uy Nỗ", "Kim Chung", "Vân Nội", "Xuân Nộn"]),
            d(K_HUYEN, "Gia Lâm", &["Đa Tốn", "Kiêu Kỵ", "Bát Tràng", "Dương Xá"]),
        ],
        streets: &[
            "Láng", "Láng Hạ", "Kim Mã", "Giảng Võ", "Nguyễn Chí Thanh", "Xã Đàn", "Tây Sơn",
            "Nguyễn Trãi", "Trường Chinh", "Giải Phóng", "Bạch Mai", "Minh Khai", "Kim Ngưu",
            "Lò Đúc", "Bà Triệu", "Hàng Bài", "Tràng Thi", "Cầu Giấy", "Xuân Thủy",
            "Hoàng Quốc Việt", "Trần Duy Hưng", "Lê Văn Lương", "Phạm Hùng", "Hồ Tùng Mậu",
            "Nguyễn Văn Cừ", "Ngọc Lâm", "Lạc Long Quân", "Âu Cơ", "Đội Cấn", "Hoàng Hoa Thám",
            "Thái Hà", "Chùa Bộc", "Tôn Đức Thắng", "Khâm Thiên", "Lê Duẩn", "Quang Trung",
            "Trần Hưng Đạo", "Lý Thường Kiệt", "Nguyễn Khánh Toàn", "Trần Cung",
        ],
        alley: 2,
    },
    Prov {
        name: "Đà Nẵng",
        canon: "Đà Nẵng",
        weight: 5.0,
        org_weight: 5.0,
        tel_new: "236",
        tel_old: "511",
        mst: "04",
        cccd: "048",
        merged: "Đà Nẵng",
        variants: &[
            "TP. Đà Nẵng", "Tp Đà Nẵng", "ĐN", "Da Nang", "TP Đà Nẵng", "Thành phố Đà Nẵng",
            "Đà Nẵng",
        ],
        dists: &[
            d(K_QUAN, "Hải Châu", &[
                "Thạch Thang", "Hải Châu 1", "Hải Châu 2", "Phước Ninh", "Hòa Thuận Tây",
                "Bình Hiên",
            ]),
            d(K_QUAN, "Thanh Khê", &["Tân Chính", "Thạc Gián", "Chính Gián", "An Khê", "Xuân Hà"]),
            d(K_QUAN, "Sơn Trà", &["An Hải Bắc", "An Hải Đông", "Phước Mỹ", "Mân Thái"]),
            d(K_QUAN, "Ngũ Hành Sơn", &["Mỹ An", "Khuê Mỹ", "Hòa Hải"]),
            d(K_QUAN, "Liên Chiểu", &["Hòa Khánh Bắc", "Hòa Minh", "Hòa Khánh Nam"]),
        ],
        streets: &[
            "Bạch Đằng", "Trần Phú", "Lê Duẩn", "Nguyễn Văn Linh", "Hùng Vương", "Ông Ích Khiêm",
            "Điện Biên Phủ", "Nguyễn Tất Thành", "Võ Nguyên Giáp", "Ngô Quyền", "Nguyễn Hữu Thọ",
            "Tôn Đức Thắng", "Hoàng Diệu", "Phan Châu Trinh", "Lê Lợi", "Núi Thành",
        ],
        alley: 0,
    },
    Prov {
        name: "Hải Phòng",
        canon: "Hải Phòng",
        weight: 4.0,
        org_weight: 4.0,
        tel_new: "225",
        tel_old: "31",
        mst: "02",
        cccd: "031",
        merged: "Hải Phòng",
        variants: &["TP. Hải Phòng", "Tp Hải Phòng", "HP", "Hai Phong", "Hải Phòng"],
        dists: &[
            d(K_QUAN, "Hồng Bàng", &["Hoàng Văn Thụ", "Minh Khai", "Phan Bội Châu", "Quang Trung"]),
            d(K_QUAN, "Lê Chân", &["An Biên", "Cát Dài", "Dư Hàng", "Trại Cau"]),
            d(K_QUAN, "Ngô Quyền", &["Máy Chai", "Lạch Tray", "Đằng Giang", "Cầu Đất"]),
            d(K_QUAN, "Hải An", &["Đằng Lâm", "Cát Bi", "Tràng Cát"]),
        ],
        streets: &[
            "Lạch Tray", "Lê Hồng Phong", "Trần Phú", "Điện Biên Phủ", "Tô Hiệu", "Văn Cao",
            "Nguyễn Văn Linh", "Lê Lợi", "Cầu Đất", "Hoàng Văn Thụ", "Trần Nguyên Hãn",
        ],
        alley: 0,
    },
    Prov {
        name: "Cần Thơ",
        canon: "Cần Thơ",
        weight: 3.0,
        org_weight: 2.5,
        tel_new: "292",
        tel_old: "710",
        mst: "18",
        cccd: "092",
        merged: "Cần Thơ",
        variants: &["TP. Cần Thơ", "Tp Cần Thơ", "CT", "Can Tho", "Cần Thơ"],
        dists: &[
            d(K_QUAN, "Ninh Kiều", &[
                "Tân An", "An Hòa", "Xuân Khánh", "An Khánh", "Hưng Lợi", "An Nghiệp",
            ]),
            d(K_QUAN, "Bình Thủy", &["Bình Thủy", "An Thới", "Trà An"]),
            d(K_QUAN, "Cái Răng", &["Lê Bình", "Hưng Phú"]),
        ],
        streets: &[
            "30 Tháng 4", "Trần Hưng Đạo", "Nguyễn Văn Cừ", "Mậu Thân", "3 Tháng 2", "Hòa Bình",
            "Nguyễn Trãi", "Trần Văn Khéo", "Cách Mạng Tháng 8", "Lý Tự Trọng",
        ],
        alley: 1,
    },
    Prov {
        name: "Bình Dương",
        canon: "Bình Dương",
        weight: 6.0,
        org_weight: 8.0,
        tel_new: "274",
        tel_old: "650",
        mst: "37",
        cccd: "074",
        merged: "TP. Hồ Chí Minh",
        variants: &[
            "Tỉnh Bình Dương", "T. Bình Dương", "BD", "Binh Duong", "Bình Dương", "tỉnh Bình Dương",
        ],
        dists: &[
            d(K_TP, "Thủ Dầu Một", &[
                "Phú Cường", "Hiệp Thành", "Phú Hòa", "Chánh Nghĩa", "Phú Lợi",
            ]),
            d(K_TP, "Dĩ An", &["Dĩ An", "Đông Hòa", "Tân Đông Hiệp", "An Bình"]),
            d(K_TP, "Thuận An", &["Lái Thiêu", "An Phú", "Bình Hòa", "Thuận Giao"]),
            d(K_TP, "Bến Cát", &["Mỹ Phước", "Thới Hòa"]),
        ],
        streets: &[
            "Đại lộ Bình Dương", "Yersin", "Cách Mạng Tháng Tám", "Phú Lợi", "Nguyễn Văn Tiết",
            "Đồng Khởi", "Thích Quảng Đức", "Huỳnh Văn Lũy", "Nguyễn An Ninh", "Trần Văn Ơn",
            "Lê Hồng Phong", "Mỹ Phước Tân Vạn", "ĐT743",
        ],
        alley: 1,
    },
    Prov {
        name: "Đồng Nai",
        canon: "Đồng Nai",
        weight: 5.0,
        org_weight: 5.0,
        tel_new: "251",
        tel_old: "61",
        mst: "36",
        cccd: "075",
        merged: "Đồng Nai",
        variants: &["Tỉnh Đồng Nai", "T. Đồng Nai", "Dong Nai", "Đồng Nai", "ĐNai"],
        dists: &[
            d(K_TP, "Biên Hòa", &[
                "Tân Phong", "Trảng Dài", "Tân Hiệp", "Hố Nai", "Long Bình", "Quyết Thắng",
                "Thống Nhất",
            ]),
            d(K_TP, "Long Khánh", &["Xuân An", "Xuân Trung"]),
            d(K_HUYEN, "Nhơn Trạch", &["Hiệp Phước", "Phú Hội", "Long Tân"]),
            d(K_HUYEN, "Trảng Bom", &["Bắc Sơn", "Hố Nai 3", "Quảng Tiến"]),
        ],
        streets: &[
            "Phạm Văn Thuận", "Đồng Khởi", "Nguyễn Ái Quốc", "Võ Thị Sáu", "Quốc lộ 1A",
            "Quốc lộ 51", "Bùi Văn Hòa", "Huỳnh Văn Nghệ", "30 Tháng 4", "Cách Mạng Tháng Tám",
        ],
        alley: 1,
    },
    Prov {
        name: "Bà Rịa - Vũng Tàu",
        canon: "Bà Rịa - Vũng Tàu",
        weight: 2.0,
        org_weight: 2.0,
        tel_new: "254",
        tel_old: "64",
        mst: "35",
        cccd: "077",
        merged: "TP. Hồ Chí Minh",
        variants: &[
            "BR-VT", "Bà Rịa Vũng Tàu", "Vũng Tàu", "BRVT", "Ba Ria - Vung Tau",
            "Tỉnh Bà Rịa - Vũng Tàu",
        ],
        dists: &[
            d(K_TP, "Vũng Tàu", &[
                "Thắng Tam", "Thắng Nhì", "Rạch Dừa", "Nguyễn An Ninh", "Phước Thắng",
            ]),
            d(K_TP, "Bà Rịa", &["Phước Hiệp", "Phước Trung", "Long Toàn"]),
        ],
        streets: &[
            "Thùy Vân", "Hạ Long", "Lê Hồng Phong", "Ba Cu", "Nguyễn An Ninh", "30 Tháng 4",
            "2 Tháng 9", "Cách Mạng Tháng Tám",
        ],
        alley: 1,
    },
    Prov {
        name: "Khánh Hòa",
        canon: "Khánh Hòa",
        weight: 1.5,
        org_weight: 1.2,
        tel_new: "258",
        tel_old: "58",
        mst: "42",
        cccd: "056",
        merged: "Khánh Hòa",
        variants: &["Tỉnh Khánh Hòa", "Khánh Hoà", "Khanh Hoa", "KH"],
        dists: &[
            d(K_TP, "Nha Trang", &[
                "Lộc Thọ", "Tân Lập", "Vĩnh Hải", "Phước Hải", "Xương Huân", "Phương Sài",
            ]),
            d(K_TP, "Cam Ranh", &["Cam Lộc", "Cam Phú"]),
        ],
        streets: &[
            "Trần Phú", "Thái Nguyên", "Lê Thánh Tôn", "Yersin", "23 Tháng 10", "2 Tháng 4",
            "Nguyễn Thị Minh Khai", "Hùng Vương",
        ],
        alley: 0,
    },
    Prov {
        name: "Quảng Ninh",
        canon: "Quảng Ninh",
        weight: 1.5,
        org_weight: 1.5,
        tel_new: "203",
        tel_old: "33",
        mst: "57",
        cccd: "022",
        merged: "Quảng Ninh",
        variants: &["Tỉnh Quảng Ninh", "Quang Ninh", "QN", "Quảng Ninh"],
        dists: &[
            d(K_TP, "Hạ Long", &[
                "Bạch Đằng", "Hồng Gai", "Hồng Hải", "Cao Xanh", "Bãi Cháy", "Hà Khẩu",
            ]),
            d(K_TP, "Cẩm Phả", &["Cẩm Trung", "Cẩm Thành"]),
        ],
        streets: &[
            "Lê Thánh Tông", "Nguyễn Văn Cừ", "Hạ Long", "Cao Thắng", "Trần Hưng Đạo", "Lê Lợi",
        ],
        alley: 0,
    },
    Prov {
        name: "Thừa Thiên Huế",
        canon: "Thừa Thiên Huế",
        weight: 1.5,
        org_weight: 1.0,
        tel_new: "234",
        tel_old: "54",
        mst: "33",
        cccd: "046",
        merged: "Huế",
        variants: &["TT Huế", "Thừa Thiên - Huế", "Huế", "Hue", "TT-Huế"],
        dists: &[d(K_TP, "Huế", &[
                "Phú Hội", "Phú Nhuận", "Vĩnh Ninh", "Thuận Hòa", "Phước Vĩnh", "An Cựu",
            ])],
        streets: &[
            "Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Huệ", "Bà Triệu", "Điện Biên Phủ",
            "Lý Thường Kiệt",
        ],
        alley: 0,
    },
    Prov {
        name: "Nghệ An",
        canon: "Nghệ An",
        weight: 1.5,
        org_weight: 1.0,
        tel_new: "238",
        tel_old: "38",
        mst: "29",
        cccd: "040",
        merged: "Nghệ An",
        variants: &["Tỉnh Nghệ An", "Nghe An", "Nghệ An"],
        dists: &[
            d(K_TP, "Vinh", &[
                "Hưng Bình", "Hưng Phúc", "Lê Mao", "Quang Trung", "Trường Thi", "Bến Thủy",
            ]),
            d(K_HUYEN, "Diễn Châu", &["Diễn Kỷ", "Diễn Thành"]),
        ],
        streets: &[
            "Lê Duẩn", "Quang Trung", "Lê Lợi", "Nguyễn Văn Cừ", "Trường Thi", "Phan Bội Châu",
            "Hồ Tùng Mậu",
        ],
        alley: 0,
    },
    Prov {
        name: "Thanh Hóa",
        canon: "Thanh Hóa",
        weight: 1.5,
        org_weight: 1.0,
        tel_new: "237",
        tel_old: "37",
        mst: "28",
        cccd: "038",
        merged: "Thanh Hóa",
        variants: &["Tỉnh Thanh Hóa", "Thanh Hoá", "Thanh Hoa", "T.Hóa"],
        dists: &[
            d(K_TP, "Thanh Hóa", &[
                "Điện Biên", "Lam Sơn", "Ba Đình", "Đông Thọ", "Trường Thi", "Ngọc Trạo",
            ]),
            d(K_TP, "Sầm Sơn", &["Bắc Sơn", "Trung Sơn"]),
        ],
        streets: &[
            "Lê Lai", "Trần Phú", "Lê Hoàn", "Bà Triệu", "Quang Trung", "Đại lộ Lê Lợi",
            "Hạc Thành",
        ],
        alley: 0,
    },
    Prov {
        name: "Lâm Đồng",
        canon: "Lâm Đồng",
        weight: 1.0,
        org_weight: 0.8,
        tel_new: "263",
        tel_old: "63",
        mst: "58",
        cccd: "068",
        merged: "Lâm Đồng",
        variants: &["Tỉnh Lâm Đồng", "Lam Dong", "LĐ"],
        dists: &[
            dn(K_TP, "Đà Lạt", 12),
            d(K_TP, "Bảo Lộc", &["Lộc Phát", "Lộc Sơn", "B'Lao"]),
        ],
        streets: &[
            "Phan Đình Phùng", "Trần Phú", "Bùi Thị Xuân", "Hai Bà Trưng", "3 Tháng 2",
            "Nguyễn Văn Cừ", "Hùng Vương",
        ],
        alley: 0,
    },
    Prov {
        name: "Long An",
        canon: "Long An",
        weight: 1.0,
        org_weight: 1.5,
        tel_new: "272",
        tel_old: "72",
        mst: "11",
        cccd: "080",
        merged: "Tây Ninh",
        variants: &["Tỉnh Long An", "Long An", "LA"],
        dists: &[
            dn(K_TP, "Tân An", 7),
            d(K_HUYEN, "Bến Lức", &["Nhựt Chánh", "Thạnh Đức"]),
            d(K_HUYEN, "Đức Hòa", &["Hựu Thạnh", "Đức Hòa Hạ"]),
        ],
        streets: &["Hùng Vương", "Nguyễn Huệ", "Quốc lộ 1A", "Châu Thị Kim", "Trương Định"],
        alley: 0,
    },
    Prov {
        name: "Tiền Giang",
        canon: "Tiền Giang",
        weight: 1.0,
        org_weight: 0.7,
        tel_new: "273",
        tel_old: "73",
        mst: "12",
        cccd: "082",
        merged: "Đồng Tháp",
        variants: &["Tỉnh Tiền Giang", "Tien Giang", "TG"],
        dists: &[
            dn(K_TP, "Mỹ Tho", 10),
            d(K_HUYEN, "Châu Thành", &["Long Định", "Tân Hương"]),
        ],
        streets: &["Ấp Bắc", "Nam Kỳ Khởi Nghĩa", "Lý Thường Kiệt", "Hùng Vương", "Trưng Trắc"],
        alley: 0,
    },
    Prov {
        name: "An Giang",
        canon: "An Giang",
        weight: 1.0,
        org_weight: 0.7,
        tel_new: "296",
        tel_old: "76",
        mst: "16",
        cccd: "089",
        merged: "An Giang",
        variants: &["Tỉnh An Giang", "An Giang", "AG"],
        dists: &[
            d(K_TP, "Long Xuyên", &["Mỹ Bình", "Mỹ Long", "Mỹ Xuyên", "Bình Khánh"]),
            d(K_TP, "Châu Đốc", &["Châu Phú A", "Núi Sam"]),
        ],
        streets: &["Trần Hưng Đạo", "Hà Hoàng Hổ", "Nguyễn Huệ", "Tôn Đức Thắng", "Lý Thái Tổ"],
        alley: 0,
    },
    Prov {
        name: "Kiên Giang",
        canon: "Kiên Giang",
        weight: 1.0,
        org_weight: 0.7,
        tel_new: "297",
        tel_old: "77",
        mst: "17",
        cccd: "091",
        merged: "An Giang",
        variants: &["Tỉnh Kiên Giang", "Kien Giang", "KG"],
        dists: &[
            d(K_TP, "Rạch Giá", &["Vĩnh Thanh Vân", "Vĩnh Lạc", "An Hòa", "Rạch Sỏi"]),
            d(K_TP, "Phú Quốc", &["Dương Đông", "An Thới"]),
        ],
        streets: &["Nguyễn Trung Trực", "Trần Phú", "Lâm Quang Ky", "Ngô Quyền", "30 Tháng 4"],
        alley: 0,
    },
    Prov {
        name: "Hải Dương",
        canon: "Hải Dương",
        weight: 1.0,
        org_weight: 1.0,
        tel_new: "220",
        tel_old: "320",
        mst: "08",
        cccd: "030",
        merged: "Hải Phòng",
        variants: &["Tỉnh Hải Dương", "Hai Duong", "HD"],
        dists: &[
            d(K_TP, "Hải Dương", &[
                "Trần Phú", "Quang Trung", "Nguyễn Trãi", "Bình Hàn", "Thanh Bình",
            ]),
            d(K_TP, "Chí Linh", &["Sao Đỏ", "Cộng Hòa"]),
        ],
        streets: &[
            "Trần Hưng Đạo", "Nguyễn Lương Bằng", "Thanh Niên", "Lê Thanh Nghị", "Điện Biên Phủ",
        ],
        alley: 2,
    },
    Prov {
        name: "Bắc Ninh",
        canon: "Bắc Ninh",
        weight: 1.5,
        org_weight: 2.0,
        tel_new: "222",
        tel_old: "241",
        mst: "23",
        cccd: "027",
        merged: "Bắc Ninh",
        variants: &["Tỉnh Bắc Ninh", "Bac Ninh", "BN"],
        dists: &[
            d(K_TP, "Bắc Ninh", &["Suối Hoa", "Tiền An", "Vũ Ninh", "Đại Phúc", "Kinh Bắc"]),
            d(K_TP, "Từ Sơn", &["Đông Ngàn", "Đình Bảng", "Đồng Kỵ"]),
        ],
        streets: &[
            "Ngô Gia Tự", "Lý Thái Tổ", "Nguyễn Gia Thiều", "Trần Hưng Đạo", "Lê Thái Tổ",
            "Minh Khai",
        ],
        alley: 2,
    },
    Prov {
        name: "Vĩnh Phúc",
        canon: "Vĩnh Phúc",
        weight: 0.8,
        org_weight: 0.8,
        tel_new: "211",
        tel_old: "211",
        mst: "25",
        cccd: "026",
        merged: "Phú Thọ",
        variants: &["Tỉnh Vĩnh Phúc", "Vinh Phuc", "VP"],
        dists: &[
            d(K_TP, "Vĩnh Yên", &["Liên Bảo", "Tích Sơn", "Ngô Quyền", "Đống Đa"]),
            d(K_TP, "Phúc Yên", &["Hùng Vương", "Trưng Trắc"]),
        ],
        streets: &["Mê Linh", "Nguyễn Tất Thành", "Kim Ngọc", "Lam Sơn", "Chùa Hà"],
        alley: 2,
    },
    Prov {
        name: "Quảng Nam",
        canon: "Quảng Nam",
        weight: 1.0,
        org_weight: 0.8,
        tel_new: "235",
        tel_old: "510",
        mst: "40",
        cccd: "049",
        merged: "Đà Nẵng",
        variants: &["Tỉnh Quảng Nam", "Quang Nam", "QNam"],
        dists: &[
            d(K_TP, "Tam Kỳ", &["An Mỹ", "An Sơn", "Tân Thạnh", "Hòa Hương"]),
            d(K_TP, "Hội An", &["Minh An", "Cẩm Phô", "Sơn Phong"]),
        ],
        streets: &[
            "Phan Chu Trinh", "Hùng Vương", "Trần Hưng Đạo", "Nguyễn Duy Hiệu", "Hai Bà Trưng",
        ],
        alley: 0,
    },
];

// ───────────────────────────── phones ─────────────────────────────

/// Today's mobile prefixes (national, without the 0), the pre-2018 prefix they replaced, and a
/// market-share weight (DOMAIN.md §1).
#[rustfmt::skip]
static MOBILE_PREFIXES: &[(u32, Option<u32>, f64)] = &[
    (86, None, 3.0),
    (96, None, 6.0),
    (97, None, 7.0),
    (98, None, 7.0),
    (32, Some(162), 3.0),
    (33, Some(163), 3.0),
    (34, Some(164), 3.0),
    (35, Some(165), 3.0),
    (36, Some(166), 3.0),
    (37, Some(167), 3.0),
    (38, Some(168), 3.0),
    (39, Some(169), 3.0),
    (89, None, 2.0),
    (90, None, 8.0),
    (93, None, 6.0),
    (70, Some(120), 2.0),
    (79, Some(121), 2.0),
    (77, Some(122), 2.0),
    (76, Some(126), 1.5),
    (78, Some(128), 1.5),
    (88, None, 2.0),
    (91, None, 7.0),
    (94, None, 5.0),
    (83, Some(123), 1.5),
    (84, Some(124), 1.5),
    (85, Some(125), 2.0),
    (81, Some(127), 1.5),
    (82, Some(129), 1.5),
    (92, None, 2.0),
    (56, Some(186), 0.5),
    (58, Some(188), 0.5),
    (99, None, 0.7),
    (59, Some(199), 0.3),
    (87, None, 1.0),
];

/// The pre-2018 11-digit national number (without the 0) of a mobile, if it had one.
fn old_mobile(n: u32) -> Option<u64> {
    let p = n / 10_000_000;
    MOBILE_PREFIXES
        .iter()
        .find(|(new, _, _)| *new == p)
        .and_then(|(_, old, _)| *old)
        .map(|old| old as u64 * 10_000_000 + (n % 10_000_000) as u64)
}

// ───────────────────────────── weighted picks ─────────────────────────────

struct Cum(Vec<f64>);

impl Cum {
    fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        Cum(weights
            .into_iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect())
    }
    fn pick(&self, rng: &mut StdRng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = rng.random::<f64>() * total;
        self.0
            .partition_point(|&c| c <= x)
            .min(self.0.len().saturating_sub(1))
    }
}

struct Tables {
    family: Cum,
    mid_m: Cum,
    mid_f: Cum,
    given_m: Cum,
    given_f: Cum,
    forms: Cum,
    biz: Cum,
    prov: Cum,
    prov_org: Cum,
    mobile: Cum,
    domains: Cum,
    /// Accent-free lower-case forms of the name tables, for e-mail addresses.
    family_ascii: Vec<String>,
    mid_m_ascii: Vec<String>,
    mid_f_ascii: Vec<String>,
    given_m_ascii: Vec<String>,
    given_f_ascii: Vec<String>,
}

static T: LazyLock<Tables> = LazyLock::new(|| {
    let rank = |n: usize| Cum::new((0..n).map(|i| 1.0 / (i as f64 + 5.0)));
    let ascii = |v: &mut dyn Iterator<Item = &str>| v.map(|s| fold(s).to_lowercase()).collect();
    Tables {
        family: Cum::new(FAMILY.iter().map(|x| x.1)),
        mid_m: Cum::new(MID_M.iter().map(|x| x.1)),
        mid_f: Cum::new(MID_F.iter().map(|x| x.1)),
        given_m: rank(GIVEN_M.len()),
        given_f: rank(GIVEN_F.len()),
        forms: Cum::new(FORMS.iter().map(|f| f.weight)),
        biz: Cum::new(BIZ.iter().map(|b| b.1)),
        prov: Cum::new(PROVS.iter().map(|p| p.weight)),
        prov_org: Cum::new(PROVS.iter().map(|p| p.org_weight)),
        mobile: Cum::new(MOBILE_PREFIXES.iter().map(|m| m.2)),
        domains: Cum::new(EMAIL_DOMAINS.iter().map(|m| m.1)),
        family_ascii: ascii(&mut FAMILY.iter().map(|x| x.0)),
        mid_m_ascii: ascii(&mut MID_M.iter().map(|x| x.0)),
        mid_f_ascii: ascii(&mut MID_F.iter().map(|x| x.0)),
        given_m_ascii: ascii(&mut GIVEN_M.iter().copied()),
        given_f_ascii: ascii(&mut GIVEN_F.iter().copied()),
    }
});

fn pick<T: Copy>(rng: &mut StdRng, v: &[T]) -> T {
    v[rng.random_range(0..v.len())]
}

/// Index by linear scan over small inline weight lists.
fn wpick(rng: &mut StdRng, w: &[f64]) -> usize {
    let total: f64 = w.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, &wi) in w.iter().enumerate() {
        if x < wi {
            return i;
        }
        x -= wi;
    }
    w.len() - 1
}

// ───────────────────────────── text helpers ─────────────────────────────

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Accent-free form: strip combining marks after NFD; đ/Đ are letters, not marks.
fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn has_non_ascii(s: &str) -> bool {
    !s.is_ascii()
}

/// The five tones on the vowels that take them, in the order grave, acute, hook, tilde, dot.
#[rustfmt::skip]
static TONES: &[(char, [char; 5])] = &[
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
];

fn tone_split(c: char) -> Option<(char, usize)> {
    TONES
        .iter()
        .find_map(|(b, ts)| ts.iter().position(|t| *t == c).map(|i| (*b, i)))
}

fn tone_apply(base: char, tone: usize) -> char {
    TONES
        .iter()
        .find(|(b, _)| *b == base)
        .map(|(_, ts)| ts[tone])
        .unwrap_or(base)
}

/// Old-style tone placement in open syllables: hòa→hoà, thủy→thuỷ, khỏe→khoẻ (DOMAIN.md §3).
fn tone_old_style(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = cs.clone();
    for i in 0..cs.len().saturating_sub(1) {
        let next_is_letter = cs.get(i + 2).is_some_and(|c| c.is_alphabetic());
        if next_is_letter {
            continue;
        }
        let Some((base, tone)) = tone_split(cs[i]) else {
            continue;
        };
        let n = cs[i + 1];
        let lower = base.to_ascii_lowercase();
        let ok = (lower == 'o' && matches!(n, 'a' | 'e' | 'A' | 'E'))
            || (lower == 'u'
                && matches!(n, 'y' | 'Y')
                && !(i > 0 && matches!(cs[i - 1], 'q' | 'Q')));
        if ok {
            out[i] = base;
            out[i + 1] = tone_apply(n, tone);
        }
    }
    out.into_iter().collect()
}

fn title_is_toneable(s: &str) -> bool {
    tone_old_style(s) != s
}

/// Legacy TCVN3 (ABC, .VnTime) byte of a Vietnamese letter. Upper-case toned vowels have no
/// code in the .VnTime font and were typed with the lower-case code, as real files show.
#[rustfmt::skip]
static TCVN3: &[(char, u8)] = &[
    ('à', 0xB5),
    ('á', 0xB8),
    ('ả', 0xB6),
    ('ã', 0xB7),
    ('ạ', 0xB9),
    ('ă', 0xA8),
    ('ằ', 0xBB),
    ('ắ', 0xBE),
    ('ẳ', 0xBC),
    ('ẵ', 0xBD),
    ('ặ', 0xC6),
    ('â', 0xA9),
    ('ầ', 0xC7),
    ('ấ', 0xCA),
    ('ẩ', 0xC8),
    ('ẫ', 0xC9),
    ('ậ', 0xCB),
    ('đ', 0xAE),
    ('è', 0xCC),
    ('é', 0xD0),
    ('ẻ', 0xCE),
    ('ẽ', 0xCF),
    ('ẹ', 0xD1),
    ('ê', 0xAA),
    ('ề', 0xD2),
    ('ế', 0xD5),
    ('ể', 0xD3),
    ('ễ', 0xD4),
    ('ệ', 0xD6),
    ('ì', 0xD7),
    ('í', 0xDD),
    ('ỉ', 0xD8),
    ('ĩ', 0xDC),
    ('ị', 0xDE),
    ('ò', 0xDF),
    ('ó', 0xE3),
    ('ỏ', 0xE1),
    ('õ', 0xE2),
    ('ọ', 0xE4),
    ('ô', 0xAB),
    ('ồ', 0xE5),
    ('ố', 0xE8),
    ('ổ', 0xE6),
    ('ỗ', 0xE7),
    ('ộ', 0xE9),
    ('ơ', 0xAC),
    ('ờ', 0xEA),
    ('ớ', 0xED),
    ('ở', 0xEB),
    ('ỡ', 0xEC),
    ('ợ', 0xEE),
    ('ù', 0xEF),
    ('ú', 0xF3),
    ('ủ', 0xF1),
    ('ũ', 0xF2),
    ('ụ', 0xF4),
    ('ư', 0xAD),
    ('ừ', 0xF5),
    ('ứ', 0xF8),
    ('ử', 0xF6),
    ('ữ', 0xF7),
    ('ự', 0xF9),
    ('ỳ', 0xFA),
    ('ý', 0xFD),
    ('ỷ', 0xFB),
    ('ỹ', 0xFC),
    ('ỵ', 0xFE),
    ('Ă', 0xA1),
    ('Â', 0xA2),
    ('Ê', 0xA3),
    ('Ô', 0xA4),
    ('Ơ', 0xA5),
    ('Ư', 0xA6),
    ('Đ', 0xA7),
];

/// Text as a cell typed with the TCVN3 font shows it without the font (Latin-1 mojibake),
/// or None when a character has no TCVN3 code.
fn to_tcvn3(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let code = TCVN3
            .iter()
            .find(|(u, _)| *u == c)
            .or_else(|| {
                let l = c.to_lowercase().next()?;
                TCVN3.iter().find(|(u, _)| *u == l)
            })?
            .1;
        out.push(char::from(code));
    }
    Some(out)
}

/// Windows-1258 text: ă â ê ô ơ ư đ are single bytes but the five tones are combining marks
/// (DOMAIN.md §3). encoding_rs only maps what the code page holds, so decompose first and put
/// back together the letters that exist precomposed in 1258.
fn to_cp1258(s: &str) -> Vec<u8> {
    let chars: Vec<char> = s.nfd().collect();
    let mut text = String::with_capacity(s.len() + 16);
    let mut i = 0;
    let mut tones: Vec<char> = Vec::with_capacity(2);
    while i < chars.len() {
        let mut base = chars[i];
        i += 1;
        tones.clear();
        while i < chars.len() && is_mark(chars[i]) {
            let m = chars[i];
            i += 1;
            // NFD puts the dot below (ccc 220) before the circumflex/breve (ccc 230).
            if matches!(m, '\u{302}' | '\u{306}' | '\u{31b}') {
                if let Some(c) = unicode_normalization::char::compose(base, m) {
                    base = c;
                    continue;
                }
            }
            tones.push(m);
        }
        text.push(base);
        text.extend(tones.iter());
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&text);
    bytes.into_owned()
}

fn group_digits(digits: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::with_capacity(digits.len() + sizes.len() * sep.len());
    let mut pos = 0;
    for (k, &n) in sizes.iter().enumerate() {
        if pos >= digits.len() {
            break;
        }
        if k > 0 {
            out.push_str(sep);
        }
        let end = if k + 1 == sizes.len() {
            digits.len()
        } else {
            (pos + n).min(digits.len())
        };
        out.push_str(&digits[pos..end]);
        pos = end;
    }
    out
}

fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn hash_of<H: Hash>(h: H) -> u64 {
    let mut s = DefaultHasher::new();
    h.hash(&mut s);
    s.finish()
}

// ───────────────────────────── dates ─────────────────────────────

/// Days from 0001-01-01 (CE day 1) to 1899-12-30, Excel's day 0 in the 1900 date system.
const EXCEL_EPOCH_CE: i32 = 693_594;

fn ce(y: i32, m: u32, d: u32) -> i32 {
    NaiveDate::from_ymd_opt(y, m, d).map_or(0, |x| x.num_days_from_ce())
}

fn ymd(days: i32) -> (i32, u32, u32) {
    NaiveDate::from_num_days_from_ce_opt(days)
        .map_or((1970, 1, 1), |x| (x.year(), x.month(), x.day()))
}

// ───────────────────────────── entities ─────────────────────────────

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Person {
    female: bool,
    family: u8,
    /// Indexes into MID_F / MID_M; u8::MAX when absent.
    mid: [u8; 2],
    given: u8,
}

impl Person {
    fn family(&self) -> &'static str {
        FAMILY[self.family as usize].0
    }
    fn mid(&self, k: usize) -> Option<&'static str> {
        let i = self.mid[k];
        if i == u8::MAX {
            return None;
        }
        Some(if self.female {
            MID_F[i as usize].0
        } else {
            MID_M[i as usize].0
        })
    }
    fn given(&self) -> &'static str {
        if self.female {
            GIVEN_F[self.given as usize]
        } else {
            GIVEN_M[self.given as usize]
        }
    }
    fn full(&self) -> String {
        let mut s = String::with_capacity(32);
        s.push_str(self.family());
        for k in 0..2 {
            if let Some(m) = self.mid(k) {
                s.push(' ');
                s.push_str(m);
            }
        }
        s.push(' ');
        s.push_str(self.given());
        s
    }
}

struct Org {
    form: u8,
    biz: u8,
    brand: Box<str>,
    /// Province index of a branch ("Chi nhánh <province> - …"); None for a head office.
    branch: Option<u8>,
    domain: Option<Box<str>>,
    contact: Person,
}

impl Org {
    fn full(&self) -> String {
        let mut s = String::with_capacity(64);
        if let Some(p) = self.branch {
            s.push_str("Chi nhánh ");
            s.push_str(PROVS[p as usize].canon);
            s.push_str(" - ");
        }
        s.push_str(FORMS[self.form as usize].canon);
        for w in BIZ[self.biz as usize].0 {
            s.push(' ');
            s.push_str(w);
        }
        s.push(' ');
        s.push_str(&self.brand);
        s
    }
}

enum Kind {
    Person(Person),
    Org(Box<Org>),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Addr {
    prov: u8,
    dist: u8,
    ward: u8,
    street: u8,
    num: u16,
    sub: u16,
    letter: u8,
    /// 0 plain "123", 1 hẻm "45/12", 2 ngõ "Số 15 ngõ 120", 3 letter "12A".
    style: u8,
}

const G_NONE: u8 = 0;
const G_NAMESAKE: u8 = 1;
const G_FAMILY: u8 = 2;
const G_BRANCH: u8 = 3;
const G_SIMILAR: u8 = 4;
const GROUP_NAMES: [&str; 5] = ["", "namesake", "family", "branch", "similar_name"];

struct Entity {
    kind: Kind,
    /// National number without the leading 0 (9 digits); 0 when none.
    mobile: u32,
    /// The number used before the customer changed it; 0 when unchanged.
    mobile_prev: u32,
    /// Landline as (province, subscriber number); shared within a family.
    land: Option<(u8, u32)>,
    email: Option<Box<str>>,
    /// 10-digit enterprise tax code (value); 0 when none.
    mst: u64,
    /// Branch number of a dependent unit (MST-00N); 0 for the head office.
    mst_branch: u16,
    /// 12-digit personal identification number used as tax code by a household business.
    pid: u64,
    addr: Addr,
    addr_prev: Option<Addr>,
    group: u32,
    group_kind: u8,
    rows: u8,
}

impl Entity {
    fn is_org(&self) -> bool {
        matches!(self.kind, Kind::Org(_))
    }
    fn name(&self) -> String {
        match &self.kind {
            Kind::Person(p) => p.full(),
            Kind::Org(o) => o.full(),
        }
    }
    fn has_tax_code(&self) -> bool {
        self.mst != 0 || self.pid != 0
    }
    fn tax_code(&self) -> String {
        if self.mst != 0 {
            if self.mst_branch != 0 {
                format!("{:010}-{:03}", self.mst, self.mst_branch)
            } else {
                format!("{:010}", self.mst)
            }
        } else if self.pid != 0 {
            format!("{:012}", self.pid)
        } else {
            String::new()
        }
    }
}

fn land_digits(land: (u8, u32), old: bool) -> String {
    let p = &PROVS[land.0 as usize];
    let sub_len = 10 - p.tel_new.len();
    let code = if old { p.tel_old } else { p.tel_new };
    format!("{code}{:0width$}", land.1, width = sub_len)
}

fn canon_addr(a: &Addr) -> String {
    let p = &PROVS[a.prov as usize];
    let dist = &p.dists[a.dist as usize];
    let mut s = String::with_capacity(80);
    house(&mut s, a, 0);
    s.push(' ');
    s.push_str(p.streets[a.street as usize]);
    s.push_str(", ");
    s.push_str(ward_kind(dist));
    s.push(' ');
    push_ward(&mut s, dist, a.ward);
    s.push_str(", ");
    s.push_str(dist_kind(dist));
    s.push(' ');
    s.push_str(dist.name);
    s.push_str(", ");
    s.push_str(p.canon);
    s
}

fn ward_kind(d: &Dist) -> &'static str {
    if d.kind == K_HUYEN {
        "Xã"
    } else {
        "Phường"
    }
}

fn dist_kind(d: &Dist) -> &'static str {
    match d.kind {
        K_QUAN => "Quận",
        K_HUYEN => "Huyện",
        _ => "Thành phố",
    }
}

fn push_ward(s: &mut String, d: &Dist, w: u8) {
    if d.numbered > 0 {
        s.push_str(&(w as u32 + 1).to_string());
    } else {
        s.push_str(d.wards[w as usize]);
    }
}

/// House part; `variant` 0 is canonical, others are the ways clerks shorten it.
fn house(s: &mut String, a: &Addr, variant: u8) {
    match a.style {
        1 => {
            if variant == 2 {
                s.push_str("Số ");
            }
            s.push_str(&format!("{}/{}", a.num, a.sub));
        }
        2 => match variant {
            1 => s.push_str(&format!("{} ngõ {}", a.num, a.sub)),
            2 => s.push_str(&format!("số {}, ngõ {}", a.num, a.sub)),
            3 => s.push_str(&format!("{} ng.{}", a.num, a.sub)),
            _ => s.push_str(&format!("Số {} ngõ {}", a.num, a.sub)),
        },
        3 => {
            if variant == 2 {
                s.push_str("Số ");
            }
            s.push_str(&format!("{}{}", a.num, (b'A' + a.letter) as char));
        }
        _ => {
            if variant == 2 {
                s.push_str("Số ");
            }
            s.push_str(&a.num.to_string());
        }
    }
}

// ───────────────────────────── entity generation ─────────────────────────────

struct Gen {
    rng: StdRng,
    phones: HashSet<u64>,
    emails: HashSet<u64>,
    taxes: HashSet<u64>,
    name_addr: HashSet<u64>,
    brands: HashSet<u64>,
    d_person: f64,
    d_org: f64,
}

impl Gen {
    fn person_parts(&mut self, female: bool) -> Person {
        let rng = &mut self.rng;
        let family = T.family.pick(rng) as u8;
        let (mid_t, n_mid) = if female {
            (&T.mid_f, wpick(rng, &[2.0, 78.0, 20.0]))
        } else {
            (&T.mid_m, wpick(rng, &[3.0, 85.0, 12.0]))
        };
        let mut mid = [u8::MAX; 2];
        if n_mid >= 1 {
            mid[0] = mid_t.pick(rng) as u8;
        }
        if n_mid == 2 {
            if female && rng.random_bool(0.7) {
                mid[0] = 0; // "Thị" + a second middle name: Nguyễn Thị Ngọc Anh
            }
            loop {
                let m = mid_t.pick(rng) as u8;
                if m != mid[0] && m != 0 {
                    mid[1] = m;
                    break;
                }
            }
        }
        let mids: Vec<&str> = mid
            .iter()
            .filter(|&&m| m != u8::MAX)
            .map(|&m| {
                if female {
                    MID_F[m as usize].0
                } else {
                    MID_M[m as usize].0
                }
            })
            .collect();
        // "Nguyễn Quang Quang" does not happen: the given name differs from the middle names.
        let given = loop {
            let g = if female {
                T.given_f.pick(rng)
            } else {
                T.given_m.pick(rng)
            };
            let gs = if female { GIVEN_F[g] } else { GIVEN_M[g] };
            if !mids.contains(&gs) {
                break g as u8;
            }
        };
        Person {
            female,
            family,
            mid,
            given,
        }
    }

    fn addr(&mut self, prov: u8) -> Addr {
        let rng = &mut self.rng;
        let p = &PROVS[prov as usize];
        let dist = rng.random_range(0..p.dists.len()) as u8;
        let dd = &p.dists[dist as usize];
        let nwards = if dd.numbered > 0 {
            dd.numbered as usize
        } else {
            dd.wards.len()
        };
        let ward = rng.random_range(0..nwards) as u8;
        let street = rng.random_range(0..p.streets.len()) as u8;
        // House numbers skew low: most streets are short.
        let num = (rng.random::<f64>().powi(2) * 400.0) as u16 + 1;
        let style = match p.alley {
            1 => [0, 0, 0, 1, 1, 3][rng.random_range(0..6)],
            2 => [0, 0, 2, 2, 2, 3][rng.random_range(0..6)],
            _ => [0, 0, 0, 0, 1, 3][rng.random_range(0..6)],
        };
        let sub = rng.random_range(1..150);
        let letter = rng.random_range(0..4);
        Addr {
            prov,
            dist,
            ward,
            street,
            num,
            sub,
            letter,
            style,
        }
    }

    fn new_mobile(&mut self) -> u32 {
        loop {
            let (prefix, _, _) = MOBILE_PREFIXES[T.mobile.pick(&mut self.rng)];
            // libphonenumber ranges: 089 is followed by 6–9, 099 by anything but 2.
            let first = match prefix {
                89 => self.rng.random_range(6..10),
                99 => pick(&mut self.rng, &[0, 1, 3, 4, 5, 6, 7, 8, 9]),
                _ => self.rng.random_range(0..10),
            };
            let n = prefix * 10_000_000 + first * 1_000_000 + self.rng.random_range(0..1_000_000);
            if self.phones.insert(n as u64) {
                return n;
            }
        }
    }

    fn new_land(&mut self, prov: u8) -> (u8, u32) {
        let p = &PROVS[prov as usize];
        let sub_len = 10 - p.tel_new.len() as u32;
        loop {
            let first = pick(&mut self.rng, &[3, 3, 3, 3, 3, 3, 3, 6, 6, 2, 8]);
            let rest = self.rng.random_range(0..10u32.pow(sub_len - 1));
            let sub = first * 10u32.pow(sub_len - 1) + rest;
            let key: u64 = land_digits((prov, sub), false).parse().unwrap_or(0);
            if self.phones.insert(key) {
                return (prov, sub);
            }
        }
    }

    fn new_mst(&mut self, prov: u8) -> u64 {
        let pre = PROVS[prov as usize].mst.as_bytes();
        loop {
            let mut dgt = [0u32; 9];
            dgt[0] = (pre[0] - b'0') as u32;
            dgt[1] = (pre[1] - b'0') as u32;
            for x in dgt.iter_mut().skip(2) {
                *x = self.rng.random_range(0..10);
            }
            let Some(check) = mst_check_digit(&dgt) else {
                continue;
            };
            let v = dgt.iter().fold(0u64, |a, &x| a * 10 + x as u64) * 10 + check as u64;
            if self.taxes.insert(v) {
                return v;
            }
        }
    }

    fn new_pid(&mut self, prov: u8, female: bool) -> u64 {
        let code: u64 = PROVS[prov as usize].cccd.parse().unwrap_or(1);
        loop {
            let year = self.rng.random_range(1960..2004u64);
            let century = if year >= 2000 { 2 } else { 0 } + u64::from(female);
            let v = code * 1_000_000_000
                + century * 100_000_000
                + (year % 100) * 1_000_000
                + self.rng.random_range(0..1_000_000);
            if self.taxes.insert(v) {
                return v;
            }
        }
    }

    fn unique_email(&mut self, local: &str, domain: &str) -> Box<str> {
        let mut candidate = format!("{local}@{domain}");
        let mut tries = 0;
        while !self.emails.insert(hash_of(&candidate)) {
            tries += 1;
            let n: u32 = if tries < 4 {
                self.rng.random_range(1..100)
            } else {
                self.rng.random_range(100..100_000)
            };
            candidate = format!("{local}{n}@{domain}");
        }
        candidate.into_boxed_str()
    }

    fn person_email(&mut self, p: &Person) -> Box<str> {
        let (mids, givens) = if p.female {
            (&T.mid_f_ascii, &T.given_f_ascii)
        } else {
            (&T.mid_m_ascii, &T.given_m_ascii)
        };
        let f = &T.family_ascii[p.family as usize];
        let g = &givens[p.given as usize];
        let m = if p.mid[0] == u8::MAX {
            ""
        } else {
            &mids[p.mid[0] as usize]
        };
        let rng = &mut self.rng;
        let yy = rng.random_range(60..106) % 100;
        let f0 = &f[..1];
        let m0 = m.get(..1).unwrap_or("");
        let local = match wpick(rng, &[22.0, 20.0, 14.0, 12.0, 8.0, 12.0, 6.0, 6.0]) {
            0 => format!("{g}.{f}{yy:02}"),
            1 => format!("{f}{m}{g}"),
            2 => format!("{g}{f0}{m0}"),
            3 => format!("{f}{g}{}", 1900 + if yy < 10 { yy + 100 } else { yy }),
            4 => format!("{g}_{f}"),
            5 => format!("{g}{f}{yy:02}"),
            6 => format!("{f}.{g}"),
            _ => format!("{g}{m}{f}"),
        };
        let domain = EMAIL_DOMAINS[T.domains.pick(rng)].0;
        self.unique_email(&local, domain)
    }

    fn brand(&mut self) -> Box<str> {
        loop {
            let b = if self.rng.random_bool(0.25) {
                pick(&mut self.rng, BRAND_FIXED).to_string()
            } else {
                let a = pick(&mut self.rng, BRAND_SYL);
                let mut b = pick(&mut self.rng, BRAND_SYL);
                while b == a {
                    b = pick(&mut self.rng, BRAND_SYL);
                }
                if self.rng.random_bool(0.15) {
                    let mut c = pick(&mut self.rng, BRAND_SYL);
                    while c == a || c == b {
                        c = pick(&mut self.rng, BRAND_SYL);
                    }
                    format!("{a} {b} {c}")
                } else {
                    format!("{a} {b}")
                }
            };
            // Fixed brands repeat by design (different companies, different MST); generated
            // ones are kept mostly distinct so accidental look-alikes stay rare.
            if self.brands.insert(hash_of(&b)) || self.rng.random_bool(0.1) {
                return b.into_boxed_str();
            }
        }
    }

    fn org_email(&mut self, brand: &str, domain: &mut Option<Box<str>>) -> Box<str> {
        let base: String = fold(brand)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if domain.is_none() && self.rng.random_bool(0.6) {
            let tld = pick(&mut self.rng, &[".vn", ".com.vn", ".com", ".vn", ".com.vn"]);
            let mut dom = format!("{base}{tld}");
            let mut tries = 0;
            while !self.emails.insert(hash_of(("domain", &dom))) {
                tries += 1;
                let suffix = pick(
                    &mut self.rng,
                    &["corp", "group", "tm", "jsc", "co", "vn", "hcm", "hn"],
                );
                dom = if tries < 3 {
                    format!("{base}{suffix}{tld}")
                } else {
                    format!("{base}{}{tld}", self.rng.random_range(1..1000))
                };
            }
            *domain = Some(dom.into_boxed_str());
        }
        if let Some(dom) = domain.clone() {
            let local = pick(&mut self.rng, ORG_MAIL_LOCAL);
            return self.unique_email(local, &dom);
        }
        let local = match self.rng.random_range(0..3) {
            0 => format!("{base}.co"),
            1 => format!("cty{base}"),
            _ => base.clone(),
        };
        self.unique_email(&local, "gmail.com")
    }

    fn sample_k(&mut self, org: bool) -> u8 {
        let d = if org { self.d_org } else { self.d_person };
        if self.rng.random_bool(d.clamp(0.0, 1.0)) {
            2 + wpick(&mut self.rng, &[50.0, 25.0, 13.0, 7.0, 5.0]) as u8
        } else {
            1
        }
    }

    /// A person; `name`/`addr`/`land` are forced for hard-negative siblings.
    fn person(
        &mut self,
        name: Option<Person>,
        addr: Option<Addr>,
        land: Option<(u8, u32)>,
    ) -> Entity {
        let female = name.map_or_else(|| self.rng.random_bool(0.5), |p| p.female);
        let mut p = name.unwrap_or_else(|| self.person_parts(female));
        let forced_addr = addr.is_some();
        let mut a = addr.unwrap_or_else(|| {
            let prov = T.prov.pick(&mut self.rng) as u8;
            self.addr(prov)
        });
        // Two different people with the same full name never share an address here, so
        // "same full name + same address" stays a clue the truth can rely on.
        let mut tries = 0;
        while !self
            .name_addr
            .insert(hash_of((fold(&p.full()).to_lowercase(), a)))
        {
            tries += 1;
            if forced_addr || tries > 20 {
                p = self.person_parts(female);
            } else {
                a = self.addr(a.prov);
            }
        }
        let rng = &mut self.rng;
        let has_mobile = rng.random_bool(0.97);
        let changed = rng.random_bool(0.08);
        let has_land = land.is_some() || rng.random_bool(0.10);
        let has_email = rng.random_bool(0.6);
        let has_pid = rng.random_bool(0.03);
        let moved = !forced_addr && rng.random_bool(0.08);
        let mobile = if has_mobile || land.is_none() && !has_land {
            self.new_mobile()
        } else {
            0
        };
        let mobile_prev = if mobile != 0 && changed {
            self.new_mobile()
        } else {
            0
        };
        let land = match land {
            Some(l) => Some(l),
            None if has_land => Some(self.new_land(a.prov)),
            None => None,
        };
        let email = has_email.then(|| self.person_email(&p));
        let pid = if has_pid {
            self.new_pid(a.prov, p.female)
        } else {
            0
        };
        let addr_prev = if moved {
            let prov = if self.rng.random_bool(0.6) {
                a.prov
            } else {
                T.prov.pick(&mut self.rng) as u8
            };
            Some(self.addr(prov))
        } else {
            None
        };
        Entity {
            kind: Kind::Person(p),
            mobile,
            mobile_prev,
            land,
            email,
            mst: 0,
            mst_branch: 0,
            pid,
            addr: a,
            addr_prev,
            group: 0,
            group_kind: G_NONE,
            rows: 0,
        }
    }

    /// An organisation; `like` copies the name parts (branch or look-alike), `branch_of` makes
    /// it a dependent unit of that head office's MST.
    fn org(&mut self, like: Option<(&Org, u64)>, branch_no: u16, avoid_prov: Option<u8>) -> Entity {
        let prov = loop {
            let p = T.prov_org.pick(&mut self.rng) as u8;
            // A branch sits in another province than its head office.
            if Some(p) != avoid_prov {
                break p;
            }
        };
        let (form, biz, brand, mut domain) = match like {
            Some((o, _)) if branch_no > 0 => (o.form, o.biz, o.brand.clone(), o.domain.clone()),
            Some((o, _)) => {
                // Look-alike: same brand, another legal form or business line, or one more syllable.
                let mut form = o.form;
                let mut biz = o.biz;
                let mut brand = o.brand.clone();
                match self.rng.random_range(0..3) {
                    0 => {
                        while form == o.form {
                            form = T.forms.pick(&mut self.rng) as u8;
                        }
                    }
                    1 => {
                        while biz == o.biz {
                            biz = T.biz.pick(&mut self.rng) as u8;
                        }
                    }
                    _ => {
                        brand = format!("{} {}", o.brand, pick(&mut self.rng, BRAND_SYL))
                            .into_boxed_str();
                    }
                }
                (form, biz, brand, None)
            }
            None => {
                let form = T.forms.pick(&mut self.rng) as u8;
                let canon = FORMS[form as usize].canon;
                let biz = if canon == "Doanh nghiệp tư nhân" && self.rng.random_bool(0.6) {
                    0
                } else if canon == "Hợp tác xã" {
                    let i = pick(&mut self.rng, &[2usize, 1, 0, 3]);
                    let htx: [&[&str]; 4] = [
                        &["Nông nghiệp"],
                        &["Dịch vụ", "Nông nghiệp"],
                        &["Thủy sản"],
                        &["Vận tải"],
                    ];
                    BIZ.iter().position(|b| b.0 == htx[i]).unwrap_or(0) as u8
                } else {
                    T.biz.pick(&mut self.rng) as u8
                };
                (form, biz, self.brand(), None)
            }
        };
        let mut a = self.addr(prov);
        let key_name = |brand: &str| format!("{form}/{biz}/{brand}/{branch_no}");
        while !self.name_addr.insert(hash_of((key_name(&brand), a))) {
            a = self.addr(prov);
        }
        let female = self.rng.random_bool(0.55);
        let contact = self.person_parts(female);
        let rng = &mut self.rng;
        let has_land = rng.random_bool(0.75);
        let has_mobile = !has_land || rng.random_bool(0.6);
        let changed = rng.random_bool(0.04);
        let has_email = rng.random_bool(0.8);
        let moved = rng.random_bool(0.04);
        let land = has_land.then(|| self.new_land(prov));
        let mobile = if has_mobile { self.new_mobile() } else { 0 };
        let mobile_prev = if mobile != 0 && changed {
            self.new_mobile()
        } else {
            0
        };
        let (mst, mst_branch) = match like {
            Some((_, head_mst)) if branch_no > 0 => (head_mst, branch_no),
            _ => (self.new_mst(prov), 0),
        };
        let email = if has_email {
            if branch_no > 0 {
                if let Some(dom) = domain.clone() {
                    let local = format!(
                        "cn{}",
                        fold(PROVS[prov as usize].name)
                            .to_lowercase()
                            .replace([' ', '-'], "")
                    );
                    Some(self.unique_email(&local, &dom))
                } else {
                    Some(self.org_email(&brand, &mut domain))
                }
            } else {
                Some(self.org_email(&brand, &mut domain))
            }
        } else {
            None
        };
        let addr_prev = moved.then(|| self.addr(prov));
        Entity {
            kind: Kind::Org(Box::new(Org {
                form,
                biz,
                brand,
                branch: (branch_no > 0).then_some(prov),
                domain,
                contact,
            })),
            mobile,
            mobile_prev,
            land,
            email,
            mst,
            mst_branch,
            pid: 0,
            addr: a,
            addr_prev,
            group: 0,
            group_kind: G_NONE,
            rows: 0,
        }
    }

    /// Hard-negative siblings: different customers a careless matcher would merge.
    fn group(&mut self, kind: u8) -> Vec<Entity> {
        let n = if self.rng.random_bool(0.75) { 2 } else { 3 };
        let mut out: Vec<Entity> = Vec::with_capacity(n);
        match kind {
            G_NAMESAKE => {
                let (female, fam, mid, given) = pick(&mut self.rng, COMMON_NAMES);
                let p = Person {
                    female,
                    family: FAMILY.iter().position(|x| x.0 == fam).unwrap_or(0) as u8,
                    mid: [
                        (if female { MID_F } else { MID_M })
                            .iter()
                            .position(|x| x.0 == mid)
                            .unwrap_or(0) as u8,
                        u8::MAX,
                    ],
                    given: (if female { GIVEN_F } else { GIVEN_M })
                        .iter()
                        .position(|x| *x == given)
                        .unwrap_or(0) as u8,
                };
                let prov = T.prov.pick(&mut self.rng) as u8;
                for _ in 0..n {
                    // Half of the namesakes live in the same province: harder to tell apart.
                    let pv = if self.rng.random_bool(0.5) {
                        prov
                    } else {
                        T.prov.pick(&mut self.rng) as u8
                    };
                    let a = self.addr(pv);
                    out.push(self.person(Some(p), Some(a), None));
                }
            }
            G_FAMILY => {
                let prov = T.prov.pick(&mut self.rng) as u8;
                let a = self.addr(prov);
                let land = self.new_land(prov);
                let female = self.rng.random_bool(0.5);
                let first = self.person_parts(female);
                let mut used = vec![(first.female, first.given)];
                out.push(self.person(Some(first), Some(a), Some(land)));
                for _ in 1..n {
                    let female = self.rng.random_bool(0.5);
                    let mut p = self.person_parts(female);
                    // Children and siblings share the family name; a spouse keeps her own.
                    if self.rng.random_bool(0.65) {
                        p.family = first.family;
                    }
                    while used.contains(&(p.female, p.given)) {
                        p.given = if female {
                            T.given_f.pick(&mut self.rng)
                        } else {
                            T.given_m.pick(&mut self.rng)
                        } as u8;
                    }
                    used.push((p.female, p.given));
                    out.push(self.person(Some(p), Some(a), Some(land)));
                }
            }
            G_BRANCH => {
                let head = self.org(None, 0, None);
                for b in 1..n {
                    let (o, mst) = match &head.kind {
                        Kind::Org(o) => (o.as_ref(), head.mst),
                        Kind::Person(_) => break,
                    };
                    let br = self.org(Some((o, mst)), b as u16, Some(head.addr.prov));
                    out.push(br);
                }
                out.insert(0, head);
            }
            _ => {
                let first = self.org(None, 0, None);
                for _ in 1..n {
                    let (o, mst) = match &first.kind {
                        Kind::Org(o) => (o.as_ref(), first.mst),
                        Kind::Person(_) => break,
                    };
                    let e = self.org(Some((o, mst)), 0, None);
                    out.push(e);
                }
                out.insert(0, first);
            }
        }
        for e in out.iter_mut() {
            e.group_kind = kind;
        }
        out
    }
}

fn mst_check_digit(d: &[u32; 9]) -> Option<u32> {
    const W: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    let s: u32 = d.iter().zip(W).map(|(a, b)| a * b).sum();
    let c = 10 - (s % 11);
    (c < 10).then_some(c)
}

// ───────────────────────────── appearance plan ─────────────────────────────

/// What one appearance shows; decided at plan time because it decides the clues.
const S_MCUR: u16 = 1;
const S_MPREV: u16 = 2;
const S_LAND: u16 = 4;
const S_EMAIL: u16 = 8;
const S_EMAIL_TYPO: u16 = 16;
const S_ADDR: u16 = 32;
const S_ADDR_PREV: u16 = 64;
/// Address written the post-2025 way (district dropped, merged province): not a safe clue.
const S_ADDR_NEW: u16 = 128;
const S_TAX: u16 = 256;
const S_NAME_SAFE: u16 = 512;
/// Mobile written in its pre-2018 form or landline with its pre-2017 area code.
const S_OLD_FORMS: u16 = 1024;

const C_MCUR: u8 = 1;
const C_MPREV: u8 = 2;
const C_LAND: u8 = 4;
const C_EMAIL: u8 = 8;
const C_TAX: u8 = 16;
const C_NA_CUR: u8 = 32;
const C_NA_PREV: u8 = 64;

#[derive(Clone, Copy)]
struct Row {
    ent: u32,
    date: i32,
    spec: u16,
}

fn clues(e: &Entity, spec: u16) -> u8 {
    let mut c = 0;
    if spec & S_MCUR != 0 {
        c |= C_MCUR;
    }
    if spec & S_MPREV != 0 {
        c |= C_MPREV;
    }
    // A landline shared by a family is no proof of identity.
    if spec & S_LAND != 0 && e.group_kind != G_FAMILY {
        c |= C_LAND;
    }
    if spec & S_EMAIL != 0 && spec & S_EMAIL_TYPO == 0 {
        c |= C_EMAIL;
    }
    if spec & S_TAX != 0 {
        c |= C_TAX;
    }
    if spec & S_NAME_SAFE != 0 && spec & S_ADDR != 0 && spec & S_ADDR_NEW == 0 {
        c |= if spec & S_ADDR_PREV != 0 {
            C_NA_PREV
        } else {
            C_NA_CUR
        };
    }
    c
}

/// Set `spec` so the appearance carries `clue`, if this file can show it.
fn carry(e: &Entity, t: usize, clue: u8, spec: &mut u16) -> bool {
    let old = t == OLD;
    match (t, clue) {
        (INV, C_TAX) => *spec |= S_TAX,
        (INV, _) => return false,
        (WEB, C_TAX) => return false,
        (_, C_TAX) => *spec |= S_TAX,
        (_, C_MCUR) if old && e.mobile_prev != 0 => return false,
        (_, C_MCUR) => *spec |= S_MCUR,
        (_, C_MPREV) => *spec |= S_MPREV,
        (_, C_LAND) => *spec |= S_LAND,
        (_, C_EMAIL) => {
            *spec |= S_EMAIL;
            *spec &= !S_EMAIL_TYPO;
        }
        (_, C_NA_CUR) if old && e.addr_prev.is_some() => return false,
        (_, C_NA_CUR) => {
            *spec |= S_NAME_SAFE | S_ADDR;
            *spec &= !(S_ADDR_PREV | S_ADDR_NEW);
        }
        (_, C_NA_PREV) => {
            *spec |= S_NAME_SAFE | S_ADDR | S_ADDR_PREV;
            *spec &= !S_ADDR_NEW;
        }
        _ => return false,
    }
    true
}

struct Dates {
    cur: (i32, i32),
    old: (i32, i32),
    web: (i32, i32),
    inv: (i32, i32),
    pid_from: i32,
    new_admin: i32,
}

fn sample_spec(
    rng: &mut StdRng,
    e: &Entity,
    t: usize,
    anchor: bool,
    date: i32,
    dates: &Dates,
) -> u16 {
    let mut s = 0u16;
    let p = |rng: &mut StdRng, x: f64| anchor || rng.random_bool(x);
    if t == INV {
        if e.has_tax_code() {
            s |= S_TAX;
        }
        return s | S_NAME_SAFE;
    }
    let org = e.is_org();
    // Which mobile: an old sheet predates the change; newer files sometimes keep the stale one.
    if e.mobile != 0 {
        let show = match t {
            CUR => p(rng, if org { 0.55 } else { 0.85 }),
            OLD => p(rng, 0.8),
            _ => p(rng, 0.95),
        };
        if show {
            if e.mobile_prev != 0 {
                match t {
                    OLD => s |= S_MPREV,
                    CUR if !anchor && rng.random_bool(0.12) => s |= S_MCUR | S_MPREV,
                    _ if !anchor && rng.random_bool(0.3) => s |= S_MPREV,
                    _ => s |= S_MCUR,
                }
            } else {
                s |= S_MCUR;
            }
        }
    }
    if e.land.is_some() {
        let x = match (t, org) {
            (WEB, _) => 0.15,
            (_, true) => 0.85,
            _ => 0.6,
        };
        if p(rng, x) || (e.mobile == 0 && t != WEB) {
            s |= S_LAND;
        }
    }
    if e.email.is_some() {
        let x = match t {
            CUR => 0.7,
            OLD => 0.5,
            _ => 0.97,
        };
        if p(rng, x) {
            s |= S_EMAIL;
            if !anchor && rng.random_bool(0.01) {
                s |= S_EMAIL_TYPO;
            }
        }
    }
    if p(rng, if t == WEB { 0.97 } else { 0.9 }) {
        s |= S_ADDR;
        if e.addr_prev.is_some() {
            let prev = match t {
                OLD => rng.random_bool(0.9),
                CUR => !anchor && rng.random_bool(0.25),
                _ => !anchor && rng.random_bool(0.15),
            };
            if prev {
                s |= S_ADDR_PREV;
            }
        }
        if !anchor
            && s & S_ADDR_PREV == 0
            && t != OLD
            && date >= dates.new_admin
            && rng.random_bool(0.3)
        {
            s |= S_ADDR_NEW;
        }
    }
    if e.has_tax_code() && t != WEB {
        let x = match (t, org) {
            (CUR, true) => 0.85,
            (OLD, true) => 0.6,
            _ => 0.5,
        };
        if p(rng, x) {
            s |= S_TAX;
        }
    }
    if anchor || rng.random_bool(if org { 0.88 } else { 0.9 }) {
        s |= S_NAME_SAFE;
    }
    let old_forms = match t {
        OLD => rng.random_bool(0.95),
        CUR => rng.random_bool(0.04),
        _ => false,
    };
    if old_forms {
        s |= S_OLD_FORMS;
    }
    s
}

fn random_date(rng: &mut StdRng, r: (i32, i32)) -> i32 {
    rng.random_range(r.0..=r.1)
}

/// Plans every appearance of `e` (index `ix`) and appends them to the per-file row lists.
fn plan_entity(
    rng: &mut StdRng,
    e: &Entity,
    ix: u32,
    k: u8,
    dates: &Dates,
    rows: &mut [Vec<Row>; 4],
) {
    let org = e.is_org();
    let inv_ok = org || e.pid != 0 || k == 1;
    let w: [f64; 4] = if org {
        [0.40, 0.12, 0.03, 0.45]
    } else {
        [
            0.56,
            0.19,
            0.22,
            if e.pid != 0 {
                0.2
            } else if inv_ok {
                0.03
            } else {
                0.0
            },
        ]
    };
    let mut targets: Vec<usize> = (0..k).map(|_| wpick(rng, &w)).collect();
    // Richest file first so the anchor appearance carries every clue the entity has.
    targets.sort_unstable();
    let mut union = 0u8;
    for (j, &t0) in targets.iter().enumerate() {
        let mut t = t0;
        let anchor = j == 0;
        let mut date = match t {
            CUR => random_date(rng, dates.cur),
            OLD => random_date(rng, dates.old),
            WEB => random_date(rng, dates.web),
            _ if e.pid != 0 => random_date(rng, (dates.pid_from, dates.inv.1)),
            _ => random_date(rng, dates.inv),
        };
        let mut spec = sample_spec(rng, e, t, anchor, date, dates);
        let mut c = clues(e, spec);
        if !anchor && c & union == 0 {
            // Keep the truth reachable: show one clue an earlier appearance showed.
            let order = [C_TAX, C_MCUR, C_EMAIL, C_NA_CUR, C_LAND, C_MPREV, C_NA_PREV];
            let mut ok = order
                .iter()
                .any(|&cl| union & cl != 0 && carry(e, t, cl, &mut spec));
            if !ok {
                t = CUR;
                date = random_date(rng, dates.cur);
                spec = sample_spec(rng, e, t, false, date, dates);
                ok = order
                    .iter()
                    .any(|&cl| union & cl != 0 && carry(e, t, cl, &mut spec));
            }
            debug_assert!(ok);
            c = clues(e, spec);
        }
        union |= c;
        rows[t].push(Row {
            ent: ix,
            date,
            spec,
        });
    }
}

// ───────────────────────────── rendering ─────────────────────────────

enum Cell {
    Empty,
    Text(String),
    Num(f64),
    /// A real date cell: Excel serial with a date format (index into the date formats).
    Date(f64, usize),
}

struct Render {
    rng: StdRng,
}

impl Render {
    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn case_variant(&mut self, s: String, t: usize) -> String {
        let w: &[f64] = match t {
            CUR => &[78.0, 12.0, 3.0, 4.0, 3.0],
            OLD => &[70.0, 20.0, 3.0, 4.0, 3.0],
            WEB => &[25.0, 8.0, 15.0, 15.0, 37.0],
            _ => &[80.0, 20.0, 0.0, 0.0, 0.0],
        };
        match wpick(&mut self.rng, w) {
            1 => s.to_uppercase(),
            2 => s.to_lowercase(),
            3 => fold(&s),
            4 => fold(&s).to_lowercase(),
            _ => s,
        }
    }

    fn typo(&mut self, s: &str) -> String {
        let mut words: Vec<String> = s.split(' ').map(str::to_string).collect();
        let wi = if self.chance(0.7) {
            words.len() - 1
        } else {
            self.rng.random_range(0..words.len())
        };
        let cs: Vec<char> = words[wi].chars().collect();
        let mut out: Vec<char> = cs.clone();
        match self.rng.random_range(0..4) {
            0 if cs.len() >= 3 => {
                out.remove(self.rng.random_range(1..cs.len()));
            }
            1 if cs.len() >= 3 => {
                // Interior letters: the capital stays first, as when typing fast.
                let i = self.rng.random_range(1..cs.len() - 1);
                out.swap(i, i + 1);
            }
            2 => {
                let i = self.rng.random_range(0..cs.len());
                out.insert(i, cs[i]);
            }
            _ => {
                // The word typed without its accents while the rest kept them.
                let folded = fold(&words[wi]);
                if folded != words[wi] {
                    out = folded.chars().collect();
                } else if cs.len() >= 3 {
                    let i = self.rng.random_range(1..cs.len() - 1);
                    out.swap(i, i + 1);
                }
            }
        }
        words[wi] = out.into_iter().collect();
        words.join(" ")
    }

    fn honorific(&mut self, female: bool) -> &'static str {
        if female {
            pick(&mut self.rng, HONORIFIC_F)
        } else {
            pick(&mut self.rng, HONORIFIC_M)
        }
    }

    fn with_honorific(&mut self, name: String, female: bool) -> String {
        let h = self.honorific(female);
        if h.ends_with(' ') {
            format!("{h}{name}")
        } else {
            format!("{h} {name}")
        }
    }

    fn person_name(&mut self, p: &Person, t: usize, safe: bool) -> String {
        let canon = p.full();
        if !safe {
            let s = match wpick(&mut self.rng, &[45.0, 25.0, 15.0, 15.0]) {
                0 => self.typo(&canon),
                1 => {
                    // "Chị Lan", "A. Tuấn": how the salesperson knows the customer.
                    let g = p.given().to_string();
                    self.with_honorific(g, p.female)
                }
                2 => {
                    // Given name first, as in e-mails and foreign forms: "Anh Nguyen Van".
                    let mut s = p.given().to_string();
                    s.push(' ');
                    s.push_str(p.family());
                    if let Some(m) = p.mid(0) {
                        if self.chance(0.5) {
                            s.push(' ');
                            s.push_str(m);
                        }
                    }
                    fold(&s)
                }
                _ => format!("{} {}", p.family(), p.given()),
            };
            return self.case_variant(s, t);
        }
        let mut s = canon;
        if title_is_toneable(&s) && self.chance(if t == WEB { 0.2 } else { 0.35 }) {
            s = tone_old_style(&s);
        }
        s = self.case_variant(s, t);
        if t == CUR && self.chance(0.02) {
            // Family name in capitals: "NGUYỄN Văn Anh".
            let fam = p.family();
            if let Some(rest) = s.strip_prefix(fam) {
                s = format!("{}{}", fam.to_uppercase(), rest);
            }
        }
        let hp = match t {
            CUR => 0.08,
            OLD => 0.05,
            WEB => 0.03,
            _ => 0.0,
        };
        if hp > 0.0 && self.chance(hp) {
            s = self.with_honorific(s, p.female);
        }
        s
    }

    fn biz_text(&mut self, biz: &[&str], abbreviate: bool, english: bool) -> String {
        if biz.is_empty() {
            return String::new();
        }
        let lookup = |w: &str| BIZ_ABBR.iter().find(|x| x.0 == w);
        if english {
            return biz
                .iter()
                .filter_map(|w| lookup(w).map(|x| x.2))
                .collect::<Vec<_>>()
                .join(" ");
        }
        if !abbreviate {
            return biz.join(" ");
        }
        let parts: Vec<&str> = biz.iter().map(|w| lookup(w).map_or(*w, |x| x.1)).collect();
        let sep = pick(&mut self.rng, &[" ", " ", " ", "-", "", " - ", " & "]);
        parts.join(sep)
    }

    fn org_name(&mut self, o: &Org, t: usize, safe: bool) -> String {
        let form = &FORMS[o.form as usize];
        let biz = BIZ[o.biz as usize].0;
        let brand = o.brand.to_string();
        let s = if safe {
            let f = if t == INV && self.chance(0.7) {
                form.canon
            } else {
                pick(&mut self.rng, form.variants)
            };
            let abbreviate = self.chance(if t == INV { 0.1 } else { 0.3 });
            let b = self.biz_text(biz, abbreviate, false);
            let mut core = if b.is_empty() {
                format!("{f} {brand}")
            } else {
                format!("{f} {b} {brand}")
            };
            if let Some(p) = o.branch {
                let prov = &PROVS[p as usize];
                let pv = if self.chance(0.5) {
                    prov.canon
                } else {
                    pick(&mut self.rng, prov.variants)
                };
                core = match self.rng.random_range(0..5) {
                    0 | 1 => format!("Chi nhánh {pv} - {core}"),
                    2 => format!("CN {pv} - {core}"),
                    3 => format!("{core} - Chi nhánh {pv}"),
                    _ => format!("{core} - CN {pv}"),
                };
            }
            if self.chance(0.3) {
                core = tone_old_style(&core);
            }
            core
        } else {
            match self.rng.random_range(0..4) {
                0 => brand.clone(),
                1 => {
                    let b = self.biz_text(biz, false, true);
                    let ascii = fold(&brand);
                    if b.is_empty() {
                        format!("{ascii} {}", form.english)
                    } else {
                        format!("{ascii} {b} {}", form.english)
                    }
                }
                2 => format!("{} {brand}", pick(&mut self.rng, form.variants)),
                _ => self.typo(&o.full()),
            }
        };
        match t {
            WEB => self.case_variant(s, WEB),
            CUR | OLD if self.chance(0.12) => s.to_uppercase(),
            INV if self.chance(0.2) => s.to_uppercase(),
            _ => s,
        }
    }

    fn name(&mut self, e: &Entity, t: usize, safe: bool) -> String {
        match &e.kind {
            Kind::Person(p) => self.person_name(p, t, safe),
            Kind::Org(o) => self.org_name(o, t, safe),
        }
    }

    fn contact(&mut self, o: &Org) -> String {
        let c = &o.contact;
        match wpick(&mut self.rng, &[30.0, 25.0, 15.0, 12.0, 10.0, 8.0]) {
            0 => String::new(),
            1 => self.with_honorific(c.given().to_string(), c.female),
            2 => c.full(),
            3 => format!(
                "{} - {}",
                self.with_honorific(c.given().to_string(), c.female),
                pick(
                    &mut self.rng,
                    &["kế toán", "KT", "thủ kho", "mua hàng", "GĐ", "trưởng phòng"]
                )
            ),
            4 => format!("{} {}", if c.female { "Ms" } else { "Mr" }, fold(c.given())),
            _ => c.full().to_uppercase(),
        }
    }

    fn address(&mut self, a: &Addr, t: usize, new_admin: bool) -> String {
        let p = &PROVS[a.prov as usize];
        let dist = &p.dists[a.dist as usize];
        let sep = match wpick(&mut self.rng, &[80.0, 10.0, 7.0, 3.0]) {
            0 => ", ",
            1 => " - ",
            2 => ",",
            _ => " , ",
        };
        let mut s = String::with_capacity(96);
        let hv = wpick(&mut self.rng, &[70.0, 12.0, 10.0, 8.0]) as u8;
        house(&mut s, a, hv);
        s.push(' ');
        match wpick(&mut self.rng, &[80.0, 8.0, 4.0, 3.0, 5.0]) {
            1 => s.push_str("đường "),
            2 => s.push_str("Đường "),
            3 => s.push_str("Đ. "),
            4 if p.alley == 2 => s.push_str("phố "),
            _ => {}
        }
        s.push_str(p.streets[a.street as usize]);
        // Ward.
        let drop_ward = !new_admin && self.chance(0.06);
        if !drop_ward {
            s.push_str(sep);
            let numbered = dist.numbered > 0;
            let wk = if dist.kind == K_HUYEN {
                pick(&mut self.rng, &["Xã ", "Xã ", "X. ", "xã ", ""])
            } else if numbered {
                pick(
                    &mut self.rng,
                    &["Phường ", "P.", "P", "P. ", "F.", "F", "phường ", "Phường "],
                )
            } else {
                pick(
                    &mut self.rng,
                    &["Phường ", "Phường ", "P. ", "P.", "phường ", "", "F. "],
                )
            };
            s.push_str(wk);
            push_ward(&mut s, dist, a.ward);
        }
        // District (gone from 2025-style addresses).
        if !new_admin && (drop_ward || !self.chance(0.03)) {
            s.push_str(sep);
            let numeric = dist.name.bytes().all(|b| b.is_ascii_digit());
            let dk = match dist.kind {
                K_QUAN if numeric => pick(
                    &mut self.rng,
                    &["Quận ", "Q.", "Q", "Q. ", "quận ", "Quận "],
                ),
                K_QUAN => pick(&mut self.rng, &["Quận ", "Quận ", "Q. ", "Q.", "quận ", ""]),
                K_HUYEN => pick(&mut self.rng, &["Huyện ", "H. ", "huyện ", "Huyện "]),
                _ => pick(
                    &mut self.rng,
                    &["Thành phố ", "TP. ", "TP ", "Tp ", "Tp. ", "T.P ", "TP."],
                ),
            };
            s.push_str(dk);
            s.push_str(dist.name);
        }
        // Province.
        if new_admin {
            s.push_str(sep);
            s.push_str(p.merged);
        } else if !self.chance(0.12) {
            s.push_str(sep);
            if self.chance(0.4) {
                s.push_str(p.canon);
            } else {
                s.push_str(pick(&mut self.rng, p.variants));
            }
        }
        if self.chance(0.25) {
            s = tone_old_style(&s);
        }
        match t {
            WEB => self.case_variant(s, WEB),
            _ => match wpick(&mut self.rng, &[90.0, 5.0, 2.0, 3.0]) {
                1 => s.to_uppercase(),
                2 => s.to_lowercase(),
                3 => fold(&s),
                _ => s,
            },
        }
    }

    /// A mobile in one of the forms seen in ledgers; `n` is the national number as digits.
    fn mobile_text(&mut self, n: &str, web: bool) -> String {
        let full = format!("0{n}");
        let long = n.len() == 10; // pre-2018 11-digit form
        if web {
            return match wpick(&mut self.rng, &[30.0, 15.0, 35.0, 10.0, 5.0, 5.0]) {
                0 => format!("+84 {}", group_digits(n, &[3, 3, 3], " ")),
                1 => format!("+84{n}"),
                2 => full,
                3 => group_digits(&full, &[4, 3, 3], " "),
                4 => format!("84{n}"),
                _ => group_digits(&full, &[4, 3, 3], "."),
            };
        }
        let g: &[usize] = if long { &[4, 3, 4] } else { &[4, 3, 3] };
        match wpick(
            &mut self.rng,
            &[40.0, 15.0, 12.0, 5.0, 6.0, 4.0, 4.0, 2.0, 2.0, 5.0, 5.0],
        ) {
            1 => group_digits(&full, g, " "),
            2 => group_digits(&full, g, "."),
            3 => group_digits(&full, g, "-"),
            4 => format!(
                "+84 {}",
                group_digits(n, if long { &[3, 3, 4] } else { &[3, 3, 3] }, " ")
            ),
            5 => format!("84{n}"),
            6 => format!("+84{n}"),
            7 => format!("0084{n}"),
            8 => format!("(+84) {}", group_digits(n, &[3, 3, 3], " ")),
            9 => group_digits(&full, if long { &[5, 3, 3] } else { &[3, 3, 4] }, " "),
            10 => format!("{full} "),
            _ => full,
        }
    }

    fn land_text(&mut self, land: (u8, u32), old: bool) -> String {
        let p = &PROVS[land.0 as usize];
        let code = if old { p.tel_old } else { p.tel_new };
        let digits = land_digits(land, old);
        let sub = &digits[code.len()..];
        let sub_g: &[usize] = if sub.len() == 8 { &[4, 4] } else { &[3, 4] };
        match wpick(&mut self.rng, &[30.0, 20.0, 15.0, 15.0, 10.0, 5.0, 5.0]) {
            1 => format!("(0{code}) {sub}"),
            2 => format!("0{code}.{}", group_digits(sub, sub_g, ".")),
            3 => format!("0{digits}"),
            4 => format!("0{code}-{sub}"),
            5 => format!("(0{code}) {}", group_digits(sub, sub_g, " ")),
            6 => format!("+84 {code} {}", group_digits(sub, sub_g, " ")),
            _ => format!("0{code} {}", group_digits(sub, sub_g, " ")),
        }
    }

    /// The phone cell: one number (maybe a number cell that lost its 0) or several in one text.
    fn phone_cell(&mut self, e: &Entity, spec: u16, t: usize) -> Cell {
        let old = spec & S_OLD_FORMS != 0;
        let web = t == WEB;
        // (national digits, None for a mobile or Some(old form?) for the landline)
        let mut nums: Vec<(String, Option<bool>)> = Vec::with_capacity(3);
        let mob = |n: u32| -> String {
            if old {
                if let Some(o) = old_mobile(n) {
                    return o.to_string();
                }
            }
            n.to_string()
        };
        if spec & S_MCUR != 0 && e.mobile != 0 {
            nums.push((mob(e.mobile), None));
        }
        if spec & S_MPREV != 0 && e.mobile_prev != 0 {
            nums.push((mob(e.mobile_prev), None));
        }
        if spec & S_LAND != 0 {
            if let Some(l) = e.land {
                // The 2017 change ran Feb–Aug 2017: an old sheet holds both forms.
                let old_land = old && (t != OLD || self.chance(0.85));
                nums.push((land_digits(l, old_land), Some(old_land)));
                if e.is_org() && self.chance(0.5) {
                    nums.rotate_right(1); // a company's letterhead number comes first
                }
            }
        }
        if nums.is_empty() {
            return Cell::Empty;
        }
        if nums.len() == 1 && !web && self.chance(if t == OLD { 0.2 } else { 0.15 }) {
            if let Ok(v) = nums[0].0.parse::<f64>() {
                return Cell::Num(v);
            }
        }
        let mut parts = Vec::with_capacity(nums.len());
        for (digits, land_old) in &nums {
            let s = if let Some(old_land) = *land_old {
                let land = e.land.unwrap_or((0, 0));
                let mut txt = self.land_text(land, old_land);
                if e.is_org() && !web && self.chance(0.03) {
                    txt.push_str(if self.chance(0.5) {
                        " ext 12"
                    } else {
                        " - máy lẻ 105"
                    });
                }
                txt
            } else {
                self.mobile_text(digits, web)
            };
            parts.push(s);
        }
        if parts.len() == 1 {
            let mut s = parts.pop().unwrap_or_default();
            if !web && self.chance(0.02) {
                s = format!(
                    "{}{s}",
                    pick(&mut self.rng, &["DĐ: ", "ĐT: ", "Mobile: ", "Tel: "])
                );
            }
            return Cell::Text(s);
        }
        let sep = pick(
            &mut self.rng,
            &[" / ", " / ", " - ", "; ", " hoặc ", ", ", "/"],
        );
        Cell::Text(parts.join(sep))
    }

    fn email_text(&mut self, e: &Entity, spec: u16) -> Option<String> {
        let em = e.email.as_deref()?;
        if spec & S_EMAIL == 0 {
            return None;
        }
        let mut s = em.to_string();
        if spec & S_EMAIL_TYPO != 0 {
            let typos = [
                ("gmail.com", "gmial.com"),
                ("gmail.com", "gmail.con"),
                ("yahoo.com", "yaho.com"),
                (".vn", ".vm"),
                ("@", "@@"),
            ];
            for (a, b) in typos {
                if s.contains(a) {
                    s = s.replacen(a, b, 1);
                    break;
                }
            }
        }
        Some(match wpick(&mut self.rng, &[85.0, 6.0, 5.0, 4.0]) {
            1 => s.to_uppercase(),
            2 => {
                let mut c = s.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + c.as_str()
                })
            }
            3 => format!(" {s} "),
            _ => s,
        })
    }

    fn tax_cell(&mut self, e: &Entity, spec: u16, allow_number: bool) -> Cell {
        if spec & S_TAX == 0 || !e.has_tax_code() {
            return Cell::Empty;
        }
        let code = e.tax_code();
        if e.mst_branch != 0 {
            return Cell::Text(match wpick(&mut self.rng, &[80.0, 10.0, 5.0, 5.0]) {
                1 => code.replace('-', " - "),
                2 => code.replace('-', ""),
                3 => format!("MST: {code}"),
                _ => code,
            });
        }
        if allow_number && e.mst != 0 && self.chance(0.25) {
            return Cell::Num(e.mst as f64); // a 9-digit number when the code starts with 0
        }
        Cell::Text(match wpick(&mut self.rng, &[88.0, 4.0, 3.0, 3.0, 2.0]) {
            1 => format!("{code} "),
            2 => group_digits(&code, &[4, 3, 3], " "),
            3 => format!("MST: {code}"),
            4 => format!("'{code}"),
            _ => code,
        })
    }

    fn date_cell(&mut self, days: i32) -> Cell {
        let (y, m, d) = ymd(days);
        let serial = (days - EXCEL_EPOCH_CE) as f64;
        match wpick(&mut self.rng, &[72.0, 6.0, 3.0, 3.0, 8.0, 4.0, 2.0, 2.0]) {
            0 => Cell::Date(serial, 0),
            1 => Cell::Date(serial, 1),
            2 => Cell::Date(serial, 2),
            3 => Cell::Date(serial, 3),
            4 => Cell::Text(format!("{d:02}/{m:02}/{y}")),
            5 => Cell::Text(format!("{d}/{m}/{:02}", y % 100)),
            6 => Cell::Num(serial),
            _ => Cell::Text(format!("{d:02}-{m:02}-{y}")),
        }
    }

    fn nfd(s: String) -> String {
        s.nfd().collect()
    }
}

// ───────────────────────────── writers ─────────────────────────────

struct Fmts {
    title: Format,
    header: Format,
    dates: [Format; 4],
    vntime: Format,
    vip: Format,
}

fn put(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    fmts: &Fmts,
    tcvn: bool,
    vip: bool,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            if s.is_empty() {
                return Ok(());
            }
            if tcvn && has_non_ascii(s) {
                if let Some(legacy) = to_tcvn3(s) {
                    ws.write_string_with_format(row, col, legacy, &fmts.vntime)?;
                    return Ok(());
                }
            }
            if vip {
                ws.write_string_with_format(row, col, s, &fmts.vip)?;
            } else {
                ws.write_string(row, col, s)?;
            }
        }
        Cell::Num(v) => {
            ws.write_number(row, col, *v)?;
        }
        Cell::Date(v, f) => {
            ws.write_number_with_format(row, col, *v, &fmts.dates[*f])?;
        }
    }
    Ok(())
}

struct Truth {
    w: csv::Writer<BufWriter<File>>,
}

impl Truth {
    fn row(
        &mut self,
        file: &str,
        sheet: &str,
        line: usize,
        ent: u32,
    ) -> Result<(), Box<dyn Error>> {
        self.w
            .write_record([file, sheet, &line.to_string(), &entity_id(ent)])?;
        Ok(())
    }
}

fn entity_id(ix: u32) -> String {
    format!("E{:06}", ix + 1)
}

fn write_xlsx(
    path: &Path,
    rows: &[Vec<Row>; 4],
    ents: &[Entity],
    r: &mut Render,
    truth: &mut Truth,
) -> Result<(), Box<dyn Error>> {
    let mut wb = Workbook::new();
    // A fixed creation time keeps the file byte-identical for a seed.
    let created = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Sổ khách hàng")
            .set_author("Phòng kinh doanh")
            .set_creation_datetime(&created),
    );
    let fmts = Fmts {
        title: Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center),
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2)),
        dates: [
            Format::new().set_num_format("dd/mm/yyyy"),
            Format::new().set_num_format("d/m/yyyy"),
            Format::new().set_num_format("dd/mm/yy"),
            Format::new().set_num_format("yyyy-mm-dd"),
        ],
        vntime: Format::new().set_font_name(".VnTime"),
        vip: Format::new().set_background_color(Color::RGB(0xFFFF00)),
    };
    {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(SHEET_CUR)?;
        for (c, w) in [6.0, 32.0, 22.0, 26.0, 30.0, 50.0, 30.0, 16.0, 14.0, 22.0]
            .iter()
            .enumerate()
        {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.merge_range(0, 0, 0, 9, "DANH SÁCH KHÁCH HÀNG", &fmts.title)?;
        for (c, h) in CUR_HEADER.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, *h, &fmts.header)?;
        }
        for (i, row) in rows[CUR].iter().enumerate() {
            let e = &ents[row.ent as usize];
            let xr = 3 + i as u32;
            let tcvn = r.chance(0.005);
            let note = note_for(r, e, row.spec);
            let vip = note.as_deref() == Some("khách VIP");
            ws.write_number(xr, 0, (i + 1) as f64)?;
            let name = r.name(e, CUR, row.spec & S_NAME_SAFE != 0);
            put(ws, xr, 1, &Cell::Text(name), &fmts, tcvn, vip)?;
            if let Kind::Org(o) = &e.kind {
                let c = r.contact(o);
                put(ws, xr, 2, &Cell::Text(c), &fmts, tcvn, false)?;
            }
            let ph = r.phone_cell(e, row.spec, CUR);
            put(ws, xr, 3, &ph, &fmts, false, false)?;
            if let Some(em) = r.email_text(e, row.spec) {
                put(ws, xr, 4, &Cell::Text(em), &fmts, false, false)?;
            }
            let a = row_addr(e, row.spec);
            if let Some(a) = a {
                let s = r.address(&a, CUR, row.spec & S_ADDR_NEW != 0);
                put(ws, xr, 5, &Cell::Text(s), &fmts, tcvn, false)?;
            }
            let ship = ship_addr(r, e, a.as_ref());
            put(ws, xr, 6, &ship, &fmts, tcvn, false)?;
            let tax = r.tax_cell(e, row.spec, true);
            put(ws, xr, 7, &tax, &fmts, false, false)?;
            if !r.chance(0.04) {
                let dc = r.date_cell(row.date);
                put(ws, xr, 8, &dc, &fmts, false, false)?;
            }
            if let Some(n) = note {
                put(ws, xr, 9, &Cell::Text(n), &fmts, tcvn, false)?;
            }
            truth.row(FILE_XLSX, SHEET_CUR, xr as usize + 1, row.ent)?;
        }
    }
    {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(SHEET_OLD)?;
        for (c, w) in [30.0, 20.0, 50.0, 28.0, 16.0, 14.0].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        for (c, h) in OLD_HEADER.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &fmts.header)?;
        }
        for (i, row) in rows[OLD].iter().enumerate() {
            let e = &ents[row.ent as usize];
            let xr = 1 + i as u32;
            // Rows pasted from an old .VnTime file keep their legacy encoding.
            let tcvn = r.chance(0.025);
            let name = r.name(e, OLD, row.spec & S_NAME_SAFE != 0);
            put(ws, xr, 0, &Cell::Text(name), &fmts, tcvn, false)?;
            let ph = r.phone_cell(e, row.spec, OLD);
            put(ws, xr, 1, &ph, &fmts, false, false)?;
            if let Some(a) = row_addr(e, row.spec) {
                let s = r.address(&a, OLD, false);
                put(ws, xr, 2, &Cell::Text(s), &fmts, tcvn, false)?;
            }
            if let Some(em) = r.email_text(e, row.spec) {
                put(ws, xr, 3, &Cell::Text(em), &fmts, false, false)?;
            }
            let tax = r.tax_cell(e, row.spec, true);
            put(ws, xr, 4, &tax, &fmts, false, false)?;
            if !r.chance(0.03) {
                let dc = r.date_cell(row.date);
                put(ws, xr, 5, &dc, &fmts, false, false)?;
            }
            truth.row(FILE_XLSX, SHEET_OLD, xr as usize + 1, row.ent)?;
        }
    }
    wb.save(path)?;
    Ok(())
}

fn row_addr(e: &Entity, spec: u16) -> Option<Addr> {
    if spec & S_ADDR == 0 {
        return None;
    }
    if spec & S_ADDR_PREV != 0 {
        return e.addr_prev.or(Some(e.addr));
    }
    Some(e.addr)
}

fn ship_addr(r: &mut Render, e: &Entity, a: Option<&Addr>) -> Cell {
    match wpick(&mut r.rng, &[72.0, 10.0, 8.0, 10.0]) {
        1 => Cell::Text(
            pick(
                &mut r.rng,
                &["như trên", "Như trên", "nt", "NT", "như địa chỉ"],
            )
            .to_string(),
        ),
        2 => match a {
            Some(a) => Cell::Text(r.address(a, CUR, false)),
            None => Cell::Empty,
        },
        3 => {
            // A warehouse or office elsewhere: a different place, not a clue.
            let prov = e.addr.prov;
            let p = &PROVS[prov as usize];
            let street = pick(&mut r.rng, p.streets);
            let num = r.rng.random_range(1..300);
            let lead = if e.is_org() {
                pick(&mut r.rng, &["Kho: ", "Kho ", "Xưởng: ", "Giao tại kho "])
            } else {
                pick(
                    &mut r.rng,
                    &["Giao cơ quan: ", "Công ty: ", "", "Nhà riêng: "],
                )
            };
            Cell::Text(format!("{lead}{num} {street}, {}", p.variants[0]))
        }
        _ => Cell::Empty,
    }
}

fn note_for(r: &mut Render, e: &Entity, spec: u16) -> Option<String> {
    if e.mobile_prev != 0 && spec & S_MCUR != 0 && spec & S_MPREV == 0 && r.chance(0.3) {
        if r.chance(0.5) {
            return Some("đã chuyển sang SĐT mới".to_string());
        }
        return Some(format!("SĐT cũ: 0{}", e.mobile_prev));
    }
    if r.chance(0.07) {
        return Some(pick(&mut r.rng, NOTES).to_string());
    }
    None
}

fn write_web(
    path: &Path,
    rows: &[Row],
    ents: &[Entity],
    r: &mut Render,
    truth: &mut Truth,
) -> Result<(), Box<dyn Error>> {
    let mut f = BufWriter::new(File::create(path)?);
    f.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new().from_writer(f);
    w.write_record(WEB_HEADER)?;
    for (i, row) in rows.iter().enumerate() {
        let e = &ents[row.ent as usize];
        // A Mac or web form that sends decomposed (NFD) text.
        let nfd = r.chance(0.06);
        let fix = |s: String| if nfd { Render::nfd(s) } else { s };
        let name = fix(r.name(e, WEB, row.spec & S_NAME_SAFE != 0));
        let phone = match r.phone_cell(e, row.spec, WEB) {
            Cell::Text(s) => s,
            _ => String::new(),
        };
        let email = r.email_text(e, row.spec).unwrap_or_default();
        let addr = row_addr(e, row.spec)
            .map(|a| fix(r.address(&a, WEB, row.spec & S_ADDR_NEW != 0)))
            .unwrap_or_default();
        let (y, m, d) = ymd(row.date);
        let date = format!("{y}-{m:02}-{d:02}");
        w.write_record([name.as_str(), &phone, &email, &addr, &date])?;
        truth.row(FILE_WEB, "", i + 2, row.ent)?;
    }
    w.flush()?;
    Ok(())
}

fn write_invoices(
    path: &Path,
    rows: &[Row],
    ents: &[Entity],
    r: &mut Render,
    truth: &mut Truth,
) -> Result<(), Box<dyn Error>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(INV_HEADER)?;
    let mut year = 0;
    let mut no = 0u32;
    let vat8 = [
        (ce(2022, 2, 1), ce(2022, 12, 31)),
        (ce(2023, 7, 1), ce(2026, 12, 31)),
    ];
    for (i, row) in rows.iter().enumerate() {
        let e = &ents[row.ent as usize];
        let (y, m, d) = ymd(row.date);
        if y != year {
            year = y;
            no = 0;
        }
        no += 1;
        let yy = y % 100;
        let (symbol, number) = if row.date < ce(2022, 7, 1) {
            (format!("AA/{yy:02}E"), format!("{no:07}"))
        } else {
            (format!("1C{yy:02}TAA"), no.to_string())
        };
        let buyer = match &e.kind {
            Kind::Person(p) if e.pid != 0 && r.chance(0.3) => format!("Hộ kinh doanh {}", p.full()),
            _ => r.name(e, INV, true),
        };
        let tax = match r.tax_cell(e, row.spec, false) {
            Cell::Text(s)
                if e.mst != 0 && e.mst_branch == 0 && s.starts_with('0') && r.chance(0.05) =>
            {
                s.trim().trim_start_matches('0').to_string() // re-exported from a number column
            }
            Cell::Text(s) => s
                .trim()
                .trim_start_matches("MST: ")
                .trim_start_matches('\'')
                .to_string(),
            _ => String::new(),
        };
        let amount = ((10f64.powf(r.rng.random_range(5.7..8.7)) / 1000.0).round() as u64) * 1000;
        let in8 = vat8.iter().any(|(a, b)| row.date >= *a && row.date <= *b);
        let rate = if in8 && r.chance(0.6) { 0.08 } else { 0.10 };
        let vat = (amount as f64 * rate).round() as u64;
        w.write_record([
            (i + 1).to_string(),
            symbol,
            number,
            format!("{d:02}/{m:02}/{y}"),
            buyer,
            tax,
            thousands(amount),
            thousands(vat),
        ])?;
        truth.row(FILE_INV, "", i + 2, row.ent)?;
    }
    let utf8 = w.into_inner().map_err(|e| e.to_string())?;
    let text = String::from_utf8(utf8)?;
    fs::write(path, to_cp1258(&text))?;
    Ok(())
}

fn write_entities(path: &Path, ents: &[Entity]) -> Result<(), Box<dyn Error>> {
    let mut w = csv::Writer::from_writer(BufWriter::new(File::create(path)?));
    w.write_record([
        "entity_id",
        "kind",
        "name",
        "phone",
        "email",
        "mst",
        "province",
        "hard_negative_group",
        "group_kind",
        "rows",
        "address",
        "landline",
        "phone_prev",
        "address_prev",
    ])?;
    for (i, e) in ents.iter().enumerate() {
        let phone = if e.mobile != 0 {
            format!("0{}", e.mobile)
        } else {
            String::new()
        };
        let land = e
            .land
            .map(|l| format!("0{}", land_digits(l, false)))
            .unwrap_or_default();
        let prev = if e.mobile_prev != 0 {
            format!("0{}", e.mobile_prev)
        } else {
            String::new()
        };
        let group = if e.group != 0 {
            format!("H{:05}", e.group)
        } else {
            String::new()
        };
        w.write_record([
            entity_id(i as u32),
            (if e.is_org() { "org" } else { "person" }).to_string(),
            e.name(),
            phone,
            e.email.as_deref().unwrap_or("").to_string(),
            e.tax_code(),
            PROVS[e.addr.prov as usize].name.to_string(),
            group,
            GROUP_NAMES[e.group_kind as usize].to_string(),
            e.rows.to_string(),
            canon_addr(&e.addr),
            land,
            prev,
            e.addr_prev.as_ref().map(canon_addr).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

// ───────────────────────────── main ─────────────────────────────

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("generate: {e}");
        std::process::exit(1);
    }
}

struct Ledger {
    ents: Vec<Entity>,
    rows: [Vec<Row>; 4],
    groups: u32,
}

/// Plans every entity and every row, in file order. Deterministic for (rows, seed, dup_rate).
fn build(n_rows: usize, seed: u64, dup_rate: f64) -> Ledger {
    let dup = dup_rate.max(0.0);
    // Extra appearances of a duplicated entity average 1.92; organisations repeat twice as
    // often as persons (invoices), and persons are 3/4 of the entities.
    let d_person = (dup / (1.92 * 1.25)).min(1.0);
    let mut g = Gen {
        rng: StdRng::seed_from_u64(seed),
        phones: HashSet::new(),
        emails: HashSet::new(),
        taxes: HashSet::new(),
        name_addr: HashSet::new(),
        brands: HashSet::new(),
        d_person,
        d_org: (2.0 * d_person).min(1.0),
    };
    let dates = Dates {
        cur: (ce(2019, 1, 1), ce(2026, 6, 30)),
        old: (ce(2015, 1, 1), ce(2018, 9, 14)),
        web: (ce(2021, 1, 1), ce(2026, 6, 30)),
        inv: (ce(2019, 1, 1), ce(2026, 6, 30)),
        pid_from: ce(2025, 7, 1),
        new_admin: ce(2025, 7, 1),
    };
    let mut plan_rng = StdRng::seed_from_u64(seed ^ 0x005E_ED0F_BA5E);
    let mut ents: Vec<Entity> = Vec::with_capacity(n_rows * 2 / 3 + 16);
    let mut rows: [Vec<Row>; 4] = Default::default();
    let mut remaining = n_rows;
    let mut groups = 0u32;
    while remaining > 0 {
        let grouped = remaining >= 2 && g.rng.random_bool(0.038);
        let members = if grouped {
            let kind = [G_NAMESAKE, G_FAMILY, G_BRANCH, G_SIMILAR]
                [wpick(&mut g.rng, &[35.0, 30.0, 20.0, 15.0])];
            g.group(kind)
        } else if g.rng.random_bool(0.25) {
            vec![g.org(None, 0, None)]
        } else {
            vec![g.person(None, None, None)]
        };
        let n = members.len();
        if n > 1 {
            groups += 1;
        }
        for (mi, mut e) in members.into_iter().enumerate() {
            if remaining == 0 {
                break;
            }
            let mut k = g.sample_k(e.is_org()) as usize;
            // Leave room so that a hard-negative group keeps at least two members.
            let reserve = usize::from(mi == 0 && n > 1);
            k = k.min(remaining - reserve).max(1);
            e.rows = k as u8;
            if n > 1 {
                e.group = groups;
            }
            let ix = ents.len() as u32;
            plan_entity(&mut plan_rng, &e, ix, k as u8, &dates, &mut rows);
            ents.push(e);
            remaining -= k;
        }
    }
    // Ledgers are in entry order, not grouped by customer; invoices are listed by date.
    let mut shuffle_rng = StdRng::seed_from_u64(seed ^ 0x5A11_F1E5);
    for t in [CUR, OLD, WEB, INV] {
        rows[t].shuffle(&mut shuffle_rng);
    }
    rows[INV].sort_by_key(|r| r.date);
    Ledger { ents, rows, groups }
}

fn run(args: &Args) -> Result<(), Box<dyn Error>> {
    let start = Instant::now();
    fs::create_dir_all(&args.out)?;
    let Ledger { ents, rows, groups } = build(args.rows, args.seed, args.dup_rate);
    let planned = start.elapsed();

    let mut render = Render {
        rng: StdRng::seed_from_u64(args.seed ^ 0x00DD_BA11),
    };
    let mut truth = Truth {
        w: csv::Writer::from_writer(BufWriter::new(File::create(args.out.join("truth.csv"))?)),
    };
    truth
        .w
        .write_record(["source_file", "source_sheet", "source_row", "entity_id"])?;
    write_xlsx(
        &args.out.join(FILE_XLSX),
        &rows,
        &ents,
        &mut render,
        &mut truth,
    )?;
    write_web(
        &args.out.join(FILE_WEB),
        &rows[WEB],
        &ents,
        &mut render,
        &mut truth,
    )?;
    write_invoices(
        &args.out.join(FILE_INV),
        &rows[INV],
        &ents,
        &mut render,
        &mut truth,
    )?;
    truth.w.flush()?;
    write_entities(&args.out.join("entities.csv"), &ents)?;

    let total: usize = rows.iter().map(Vec::len).sum();
    let multi = ents.iter().filter(|e| e.rows > 1).count();
    let pairs: u64 = ents
        .iter()
        .map(|e| e.rows as u64 * (e.rows as u64 - 1) / 2)
        .sum();
    let mut by_kind = [0usize; 5];
    for e in &ents {
        by_kind[e.group_kind as usize] += 1;
    }
    let hard = ents.iter().filter(|e| e.group != 0).count();
    println!(
        "wrote {} in {:.2?} (planning {:.2?})",
        args.out.display(),
        start.elapsed(),
        planned
    );
    println!(
        "rows {total}: {FILE_XLSX} \"{SHEET_CUR}\" {} + \"{SHEET_OLD}\" {}, {FILE_WEB} {}, {FILE_INV} {}",
        rows[CUR].len(),
        rows[OLD].len(),
        rows[WEB].len(),
        rows[INV].len()
    );
    println!(
        "entities {} ({} persons, {} orgs); {} with 2+ rows; {} duplicate pairs",
        ents.len(),
        ents.iter().filter(|e| !e.is_org()).count(),
        ents.iter().filter(|e| e.is_org()).count(),
        multi,
        pairs
    );
    println!(
        "hard negatives: {groups} groups, {hard} entities ({:.1}%): namesake {}, family {}, branch {}, similar_name {}",
        100.0 * hard as f64 / ents.len().max(1) as f64,
        by_kind[1],
        by_kind[2],
        by_kind[3],
        by_kind[4]
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mst_check_digit_matches_real_codes() {
        for code in ["0100112437", "0100109106", "0101248141", "0300588569"] {
            let d: Vec<u32> = code.bytes().map(|b| (b - b'0') as u32).collect();
            let first: [u32; 9] = d[..9].try_into().unwrap();
            assert_eq!(mst_check_digit(&first), Some(d[9]), "{code}");
        }
    }

    #[test]
    fn excel_epoch() {
        assert_eq!(ce(1899, 12, 30), EXCEL_EPOCH_CE);
        assert_eq!(ce(2024, 3, 5) - EXCEL_EPOCH_CE, 45356);
    }

    #[test]
    fn tone_styles() {
        assert_eq!(tone_old_style("Nguyễn Thị Thủy"), "Nguyễn Thị Thuỷ");
        assert_eq!(tone_old_style("Lê Văn Hòa"), "Lê Văn Hoà");
        assert_eq!(
            tone_old_style("Khánh Hòa, Thanh Hóa"),
            "Khánh Hoà, Thanh Hoá"
        );
        assert_eq!(tone_old_style("Hoàng Quý"), "Hoàng Quý");
        assert_eq!(tone_old_style("HÒA"), "HOÀ");
    }

    #[test]
    fn tcvn3_known_mojibake() {
        assert_eq!(to_tcvn3("Nguyễn Văn A").as_deref(), Some("NguyÔn V¨n A"));
        assert_eq!(to_tcvn3("Việt Nam").as_deref(), Some("ViÖt Nam"));
        assert_eq!(to_tcvn3("Đại học").as_deref(), Some("§¹i häc"));
        assert_eq!(to_tcvn3("Ninh Bình").as_deref(), Some("Ninh B×nh"));
        assert_eq!(to_tcvn3("日本"), None);
    }

    #[test]
    fn cp1258_round_trip() {
        for s in [
            "Nguyễn Văn Ánh",
            "Công ty TNHH Thương mại Dịch vụ Hòa Phát",
            "ĐẶNG THỊ NGỌC ẶNG ỢỰ",
            "Doanh thu chưa có thuế;Thuế GTGT",
        ] {
            let b = to_cp1258(s);
            let (dec, _, had_err) = encoding_rs::WINDOWS_1258.decode(&b);
            assert!(!had_err);
            assert_eq!(dec.nfc().collect::<String>(), s);
            assert!(!b.windows(2).any(|w| w == b"&#"), "unmapped char in {s}");
        }
    }

    #[test]
    fn old_mobile_forms() {
        assert_eq!(old_mobile(362_345_678), Some(1_662_345_678));
        assert_eq!(old_mobile(912_345_678), None);
        assert_eq!(land_digits((0, 38_221_234), true), "838221234");
        assert_eq!(land_digits((2, 3_821_234), true), "5113821234");
        assert_eq!(land_digits((2, 3_821_234), false), "2363821234");
    }

    #[test]
    fn thousands_format() {
        assert_eq!(thousands(1_234_567), "1.234.567");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1.000");
    }

    #[test]
    fn given_names_distinct_and_many() {
        let mut all: Vec<&str> = GIVEN_M.to_vec();
        let m: HashSet<&str> = GIVEN_M.iter().copied().collect();
        let f: HashSet<&str> = GIVEN_F.iter().copied().collect();
        assert_eq!(m.len(), GIVEN_M.len());
        assert_eq!(f.len(), GIVEN_F.len());
        all.extend(GIVEN_F);
        let u: HashSet<&str> = all.into_iter().collect();
        assert!(u.len() >= 150, "{}", u.len());
    }

    #[test]
    fn every_appearance_links_by_a_clue() {
        let l = build(20_000, 7, 0.5);
        let mut per: std::collections::HashMap<u32, Vec<u8>> = Default::default();
        let mut total = 0;
        for t in 0..4 {
            for r in &l.rows[t] {
                per.entry(r.ent)
                    .or_default()
                    .push(clues(&l.ents[r.ent as usize], r.spec));
                total += 1;
            }
        }
        assert_eq!(total, 20_000);
        for (e, cs) in per {
            assert_eq!(cs.len(), l.ents[e as usize].rows as usize);
            let mut reached = vec![false; cs.len()];
            reached[0] = true;
            let mut bits = cs[0];
            let mut changed = true;
            while changed {
                changed = false;
                for (i, c) in cs.iter().enumerate() {
                    if !reached[i] && c & bits != 0 {
                        reached[i] = true;
                        bits |= c;
                        changed = true;
                    }
                }
            }
            assert!(
                reached.iter().all(|x| *x),
                "entity {e} not linkable: {cs:?}"
            );
        }
    }

    #[test]
    fn different_entities_share_no_clue() {
        let l = build(30_000, 11, 0.5);
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for (i, e) in l.ents.iter().enumerate() {
            let mut keys = vec![];
            for m in [e.mobile, e.mobile_prev] {
                if m != 0 {
                    keys.push(format!("m{m}"));
                }
            }
            if let (Some(land), false) = (e.land, e.group_kind == G_FAMILY) {
                keys.push(format!("l{}", land_digits(land, false)));
            }
            if let Some(em) = &e.email {
                keys.push(format!("e{}", em.to_lowercase()));
            }
            if e.has_tax_code() {
                keys.push(format!("t{}", e.tax_code()));
            }
            for a in std::iter::once(e.addr).chain(e.addr_prev) {
                keys.push(format!(
                    "n{}|{}",
                    fold(&e.name()).to_lowercase(),
                    canon_addr(&a)
                ));
            }
            for k in keys {
                if let Some(j) = seen.insert(k.clone(), i) {
                    assert_eq!(
                        j,
                        i,
                        "{k} shared by {} and {}",
                        entity_id(j as u32),
                        entity_id(i as u32)
                    );
                }
            }
        }
        let hard = l.ents.iter().filter(|e| e.group != 0).count() as f64 / l.ents.len() as f64;
        assert!((0.05..0.12).contains(&hard), "{hard}");
    }

    #[test]
    fn deterministic_for_a_seed() {
        let a = build(5_000, 3, 0.5);
        let b = build(5_000, 3, 0.5);
        for t in 0..4 {
            let ka: Vec<_> = a.rows[t].iter().map(|r| (r.ent, r.date, r.spec)).collect();
            let kb: Vec<_> = b.rows[t].iter().map(|r| (r.ent, r.date, r.spec)).collect();
            assert_eq!(ka, kb);
        }
        let c = build(5_000, 4, 0.5);
        assert_ne!(a.ents.len() + a.rows[CUR].len(), 0);
        assert!(a.rows[CUR]
            .iter()
            .zip(&c.rows[CUR])
            .any(|(x, y)| x.ent != y.ent || x.spec != y.spec));
    }

    #[test]
    fn valid_mobiles_and_msts() {
        let l = build(5_000, 5, 0.5);
        for e in &l.ents {
            for m in [e.mobile, e.mobile_prev] {
                if m == 0 {
                    continue;
                }
                let s = m.to_string();
                assert_eq!(s.len(), 9);
                assert!(
                    !s.starts_with("89") || matches!(&s[2..3], "6" | "7" | "8" | "9"),
                    "{s}"
                );
                assert!(!s.starts_with("992"), "{s}");
            }
            if e.mst != 0 {
                let code = format!("{:010}", e.mst);
                let d: Vec<u32> = code.bytes().map(|b| (b - b'0') as u32).collect();
                let first: [u32; 9] = d[..9].try_into().unwrap();
                assert_eq!(mst_check_digit(&first), Some(d[9]));
            }
        }
    }

    #[test]
    fn safe_person_names_keep_the_full_name() {
        let mut g = build(2_000, 9, 0.5);
        let mut r = Render {
            rng: StdRng::seed_from_u64(1),
        };
        let strip = |s: &str, n: usize| -> String {
            let f = fold(s).to_lowercase();
            let f = f.trim();
            let mut words: Vec<&str> = f.split_whitespace().collect();
            if words.len() > n
                && matches!(
                    words[0],
                    "anh"
                        | "ong"
                        | "a."
                        | "a"
                        | "mr"
                        | "mr."
                        | "chu"
                        | "bac"
                        | "chi"
                        | "ba"
                        | "c."
                        | "c"
                        | "ms"
                        | "ms."
                        | "mrs."
                        | "co"
                )
            {
                words.remove(0);
            }
            words.join(" ")
        };
        for e in g.ents.drain(..).take(500) {
            if let Kind::Person(p) = &e.kind {
                for t in [CUR, OLD, WEB, INV] {
                    let shown = r.person_name(p, t, true);
                    let nfc: String = shown.nfc().collect();
                    let n = p.full().split(' ').count();
                    assert_eq!(strip(&nfc, n), strip(&p.full(), n), "{shown}");
                }
            }
        }
    }

    #[test]
    fn args_debug_assert() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
