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
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// How much the parser may build from one document.
pub struct Limits {
    pub elements: usize,
    pub attributes: usize,
    /// Bytes of attributes' names and values, copies included.
    pub attribute_bytes: usize,
    pub depth: usize,
    /// Siblings the sanitiser's tree walks past to put a node before another or take it out
    /// (ammonia's tree finds a node among its parent's children one by one).
    pub sibling_steps: usize,
}

impl Limits {
    /// What an input of this size may build: an element per two bytes (real HTML has one per ten
    /// or more; `<br>` alone, one per four), as many attributes as its bytes could spell, twice
    /// its bytes in attributes' names and values (a `<font face=…>` left open is re-created in
    /// each later paragraph), the nesting bound three times over, and eight sibling steps per byte.
    /// Plus a little for short inputs.
    pub fn for_input(html: &str, max_depth: usize) -> Limits {
        let n = html.len();
        Limits {
            elements: n / 2 + 1024,
            attributes: n / 2 + 1024,
            attribute_bytes: 2 * n + 4096,
            depth: 3 * max_depth,
            sibling_steps: 8 * n + 65_536,
        }
    }
}

/// Whether parsing `html` as the sanitiser does (a fragment in a `<div>`) stays within `limits`.
/// Stops as soon as it does not, so its own time and memory are bounded by the limits: the
/// parser's work on a token grows with the depth of the element it goes into, which is bounded,
/// and this tree puts and takes nodes in constant time.
pub fn within(html: &str, limits: Limits) -> bool {
    let sink = Counter {
        limits,
        elements: Cell::new(0),
        attributes: Cell::new(0),
        attribute_bytes: Cell::new(0),
        sibling_steps: Cell::new(0),
        document: Node::new(None),
    };
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

/// A node of the tree, without its text or attributes: its parent, so that an element's depth is
/// its real depth once the parser has moved it (the adoption agency puts a block under a copy of
/// a formatting element before placing that copy; a template's contents hang from the template),
/// and what the parser asks of an element.
struct Node {
    /// None for the document, a comment, a template's contents.
    name: Option<QualName>,
    parent: RefCell<Weak<Node>>,
    /// Children put here, some since moved away (their `parent` says where they are now): kept
    /// for `reparent_children`, without the cost of finding a child among them to take it out.
    children: RefCell<Vec<Handle>>,
    template: Option<Handle>,
    mathml_annotation_xml_integration_point: bool,
}

impl Node {
    fn new(name: Option<QualName>) -> Handle {
        Rc::new(Node { name, parent: RefCell::new(Weak::new()), children: RefCell::new(vec![]), template: None, mathml_annotation_xml_integration_point: false })
    }

    fn is_child_of(&self, parent: &Handle) -> bool {
        std::ptr::eq(self.parent.borrow().as_ptr(), Rc::as_ptr(parent))
    }
}

/// Dropped without recursion, however deep the tree.
impl Drop for Node {
    fn drop(&mut self) {
        let mut stack = std::mem::take(self.children.get_mut());
        stack.extend(self.template.take());
        while let Some(node) = stack.pop() {
            if let Ok(mut node) = Rc::try_unwrap(node) {
                stack.append(node.children.get_mut());
                stack.extend(node.template.take());
            }
        }
    }
}

type Handle = Rc<Node>;

struct Counter {
    limits: Limits,
    elements: Cell<usize>,
    attributes: Cell<usize>,
    attribute_bytes: Cell<usize>,
    sibling_steps: Cell<usize>,
    document: Handle,
}

impl Counter {
    fn too_much(&self) -> ! {
        std::panic::resume_unwind(Box::new(TooMuch))
    }

    fn add(&self, counter: &Cell<usize>, n: usize, limit: usize) {
        counter.set(counter.get().saturating_add(n));
        if counter.get() > limit {
            self.too_much()
        }
    }

    fn count_attributes(&self, attrs: &[Attribute]) {
        self.add(&self.attributes, attrs.len(), self.limits.attributes);
        let bytes = attrs.iter().map(|a| a.name.local.len() + a.value.len()).sum();
        self.add(&self.attribute_bytes, bytes, self.limits.attribute_bytes);
    }

    /// What ammonia's tree pays to find a node among `parent`'s children.
    fn siblings_walked(&self, parent: &Handle) {
        self.add(&self.sibling_steps, parent.children.borrow().len(), self.limits.sibling_steps);
    }

    /// `node`'s depth, counted up its parents: past the limit, the parse stops.
    fn check_depth(&self, node: &Handle) {
        let mut at = node.parent.borrow().upgrade();
        let mut depth = 0;
        while let Some(n) = at {
            depth += 1;
            if depth > self.limits.depth {
                self.too_much()
            }
            at = n.parent.borrow().upgrade();
        }
    }

    fn detach(&self, node: &Handle) {
        if let Some(parent) = node.parent.replace(Weak::new()).upgrade() {
            self.siblings_walked(&parent);
        }
    }

    fn place(&self, parent: &Handle, child: NodeOrText<Handle>) {
        if let NodeOrText::AppendNode(child) = child {
            if child.parent.borrow().upgrade().is_some() {
                self.detach(&child);
            }
            *child.parent.borrow_mut() = Rc::downgrade(parent);
            parent.children.borrow_mut().push(child.clone());
            self.check_depth(&child);
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
        self.count_attributes(&attrs);
        let contents = flags.template.then(|| Node::new(None));
        let node = Rc::new(Node {
            name: Some(name),
            parent: RefCell::new(Weak::new()),
            children: RefCell::new(vec![]),
            template: contents.clone(),
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        });
        if let Some(contents) = contents {
            *contents.parent.borrow_mut() = Rc::downgrade(&node);
        }
        node
    }

    fn create_comment(&self, _: StrTendril) -> Handle {
        Node::new(None)
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> Handle {
        Node::new(None)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.place(parent, child);
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        if element.parent.borrow().upgrade().is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
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
        let Some(parent) = sibling.parent.borrow().upgrade() else { return };
        // Where among the children does not change a depth; finding it is what costs.
        self.siblings_walked(&parent);
        self.place(&parent, new_node);
    }

    fn add_attrs_if_missing(&self, _: &Handle, attrs: Vec<Attribute>) {
        self.count_attributes(&attrs);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let moved: Vec<Handle> = std::mem::take(&mut *node.children.borrow_mut()).into_iter().filter(|c| c.is_child_of(node)).collect();
        for child in &moved {
            *child.parent.borrow_mut() = Rc::downgrade(new_parent);
        }
        new_parent.children.borrow_mut().extend(moved.iter().cloned());
        if let Some(child) = moved.first() {
            self.check_depth(child);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        handle.mathml_annotation_xml_integration_point
    }
}
