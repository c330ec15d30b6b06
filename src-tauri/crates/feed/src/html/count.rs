//! What the HTML parser would build from a document, counted and not kept: the check that runs
//! before the sanitiser builds its tree.
//!
//! The parser builds more than the input holds when formatting elements (`<b>`, `<i>`, `<font>`,
//! ...) are left open: the HTML standard has it re-create every one of them, at every later run
//! of text and every later formatting tag ("reconstruct the active formatting elements"). Each
//! with its own attributes, so that no two are alike (identical ones are kept three times at most),
//! they add up to the square of their number: `<p><b id=N>x</p>` repeated 4,000 times (75 KB) made
//! the sanitiser build a tree of 2 GB in 6 s, and 20,000 `<p><b id=N></p>` (370 KB) passed 20 GB.
//! Browsers do the same. This parse counts the elements, attributes and depth the real one would
//! build, with no tree behind them, and stops at the first that passes its limit.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, parse_fragment, Attribute, ExpandedName, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::Cell;
use std::rc::Rc;

/// How much the parser may build from one document.
pub struct Limits {
    pub elements: usize,
    pub attributes: usize,
    pub depth: usize,
}

impl Limits {
    /// What an input of this size may build: twice its tags in elements (the parser adds a few it
    /// implies, a `<tbody>`, a `<p>` for a stray `</p>`, and re-creates a formatting element left
    /// open across a paragraph or two), as many attributes as its bytes could spell, and the
    /// depth bound three times over. Plus a little for short inputs.
    pub fn for_input(html: &str, max_depth: usize) -> Limits {
        let tags = html.bytes().filter(|&b| b == b'<').count();
        Limits { elements: 2 * tags + 1024, attributes: html.len() / 2 + 1024, depth: 3 * max_depth }
    }
}

/// Whether parsing `html` as the sanitiser does (a fragment in a `<div>`) stays within `limits`.
/// Stops as soon as it does not, so its own time and memory are bounded by the limits.
pub fn within(html: &str, limits: Limits) -> bool {
    let sink = Counter { limits, elements: Cell::new(0), attributes: Cell::new(0), document: Node::other() };
    let parse = move || {
        let context = QualName::new(None, ns!(html), local_name!("div"));
        parse_fragment(sink, ParseOpts::default(), context, vec![], false).one(StrTendril::from(html));
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)) {
        Ok(()) => true,
        Err(e) if e.is::<TooMuch>() => false,
        Err(e) => std::panic::resume_unwind(e),
    }
}

/// Unwinds out of the parser when a limit is passed (`resume_unwind` runs no panic hook: nothing
/// is printed or reported); `within` catches it.
struct TooMuch;

struct Node {
    /// None for the document, a comment, a template's contents.
    name: Option<QualName>,
    depth: Cell<usize>,
    template: Option<Handle>,
    mathml_annotation_xml_integration_point: bool,
}

impl Node {
    fn other() -> Handle {
        Rc::new(Node { name: None, depth: Cell::new(0), template: None, mathml_annotation_xml_integration_point: false })
    }
}

type Handle = Rc<Node>;

struct Counter {
    limits: Limits,
    elements: Cell<usize>,
    attributes: Cell<usize>,
    document: Handle,
}

impl Counter {
    fn too_much(&self) -> ! {
        std::panic::resume_unwind(Box::new(TooMuch))
    }

    fn count_attributes(&self, n: usize) {
        self.attributes.set(self.attributes.get() + n);
        if self.attributes.get() > self.limits.attributes {
            self.too_much()
        }
    }

    fn placed(&self, child: NodeOrText<Handle>, depth: usize) {
        if let NodeOrText::AppendNode(child) = child {
            child.depth.set(depth);
            if depth > self.limits.depth {
                self.too_much()
            }
        }
    }
}

impl TreeSink for Counter {
    type Handle = Handle;
    type Output = ();
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) {}

    fn parse_error(&self, _: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target.name.as_ref().expect("the parser asks only an element's name").expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.elements.set(self.elements.get() + 1);
        if self.elements.get() > self.limits.elements {
            self.too_much()
        }
        self.count_attributes(attrs.len());
        Rc::new(Node {
            name: Some(name),
            depth: Cell::new(0),
            template: flags.template.then(Node::other),
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, _: StrTendril) -> Handle {
        Node::other()
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> Handle {
        Node::other()
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.placed(child, parent.depth.get() + 1);
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        // Beside `element` when it has a parent, else in `prev_element`: the deeper of the two.
        self.placed(child, element.depth.get().max(prev_element.depth.get() + 1));
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        target.template.clone().expect("the parser asks only a template's contents")
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.placed(new_node, sibling.depth.get());
    }

    fn add_attrs_if_missing(&self, _: &Handle, attrs: Vec<Attribute>) {
        self.count_attributes(attrs.len());
    }

    fn remove_from_parent(&self, _: &Handle) {}

    fn reparent_children(&self, _: &Handle, _: &Handle) {}

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        handle.mathml_annotation_xml_integration_point
    }
}
