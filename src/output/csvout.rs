//! The long CSV outputs (`thay-doi.csv`, `lineage.csv`: millions of lines at a million rows),
//! formatted in chunks on whichever cores are free while the chunks before them are written.
//! They are the last outputs a run writes: formatted on one core, the other would wait for
//! them at the end of every run.

use rayon::prelude::*;
use std::io::Write;

/// Items formatted by one task: a few hundred kilobytes of text.
const CHUNK: usize = 8 * 1024;
/// Chunks formatted while the batch before them is written: a few megabytes in flight.
const BATCH: usize = 8;

/// A whole CSV output: the BOM Excel needs to read UTF-8 (Vietnamese) right, the header, then
/// [`write_records`].
pub fn write_file<T, F>(
    out: &std::fs::File,
    header: &[&str],
    items: &[T],
    record: F,
) -> anyhow::Result<()>
where
    T: Sync,
    F: Fn(&T, &mut csv::Writer<Vec<u8>>, &mut String) -> csv::Result<()> + Sync,
{
    let mut head = csv::Writer::from_writer("\u{FEFF}".as_bytes().to_vec());
    head.write_record(header)?;
    let mut out = out;
    out.write_all(&head.into_inner().map_err(|e| e.into_error())?)?;
    write_records(&mut out, items, record)?;
    out.flush()?;
    Ok(())
}

/// Writes one CSV record per item of `items` to `out`, in their order: the same bytes as one
/// `csv::Writer` over `out` would write. `record` writes an item's record; it gets a scratch
/// string of its own chunk's (for numbers). The header, if any, is the caller's, written
/// before.
pub fn write_records<T, W, F>(out: &mut W, items: &[T], record: F) -> anyhow::Result<()>
where
    T: Sync,
    W: Write + Send,
    F: Fn(&T, &mut csv::Writer<Vec<u8>>, &mut String) -> csv::Result<()> + Sync,
{
    let format = |batch: &[T]| -> csv::Result<Vec<Vec<u8>>> {
        batch
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut w = csv::Writer::from_writer(Vec::with_capacity(chunk.len() * 128));
                let mut scratch = String::new();
                for item in chunk {
                    record(item, &mut w, &mut scratch)?;
                }
                w.into_inner().map_err(|e| e.into_error().into())
            })
            .collect()
    };
    let write = |out: &mut W, texts: &[Vec<u8>]| texts.iter().try_for_each(|t| out.write_all(t));
    let mut batches = items.chunks(CHUNK * BATCH);
    let Some(first) = batches.next() else {
        return Ok(());
    };
    let mut ready = format(first)?;
    for batch in batches {
        // The write on this core; the next batch on any core that is free (this one after).
        let (written, formatted) = rayon::join(|| write(out, &ready), || format(batch));
        written?;
        ready = formatted?;
    }
    write(out, &ready)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: &u32, w: &mut csv::Writer<Vec<u8>>, s: &mut String) -> csv::Result<()> {
        use std::fmt::Write as _;
        s.clear();
        let _ = write!(s, "{n}");
        w.write_record([s.as_str(), "a,b", "\"q\"", ""])
    }

    /// Byte for byte what one writer over the file writes, across chunk and batch edges.
    #[test]
    fn writes_what_one_writer_writes() {
        for n in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            CHUNK * BATCH,
            CHUNK * BATCH * 2 + 7,
        ] {
            let items: Vec<u32> = (0..n as u32).collect();
            let mut one = csv::Writer::from_writer(Vec::new());
            let mut s = String::new();
            for i in &items {
                record(i, &mut one, &mut s).unwrap();
            }
            let want = one.into_inner().unwrap();
            let mut got = Vec::new();
            write_records(&mut got, &items, record).unwrap();
            assert_eq!(got, want, "{n} items");
        }
    }

    /// A failing write is an error, not a short file.
    #[test]
    fn a_failing_write_is_an_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let items: Vec<u32> = (0..(CHUNK * BATCH * 2) as u32).collect();
        let e = write_records(&mut Full, &items, record).unwrap_err();
        assert!(e.to_string().contains("disk full"), "{e}");
    }
}
