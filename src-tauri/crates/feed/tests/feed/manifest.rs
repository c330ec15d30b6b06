//! The feed crate's integration tests: real files on disk, the embedded starter library.

use peerlib_feed::{sha256_hex, source, starter};

#[test]
fn the_starter_library_is_valid_and_complete() {
    let docs = starter::documents().unwrap_or_else(|p| {
        panic!("the starter library must validate: {}", p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
    });
    let guide: Vec<_> = docs.iter().filter(|d| d.group == "c19rm-consultation-guide").collect();
    let mut langs: Vec<_> = guide.iter().map(|d| d.language.as_str()).collect();
    langs.sort();
    assert_eq!(langs, ["en", "es", "fr", "ru"], "the C19RM guide ships in four languages");
    for g in &guide {
        let types: Vec<_> = g.attachments.iter().map(|a| a.media_type.as_str()).collect();
        assert!(types.contains(&"application/pdf"), "{} has a PDF: {types:?}", g.id);
        assert!(
            types.contains(&"application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            "{} has a PowerPoint deck: {types:?}", g.id
        );
        for a in &g.attachments {
            assert_eq!(a.sha256, sha256_hex(&a.bytes), "attachment hashes are of their bytes");
            assert!(a.bytes.len() > 500, "{} is a real file, not a placeholder", a.title);
        }
    }
    for kind in ["statement", "report", "event"] {
        assert!(docs.iter().any(|d| d.kind == kind), "the starter library has a {kind}");
    }
    let hub = docs.iter().find(|d| d.kind == "event").unwrap();
    assert!(hub.url.as_deref().is_some_and(|u| u.starts_with("https://")), "the HLM hub links its video");
}

#[test]
fn attachments_are_read_from_a_real_source_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("files")).unwrap();
    // A deck as an Office program writes it: its bytes are checked against its name (#17 item 5).
    let deck = {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        for name in ["[Content_Types].xml", "ppt/presentation.xml"] {
            z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            z.write_all(b"<x/>").unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    };
    std::fs::write(dir.path().join("files/deck.pptx"), &deck).unwrap();
    let md = "+++\ntitle = \"T\"\nkind = \"guide\"\nlanguage = \"ru\"\nattachments = [{ path = \"files/deck.pptx\", title = \"Deck\" }]\n+++\n";
    let root = dir.path().to_path_buf();
    let docs = source::build(&[("g.md".into(), md.into())], |p| std::fs::read(root.join(p)).ok()).unwrap();
    let a = &docs[0].attachments[0];
    assert_eq!(a.media_type, "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    assert_eq!(a.sha256, sha256_hex(&deck));
}

#[test]
fn an_attachment_whose_bytes_are_not_the_type_its_name_says_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("files")).unwrap();
    std::fs::write(dir.path().join("files/guide.pdf"), b"<html><hta:application/><script>run()</script></html>").unwrap();
    let md = "+++\ntitle = \"T\"\nkind = \"guide\"\nlanguage = \"en\"\nattachments = [{ path = \"files/guide.pdf\", title = \"Guide (PDF)\" }]\n+++\n";
    let root = dir.path().to_path_buf();
    let problems = source::build(&[("g.md".into(), md.into())], |p| std::fs::read(root.join(p)).ok()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(matches!(&problems[0].kind, source::ProblemKind::AttachmentNotItsType { path, real } if path == "files/guide.pdf" && real.as_deref() == Some("HTML")), "{problems:?}");
}

#[test]
fn an_office_file_that_needs_a_password_is_refused_as_that() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../sync/tests/fixtures/password.docx")).unwrap();
    let md = "+++\ntitle = \"T\"\nkind = \"guide\"\nlanguage = \"en\"\nattachments = [{ path = \"files/notes.docx\", title = \"Notes\" }]\n+++\n";
    let problems = source::build(&[("g.md".into(), md.into())], |_| Some(bytes.clone())).unwrap_err();
    assert!(matches!(&problems[..], [p] if matches!(&p.kind, source::ProblemKind::AttachmentPasswordProtected(path) if path == "files/notes.docx")), "{problems:?}");
}
