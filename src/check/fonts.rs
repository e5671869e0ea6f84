//! The fonts named in `style.fonts`: each read through the one door
//! (a regular file inside the project, at most [`MAX_FONT_BYTES`]) and
//! parsed as the PDF writer will parse it, so `check` refuses exactly what
//! `build` would. A refusal is located at the font's line in
//! `boardpaper.yaml`; the build then falls back to the built-in fonts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic};
use crate::project::files;
use crate::project::Project;
use crate::yaml;

/// Largest font file accepted (a full CJK face is about 20 MB).
pub(crate) const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// The bytes of the four faces (regular, bold, italic, bold italic).
#[derive(Clone)]
pub(crate) struct FontBytes(pub(crate) Arc<[Vec<u8>; 4]>);

impl std::fmt::Debug for FontBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sizes = self.0.each_ref().map(Vec::len);
        write!(f, "FontBytes({sizes:?})")
    }
}

/// The paths and bytes of the project's fonts, or `None` (built-in fonts)
/// when none are named or one is refused (reported in `diags`).
pub(crate) fn fonts(
    project: &Project,
    diags: &mut Vec<Diagnostic>,
) -> (Option<[PathBuf; 4]>, Option<FontBytes>) {
    let Some(f) = &project.config.style.fonts else {
        return (None, None);
    };
    let named = [
        (&f.regular, "regular"),
        (&f.bold, "bold"),
        (&f.italic, "italic"),
        (&f.bold_italic, "bold italic"),
    ];
    let paths = named.map(|(p, _)| PathBuf::from(&p.value));
    let mut ok = true;
    let read = named.map(|(p, style)| {
        let got = read_one(&project.root, Path::new(&p.value), style);
        got.map_err(|message| {
            let at = yaml::pos(p, 0);
            let hint = "name a TrueType (.ttf) file inside the project";
            diags.push(
                Diagnostic::at(Code::Io, &project.config_source, at, message)
                    .with_hint(Some(hint.into())),
            );
            ok = false;
        })
        .unwrap_or_default()
    });
    (Some(paths), ok.then(|| FontBytes(Arc::new(read))))
}

/// One face's bytes, or why it cannot be used.
fn read_one(root: &Path, path: &Path, style: &str) -> Result<Vec<u8>, String> {
    let what = format!("the {style} font `{}`", path.display());
    let (bytes, _) = files::read(root, path, MAX_FONT_BYTES).map_err(|r| r.describe(&what))?;
    crate::pdf::Fonts::check_face(&bytes, style).map_err(|e| format!("{what}: {e}"))?;
    Ok(bytes)
}
