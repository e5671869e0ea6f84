//! What the preview's server modules share, so that their imports point one
//! way (`server` → `http`, `target` → `reply`): one reply, and the limit on
//! a request target.

/// The longest request target answered (longer: 414).
pub(crate) const MAX_TARGET: usize = 8 * 1024;

/// One reply.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    pub(crate) location: Option<String>,
}

impl Reply {
    pub(crate) fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    pub(crate) fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}
