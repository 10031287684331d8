//! The output files: the xlsx workbook, the web export CSV, the Windows-1258 invoice listing,
//! truth.csv and entities.csv.

use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;
use rand::Rng;
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::entities::{canon_addr, land_digits, Entity, Kind, GROUP_NAMES};
use crate::plan::{Row, CUR, INV, OLD, S_ADDR_NEW, S_NAME_SAFE, WEB};
use crate::rendering::{note_for, row_addr, ship_addr, Cell, Render};
use crate::tables::PROVS;
use crate::text::{ce, has_non_ascii, thousands, to_cp1258, to_tcvn3, ymd};

pub(crate) const FILE_XLSX: &str = "so-khach-hang.xlsx";
pub(crate) const SHEET_CUR: &str = "Khách hàng";
pub(crate) const SHEET_OLD: &str = "2017";
pub(crate) const FILE_WEB: &str = "web-export.csv";
pub(crate) const FILE_INV: &str = "bang-ke-hoa-don.csv";

#[rustfmt::skip]
pub(crate) const CUR_HEADER: [&str; 10] = [
    "STT", "Tên khách hàng", "Người liên hệ", "Điện thoại", "Email", "Địa chỉ", "Địa chỉ giao hàng",
    "MST", "Ngày giao dịch cuối", "Ghi chú",
];
#[rustfmt::skip]
pub(crate) const OLD_HEADER: [&str; 6] = ["Họ tên", "SĐT", "Địa chỉ", "E-mail", "Mã số thuế", "Ngày đặt hàng"];
pub(crate) const WEB_HEADER: [&str; 5] = ["Full name", "Phone", "Email", "Address", "Order date"];
#[rustfmt::skip]
pub(crate) const INV_HEADER: [&str; 8] = [
    "STT", "Ký hiệu hóa đơn", "Số hóa đơn", "Ngày hóa đơn", "Tên người mua", "Mã số thuế người mua",
    "Doanh thu chưa có thuế", "Thuế GTGT",
];

pub(crate) struct Fmts {
    pub(crate) title: Format,
    pub(crate) header: Format,
    pub(crate) dates: [Format; 4],
    pub(crate) vntime: Format,
    pub(crate) vip: Format,
}

