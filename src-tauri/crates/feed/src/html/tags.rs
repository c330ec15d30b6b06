//! Tags read as the HTML tokenizer reads them (its tag states), for the passes that shape a
//! document before the parser sees it: where a tag ends, its name, how many attributes it has.
//! A reading that differs from the tokenizer's is a way around those passes (a stray quote once
//! hid 200,000 `<div>`s from the nesting bound, and `<b =">` hid what followed it).

/// The most attributes a tag may have (see [`cap_attributes`]).
pub const MAX_ATTRIBUTES: usize = 64;

pub struct Tag<'a> {
    /// As written (compare it ignoring ASCII case).
    pub name: &'a str,
    pub closing: bool,
    pub self_closing: bool,
    /// How many attributes it has, as the tokenizer counts them (duplicates included).
    #[cfg_attr(not(test), allow(dead_code))]
    pub attributes: usize,
    /// Byte just past the `>`.
    pub end: usize,
}

pub enum Scan<'a> {
    Tag(Tag<'a>),
    /// `<!--`, `<!doctype`, `<?`, a lone `<`: the sanitiser handles these itself.
    NotATag,
    /// A tag whose `>` (or whose quoted value's end) never comes.
    Unterminated,
    /// A tag of more than [`MAX_ATTRIBUTES`] attributes (read no further).
    Crowded,
}

/// The tokenizer's whitespace (a carriage return is read as a line feed).
fn space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// A document whose tags are read. Reading a tag walks its bytes; where readings overlap (a `<`
/// inside another tag's value, read again by [`cap_attributes`], which reads a tag at every `<`),
/// a crafted document could make that walk its bytes again and again, so past a few walks of the
/// whole document it is read from [`Jumps`] instead: a step per attribute, not per byte.
pub struct Tags<'a> {
    pub html: &'a str,
    jumps: Option<Jumps>,
    /// Steps taken so far: bytes walked without jumps, and each step of a reading.
    walked: std::cell::Cell<usize>,
}

/// For each byte of a document: the next at or after it that ends an attribute's name (space,
/// `/`, `>`, `=`), an unquoted value (space, `>`), a double- or single-quoted value, or a run of
/// spaces.
struct Jumps {
    tag_name_end: Vec<u32>,
    slashes_end: Vec<u32>,
    name_end: Vec<u32>,
    unquoted_end: Vec<u32>,
    double_end: Vec<u32>,
    single_end: Vec<u32>,
    spaces_end: Vec<u32>,
}

impl Jumps {
    fn new(b: &[u8]) -> Jumps {
        let n = b.len();
        let end = n as u32;
        let table = || vec![end; n + 1];
        let (mut tag_name_end, mut slashes_end, mut name_end, mut unquoted_end, mut double_end, mut single_end, mut spaces_end) =
            (table(), table(), table(), table(), table(), table(), table());
        for i in (0..n).rev() {
            let c = b[i];
            let here = i as u32;
            tag_name_end[i] = if space(c) || matches!(c, b'/' | b'>') { here } else { tag_name_end[i + 1] };
            slashes_end[i] = if c == b'/' { slashes_end[i + 1] } else { here };
            name_end[i] = if space(c) || matches!(c, b'/' | b'>' | b'=') { here } else { name_end[i + 1] };
            unquoted_end[i] = if space(c) || c == b'>' { here } else { unquoted_end[i + 1] };
            double_end[i] = if c == b'"' { here } else { double_end[i + 1] };
            single_end[i] = if c == b'\'' { here } else { single_end[i + 1] };
            spaces_end[i] = if space(c) { spaces_end[i + 1] } else { here };
        }
        Jumps { tag_name_end, slashes_end, name_end, unquoted_end, double_end, single_end, spaces_end }
    }
}

/// Which run a reading skips over.
#[derive(Clone, Copy)]
enum Run {
    /// A tag's own name: to a space, `/` or `>` (`=` is part of it).
    TagName,
    /// Slashes, as in `<x///>`.
    Slashes,
    Name,
    Unquoted,
    Double,
    Single,
    Spaces,
}

