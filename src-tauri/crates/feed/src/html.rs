//! Feed HTML is untrusted. Everything that reaches the store passes through [`sanitize`]: a small
//! allowlist (design.md, security boundaries): no script, style, svg, math, iframe, form, object or
//! embed; links only to https and mailto.

use ammonia::Builder;
use pulldown_cmark::{html::push_html, Options, Parser};
use std::collections::HashSet;
use std::sync::OnceLock;

mod count;
mod tags;

pub use tags::{cap_attributes, MAX_ATTRIBUTES};
use tags::{replace_tags, Edit, RAW_TEXT};
#[cfg(test)]
use tags::{Scan, Tags};

fn cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = allowlist();
        // Relative URLs have no meaning once the document is on a laptop: drop them.
        b.url_relative(ammonia::UrlRelative::Deny);
        b
    })
}

/// The allowlist both cleaners share.
fn allowlist() -> Builder<'static> {
    {
        let tags: HashSet<&str> = [
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
            "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "abbr", "cite", "q", "code",
            "pre", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr",
            "th", "td", "caption", "dl", "dt", "dd", "span", "div",
        ]
        .into_iter()
        .collect();
        let mut b = Builder::empty();
        b.tags(tags)
            .add_tag_attributes("a", ["href", "title"])
            .add_tag_attributes("img", ["src", "alt", "title", "width", "height"])
            .add_tag_attributes("abbr", ["title"])
            .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(["https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        b
    }
}

/// Elements nested deeper than this are unwrapped (their text kept) before the HTML parser sees
/// them. Real documents stay under 30; html5ever's tree builder checks the open elements on
/// every tag, so its cost grows with depth times tags: 80,000 nested `<div>`s took 66 s of CPU
/// to sanitise and 200,000 did not finish in 300 s (#17 item 10).
pub const MAX_DEPTH: usize = 100;

/// The formatting elements, which the parser re-creates when they are left open (see `count`),
/// `a` last: a link left open is re-created too, but only one at a time (a new `<a>` ends the
/// last), so the first fallback keeps links.
const FORMATTING: &[&str] = &["b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u", "a"];

/// Elements that never have content, so never nest.
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// The open elements a start tag `new` ends implicitly, as the HTML parser does (`<p>a<p>b`,
/// `<li>`, table cells and rows, a block after an open paragraph), so that siblings are not
/// counted as nesting.
fn implicitly_ended_by(new: &str) -> &'static [&'static str] {
    match new {
        "li" => &["li", "p"],
        "dt" | "dd" => &["dt", "dd", "p"],
        "tr" => &["td", "th", "tr"],
        "td" | "th" => &["td", "th"],
        "tbody" | "thead" | "tfoot" => &["td", "th", "tr", "tbody", "thead", "tfoot"],
        "option" => &["option"],
        "p" | "div" | "ul" | "ol" | "dl" | "table" | "blockquote" | "pre" | "figure" | "hr" | "h1" | "h2" | "h3" | "h4"
        | "h5" | "h6" => &["p"],
        _ => &[],
    }
}

/// Unwrap every element nested deeper than `max`: its start and end tags are left out, its text
/// and shallower elements kept. One pass, in time linear in the input times `max` at worst; the
/// result is then parsed by the sanitiser in time linear in its size. Input that needs nothing
/// is returned as it is.
pub fn bound_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let open: std::cell::RefCell<Vec<String>> = Default::default();
    // Start tags left out, not yet matched by an end tag that was left out too.
    let mut dropped = 0usize;
    // Inside `<svg>` or `<math>`, `<style>` and the like are ordinary elements (roughly: the
    // parser leaves foreign content at some HTML tags too; what this reads wrong, the count of
    // what the parser builds catches).
    let in_foreign = |open: &[String]| open.iter().any(|n| n == "svg" || n == "math");
    replace_tags(
        html,
        |tag| {
            let mut open = open.borrow_mut();
            let name = tag.name.to_ascii_lowercase();
            // A fragment's `<html>` and `<body>` only add their attributes to elements the
            // sanitiser drops, and ammonia's tree compares each added one with all before it
            // (quadratic in `<html a1/>`, `<html a2/>`, ...): left out, with `<head>`.
            if matches!(name.as_str(), "html" | "head" | "body") {
                return Edit::Replace("");
            }
            let keep = if tag.closing {
                if dropped > 0 {
                    dropped -= 1;
                    false
                } else {
                    close(&mut open, &name);
                    true
                }
            } else if VOID.contains(&name.as_str()) || tag.self_closing {
                true
            } else {
                let ended = implicitly_ended_by(&name);
                while open.last().is_some_and(|top| ended.contains(&top.as_str())) {
                    open.pop();
                }
                if open.len() >= max {
                    dropped += 1;
                    false
                } else {
                    if in_foreign(&open) || !RAW_TEXT.contains(&name.as_str()) {
                        open.push(name);
                    }
                    true
                }
            };
            if keep { Edit::Keep } else { Edit::Replace("") }
        },
        |_| !in_foreign(&open.borrow()),
    )
}

