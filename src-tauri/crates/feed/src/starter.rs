//! The starter library, embedded in the binary so that the app is useful on its first run with
//! no network at all (journey 1). It is the network's own signed feed at an early seq
//! (resources/starter-feed, published from the Markdown in resources/starter by
//! `make starter-feed`), so it is verified like any download, with the keys in network.toml.

use crate::source::{build, Problem, SourceDocument};
use include_dir::{include_dir, Dir};

static SOURCES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../../resources/starter");
static FEED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../../resources/starter-feed");

/// A file of the embedded starter feed by its feed path (`manifest.json`, `files/<sha256>`).
pub fn feed_file(path: &str) -> Option<&'static [u8]> {
    FEED.get_file(path).map(|f| f.contents())
}

/// The Markdown sources the starter feed is published from (for checking it is current).
pub fn documents() -> Result<Vec<SourceDocument>, Vec<Problem>> {
    let mut files: Vec<(String, String)> = SOURCES
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .filter(|f| f.path().file_name().is_some_and(|n| n != "README.md"))
        .filter_map(|f| Some((f.path().to_str()?.to_string(), f.contents_utf8()?.to_string())))
        .collect();
    files.sort();
    build(&files, |path| SOURCES.get_file(path).map(|f| f.contents().to_vec()))
}