impl<'a> Tags<'a> {
    pub fn new(html: &'a str) -> Tags<'a> {
        Tags { html, jumps: None, walked: Default::default() }
    }

    /// Steps taken so far by every reading (a test bounds them).
    #[cfg(test)]
    pub fn steps(&self) -> usize {
        self.walked.get()
    }

    /// Whether readings have walked the document over `times` times (then [`Tags::jumping`]).
    fn walked_over(&self, times: usize) -> bool {
        self.jumps.is_none() && self.walked.get() > times * self.html.len() + 4096
    }

    /// Read from jumps from now on.
    fn jumping(&mut self) {
        self.jumps.get_or_insert_with(|| Jumps::new(self.html.as_bytes()));
    }

    /// The end of the run of `kind` that starts at `at` (the first byte that ends it, or the
    /// document's end).
    fn run_end(&self, kind: Run, at: usize) -> usize {
        let b = self.html.as_bytes();
        if at >= b.len() {
            return b.len();
        }
        if let Some(j) = &self.jumps {
            let table = match kind {
                Run::TagName => &j.tag_name_end,
                Run::Slashes => &j.slashes_end,
                Run::Name => &j.name_end,
                Run::Unquoted => &j.unquoted_end,
                Run::Double => &j.double_end,
                Run::Single => &j.single_end,
                Run::Spaces => &j.spaces_end,
            };
            return table[at] as usize;
        }
        let ends = |c: u8| match kind {
            Run::TagName => space(c) || matches!(c, b'/' | b'>'),
            Run::Slashes => c != b'/',
            Run::Name => space(c) || matches!(c, b'/' | b'>' | b'='),
            Run::Unquoted => space(c) || c == b'>',
            Run::Double => c == b'"',
            Run::Single => c == b'\'',
            Run::Spaces => !space(c),
        };
        let end = b[at..].iter().position(|&c| ends(c)).map_or(b.len(), |k| at + k);
        self.walked.set(self.walked.get() + (end - at));
        end
    }

    /// The start or end tag at `lt` (`<name …>`, `</name …>`), read to its `>`, or to its
    /// [`MAX_ATTRIBUTES`]' first attribute over.
    pub fn at(&self, lt: usize) -> Scan<'a> {
        let b = self.html.as_bytes();
        let mut j = lt + 1;
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            return Scan::NotATag;
        }
        let start = j;
        // A name may hold `=` (`<a=b>`): only a space, `/` or `>` ends a tag's name.
        j = self.run_end(Run::TagName, j);
        // Bytes up to an ASCII one: a whole number of characters.
        let name = &self.html[start..j];
        #[derive(Clone, Copy)]
        enum St {
            BeforeName,
            Name,
            AfterName,
            BeforeValue,
            AfterQuoted,
            SelfClosing,
        }
        let mut st = St::BeforeName;
        let mut attributes = 0usize;
        while j < b.len() {
            self.walked.set(self.walked.get() + 1);
            let c = b[j];
            let tag = move |self_closing| Scan::Tag(Tag { name, closing, self_closing, attributes, end: j + 1 });
            match st {
                St::BeforeName | St::AfterName if space(c) => {
                    j = self.run_end(Run::Spaces, j);
                    continue;
                }
                St::BeforeValue if space(c) => {
                    j = self.run_end(Run::Spaces, j);
                    continue;
                }
                St::SelfClosing if c == b'>' => return tag(true),
                _ if c == b'>' => return tag(false),
                St::BeforeName | St::SelfClosing if c == b'/' => {
                    st = St::SelfClosing;
                    j = self.run_end(Run::Slashes, j);
                    continue;
                }
                St::AfterName | St::AfterQuoted if c == b'/' => st = St::SelfClosing,
                St::AfterName if c == b'=' => st = St::BeforeValue,
                St::AfterQuoted | St::SelfClosing if space(c) => st = St::BeforeName,
                // A new attribute: anything else, `=` and quotes included, starts its name.
                St::BeforeName | St::AfterName | St::AfterQuoted | St::SelfClosing => {
                    attributes += 1;
                    if attributes > MAX_ATTRIBUTES {
                        return Scan::Crowded;
                    }
                    st = St::Name;
                    j = self.run_end(Run::Name, j + 1);
                    continue;
                }
                St::Name if c == b'=' => st = St::BeforeValue,
                St::Name if c == b'/' => st = St::SelfClosing,
                St::Name => st = St::AfterName, // a space
                St::BeforeValue if c == b'"' || c == b'\'' => {
                    j = self.run_end(if c == b'"' { Run::Double } else { Run::Single }, j + 1);
                    if j >= b.len() {
                        return Scan::Unterminated;
                    }
                    st = St::AfterQuoted;
                }
                St::BeforeValue => {
                    // Unquoted: to a space or `>` (quotes, `=` and `<` are part of it).
                    j = self.run_end(Run::Unquoted, j);
                    st = St::BeforeName;
                    if b.get(j) == Some(&b'>') {
                        continue;
                    }
                }
            }
            j += 1;
        }
        Scan::Unterminated
    }
}

