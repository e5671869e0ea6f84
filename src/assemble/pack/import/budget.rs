//! A memory budget for reading the files of one build (or one file). lopdf parses every object of
//! the file up front into values of 120 bytes each (a number written in
//! two bytes becomes one), including the objects packed in compressed
//! object streams, so a small file can unpack into millions of them; its
//! `max_decompressed_size` bounds one stream, not how many there are.
//!
//! Two checks: before parsing, [`tokens`] counts what lopdf would make an
//! object of outside stream data, and a file with more than
//! [`MAX_TOKENS`] is refused; while parsing, every object passes through
//! [`keep`] (lopdf's load filter), which charges its size to the budget of
//! the reading thread and drops objects once it is spent; [`within`] then
//! says the file was too large to read.
//!
//! The budget is per thread because lopdf's load filter is a plain `fn`
//! and loads on the calling thread (its `rayon` feature, which would load
//! on other threads, is off; there the budget would be zero and every
//! file would read as empty, so the tests would catch it).

use std::cell::Cell;

use lopdf::{Object, ObjectId};

/// Bytes the objects of the files one build imports may take in memory.
pub(crate) const BUDGET: usize = 160 * 1024 * 1024;
/// The most tokens (numbers, names, brackets…) outside stream data: a
/// thousand-page paper has a few hundred thousand.
pub(super) const MAX_TOKENS: usize = 1_500_000;
/// What lopdf holds per object, and per dictionary entry besides.
const OBJECT: usize = std::mem::size_of::<Object>();
const ENTRY: usize = 40;

thread_local! {
    /// Units left for the file being read on this thread, and whether
    /// an object was dropped for want of them.
    static LEFT: Cell<(usize, bool)> = const { Cell::new((0, false)) };
}

/// Runs `read` with the budget `budget` (what is left of it afterwards
/// goes back there); `Err(())` when it ran out.
pub(super) fn within<T>(budget: &mut usize, read: impl FnOnce() -> T) -> Result<T, ()> {
    LEFT.with(|left| left.set((*budget, false)));
    let out = read();
    let (rest, over) = LEFT.with(|left| left.replace((0, false)));
    *budget = rest;
    if over {
        Err(())
    } else {
        Ok(out)
    }
}

/// lopdf's load filter: keeps `obj` while the budget lasts.
pub(super) fn keep(id: ObjectId, obj: &mut Object) -> Option<(ObjectId, Object)> {
    let cost = units(obj);
    LEFT.with(|left| {
        let (units_left, over) = left.get();
        match units_left.checked_sub(cost) {
            Some(rest) if !over => {
                left.set((rest, false));
                // lopdf keeps `obj` itself for most objects and the
                // returned copy for those in object streams.
                Some((id, obj.clone()))
            }
            _ => {
                left.set((0, true));
                None
            }
        }
    })
}

/// The bytes `obj` takes (lopdf's parser nests at most about 100 levels,
/// so the recursion is bounded).
fn units(obj: &Object) -> usize {
    OBJECT
        + match obj {
            Object::Name(n) | Object::String(n, _) => n.len(),
            Object::Array(items) => items.iter().map(units).sum(),
            Object::Dictionary(d) => entries(d),
            Object::Stream(s) => s.content.len() + entries(&s.dict),
            _ => 0,
        }
}

/// The bytes a dictionary's entries take.
fn entries(d: &lopdf::Dictionary) -> usize {
    d.iter().map(|(k, v)| ENTRY + k.len() + units(v)).sum()
}

/// The tokens of `bytes` outside stream data (from a line ending in
/// `stream` to the next `endstream`): each becomes an object when lopdf
/// parses the file.
pub(super) fn tokens(bytes: &[u8]) -> usize {
    const DELIMITERS: &[u8] = b"()<>[]{}/%";
    let mut count = 0;
    let mut in_token = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b's' && !in_token && bytes[i..].starts_with(b"stream") {
            let end = bytes[i..].windows(9).position(|w| w == b"endstream");
            if let Some(end) = end {
                i += end + 9;
                count += 2;
                continue;
            }
        }
        let regular = !b.is_ascii_whitespace() && !DELIMITERS.contains(&b);
        if !regular && b"[<(/".contains(&b) {
            count += 1;
        }
        count += usize::from(regular && !in_token);
        in_token = regular;
        i += 1;
    }
    count
}
