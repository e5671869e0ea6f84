//! The output formats a project builds (`formats:` in boardpaper.yaml, and
//! `build --format`). Part of the model, so every stage after loading names
//! a format by this type and never re-parses a string.

/// One output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Pdf,
    Html,
}

impl Format {
    /// Both formats, in build order.
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Html];

    /// The file extension, which is also the name in `formats:`.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    /// The format whose extension (or name in `formats:`) is `ext`.
    pub fn from_ext(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.ext() == ext)
    }
}