/// What [`replace_tags`] does with a tag.
pub enum Edit {
    Keep,
    Replace(&'static str),
    /// A raw-text element's start tag, its content and its end tag: left out.
    Drop,
}

/// Elements whose content is raw text up to their end tag (no tags inside), in HTML: `script`
/// (whose content may hide its end tag in a comment, see `raw_text_end`), `style` and the like,
/// and `title` and `textarea`, whose character references are read. (`noscript` too: the
/// sanitiser parses with scripting on.) In SVG and MathML they are ordinary elements.
pub const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// `html` with each tag edited as `with` says, in one pass. The content of a raw-text element
/// kept is skipped whole (it stays as it is), as the tokenizer reads it as text, unless `raw` says
/// that raw text is not read here (foreign content). After `<plaintext>`, the rest is text. A tag
/// whose `>` never comes ends the pass: the tokenizer reads the rest as part of it, so no tag
/// follows.
pub fn replace_tags<'a>(html: &'a str, mut with: impl FnMut(&Tag) -> Edit, mut raw: impl FnMut(&Tag) -> bool) -> std::borrow::Cow<'a, str> {
    let mut tags = Tags::new(html);
    let mut out: Option<String> = None;
    let (mut copied, mut i) = (0, 0);
    // A `<` or `</` just before a tag left out would join what follows it (`<<wbr>b>` made
    // `<b>`, `</<wbr>b>` made `</b>`): its `<` is written `&lt;`, the text it is.
    let edit = |out: &mut Option<String>, from: usize, to: usize, replacement: &str, copied: &mut usize| {
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[*copied..from]);
        if replacement.is_empty() {
            let slash = o.ends_with("</");
            if slash || o.ends_with('<') {
                o.truncate(o.len() - 1 - slash as usize);
                o.push_str(if slash { "&lt;/" } else { "&lt;" });
            }
        }
        o.push_str(replacement);
        *copied = to;
    };
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        // Readings here follow each other, but one that stops short (not a tag, too many
        // attributes) is followed by one from the next `<`.
        if tags.walked_over(4) {
            tags.jumping();
        }
        let tag = match tags.at(lt) {
            Scan::Tag(tag) => tag,
            Scan::NotATag | Scan::Crowded => {
                i = lt + 1;
                continue;
            }
            Scan::Unterminated => break,
        };
        i = tag.end;
        let name = tag.name.to_ascii_lowercase();
        let raw_text = !tag.closing && RAW_TEXT.contains(&name.as_str()) && raw(&tag);
        match with(&tag) {
            Edit::Replace(replacement) => edit(&mut out, lt, tag.end, replacement, &mut copied),
            Edit::Drop if raw_text => {
                let end = raw_text_end(html, tag.end, &name);
                let past = html[end..].find('>').map_or(html.len(), |k| end + k + 1);
                edit(&mut out, lt, past, "", &mut copied);
                i = past;
            }
            Edit::Drop => edit(&mut out, lt, tag.end, "", &mut copied),
            Edit::Keep if name == "plaintext" && !tag.closing && raw(&tag) => break,
            Edit::Keep if raw_text => i = raw_text_end(html, tag.end, &name),
            Edit::Keep => {}
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// Where a raw-text element's content, starting at `from`, ends: at its end tag (`</name`
/// followed by a space, `/` or `>`, in any case).
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    if name == "script" {
        return script_end(html.as_bytes(), from);
    }
    let b = html.as_bytes();
    let close = format!("</{name}");
    let mut k = from;
    while let Some(at) = find_ascii_ci(html, k, &close) {
        if b.get(at + close.len()).is_none_or(|&c| space(c) || c == b'/' || c == b'>') {
            return at;
        }
        k = at + 1;
    }
    html.len()
}