/// Elements the HTML parser treats as "special": an end tag for an inline element never closes
/// past one of them (the spec's "any other end tag" steps), while an end tag for one of them
/// closes what is open inside it.
const SPECIAL: &[&str] = &[
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dir", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];

/// An end tag as the parser takes it: a special element's closes everything open inside it; any
/// other element's closes it only if no special element is open above it (else it is ignored, as
/// `</span>` is inside a `<div>`). Counting it closed when the parser keeps it open would let
/// nesting past the bound through (`<span><div></span>` repeated).
fn close(open: &mut Vec<String>, name: &str) {
    if SPECIAL.contains(&name) {
        if let Some(at) = open.iter().rposition(|n| n == name) {
            open.truncate(at);
        }
        return;
    }
    for at in (0..open.len()).rev() {
        if open[at] == name {
            open.truncate(at);
            return;
        }
        if SPECIAL.contains(&open[at].as_str()) {
            return;
        }
    }
}

/// Whether a test has switched off one of the reader's three layers of defence:
/// `PEERLIB_TEST_LAYERS_OFF` names some of `sanitizer`, `csp` and `sandbox`, comma-separated. The
/// end-to-end XSS test (tests/e2e/xss.test.mjs) uses it to show that the layers left on hold alone.
/// Only debug builds read it: in a release build this is `false` and the variable is never looked at.
pub fn test_layer_off(layer: &str) -> bool {
    #[cfg(debug_assertions)]
    {
        std::env::var("PEERLIB_TEST_LAYERS_OFF").is_ok_and(|v| v.split(',').any(|l| l.trim() == layer))
    }
    #[cfg(not(debug_assertions))]
    {
        let _ = layer;
        false
    }
}

/// Sanitise untrusted HTML to the allowlist.
pub fn sanitize(html: &str) -> String {
    if test_layer_off("sanitizer") {
        return html.to_string();
    }
    to_fixpoint(html, |h| clean_bounded(cleaner(), h))
}

/// Clean `html` with `b`, never letting the parser build a tree much larger than the input,
/// nor spend more than linear time on it. The input is shaped first: a tag of too many attributes
/// made text (`cap_attributes`), nesting bounded (`bound_depth`). If what the parser would build
/// from it still passes `count`'s limits (a crafted document, or the sloppiest real one), it is
/// cleaned without its formatting elements but links (bold, italics and the like lost; text and
/// links kept), then without links too, which leaves the parser nothing to re-create; should even
/// that pass the limits, as its text alone.
fn clean_bounded(b: &Builder, html: &str) -> String {
    let capped = cap_attributes(html);
    let shaped = bound_depth(&capped, MAX_DEPTH);
    if builds_a_bounded_tree(&shaped) {
        return b.clean(&shaped).to_string();
    }
    for names in [&FORMATTING[..FORMATTING.len() - 1], FORMATTING] {
        let plain = replace_tags(&shaped, |t| if names.contains(&t.name.to_ascii_lowercase().as_str()) { Edit::Replace("") } else { Edit::Keep }, |_| true);
        if builds_a_bounded_tree(&plain) {
            return b.clean(&plain).to_string();
        }
    }
    let text = text_only(&shaped);
    if builds_a_bounded_tree(&text) {
        return b.clean(&text).to_string();
    }
    // Text whose parse would still pass the limits (comments and the like): escaped whole.
    escape(&text)
}

/// `text` as HTML that shows it, every `<`, `>` and `&` escaped.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Whether the HTML parser would build a tree within `count`'s limits from `html` (what the
/// sanitiser checks of each document it cleans; public for the benchmark of its cost).
pub fn builds_a_bounded_tree(html: &str) -> bool {
    count::within(html, count::Limits::for_input(html, MAX_DEPTH))
}

/// The text of `html` with no element left but a line break where a block or a `<br>` ended;
/// scripts and styles left out whole (comments and the like are left to the sanitiser). Nothing
/// in it can nest.
fn text_only(html: &str) -> std::borrow::Cow<'_, str> {
    replace_tags(
        html,
        |t| {
            let name = t.name.to_ascii_lowercase();
            match name.as_str() {
                _ if !t.closing && RAW_TEXT.contains(&name.as_str()) => Edit::Drop,
                "br" => Edit::Replace("<br>"),
                _ if t.closing && SPECIAL.contains(&name.as_str()) => Edit::Replace("<br>"),
                _ => Edit::Replace(""),
            }
        },
        |_| true,
    )
}

