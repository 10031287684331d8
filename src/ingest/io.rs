//! Byte reading shared by the readers.

use std::io::{self, Read};

/// Fills `buf` as far as the input allows (`read` may stop short of it at any call); returns
/// how many bytes were read, fewer than `buf.len()` only at end of input.
pub(super) fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