pub(crate) fn put(
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

pub(crate) struct Truth {
    pub(crate) w: csv::Writer<BufWriter<File>>,
}

impl Truth {
    pub(crate) fn row(
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

pub(crate) fn entity_id(ix: u32) -> String {
    format!("E{:06}", ix + 1)
}

/// The workbook: sheet "Khách hàng" (title, header on row 3) and sheet "2017".
pub(crate) fn write_xlsx(
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
    let fmts = Fmts::new();
    let ws = wb.add_worksheet_with_constant_memory()?;
    write_current_sheet(ws, &rows[CUR], ents, r, truth, &fmts)?;
    let ws = wb.add_worksheet_with_constant_memory()?;
    write_old_sheet(ws, &rows[OLD], ents, r, truth, &fmts)?;
    wb.save(path)?;
    Ok(())
}

impl Fmts {
    fn new() -> Self {
        Fmts {
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
        }
    }
}

/// Sheet "Khách hàng": today's ledger, with contacts, delivery addresses and notes.
fn write_current_sheet(
    ws: &mut Worksheet,
    rows: &[Row],
    ents: &[Entity],
    r: &mut Render,
    truth: &mut Truth,
    fmts: &Fmts,
) -> Result<(), Box<dyn Error>> {
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
    for (i, row) in rows.iter().enumerate() {
        let xr = 3 + i as u32;
        ws.write_number(xr, 0, (i + 1) as f64)?;
        write_current_row(ws, xr, row, &ents[row.ent as usize], r, fmts)?;
        truth.row(FILE_XLSX, SHEET_CUR, xr as usize + 1, row.ent)?;
    }
    Ok(())
}

/// Columns B–J of one row of sheet "Khách hàng" (worksheet row `xr`).
fn write_current_row(
    ws: &mut Worksheet,
    xr: u32,
    row: &Row,
    e: &Entity,
    r: &mut Render,
    fmts: &Fmts,
) -> Result<(), XlsxError> {
    let tcvn = r.chance(0.005);
    let note = note_for(r, e, row.spec);
    let vip = note.as_deref() == Some("khách VIP");
    let name = r.name(e, CUR, row.spec & S_NAME_SAFE != 0);
    put(ws, xr, 1, &Cell::Text(name), fmts, tcvn, vip)?;
    if let Kind::Org(o) = &e.kind {
        let c = r.contact(o);
        put(ws, xr, 2, &Cell::Text(c), fmts, tcvn, false)?;
    }
    let ph = r.phone_cell(e, row.spec, CUR);
    put(ws, xr, 3, &ph, fmts, false, false)?;
    if let Some(em) = r.email_text(e, row.spec) {
        put(ws, xr, 4, &Cell::Text(em), fmts, false, false)?;
    }
    let a = row_addr(e, row.spec);
    if let Some(a) = a {
        let s = r.address(&a, CUR, row.spec & S_ADDR_NEW != 0);
        put(ws, xr, 5, &Cell::Text(s), fmts, tcvn, false)?;
    }
    let ship = ship_addr(r, e, a.as_ref());
    put(ws, xr, 6, &ship, fmts, tcvn, false)?;
    let tax = r.tax_cell(e, row.spec, true);
    put(ws, xr, 7, &tax, fmts, false, false)?;
    if !r.chance(0.04) {
        let dc = r.date_cell(row.date);
        put(ws, xr, 8, &dc, fmts, false, false)?;
    }
    if let Some(n) = note {
        put(ws, xr, 9, &Cell::Text(n), fmts, tcvn, false)?;
    }
    Ok(())
}

/// Sheet "2017": the old ledger, header on row 1, some rows pasted from .VnTime files.
fn write_old_sheet(
    ws: &mut Worksheet,
    rows: &[Row],
    ents: &[Entity],
    r: &mut Render,
    truth: &mut Truth,
    fmts: &Fmts,
) -> Result<(), Box<dyn Error>> {
    ws.set_name(SHEET_OLD)?;
    for (c, w) in [30.0, 20.0, 50.0, 28.0, 16.0, 14.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (c, h) in OLD_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &fmts.header)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let e = &ents[row.ent as usize];
        let xr = 1 + i as u32;
        // Rows pasted from an old .VnTime file keep their legacy encoding.
        let tcvn = r.chance(0.025);
        let name = r.name(e, OLD, row.spec & S_NAME_SAFE != 0);
        put(ws, xr, 0, &Cell::Text(name), fmts, tcvn, false)?;
        let ph = r.phone_cell(e, row.spec, OLD);
        put(ws, xr, 1, &ph, fmts, false, false)?;
        if let Some(a) = row_addr(e, row.spec) {
            let s = r.address(&a, OLD, false);
            put(ws, xr, 2, &Cell::Text(s), fmts, tcvn, false)?;
        }
        if let Some(em) = r.email_text(e, row.spec) {
            put(ws, xr, 3, &Cell::Text(em), fmts, false, false)?;
        }
        let tax = r.tax_cell(e, row.spec, true);
        put(ws, xr, 4, &tax, fmts, false, false)?;
        if !r.chance(0.03) {
            let dc = r.date_cell(row.date);
            put(ws, xr, 5, &dc, fmts, false, false)?;
        }
        truth.row(FILE_XLSX, SHEET_OLD, xr as usize + 1, row.ent)?;
    }
    Ok(())
}

pub(crate) fn write_web(
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

pub(crate) fn write_invoices(
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

pub(crate) fn write_entities(path: &Path, ents: &[Entity]) -> Result<(), Box<dyn Error>> {
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