/// Clean until cleaning changes nothing more. One pass is not always enough: misnested markup
/// (a heading inside a heading, left so by an element the allowlist removed) is written out in a
/// form that the parser builds into another tree the next time (found by fuzzing). Output that is
/// its own sanitised form costs one pass: what `publish` wrote and a sync reads again.
fn to_fixpoint(html: &str, clean: impl Fn(&str) -> String) -> String {
    let mut out = clean(html);
    if out == html {
        return out;
    }
    for _ in 0..3 {
        let next = clean(&out);
        if next == out {
            break;
        }
        out = next;
    }
    out
}

/// Sanitise HTML from a website feed, whose relative links and images (`/2016/img.png`) mean
/// something against the item's address: against an https address they are made absolute, then
/// the same allowlist applies; on an http site they are dropped with the other non-https links.
pub fn sanitize_with_base(html: &str, base: &str) -> String {
    // ammonia checks schemes before it rewrites, so only an https base may be used.
    let Some(base) = ammonia::Url::parse(base).ok().filter(|u| u.scheme() == "https") else {
        return sanitize(html);
    };
    if test_layer_off("sanitizer") {
        return html.to_string();
    }
    let mut b = allowlist();
    b.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
    to_fixpoint(html, |h| clean_bounded(&b, h))
}

