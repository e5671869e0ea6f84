//! What a body may not contain: images without alt text or from outside
//! the paper's folder (links are decided in `crate::link`).

use std::path::{Component, Path, PathBuf};

/// The lower-cased URL scheme, if the reference has one.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let head = &url[..colon];
    let valid = head.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| head.to_ascii_lowercase())
}

/// Resolves an image reference against the paper's folder, refusing anything
/// that is absolute, climbs out with `..`, leaves through a symlink, is missing,
/// or is not PNG/JPEG. Returns the canonical path.
pub(crate) fn image_path(folder: Option<&Path>, url: &str) -> Result<PathBuf, String> {
    if scheme(url).is_some() || url.starts_with("//") {
        return Err("images must be files inside the paper's folder, not URLs".into());
    }
    let Some(folder) = folder else {
        return Err("images need a folder paper: move this paper to papers/<id>/paper.md and the image beside it".into());
    };
    let rel = Path::new(url);
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "image path `{url}` must stay inside the paper's folder (no absolute paths or `..`)"
        ));
    }
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg")) {
        return Err(format!("image `{url}` must be a PNG or JPEG file"));
    }
    let base = folder
        .canonicalize()
        .map_err(|e| format!("cannot read the paper's folder: {e}"))?;
    let full = base
        .join(rel)
        .canonicalize()
        .map_err(|_| format!("image `{url}` does not exist"))?;
    if !full.starts_with(&base) {
        return Err(format!(
            "image `{url}` leads outside the paper's folder through a symlink"
        ));
    }
    Ok(full)
}

/// Where a missing image was looked for (`shown`: the paper's folder as
/// the project names it) and the hint: the nearest image file in the
/// folder, else where to put it.
pub(crate) fn missing_image(folder: &Path, shown: &Path, url: &str) -> (String, String) {
    let looked = shown.join(url).to_string_lossy().replace('\\', "/");
    let mut names: Vec<String> = walkdir::WalkDir::new(folder)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(folder)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let ext = rel.rsplit('.').next()?.to_ascii_lowercase();
            matches!(ext.as_str(), "png" | "jpg" | "jpeg").then_some(rel)
        })
        .collect();
    names.sort();
    let hint = crate::diag::suggest::did_you_mean(url, names.iter().map(String::as_str))
        .unwrap_or_else(|| {
            format!("put the image at {looked}, or correct the path (it is relative to the paper's folder)")
        });
    (format!("looked for {looked}"), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_stay_inside() {
        let dir = std::env::temp_dir();
        assert!(image_path(Some(&dir), "../x.png")
            .unwrap_err()
            .contains("inside"));
        assert!(image_path(Some(&dir), "/etc/x.png")
            .unwrap_err()
            .contains("inside"));
        assert!(image_path(None, "x.png").is_err());
        assert!(image_path(Some(&dir), "x.gif").unwrap_err().contains("PNG"));
    }
}