/// Where a script's content, starting at `from`, ends, as the tokenizer's script states read it:
/// at `</script` followed by a space, `/` or `>`, except between `<!--` and `-->` after a
/// `<script` there (its "double escaped" states), where `</script` only ends that `<script`.
fn script_end(b: &[u8], from: usize) -> usize {
    let (mut escaped, mut double) = (false, false);
    let script_tag = |at: usize| b.len() >= at + 6 && b[at..at + 6].eq_ignore_ascii_case(b"script") && b.get(at + 6).is_none_or(|&c| space(c) || c == b'/' || c == b'>');
    let mut k = from;
    while k < b.len() {
        if !escaped && b[k..].starts_with(b"<!--") {
            escaped = true;
            k += 4;
            continue;
        }
        if escaped && b[k..].starts_with(b"-->") {
            (escaped, double) = (false, false);
            k += 3;
            continue;
        }
        if b[k] == b'<' {
            let closing = b.get(k + 1) == Some(&b'/');
            if script_tag(k + 1 + closing as usize) {
                if closing && !double {
                    return k;
                }
                if escaped {
                    double = !closing;
                }
            }
        }
        k += 1;
    }
    b.len()
}

/// Where `needle` (ASCII) starts in `s` at or after `from`, ignoring ASCII case.
pub fn find_ascii_ci(s: &str, from: usize, needle: &str) -> Option<usize> {
    let (h, n) = (s.as_bytes(), needle.as_bytes());
    (from..h.len().saturating_sub(n.len() - 1)).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// Every `<` that starts a tag of more than [`MAX_ATTRIBUTES`] attributes, read from every `<` of
/// the document whatever is around it (text, a comment, a script, another tag's value), written
/// `&lt;`: the tokenizer then reads text there, and nowhere a tag that costs the square of its
/// attributes (it compares each with those before it: 80,000 in one tag, 550 KB, took 1.5 s). A
/// `<` inside a value, a comment or a script reads the same either way; in text, the tag's bytes
/// are shown as text. Reading every `<` without knowing where it is means nothing can hide a tag
/// from this pass; each reading stops at the first attribute over the limit, and costs a step
/// per attribute (see [`Tags`]).
pub fn cap_attributes(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains('<') {
        return std::borrow::Cow::Borrowed(html);
    }
    cap_with(&mut Tags::new(html))
}

/// [`cap_attributes`] with `tags` (a test reads the steps its readings took).
fn cap_with<'a>(tags: &mut Tags<'a>) -> std::borrow::Cow<'a, str> {
    let html = tags.html;
    let mut out: Option<String> = None;
    let (mut copied, mut i) = (0, 0);
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        if tags.walked_over(4) {
            tags.jumping();
        }
        if let Scan::Crowded = tags.at(lt) {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
            o.push_str(&html[copied..lt]);
            o.push_str("&lt;");
            copied = lt + 1;
        }
        i = lt + 1;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(tag: &str) -> (usize, bool, usize) {
        match Tags::new(tag).at(0) {
            Scan::Tag(t) => (t.attributes, t.self_closing, t.end),
            Scan::Crowded => (usize::MAX, false, 0),
            Scan::NotATag | Scan::Unterminated => panic!("{tag} is a tag"),
        }
    }

    #[test]
    fn tags_are_read_as_the_tokenizer_reads_them() {
        // (tag, attributes, self-closing, where it ends), each as html5ever's tokenizer reads it.
        let cases: &[(&str, usize, bool, usize)] = &[
            ("<p>", 0, false, 3),
            ("<p/>", 0, true, 4),
            (r#"<p class="a b c" lang=fr data-x='1 2 3'>"#, 3, false, 40),
            (r#"<b a="1"b='2'c d=e / >"#, 4, false, 22),
            // `=` where a name starts is part of the name, and so is the quote after it: the tag
            // ends at the first `>` (once read as a quoted value hiding what followed).
            (r#"<b =">x"#, 1, false, 6),
            (r#"<b a="x"=">"#, 2, false, 11),
            (r#"<b/=">"#, 1, false, 6),
            // Names separated by `/` are attributes of their own.
            ("<b a0/a1/a2>", 3, false, 12),
            ("<b a0/a1/a2/>", 3, true, 13),
            // A quoted value holds `>`, an unquoted one ends at it.
            (r#"<a title="x > y" href=z>"#, 2, false, 24),
            ("<a href=x>y>", 1, false, 10),
            ("<a=b c>", 1, false, 7),
            ("</b a0 a1>", 2, false, 10),
        ];
        for &(tag, attributes, self_closing, end) in cases {
            assert_eq!(read(tag), (attributes, self_closing, end), "{tag}");
        }
        assert!(matches!(Tags::new(r#"<a x="unterminated"#).at(0), Scan::Unterminated));
        assert!(matches!(Tags::new("< p>").at(0), Scan::NotATag));
        let full: String = format!("<b{}>", " a".repeat(MAX_ATTRIBUTES));
        assert_eq!(read(&full).0, MAX_ATTRIBUTES);
        assert_eq!(read(&format!("<b{}>", "/a".repeat(MAX_ATTRIBUTES + 1))).0, usize::MAX, "one over");
    }

    #[test]
    fn a_crowded_tag_anywhere_is_made_text() {
        let crowded = format!("<b{}>", (0..100).map(|i| format!(" a{i}")).collect::<String>());
        let ok = "<p title='x'>kept</p>";
        for around in [
            format!("{ok}{crowded}naloxone"),
            format!("<script>{crowded}</script>{ok}"),
            format!(r#"<p title="{crowded}">{ok}"#),
            format!("<!-- {crowded} -->{ok}"),
            format!("{ok}</b{}>", " a".repeat(100)),
            // After a quote that never closes (read to the end from there, once).
            format!(r#"<script><a x="</script>{crowded}"#),
        ] {
            let capped = cap_attributes(&around);
            assert!(!capped.contains("<b ") && !capped.contains("</b "), "{}", &capped[..80.min(capped.len())]);
            assert_eq!(capped.matches("&lt;").count(), 1);
        }
        assert!(matches!(cap_attributes(ok), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn reading_a_tag_at_every_lt_stays_linear() {
        // Found in review: a reading stepped once per `=` of a tag's name and once per `/`, and a
        // tag is read at every `<` (3 x 10^4 readings of up to 3 x 10^4 steps each here). A
        // reading stops at the 65th attribute, a few steps each: values that each hold the next
        // tag's start (the third) cost about 30 steps a byte, whatever the length.
        for crafted in ["<a=".repeat(30_000), format!("{}{}>", "<x".repeat(30_000), "/".repeat(30_000)), format!("<a b=\"{}", "<c d=\"".repeat(30_000))] {
            let mut tags = Tags::new(&crafted);
            let _ = cap_with(&mut tags);
            assert!(tags.steps() <= 64 * crafted.len(), "{} steps for {} bytes", tags.steps(), crafted.len());
        }
    }

    #[test]
    fn a_tag_left_out_never_joins_what_surrounds_it() {
        let out = replace_tags("a<<wbr>b id=1>c</<wbr>b x>d", |t| if t.name == "wbr" { Edit::Replace("") } else { Edit::Keep }, |_| true);
        assert_eq!(out, "a&lt;b id=1>c&lt;/b x>d");
    }

    #[test]
    fn a_raw_text_element_ends_where_the_tokenizer_ends_it() {
        let end = |html: &str, name: &str| raw_text_end(html, 0, name);
        assert_eq!(end("a</style>b", "style"), 1);
        assert_eq!(end("a</stylex></style >", "style"), 10, "`</stylex` does not end it");
        assert_eq!(end("a</STYLE/>", "style"), 1);
        assert_eq!(end("x</script>", "script"), 1);
        assert_eq!(end("<!-- x </script> -->", "script"), 7, "a comment alone hides nothing");
        let hidden = "<!--<script></script><div>--></script>";
        assert_eq!(end(hidden, "script"), hidden.len() - 9, "after `<script` in a comment, `</script` ends that one");
        assert_eq!(end("no end", "title"), 6);
    }
}
