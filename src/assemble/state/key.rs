//! The project's secret for signing the build state's record: 32 random
//! bytes in `.boardpaper/key`, created once with mode 0600 (exclusively,
//! never through a symlink) and read through the one door.

use std::collections::BTreeMap;
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Wrote;
use crate::failure::{Failure, Op, Subject, Why};

/// How messages name the key.
const NAMED: Subject = Subject::Named("the state key");

/// The key's file name in `.boardpaper/`.
const FILE: &str = "key";

/// The key's length in bytes.
const LEN: usize = 32;

/// The key in `dir` (`.boardpaper/`), or why it cannot be used.
pub(super) fn load(dir: &Path) -> Result<Vec<u8>, Failure> {
    let failure = |why| Failure::new(Op::Read, dir.join(FILE), why).naming(NAMED);
    let (bytes, _) = crate::project::files::read(dir, Path::new(FILE), LEN as u64)
        .map_err(|r| failure(Why::Refused(r)))?;
    if bytes.len() != LEN {
        return Err(failure(Why::Malformed(format!("is not {LEN} bytes long"))));
    }
    Ok(bytes)
}

/// The key in `dir`, created when there is none.
pub(super) fn load_or_create(dir: &Path) -> Result<Vec<u8>, Failure> {
    if std::fs::symlink_metadata(dir.join(FILE)).is_err() {
        create(dir)?;
    }
    load(dir)
}

/// Creates `dir/key` exclusively, readable by its owner only.
fn create(dir: &Path) -> Result<(), Failure> {
    use std::io::Write;
    let path = dir.join(FILE);
    let mut key = [0u8; LEN];
    getrandom::fill(&mut key).map_err(|e| {
        let why = Why::NoRandomness(e.to_string());
        Failure::new(Op::Create, &path, why).naming(NAMED)
    })?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let cannot = Failure::os(Op::Create, &path);
    match options.open(&path) {
        Ok(mut f) => f.write_all(&key).map_err(cannot),
        // Another build made it meanwhile: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(cannot(e)),
    }
}

/// The MAC of the output folder `out` and the record `written`.
fn mac(key: &[u8], out: &Path, written: &BTreeMap<String, Wrote>) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    let path = out.as_os_str().as_encoded_bytes();
    mac.update(&(path.len() as u64).to_le_bytes());
    mac.update(path);
    mac.update(&serde_json::to_vec(written).unwrap_or_default());
    mac
}

/// The signature (hex) of `written` for the output folder `out`.
pub(super) fn sign(key: &[u8], out: &Path, written: &BTreeMap<String, Wrote>) -> String {
    let tag = mac(key, out, written).finalize().into_bytes();
    tag.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `hex` is the signature of `written` for `out` (compared in
/// constant time).
pub(super) fn verify(key: &[u8], out: &Path, written: &BTreeMap<String, Wrote>, hex: &str) -> bool {
    let Some(tag) = unhex(hex) else {
        return false;
    };
    mac(key, out, written).verify_slice(&tag).is_ok()
}

fn unhex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) || !hex.is_ascii() {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(sha: &str) -> BTreeMap<String, Wrote> {
        let w = Wrote {
            sha256: sha.into(),
            ..Wrote::default()
        };
        BTreeMap::from([("lpt/a.pdf".to_string(), w)])
    }

    #[test]
    fn a_signature_holds_for_its_key_folder_and_record_only() {
        let (k1, k2) = ([1u8; LEN], [2u8; LEN]);
        let out = Path::new("/p/build");
        let sig = sign(&k1, out, &record("aa"));
        assert!(verify(&k1, out, &record("aa"), &sig));
        assert!(!verify(&k2, out, &record("aa"), &sig));
        assert!(!verify(&k1, Path::new("/p/other"), &record("aa"), &sig));
        assert!(!verify(&k1, out, &record("ab"), &sig));
        assert!(!verify(&k1, out, &record("aa"), ""));
        assert!(!verify(&k1, out, &record("aa"), "zz"));
    }

    #[cfg(unix)]
    #[test]
    fn the_key_is_created_once_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let k = load_or_create(d.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(k.len(), LEN);
        let mode = std::fs::metadata(d.path().join(FILE)).map(|m| m.permissions().mode());
        assert_eq!(mode.ok().map(|m| m & 0o777), Some(0o600));
        assert_eq!(load_or_create(d.path()).ok(), Some(k));
    }
}
