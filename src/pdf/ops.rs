//! The bytes of a content stream: the dozen operators the writer uses,
//! written compactly.
//!
//! pdf-writer's `Content` writes every number at full `f32` precision and
//! glyph codes as escaped literal strings (`\000\003`, up to eight bytes a
//! glyph); deflating that was most of the time of writing a PDF. Here
//! coordinates keep two decimals (1/100 pt, 0.004 mm), colours three
//! (enough to round-trip 8-bit channels), and glyph codes are hex strings
//! (four bytes a glyph): content streams about 40% smaller, same pages.

use super::layout::theme::Rgb;

/// A content stream being written.
#[derive(Debug, Default)]
pub(crate) struct Ops(Vec<u8>);

impl Ops {
    /// A stream of about `bytes` bytes (it grows as needed).
    pub(crate) fn with_capacity(bytes: usize) -> Ops {
        Ops(Vec::with_capacity(bytes))
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.0
    }

    /// Coordinates and lengths, each followed by a space.
    fn nums(&mut self, values: &[f32]) -> &mut Self {
        for &v in values {
            push_fixed(&mut self.0, v, 100);
            self.0.push(b' ');
        }
        self
    }

    fn op(&mut self, op: &[u8]) -> &mut Self {
        self.0.extend_from_slice(op);
        self.0.push(b'\n');
        self
    }

    fn rgb(&mut self, c: Rgb, op: &[u8]) -> &mut Self {
        for v in [c.0, c.1, c.2] {
            push_fixed(&mut self.0, f32::from(v) / 255.0, 1000);
            self.0.push(b' ');
        }
        self.op(op)
    }

    pub(crate) fn begin_text(&mut self) -> &mut Self {
        self.op(b"BT")
    }

    pub(crate) fn end_text(&mut self) -> &mut Self {
        self.op(b"ET")
    }

    /// `/name size Tf`.
    pub(crate) fn font(&mut self, name: &[u8], size: f32) -> &mut Self {
        self.0.push(b'/');
        self.0.extend_from_slice(name);
        self.0.push(b' ');
        self.nums(&[size]).op(b"Tf")
    }

    pub(crate) fn fill(&mut self, c: Rgb) -> &mut Self {
        self.rgb(c, b"rg")
    }

    pub(crate) fn stroke_colour(&mut self, c: Rgb) -> &mut Self {
        self.rgb(c, b"RG")
    }

    /// Starts the next text at (x, y): `1 0 0 1 x y Tm`.
    pub(crate) fn text_at(&mut self, x: f32, y: f32) -> &mut Self {
        self.0.extend_from_slice(b"1 0 0 1 ");
        self.nums(&[x, y]).op(b"Tm")
    }

    /// Starts the next text at (x, y), turned by the angle whose sine and
    /// cosine are given: `cos sin -sin cos x y Tm`.
    pub(crate) fn text_turned(&mut self, x: f32, y: f32, sin: f32, cos: f32) -> &mut Self {
        for v in [cos, sin, -sin, cos] {
            push_fixed(&mut self.0, v, 10_000);
            self.0.push(b' ');
        }
        self.nums(&[x, y]).op(b"Tm")
    }

    /// Shows two-byte glyph codes: `<...> Tj`.
    pub(crate) fn show(&mut self, codes: &[u8]) -> &mut Self {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.0.reserve(2 * codes.len() + 6);
        self.0.push(b'<');
        for b in codes {
            self.0.push(HEX[usize::from(b >> 4)]);
            self.0.push(HEX[usize::from(b & 15)]);
        }
        self.0.extend_from_slice(b"> ");
        self.op(b"Tj")
    }

    /// Line width and butt caps.
    pub(crate) fn line_width(&mut self, width: f32) -> &mut Self {
        self.nums(&[width]).op(b"w").op(b"0 J")
    }

