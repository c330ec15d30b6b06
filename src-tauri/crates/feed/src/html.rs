//! Feed HTML is untrusted. Everything that reaches the store passes through [`sanitize`]: a small
//! allowlist (design.md, security boundaries): no script, style, svg, math, iframe, form, object or
//! embed; links only to https and mailto.

use ammonia::Builder;
use pulldown_cmark::{html::push_html, Options, Parser};
use std::collections::HashSet;
use std::sync::OnceLock;

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

/// Sanitise untrusted HTML to the allowlist.
pub fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Sanitise HTML from a website feed, whose relative links and images (`/2016/img.png`) mean
/// something against the item's address: against an https address they are made absolute, then
/// the same allowlist applies; on an http site they are dropped with the other non-https links.
pub fn sanitize_with_base(html: &str, base: &str) -> String {
    // ammonia checks schemes before it rewrites, so only an https base may be used.
    let Some(base) = ammonia::Url::parse(base).ok().filter(|u| u.scheme() == "https") else {
        return sanitize(html);
    };
    let mut b = allowlist();
    b.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
    b.clean(html).to_string()
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
