//! The starter library, embedded in the binary so that the app is useful on its first run with
//! no network at all (journey 1). Its sources are `resources/starter/*.md` in the publisher's
//! format; the same validation applies to them as to anything published.

use crate::source::{build, Problem, SourceDocument};
use include_dir::{include_dir, Dir};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../../resources/starter");

/// The URL that names the starter library as a source in the store.
pub const SOURCE_URL: &str = "peerlib:starter";

/// Build the embedded starter library.
pub fn documents() -> Result<Vec<SourceDocument>, Vec<Problem>> {
    let mut files: Vec<(String, String)> = STARTER
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "md"))
        .filter(|f| f.path().file_name().is_some_and(|n| n != "README.md"))
        .filter_map(|f| Some((f.path().to_str()?.to_string(), f.contents_utf8()?.to_string())))
        .collect();
    files.sort();
    build(&files, |path| STARTER.get_file(path).map(|f| f.contents().to_vec()))
}
