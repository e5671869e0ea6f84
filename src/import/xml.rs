//! One XML part of a .docx read into a small element tree, under bounds.
//!
//! quick-xml does the tokenising; this file keeps it honest: a DOCTYPE (and
//! with it every entity declaration, the "billion laughs" and external
//! entities) is refused outright, an entity reference other than XML's five
//! and character references is refused, and the depth of nesting and the
//! number of nodes are capped, so a hostile part cannot exhaust the stack
//! (the walkers that read the tree recurse) or memory. Names are kept by
//! their local part (`w:p` is `p`): Word, LibreOffice and Pandoc all bind
//! the WordprocessingML namespaces, and the local names this importer reads
//! do not collide where it reads them.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The deepest element nesting a part may have.
pub(crate) const MAX_DEPTH: usize = 256;
/// The most elements and text nodes one part may hold.
pub(crate) const MAX_NODES: usize = 2_000_000;

/// An element: its local name, attributes (local names) and children.
#[derive(Debug, Default, Clone)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of attribute `name` (local name).
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element named `name` anywhere below (depth first).
    pub(crate) fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find_map(|e| {
            if e.name == name {
                Some(e)
            } else {
                e.find(name)
            }
        })
    }

    /// The text directly inside (not in child elements).
    pub(crate) fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// `w:val` of the child `name` (`<w:pStyle w:val="Heading1"/>`).
    pub(crate) fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// Whether a toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
    pub(crate) fn toggle(&self, name: &str) -> Option<bool> {
        self.child(name)
            .map(|c| !matches!(c.attr("val"), Some("0" | "false" | "off" | "none")))
    }
}

/// Parses `bytes` (the part `part`) into its root element, or says why not
/// (with the byte offset where it went wrong).
pub(crate) fn parse(bytes: &[u8], part: &str) -> Result<Element, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("{part} is not UTF-8 (byte {})", e.valid_up_to()))?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut nodes = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| format!("{part}, byte {at}: {e}"))?;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(format!(
                "{part}, byte {at}: more than {MAX_NODES} XML nodes"
            ));
        }
        if matches!(event, Event::Eof) {
            break;
        }
        take(event, &mut stack).map_err(|m| format!("{part}, byte {at}: {m}"))?;
    }
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| format!("{part} has no root element"))
}

/// Adds one event to the tree being built (`stack`: the open elements).
fn take(event: Event<'_>, stack: &mut Vec<Element>) -> Result<(), String> {
    match event {
        Event::Start(e) => {
            if stack.len() > MAX_DEPTH {
                return Err(format!("XML nested more than {MAX_DEPTH} deep"));
            }
            stack.push(element(&e)?);
        }
        Event::Empty(e) => push(stack, Node::Element(element(&e)?)),
        Event::End(_) => {
            let done = stack.pop().unwrap_or_default();
            push(stack, Node::Element(done));
        }
        Event::Text(t) => push_text(stack, &t.xml10_content()),
        Event::CData(t) => push_text(stack, &t.xml10_content()),
        Event::GeneralRef(r) => {
            let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                Some(c) => c.to_string(),
                None => predefined(&r.xml10_content())
                    .ok_or_else(|| format!("unknown entity `&{};`", r.xml10_content()))?
                    .to_owned(),
            };
            push_text(stack, &c);
        }
        Event::DocType(_) => {
            return Err("a DOCTYPE (entity declarations): refused, Word never writes one".into())
        }
        Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::Eof => {}
    }
    Ok(())
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], t: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(t);
        } else {
            top.children.push(Node::Text(t.to_owned()));
        }
    }
}

/// XML's five predefined entities.
fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

fn element(e: &BytesStart<'_>) -> Result<Element, String> {
    let name = e.local_name().as_ref().to_owned();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = a.key.local_name().as_ref().to_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_text_and_entities() {
        let root = parse(b"<w:p a:x='1'><w:t>a &amp; b &#x41;</w:t></w:p>", "t");
        let root = root.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(root.name, "p");
        assert_eq!(root.attr("x"), Some("1"));
        assert_eq!(
            root.child("t").map(Element::text).as_deref(),
            Some("a & b A")
        );
    }

    #[test]
    fn refuses_doctypes_unknown_entities_and_depth() {
        let bomb = b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>";
        assert!(parse(bomb, "t").is_err_and(|e| e.contains("DOCTYPE")));
        assert!(parse(b"<x>&a;</x>", "t").is_err_and(|e| e.contains("unknown entity")));
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        assert!(parse(deep.as_bytes(), "t").is_err_and(|e| e.contains("nested")));
    }
}
