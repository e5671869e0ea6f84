//! A memory budget for reading one file. lopdf parses every object of
//! the file up front, including those packed in compressed object
//! streams, so a small file can unpack into millions of objects; its
//! `max_decompressed_size` bounds one stream, not how many there are.
//! Every object lopdf parses passes through [`keep`] (its load filter),
//! which charges the object's size to the budget of the reading thread
//! and drops objects once it is spent; [`within`] then says the file was
//! too large to read.
//!
//! The budget is per thread because lopdf's load filter is a plain `fn`
//! and loads on the calling thread (its `rayon` feature, which would load
//! on other threads, is off; there the budget would be zero and every
//! file would read as empty, so the tests would catch it).

use std::cell::Cell;

use lopdf::{Object, ObjectId};

/// Units one file may use: about 64 bytes each (an object, a dictionary
/// entry, or 64 bytes of string or stream data), so some 250 MB at most.
pub(super) const BUDGET: usize = 4_000_000;

thread_local! {
    /// Units left for the file being read on this thread, and whether
    /// an object was dropped for want of them.
    static LEFT: Cell<(usize, bool)> = const { Cell::new((0, false)) };
}

/// Runs `read` with a fresh budget; `Err(())` when it ran out.
pub(super) fn within<T>(read: impl FnOnce() -> T) -> Result<T, ()> {
    LEFT.with(|left| left.set((BUDGET, false)));
    let out = read();
    let (_, over) = LEFT.with(|left| left.replace((0, false)));
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

/// The size of `obj` in units (lopdf's parser nests at most about 100
/// levels, so the recursion is bounded).
fn units(obj: &Object) -> usize {
    let bytes = |n: usize| n / 64;
    1 + match obj {
        Object::Name(n) | Object::String(n, _) => bytes(n.len()),
        Object::Array(items) => items.iter().map(units).sum(),
        Object::Dictionary(d) => entries(d),
        Object::Stream(s) => bytes(s.content.len()) + entries(&s.dict),
        _ => 0,
    }
}

/// A dictionary's entries in units: one each, with its key and value.
fn entries(d: &lopdf::Dictionary) -> usize {
    d.iter().map(|(k, v)| k.len() / 64 + units(v)).sum()
}
