//! [`Capped`]: the writer a render goes into, which fails as soon as the
//! output would pass its cap, so growing output is stopped while it grows.

use std::io;

/// Output bytes up to a cap; the write that would pass it fails.
pub(crate) struct Capped {
    bytes: Vec<u8>,
    cap: usize,
    overflowed: bool,
}

impl Capped {
    pub(crate) fn new(cap: usize) -> Capped {
        Capped {
            bytes: Vec::new(),
            cap,
            overflowed: false,
        }
    }

    /// The output written before the cap stopped the render, if it did.
    pub(crate) fn overflow(&self) -> Option<String> {
        self.overflowed
            .then(|| String::from_utf8_lossy(&self.bytes).into_owned())
    }

    /// Everything written (MiniJinja writes whole `str`s, so it is UTF-8).
    pub(crate) fn into_string(self) -> String {
        String::from_utf8(self.bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.cap {
            self.overflowed = true;
            return Err(io::Error::other(format!(
                "the output passed {} bytes ({})",
                self.cap,
                super::BUDGET_SPENT
            )));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn fails_past_the_cap_and_keeps_what_fit() {
        let mut w = Capped::new(5);
        assert!(w.write_all(b"abc").is_ok());
        assert!(w.overflow().is_none());
        assert!(w.write_all(b"def").is_err());
        assert_eq!(w.overflow().as_deref(), Some("abc"));
    }
}
