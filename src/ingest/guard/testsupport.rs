//! Builders of the containers the guard checks (ZIP packages, OLE compound files, BIFF
//! streams), for the unit tests here and the integration tests in `tests/it`, which cannot see
//! `#[cfg(test)]` code of the library: one copy, compiled always (it is small and uses only
//! what the library already depends on). Not part of the API.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A ZIP archive of `parts` in order, each compressed with `method` except `mimetype`, stored
/// as OpenDocument requires.
pub fn zip_bytes<N: AsRef<str>, B: AsRef<[u8]>>(
    parts: &[(N, B)],
    method: CompressionMethod,
) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in parts {
        let name = name.as_ref();
        let m = if name == "mimetype" {
            CompressionMethod::Stored
        } else {
            method
        };
        z.start_file(name, SimpleFileOptions::default().compression_method(m))
            .unwrap();
        z.write_all(body.as_ref()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The parts of an ods whose only table, "Sổ 1", holds `table_body` (its rows).
pub fn ods_parts(table_body: &str) -> Vec<(&'static str, Vec<u8>)> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sổ 1">{table_body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    vec![
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("content.xml", content.into_bytes()),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes().to_vec()),
    ]
}

pub const ODS_MANIFEST: &str = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;

/// A minimal Compound File holding `names` (each pointing at the same data). Sector 0
/// is the FAT, 1 the directory, then the data; a stream under 4096 bytes goes to the mini
/// stream, with its mini FAT in the last sector.
pub fn ole_file(names: &[&str], data: &[u8]) -> Vec<u8> {
    let mini = data.len() < 4096;
    let sectors = data.len().div_ceil(512).max(1);
    let mut f = vec![0u8; 512];
    f[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    f[26..28].copy_from_slice(&3u16.to_le_bytes());
    f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    f[30..32].copy_from_slice(&9u16.to_le_bytes());
    f[32..34].copy_from_slice(&6u16.to_le_bytes());
    f[44..48].copy_from_slice(&1u32.to_le_bytes());
    f[48..52].copy_from_slice(&1u32.to_le_bytes());
    f[56..60].copy_from_slice(&4096u32.to_le_bytes());
    let mini_fat_sector = (2 + sectors) as u32;
    let mini_fat_start = if mini { mini_fat_sector } else { 0xFFFF_FFFE };
    f[60..64].copy_from_slice(&mini_fat_start.to_le_bytes());
    f[64..68].copy_from_slice(&u32::from(mini).to_le_bytes());
    f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        f[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    f[76..80].copy_from_slice(&0u32.to_le_bytes());
    let mut fat = vec![0xFFu8; 512];
    let mut set = |i: usize, v: u32| fat[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
    set(0, 0xFFFF_FFFD);
    set(1, 0xFFFF_FFFE);
    for s in 0..sectors {
        set(
            2 + s,
            if s + 1 == sectors {
                0xFFFF_FFFE
            } else {
                (s + 3) as u32
            },
        );
    }
    if mini {
        set(2 + sectors, 0xFFFF_FFFE);
    }
    f.extend(fat);
    let mut dir = vec![0u8; 512];
    let all: Vec<&str> = std::iter::once("Root Entry")
        .chain(names.iter().copied())
        .collect();
    for (i, name) in all.iter().take(4).enumerate() {
        let e = &mut dir[128 * i..128 * (i + 1)];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = if i == 0 { 5 } else { 2 };
        for o in [68, 72, 76] {
            e[o..o + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        let (start, size): (u32, u32) = match (i, mini) {
            (0, true) => (2, sectors as u32 * 512),
            (0, false) => (0xFFFF_FFFE, 0),
            (_, true) => (0, data.len() as u32),
            (_, false) => (2, data.len() as u32),
        };
        if i == 0 && all.len() > 1 {
            e[76..80].copy_from_slice(&1u32.to_le_bytes());
        }
        if i > 0 && i + 1 < all.len().min(4) {
            e[72..76].copy_from_slice(&(i as u32 + 1).to_le_bytes());
        }
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
    }
    f.extend(dir);
    let mut d = data.to_vec();
    d.resize(sectors * 512, 0);
    f.extend(d);
    if mini {
        let mut mf = vec![0xFFu8; 512];
        let n = data.len().div_ceil(64);
        for s in 0..n {
            let next: u32 = if s + 1 == n {
                0xFFFF_FFFE
            } else {
                s as u32 + 1
            };
            mf[4 * s..4 * s + 4].copy_from_slice(&next.to_le_bytes());
        }
        f.extend(mf);
    }
    f
}

/// BIFF records, each as type, length and body, zero-padded to `pad_to` bytes.
pub fn biff(records: &[(u16, &[u8])], pad_to: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for (t, body) in records {
        out.extend(t.to_le_bytes());
        out.extend((body.len() as u16).to_le_bytes());
        out.extend(*body);
    }
    if out.len() < pad_to {
        out.resize(pad_to, 0);
    }
    out
}

/// A BIFF8 workbook stream: globals with one BOUNDSHEET "S1", then a sheet whose DIMENSIONS
/// record is `dims`; zero-padded to `pad_to` bytes.
pub fn xls_stream(dims: &[u8], pad_to: usize) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut b = vec![0u8; 16];
        b[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        b[2..4].copy_from_slice(&dt.to_le_bytes());
        b
    };
    let (g, sh) = (bof(0x0005), bof(0x0010));
    // BOF(20) + BOUNDSHEET(4+10) + EOF(4): the sheet BOF is at 38.
    let mut bs = 38u32.to_le_bytes().to_vec();
    bs.extend([0, 0, 2, 0]);
    bs.extend(b"S1");
    biff(
        &[
            (0x0809, &g),
            (0x0085, &bs),
            (0x000A, &[]),
            (0x0809, &sh),
            (0x0200, dims),
            (0x000A, &[]),
        ],
        pad_to,
    )
}

/// A BIFF8 DIMENSIONS body: rows `rf..rl`, columns `cf..cl`.
pub fn dims8(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(rf.to_le_bytes());
    d.extend(rl.to_le_bytes());
    d.extend(cf.to_le_bytes());
    d.extend(cl.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d
}

/// Where `needle` first stands in `hay`.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