/// Render Markdown to sanitised HTML (raw HTML in the source is sanitised like any feed content).
pub fn markdown(md: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut html = String::with_capacity(md.len() * 2);
    push_html(&mut html, Parser::new_ext(md, opts));
    sanitize(&html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_active_content_are_removed() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><style>p{}</style>
            <iframe src="https://e.x"></iframe><svg><circle/></svg><form><input></form>
            <a href="javascript:alert(1)">j</a><a href="http://plain.example">h</a>
            <a href="https://ok.example">ok</a><img src="data:image/png;base64,AAAA"></p>"#;
        let clean = sanitize(dirty);
        for banned in ["script", "style", "iframe", "svg", "form", "input", "onclick", "javascript", "http://", "data:"] {
            assert!(!clean.contains(banned), "{banned} must not survive sanitising: {clean}");
        }
        assert!(clean.contains(r#"href="https://ok.example""#), "https links are kept: {clean}");
        assert!(clean.contains("noopener"), "links carry rel=noopener: {clean}");
    }

    /// The deepest nesting of elements in sanitised HTML (ammonia writes well-formed HTML).
    fn depth(html: &str) -> usize {
        let (mut d, mut most) = (0usize, 0usize);
        let mut i = 0;
        while let Some(off) = html[i..].find('<') {
            let lt = i + off;
            let Scan::Tag(tag) = Tags::new(html).at(lt) else { panic!("ammonia writes whole tags") };
            if tag.closing {
                d -= 1;
            } else if !VOID.contains(&tag.name) {
                d += 1;
                most = most.max(d);
            }
            i = tag.end;
        }
        most
    }

    #[test]
    fn nesting_past_the_bound_is_unwrapped_and_its_text_kept() {
        let n = 200_000;
        let deep = format!("{}naloxone{}", "<div>".repeat(n), "</div>".repeat(n));
        let clean = sanitize(&deep);
        assert!(clean.contains("naloxone"), "the text survives");
        assert_eq!(depth(&clean), MAX_DEPTH, "no deeper than the bound");
        // Unclosed elements count as well as closed ones.
        let unclosed = format!("{}words", "<span><b>".repeat(n));
        assert!(depth(&sanitize(&unclosed)) <= MAX_DEPTH);
        // Ways around a bound that reads tags differently from the parser (found in review): a
        // stray quote hiding the tags after it, and inline end tags the parser ignores.
        let quoted = format!("<b \">{}naloxone{}<b \">", "<div>".repeat(n), "</div>".repeat(n));
        assert!(depth(&sanitize(&quoted)) <= MAX_DEPTH + 1);
        let ignored_ends = "<span><div></span>".repeat(n / 2);
        assert!(depth(&sanitize(&ignored_ends)) <= MAX_DEPTH + 1);
        // Tags that never end are read once, not once per `<` after them (found in review).
        for unterminated in ["<a x=\"", "<a"] {
            let body = format!("<p>kept</p>{}", unterminated.repeat(n));
            assert!(matches!(bound_depth(&body, MAX_DEPTH), std::borrow::Cow::Borrowed(_)));
        }
    }

    #[test]
    fn sanitising_twice_changes_nothing_even_for_misnested_markup() {
        // Found by fuzzing: an unknown element left a heading inside a heading.
        let html = "<h2>What is C19RM?<e consulted before the request.</p>\n<h2>How to take part</h2><p>Ask.</p>";
        let once = sanitize(html);
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn ordinary_html_is_not_touched_by_the_bound() {
        let html = r#"<p>a<p>b<ul><li>one<li>two</ul><table><tr><td>x<td>y<tr><td>z</table><img src="https://x.example/i.png"><br><script>if (a < b && c > d) {}</script><p title="a>b">c</p>"#;
        assert!(matches!(bound_depth(html, 3), std::borrow::Cow::Borrowed(_)), "elements that end each other do not nest");
        let many: String = (0..10_000).map(|i| format!("<p>paragraph {i}")).collect();
        assert!(matches!(bound_depth(&many, MAX_DEPTH), std::borrow::Cow::Borrowed(_)), "10,000 unclosed paragraphs are siblings");
        assert_eq!(bound_depth("<div><div><div>x</div></div></div>", 2), "<div><div>x</div></div>");
    }

    /// Elements in sanitised HTML (ammonia writes every start tag out).
    fn elements(html: &str) -> usize {
        html.matches('<').count() - html.matches("</").count()
    }

    #[test]
    fn formatting_left_open_is_not_multiplied_by_the_parser() {
        // The parser re-creates every formatting element left open at each later run of text:
        // 2,000 of these (37 KB) built a tree of 500 MB and 1.4 MB of output, 8,000 would take
        // the app's memory, and every sync would read the document again.
        let n = 2_000;
        let hostile: String = (0..n).map(|i| format!("<p><b id={i}>dose</p>")).collect::<String>() + r#"<p><a href="https://npuh.example/">link</a></p>"#;
        let clean = sanitize(&hostile);
        assert!(clean.len() < 2 * hostile.len(), "{} bytes out of {}", clean.len(), hostile.len());
        assert!(elements(&clean) <= 2 * n + 2, "{} elements", elements(&clean));
        assert_eq!(clean.matches("dose").count(), n, "every word is kept");
        assert!(clean.contains(r#"<a href="https://npuh.example/""#), "links are kept: {clean}");
        // Left open with no text between (each new `<b>` re-creates the ones before it).
        let no_text: String = (0..n).map(|i| format!("<p><b id={i}></p>")).collect();
        assert!(elements(&sanitize(&no_text)) <= 2 * n);
        // The same few left open across a long document: each would be re-created in every
        // paragraph (42 per paragraph here, below the three-alike rule's limit).
        let many = format!("<p>{}</p>{}", "<b><i><u><s><em><strong><code><small><big><tt><font><nobr><strike><a>".repeat(3), "<p>dose</p>".repeat(5_000));
        let clean = sanitize(&many);
        assert!(clean.len() < 8 * many.len(), "{} bytes out of {}", clean.len(), many.len());
        assert_eq!(clean.matches("dose").count(), 5_000);
    }

    #[test]
    fn what_the_parser_copies_is_bounded_by_its_bytes_and_depth_by_the_tree() {
        // A link left open is re-created in every later paragraph with its attributes: a long
        // title made each copy as long (found in review: 20 MB out of 28 KB on the code before).
        let title = "t".repeat(20_000);
        let hostile = format!(r#"<p><a title="{title}">x</p>{}"#, "<p>dose</p>".repeat(1_000));
        let clean = sanitize(&hostile);
        assert!(clean.len() < 2 * hostile.len(), "{} bytes out of {}", clean.len(), hostile.len());
        assert_eq!(clean.matches("dose").count(), 1_000);
        // Nesting hidden from the pre-pass (a `<style>` inside `<svg>` is no raw text) and made
        // deeper by the adoption agency than the tree's appends showed (found in review: the
        // parser's stack 29,000 deep on the code before, each `<div>` walking it: 3.5 s here in a
        // release build, growing with the square of the repeats).
        let hidden = format!("<svg><style>{}", format!("{}<i><b><div></i>", "<div>".repeat(286)).repeat(100));
        assert!(matches!(bound_depth(&hidden, MAX_DEPTH), std::borrow::Cow::Owned(_)), "the pre-pass reads it");
        assert!(!count::within(&hidden, count::Limits::for_input(&hidden, MAX_DEPTH)), "and without it, the count sees the depth");
        assert!(depth(&sanitize(&hidden)) <= MAX_DEPTH + 1);
    }

    #[test]
    fn no_pass_rebuilds_what_it_took_apart() {
        // Found in review of fda57d6: leaving a tag out joined a `<` before it to the text after
        // it. The text-only fallback, which nothing counted, then gave the parser the 20,000 left-
        // open formatting elements of the first attack; the nesting bound gave the tokenizer a tag
        // of 2,000 attributes.
        let trigger = format!("<table>{}</table>", "<br>".repeat(4_000));
        let hidden: String = (0..2_000).map(|i| format!("<<wbr>p><<wbr>b id={i}>dose<<wbr>/p>")).collect();
        let hostile = trigger + &hidden;
        assert!(!text_only(&hostile).contains("<b "), "text alone holds no tag");
        let clean = sanitize(&hostile);
        assert!(clean.len() < 2 * hostile.len(), "{} bytes out of {}", clean.len(), hostile.len());
        assert_eq!(clean.matches("dose").count(), 2_000);
        let attributes: String = (0..2_000).map(|i| format!(" a{i}")).collect();
        let crowded = format!("{}<<div>b{attributes}>x", "<div>".repeat(MAX_DEPTH));
        assert!(!bound_depth(&crowded, MAX_DEPTH).contains("<b "), "the bound made no tag");
        // A fragment's `<html>` only gives its attributes to the root (compared with all before).
        let roots: String = (0..2_000).map(|i| format!("<html a{i}/>")).collect();
        assert!(!bound_depth(&roots, MAX_DEPTH).contains("<html"));
    }

    #[test]
    fn ordinary_formatting_is_kept_even_when_left_open() {
        // Sloppy HTML as editors write it: bold left open across a paragraph is re-created, as a
        // browser shows it; only a document that would multiply loses its formatting.
        assert_eq!(sanitize("<p><b>bold</p><p>still bold</b></p>"), "<p><b>bold</b></p><p><b>still bold</b></p>");
        let doc: String = (0..500).map(|i| format!("<p><font face=\"Arial\"><b>Section {i}</b> <em>text</em> <a href=\"https://x.example/{i}\">link</a></p>")).collect();
        let clean = sanitize(&doc);
        assert_eq!(clean.matches("<b>").count(), 500, "{}", &clean[..300]);
        assert_eq!(clean.matches("<em>").count(), 500);
        // Older editors' habits (found in review): two fonts left open in each paragraph, and
        // paragraphs never closed with bold left open in each.
        for sloppy in ["<p><font face=Arial><font size=2>text</p>".repeat(1_000), "<p><b>Q: a question?".repeat(1_000)] {
            assert!(builds_a_bounded_tree(&bound_depth(&sloppy, MAX_DEPTH)), "{}", &sloppy[..60]);
        }
    }

    #[test]
    fn a_tag_of_many_attributes_is_made_text() {
        // The tokenizer compares each attribute with those before it in the tag: 80,000 in one
        // tag (550 KB) took 1.5 s, and the time grows with their square. End tags are read so too,
        // and names apart by `/` are attributes of their own.
        for attributes in [(0..20_000).map(|i| format!(" a{i}")).collect::<String>(), (0..20_000).map(|i| format!("/a{i}")).collect()] {
            for hostile in [format!("<p>before<b{attributes}>naloxone</b> after</p>"), format!("<p>before<b>naloxone</b{attributes}> after</p>")] {
                let clean = sanitize(&hostile);
                assert!(clean.starts_with("<p>before") && clean.contains("naloxone") && clean.contains(" after</"), "{}", &clean[..60]);
                assert!(clean.contains("&lt;"), "the tag is text");
            }
        }
        // Real tags are kept whole.
        let real = r#"<p class="a b c" lang=fr data-x='1 2 3'><a href="https://x.example/" title="t u" rel=x>l</a></p>"#;
        assert!(matches!(cap_attributes(real), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_count_stops_at_its_limits_and_text_alone_cannot_nest() {
        let big = 1 << 20;
        let within = |html: &str, elements, depth| count::within(html, count::Limits { elements, attributes: big, attribute_bytes: big, depth, sibling_steps: big });
        let deep = "<div>".repeat(400);
        assert!(within(&deep, 10_000, 450), "400 deep within a bound of 450");
        assert!(!within(&deep, 10_000, 300), "but not of 300");
        assert!(!within(&deep, 100, 450), "nor 100 elements");
        assert!(!count::within("<b a=1 b=2 c=3>", count::Limits { elements: 100, attributes: 2, attribute_bytes: big, depth: 100, sibling_steps: big }));
        // What is left when even the document without its formatting would pass the limits.
        assert_eq!(text_only("<div><p>a<span>b</span></p>c<br>d<b x=\"<\">e</b></div>"), "ab<br>c<br>de<br>");
        assert_eq!(text_only("<p>a</p><script>alert(1)</script><style>p{}</style>b"), "a<br>b", "no script or style shown as text");
        assert_eq!(sanitize(&text_only(&deep)), "");
    }

    #[test]
    fn markdown_gives_html_and_raw_html_is_sanitised() {
        let html = markdown("# Title\n\nSome *harm reduction* text.<script>x</script>\n\n- one\n- two");
        assert!(html.contains("<h1>Title</h1>") && html.contains("<em>harm reduction</em>"), "{html}");
        assert!(html.contains("<li>two</li>"), "{html}");
        assert!(!html.contains("script"), "raw HTML in Markdown is sanitised: {html}");
    }

    #[test]
    fn a_website_feeds_relative_links_are_resolved_before_the_allowlist() {
        let html = r#"<p><img src="/2016/img.png"><a href="post">p</a><script>x</script></p>"#;
        assert_eq!(
            sanitize_with_base(html, "https://blog.example/feed/index.xml"),
            r#"<p><img src="https://blog.example/2016/img.png"><a href="https://blog.example/feed/post" rel="noopener noreferrer">p</a></p>"#
        );
        assert!(!sanitize_with_base(html, "http://plain.example/").contains("href"), "http links are still dropped");
    }
}
