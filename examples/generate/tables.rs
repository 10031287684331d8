//! Rule tables the generator draws from: names, legal forms and business lines, provinces
//! with their districts, wards and streets, mobile prefixes, and their weighted pickers.

use std::sync::LazyLock;

use rand::rngs::StdRng;
use rand::Rng;

use crate::text::fold;

// ───────────────────────────── name tables ─────────────────────────────

/// Family names with their approximate share of the population.
#[rustfmt::skip]
pub(crate) static FAMILY: &[(&str, f64)] = &[
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
pub(crate) static MID_M: &[(&str, f64)] = &[
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
pub(crate) static MID_F: &[(&str, f64)] = &[
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
pub(crate) static GIVEN_M: &[&str] = &[
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
pub(crate) static GIVEN_F: &[&str] = &[
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
pub(crate) static COMMON_NAMES: &[(bool, &str, &str, &str)] = &[
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
pub(crate) static HONORIFIC_M: &[&str] = &["Anh", "Ông", "A.", "Mr", "Mr.", "Chú", "Bác", "anh", "A "];
#[rustfmt::skip]
pub(crate) static HONORIFIC_F: &[&str] = &["Chị", "Bà", "C.", "Ms", "Mrs.", "Cô", "chị", "C ", "Ms."];

// ───────────────────────────── organisation tables ─────────────────────────────

/// Legal forms: canonical text, weight, safe renderings (same legal name), English suffix.
pub(crate) struct LegalForm {
    pub(crate) canon: &'static str,
    pub(crate) weight: f64,
    pub(crate) variants: &'static [&'static str],
    pub(crate) english: &'static str,
}

#[rustfmt::skip]
pub(crate) static FORMS: &[LegalForm] = &[
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
pub(crate) static BIZ: &[(&[&str], f64)] = &[
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
pub(crate) static BIZ_ABBR: &[(&str, &str, &str)] = &[
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
pub(crate) static BRAND_SYL: &[&str] = &[
    "Minh", "Long", "Phát", "Thành", "Hưng", "Sao", "Việt", "Hoàng", "Gia", "An", "Phú", "Tân",
    "Đại", "Nam", "Thịnh", "Vượng", "Tiến", "Quang", "Hải", "Đông", "Kim", "Ngọc", "Bảo", "Tín",
    "Nhật", "Trường", "Sơn", "Hà", "Hòa", "Bình", "Thái", "Phương", "Đức", "Lộc", "Tài", "Thuận",
    "Khang", "Nguyên", "Vinh", "Mỹ", "Hồng", "Trung", "Thiên", "Đạt", "Toàn", "Cường", "Hợp", "Lợi",
    "Thắng", "Huy", "Khánh", "Mai", "Tùng", "Sáng", "Hạnh", "Đăng", "Quý", "Thủy", "Hoa", "Phúc",
    "Anh", "Uy", "Nhân", "Trí", "Tâm",
];

#[rustfmt::skip]
pub(crate) static BRAND_FIXED: &[&str] = &[
    "Hòa Phát", "Sao Mai", "Ánh Dương", "Hoa Sen", "Bình Minh", "Trường Sơn", "Hồng Hà",
    "Sông Hồng", "Cửu Long", "Hải Âu", "Phương Đông", "Đất Việt", "Á Châu", "Thiên Long",
    "Hoàng Gia", "Tân Hiệp", "Đông Á", "Nam Việt", "Bắc Á", "Sao Việt", "Minh Long", "Thành Công",
    "Thuận Phát", "Kim Long", "Phú Thái", "Việt Tiến", "An Phát", "Đại Dương", "Thiên An",
    "Hưng Thịnh", "Phúc Lộc", "Gia Bảo", "Hoàng Long", "Nhật Minh", "Quang Minh", "Thái Bình Dương",
    "Tây Nguyên", "Mê Kông", "Sài Gòn Xanh", "Hà Thành", "Kinh Bắc",
];

#[rustfmt::skip]
pub(crate) static EMAIL_DOMAINS: &[(&str, f64)] = &[
    ("gmail.com", 65.0),
    ("yahoo.com", 8.0),
    ("yahoo.com.vn", 8.0),
    ("hotmail.com", 5.0),
    ("outlook.com", 4.0),
    ("icloud.com", 3.0),
    ("gmail.com.vn", 0.2),
];

#[rustfmt::skip]
pub(crate) static ORG_MAIL_LOCAL: &[&str] = &["info", "contact", "sales", "ketoan", "kinhdoanh", "admin", "lienhe"];

#[rustfmt::skip]
pub(crate) static NOTES: &[&str] = &[
    "khách VIP", "giao giờ hành chính", "khách quen", "gọi trước khi giao", "chuyển khoản",
    "xuất hóa đơn VAT", "KH cũ", "nợ cũ", "không nhận hàng thứ 7", "giao tận nơi", "đã liên hệ",
    "thanh toán tiền mặt", "ưu tiên giao sáng",
];

// ───────────────────────────── geography ─────────────────────────────

pub(crate) const K_QUAN: u8 = 0;
pub(crate) const K_HUYEN: u8 = 1;
pub(crate) const K_TP: u8 = 2;

pub(crate) struct Dist {
    pub(crate) kind: u8,
    pub(crate) name: &'static str,
    /// Named wards (or communes for a huyện); empty when wards are numbered.
    pub(crate) wards: &'static [&'static str],
    /// Number of numbered wards ("Phường 1" … "Phường n"); 0 when named.
    pub(crate) numbered: u8,
}

pub(crate) struct Prov {
    /// Short province name (entities.csv, branch names).
    pub(crate) name: &'static str,
    /// Canonical address form.
    pub(crate) canon: &'static str,
    pub(crate) weight: f64,
    pub(crate) org_weight: f64,
    pub(crate) tel_new: &'static str,
    pub(crate) tel_old: &'static str,
    pub(crate) mst: &'static str,
    pub(crate) cccd: &'static str,
    /// Province after the 2025 merger (as in `src/normalize/data/units.tsv`).
    pub(crate) merged: &'static str,
    /// Other spellings seen in ledgers (all refer to the same province).
    pub(crate) variants: &'static [&'static str],
    pub(crate) dists: &'static [Dist],
    pub(crate) streets: &'static [&'static str],
    /// House numbering habit: 0 plain, 1 hẻm (45/12), 2 ngõ (Số 15 ngõ 120).
    pub(crate) alley: u8,
}

pub(crate) const fn d(kind: u8, name: &'static str, wards: &'static [&'static str]) -> Dist {
    Dist {
        kind,
        name,
        wards,
        numbered: 0,
    }
}
pub(crate) const fn dn(kind: u8, name: &'static str, numbered: u8) -> Dist {
    Dist {
        kind,
        name,
        wards: &[],
        numbered,
    }
}

#[rustfmt::skip]
pub(crate) static PROVS: &[Prov] = &[
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
/// market-share weight (the renumbering is `src/normalize/phone/tables.rs`).
#[rustfmt::skip]
pub(crate) static MOBILE_PREFIXES: &[(u32, Option<u32>, f64)] = &[
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
pub(crate) fn old_mobile(n: u32) -> Option<u64> {
    let p = n / 10_000_000;
    MOBILE_PREFIXES
        .iter()
        .find(|(new, _, _)| *new == p)
        .and_then(|(_, old, _)| *old)
        .map(|old| old as u64 * 10_000_000 + (n % 10_000_000) as u64)
}

// ───────────────────────────── weighted picks ─────────────────────────────

pub(crate) struct Cum(Vec<f64>);

impl Cum {
    pub(crate) fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        Cum(weights
            .into_iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect())
    }
    pub(crate) fn pick(&self, rng: &mut StdRng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = rng.random::<f64>() * total;
        self.0
            .partition_point(|&c| c <= x)
            .min(self.0.len().saturating_sub(1))
    }
}

pub(crate) struct Tables {
    pub(crate) family: Cum,
    pub(crate) mid_m: Cum,
    pub(crate) mid_f: Cum,
    pub(crate) given_m: Cum,
    pub(crate) given_f: Cum,
    pub(crate) forms: Cum,
    pub(crate) biz: Cum,
    pub(crate) prov: Cum,
    pub(crate) prov_org: Cum,
    pub(crate) mobile: Cum,
    pub(crate) domains: Cum,
    /// Accent-free lower-case forms of the name tables, for e-mail addresses.
    pub(crate) family_ascii: Vec<String>,
    pub(crate) mid_m_ascii: Vec<String>,
    pub(crate) mid_f_ascii: Vec<String>,
    pub(crate) given_m_ascii: Vec<String>,
    pub(crate) given_f_ascii: Vec<String>,
}

pub(crate) static T: LazyLock<Tables> = LazyLock::new(|| {
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

pub(crate) fn pick<T: Copy>(rng: &mut StdRng, v: &[T]) -> T {
    v[rng.random_range(0..v.len())]
}

/// Index by linear scan over small inline weight lists.
pub(crate) fn wpick(rng: &mut StdRng, w: &[f64]) -> usize {
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
