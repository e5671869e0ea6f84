//! What a build makes of each variant once and shares between the
//! variant's own outputs and the board packs that hold it: the resolved
//! document (with its fingerprint) and the laid-out paper
//! ([`pdf::LaidOut`]). Each is made by whichever output first needs it
//! (the paper's PDF, or a pack the cache could not reuse), never before:
//! a variant whose outputs and packs are all unchanged is neither resolved
//! nor laid out. Each variant's share is dropped once every output that
//! may use it is done, so memory holds only the variants in progress.
//!
//! Making a value holds that variant's lock, so another thread wanting the
//! same value waits for it rather than making it again; nothing made under
//! a lock runs parallel work (resolving and layout are sequential), so a
//! waiting thread never holds what the maker needs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::assemble::cache::{self, Fingerprint};
use crate::pdf;
use crate::resolve::Resolved;

/// A variant resolved: the document and its problems, and the document's
/// fingerprint (`None` when it failed to resolve).
pub(crate) struct Variant {
    pub(crate) resolved: Resolved,
    pub(crate) print: Option<Fingerprint>,
}

impl Variant {
    /// `resolved` with its fingerprint.
    pub(crate) fn new(resolved: Resolved) -> Variant {
        let print = resolved.doc.as_ref().map(cache::fingerprint);
        Variant { resolved, print }
    }
}

/// One variant's share: how many outputs may still use it, and what has
/// been made of it so far.
#[derive(Default)]
struct Slot {
    users: AtomicUsize,
    variant: Mutex<Option<Arc<Variant>>>,
    laid: Mutex<Option<Arc<pdf::LaidOut>>>,
}

/// Every variant's share for one build, by trust then paper id.
#[derive(Default)]
pub(crate) struct Shared {
    slots: HashMap<String, HashMap<String, Slot>>,
    /// How many papers were laid out, and in how many passes.
    laid: AtomicUsize,
    passes: AtomicUsize,
}

impl Shared {
    /// The shares of the variants `uses` names, (trust, paper) once per
    /// output that may use the variant (its own outputs, each pack).
    pub(crate) fn new<'a>(uses: impl IntoIterator<Item = (&'a str, &'a str)>) -> Shared {
        let mut slots: HashMap<String, HashMap<String, Slot>> = HashMap::new();
        for (trust, paper) in uses {
            let slot = slots
                .entry(trust.to_owned())
                .or_default()
                .entry(paper.to_owned())
                .or_default();
            *slot.users.get_mut() += 1;
        }
        Shared {
            slots,
            ..Shared::default()
        }
    }

    fn slot(&self, trust: &str, paper: &str) -> Option<&Slot> {
        self.slots.get(trust)?.get(paper)
    }

    /// The variant resolved, by `make` if nothing has resolved it yet.
    pub(crate) fn variant(
        &self,
        (trust, paper): (&str, &str),
        make: impl FnOnce() -> Resolved,
    ) -> Arc<Variant> {
        let make = || Variant::new(make());
        match self.slot(trust, paper) {
            Some(slot) => memo(&slot.variant, make),
            None => Arc::new(make()),
        }
    }

    /// The variant's paper laid out, by `make` if nothing has laid it out
    /// yet.
    pub(crate) fn laid(
        &self,
        (trust, paper): (&str, &str),
        make: impl FnOnce() -> pdf::LaidOut,
    ) -> Arc<pdf::LaidOut> {
        let make = || {
            let laid = make();
            self.laid.fetch_add(1, Ordering::Relaxed);
            self.passes.fetch_add(laid.passes(), Ordering::Relaxed);
            laid
        };
        match self.slot(trust, paper) {
            Some(slot) => memo(&slot.laid, make),
            None => Arc::new(make()),
        }
    }

    /// One output that may use the variant is done with it: the last one
    /// drops what was made of it.
    pub(crate) fn release(&self, trust: &str, paper: &str) {
        let Some(slot) = self.slot(trust, paper) else {
            return;
        };
        if slot.users.fetch_sub(1, Ordering::AcqRel) == 1 {
            take(&slot.variant);
            take(&slot.laid);
        }
    }

    /// Papers laid out in this build, and the layout passes they took.
    pub(crate) fn layouts(&self) -> (usize, usize) {
        (
            self.laid.load(Ordering::Relaxed),
            self.passes.load(Ordering::Relaxed),
        )
    }
}

/// The value in `cell`, made by `make` (under the lock) if there is none.
fn memo<T>(cell: &Mutex<Option<Arc<T>>>, make: impl FnOnce() -> T) -> Arc<T> {
    let mut held = cell.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = &*held {
        return Arc::clone(v);
    }
    let v = Arc::new(make());
    *held = Some(Arc::clone(&v));
    v
}

/// Drops the value in `cell`.
fn take<T>(cell: &Mutex<Option<Arc<T>>>) {
    cell.lock().unwrap_or_else(|e| e.into_inner()).take();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved() -> Resolved {
        Resolved {
            doc: None,
            diags: Vec::new(),
        }
    }

    #[test]
    fn a_variant_is_made_once_and_dropped_after_its_last_user() {
        let shared = Shared::new([("t1", "p1"), ("t1", "p1")]);
        let made = AtomicUsize::new(0);
        let make = || {
            made.fetch_add(1, Ordering::Relaxed);
            resolved()
        };
        let a = shared.variant(("t1", "p1"), make);
        let b = shared.variant(("t1", "p1"), make);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(made.load(Ordering::Relaxed), 1);
        shared.release("t1", "p1");
        assert!(shared
            .slot("t1", "p1")
            .unwrap()
            .variant
            .lock()
            .unwrap()
            .is_some());
        shared.release("t1", "p1");
        assert!(shared
            .slot("t1", "p1")
            .unwrap()
            .variant
            .lock()
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_variant_no_output_declared_is_made_each_time() {
        let shared = Shared::new([]);
        let made = AtomicUsize::new(0);
        let make = || {
            made.fetch_add(1, Ordering::Relaxed);
            resolved()
        };
        shared.variant(("t1", "p1"), make);
        shared.variant(("t1", "p1"), make);
        assert_eq!(made.load(Ordering::Relaxed), 2);
        shared.release("t1", "p1");
    }
}