    /// A straight stroked line.
    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) -> &mut Self {
        self.nums(&[x1, y1]).op(b"m");
        self.nums(&[x2, y2]).op(b"l").op(b"S")
    }

    /// A rectangle, filled (`f`) or stroked (`S`).
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: bool) -> &mut Self {
        self.nums(&[x, y, w, h]).op(b"re");
        self.op(if fill { b"f" } else { b"S" })
    }

    /// Draws an image XObject scaled into the box at (x, y).
    pub(crate) fn image(&mut self, name: &[u8], x: f32, y: f32, w: f32, h: f32) -> &mut Self {
        self.op(b"q");
        // Scales keep full precision: an image is one unit square.
        for v in [w, 0.0, 0.0, h] {
            push_fixed(&mut self.0, v, 10_000);
            self.0.push(b' ');
        }
        self.nums(&[x, y]).op(b"cm");
        self.0.push(b'/');
        self.0.extend_from_slice(name);
        self.0.extend_from_slice(b" ");
        self.op(b"Do").op(b"Q")
    }

    /// `/tag <</MCID n>> BDC`: opens the marked content of a structure element.
    pub(crate) fn begin_element(&mut self, tag: &[u8], mcid: usize) -> &mut Self {
        self.0.push(b'/');
        self.0.extend_from_slice(tag);
        self.0.extend_from_slice(b" <</MCID ");
        push_digits(&mut self.0, mcid as u64);
        self.0.extend_from_slice(b">> BDC");
        self.op(b"")
    }

    /// `/Artifact <<props>> BDC`: opens an artifact; `props` is the body
    /// of its property list (`/Type /Layout`).
    pub(crate) fn begin_artifact(&mut self, props: &[u8]) -> &mut Self {
        self.0.extend_from_slice(b"/Artifact <<");
        self.0.extend_from_slice(props);
        self.op(b">> BDC")
    }

    /// `EMC`: closes a marked-content sequence.
    pub(crate) fn end_marked(&mut self) -> &mut Self {
        self.op(b"EMC")
    }
}

/// `v` rounded to 1/`scale` (a power of ten), without trailing zeros.
fn push_fixed(out: &mut Vec<u8>, v: f32, scale: u32) {
    let n = (f64::from(v) * f64::from(scale)).round();
    // Layout never produces these; keep the stream valid if it ever does.
    let n = if n.is_finite() { n as i64 } else { 0 };
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = u64::from(scale);
    push_digits(out, n / scale);
    let mut frac = n % scale;
    if frac == 0 {
        return;
    }
    out.push(b'.');
    let mut digit = scale / 10;
    while frac > 0 && digit > 0 {
        out.push(b'0' + (frac / digit) as u8);
        frac %= digit;
        digit /= 10;
    }
}

/// The decimal digits of `n`, written without a temporary string (a
/// page's stream has thousands of numbers).
fn push_digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(v: f32, scale: u32) -> String {
        let mut out = Vec::new();
        push_fixed(&mut out, v, scale);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_enough() {
        assert_eq!(fixed(356.02502, 100), "356.03");
        assert_eq!(fixed(799.89, 100), "799.89");
        assert_eq!(fixed(12.0, 100), "12");
        assert_eq!(fixed(0.5, 100), "0.5");
        assert_eq!(fixed(0.05, 100), "0.05");
        assert_eq!(fixed(-3.004, 100), "-3");
        assert_eq!(fixed(-0.001, 100), "0");
        assert_eq!(fixed(-1.25, 100), "-1.25");
        assert_eq!(fixed(33.0 / 255.0, 1000), "0.129");
        assert_eq!(fixed(f32::NAN, 100), "0");
        assert_eq!(fixed(0.0, 100), "0");
        assert_eq!(fixed(1000.0, 100), "1000");
        assert_eq!(fixed(-14400.5, 10), "-14400.5");
    }

    #[test]
    fn operators() {
        let mut ops = Ops::default();
        ops.begin_text()
            .font(b"R", 9.0)
            .fill(Rgb(255, 0, 51))
            .text_at(56.69, 799.89)
            .show(&[0, 1, 0, 0x2a])
            .end_text()
            .line_width(0.6)
            .line(1.0, 2.0, 3.0, 4.5)
            .rect(0.0, 0.0, 10.0, 5.0, true)
            .image(b"Im1", 1.0, 2.0, 100.0, 50.0);
        let text = String::from_utf8(ops.finish()).unwrap();
        assert_eq!(
            text,
            "BT\n/R 9 Tf\n1 0 0.2 rg\n1 0 0 1 56.69 799.89 Tm\n<0001002A> Tj\nET\n\
             0.6 w\n0 J\n1 2 m\n3 4.5 l\nS\n0 0 10 5 re\nf\n\
             q\n100 0 0 50 1 2 cm\n/Im1 Do\nQ\n"
        );
    }
}
