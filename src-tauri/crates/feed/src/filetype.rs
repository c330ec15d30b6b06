//! What an attachment really is, read from its bytes, and whether it may be handed to another
//! program (#17 item 5). A feed names a media type; attachments titled "(PDF)" reached the system
//! opener as `.bat`, `.hta`, `.htm` and `.svg`, which Windows runs and a browser scripts. Only the
//! document types below are ever opened, and only when the bytes are that type; anything else can
//! be saved, never opened. The extension of the copy the OS opens comes from this table, never
//! from the feed.

/// The media types that may be opened in another program, with the extension the opened copy
/// gets and the short name shown beside an attachment's title. Documents (PDF, Office Open XML
/// without macros, OpenDocument, EPUB), plain text and raster images: formats whose usual programs
/// do not run code from the file by default. Macro-enabled Office files (`.docm`, `.pptm`,
/// `.xlsm`, or a VBA project inside), the legacy binary Office formats (`.doc`, `.ppt`, `.xls`:
/// their macros cannot be told from their magic numbers), HTML, SVG, scripts and executables are
/// never opened.
pub const OPENABLE: &[(&str, &str, &str)] = &[
    ("application/pdf", "pdf", "PDF"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "DOCX"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "PPTX"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "XLSX"),
    ("application/vnd.oasis.opendocument.text", "odt", "ODT"),
    ("application/vnd.oasis.opendocument.presentation", "odp", "ODP"),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods", "ODS"),
    ("application/epub+zip", "epub", "EPUB"),
    ("text/plain", "txt", "TXT"),
    ("image/png", "png", "PNG"),
    ("image/jpeg", "jpg", "JPEG"),
    ("image/gif", "gif", "GIF"),
    ("image/webp", "webp", "WEBP"),
];

/// The media type the bytes show, when they show one (`infer`'s magic numbers; text that is UTF-8
/// with no NUL byte is `text/plain`). None for bytes of no type we can tell.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if is_password_protected_office(bytes) {
        return Some(PASSWORD_PROTECTED_OFFICE);
    }
    if let Some(t) = infer::get(bytes) {
        // infer reads only the first entries of a zip; Office, OpenDocument and EPUB files are
        // told by their whole list of entries.
        return Some(if t.matcher_type() == infer::MatcherType::Archive || is_zip_based(t.mime_type()) {
            zip_type(bytes).unwrap_or(t.mime_type())
        } else {
            t.mime_type()
        });
    }
    if pdf_header(bytes).is_some() {
        return Some("application/pdf");
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let text = !head.contains(&0) && match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the head is still text.
        Err(e) => e.error_len().is_none(),
    };
    text.then_some("text/plain")
}

/// An image's type by its magic numbers alone: PNG, JPEG, GIF or WebP, else None. What a page's
/// image may be; nothing else of the bytes is read.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    use infer::image::{is_gif, is_jpeg, is_png, is_webp};
    [(is_png(bytes), "image/png"), (is_jpeg(bytes), "image/jpeg"), (is_gif(bytes), "image/gif"), (is_webp(bytes), "image/webp")].into_iter().find(|(is, _)| *is).map(|(_, t)| t)
}

/// Where a PDF's `%PDF-` header starts: at the first byte, or after up to 1 KiB of leading bytes
/// (a mail gateway's, a broken upload's), which readers skip too. None when it is not a PDF.
pub fn pdf_header(bytes: &[u8]) -> Option<usize> {
    bytes[..bytes.len().min(1024)].windows(5).position(|w| w == b"%PDF-")
}

/// A macro-enabled Office file: never opened.
const OFFICE_WITH_MACROS: &str = "application/vnd.ms-office.vbaProject";

/// An Office file protected by a password (what `sniff` calls it): never opened, since what is
/// inside, macros included, cannot be seen; its words cannot be searched.
pub const PASSWORD_PROTECTED_OFFICE: &str = "application/x-ms-office-encrypted";

/// An Office Open XML file saved with a password to open it: an OLE compound file holding an
/// `EncryptedPackage` stream (MS-OFFCRYPTO) where the zip would be.
pub fn is_password_protected_office(bytes: &[u8]) -> bool {
    password_protected(bytes, std::io::Cursor::new(bytes))
}

/// `is_password_protected_office`, with cfb reading `bytes` through `reader` (a test counts what
/// it reads).
fn password_protected<R: std::io::Read + std::io::Seek>(bytes: &[u8], reader: R) -> bool {
    const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    bytes.starts_with(OLE)
        && fat_sectors_named_once(bytes)
        && cfb::CompoundFile::open(reader).is_ok_and(|f| f.is_stream("/EncryptedPackage") && f.is_stream("/EncryptionInfo"))
}

/// Whether an OLE compound file names each sector of its allocation table once: the list that
/// cfb 0.14 builds from the header and the DIFAT chain (built here the same way, its trimming
/// included), each entry distinct and inside the file. cfb reads one sector per entry and keeps
/// it, and nothing stops every entry naming the same sector: a crafted file of 512 KB made it
/// read 67 MB and hold as much, growing with the square of the size, in the sync's own process
/// (which reads the type of every attachment it fetches) and at every "Open". The format names
/// each once; a file that does not is no Office file we read.
fn fat_sectors_named_once(b: &[u8]) -> bool {
    const HEADER_ENTRIES: usize = 109;
    const END_OF_CHAIN: u32 = 0xffff_fffe;
    const FREE: u32 = 0xffff_ffff;
    let u32_at = |at: usize| b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    let sector_len = match b.get(30..32) {
        Some([9, 0]) => 512,
        Some([12, 0]) => 4096,
        _ => return false,
    };
    let sectors = b.len().div_ceil(sector_len).saturating_sub(1);
    let (Some(fat_sectors), Some(mut next)) = (u32_at(44), u32_at(68)) else { return false };
    let mut list: Vec<u32> = (0..HEADER_ENTRIES).map_while(|k| u32_at(76 + 4 * k)).collect();
    let mut chain = std::collections::HashSet::new();
    while next != END_OF_CHAIN && next != FREE {
        if next as usize >= sectors || !chain.insert(next) {
            return false;
        }
        let at = (next as usize + 1) * sector_len;
        list.extend((0..sector_len / 4 - 1).map_while(|k| u32_at(at + 4 * k)));
        let Some(n) = u32_at(at + sector_len - 4) else { return false };
        next = n;
    }
    while list.len() > HEADER_ENTRIES && list.len() > fat_sectors as usize && list.last() == Some(&0) {
        list.pop();
    }
    while list.last() == Some(&FREE) {
        list.pop();
    }
    let mut seen = std::collections::HashSet::with_capacity(list.len());
    list.len() <= sectors && list.iter().all(|&s| (s as usize) < sectors && seen.insert(s))
}

fn is_zip_based(media_type: &str) -> bool {
    media_type.starts_with("application/vnd.openxmlformats-officedocument.")
        || media_type.starts_with("application/vnd.oasis.opendocument.")
        || media_type == "application/epub+zip"
}

/// What a zip is by its entries: an Office Open XML file by its `[Content_Types].xml` and main
/// folder (one carrying a VBA project is macro-enabled), OpenDocument and EPUB by their
/// `mimetype` entry. None when it is not a readable zip.
fn zip_type(bytes: &[u8]) -> Option<&'static str> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let names: Vec<String> = z.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if names.iter().any(|n| n == "[Content_Types].xml") {
        if names.iter().any(|n| n.ends_with("vbaProject.bin")) {
            return Some(OFFICE_WITH_MACROS);
        }
        let main = [("word/", 1), ("ppt/", 2), ("xl/", 3)].into_iter().find(|(p, _)| has(p)).map(|(_, i)| OPENABLE[i].0);
        return Some(main.unwrap_or("application/zip"));
    }
    if let Ok(entry) = z.by_name("mimetype") {
        let mut declared = String::new();
        entry.take(128).read_to_string(&mut declared).ok()?;
        let found = OPENABLE.iter().map(|(t, _, _)| *t).find(|t| is_zip_based(t) && *t == declared.trim());
        return Some(found.unwrap_or("application/zip"));
    }
    Some("application/zip")
}

/// The media type under which the file may be opened in another program: the claimed type when
/// it is on the allowlist and the bytes agree, else None (the file can only be saved).
pub fn open_as(claimed: &str, bytes: &[u8]) -> Option<&'static str> {
    let claimed = normalise(claimed);
    let (allowed, _, _) = OPENABLE.iter().find(|(t, _, _)| *t == claimed)?;
    let real = sniff(bytes)?;
    (normalise(real) == *allowed).then_some(*allowed)
}

/// The extension of the copy the OS opens, for a type `open_as` returned.
pub fn extension(open_as: &str) -> Option<&'static str> {
    OPENABLE.iter().find(|(t, _, _)| *t == open_as).map(|(_, e, _)| *e)
}

/// A short name for what the bytes are, shown beside an attachment's title ("PDF", "PPTX",
/// "HTML"); None when the bytes show no type we can name.
pub fn label(bytes: &[u8]) -> Option<String> {
    let real = sniff(bytes)?;
    if let Some((_, _, l)) = OPENABLE.iter().find(|(t, _, _)| *t == normalise(real)) {
        return Some(l.to_string());
    }
    if real == OFFICE_WITH_MACROS {
        return Some("OFFICE+MACROS".into());
    }
    if real == PASSWORD_PROTECTED_OFFICE {
        return Some("OFFICE+PASSWORD".into());
    }
    infer::get(bytes).map(|t| t.extension().to_ascii_uppercase())
}

/// `image/jpg` and a `; charset=` parameter mean the same type as without them.
fn normalise(media_type: &str) -> &str {
    let t = media_type.split(';').next().unwrap_or("").trim();
    match t {
        "image/jpg" | "image/pjpeg" => "image/jpeg",
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_ole_header_is_read_as_nothing() {
        // An OLE header (read in the sync's own process) that claims 2^31 FAT sectors, a directory
        // far past the end and a mini-stream cutoff of zero: not a password-protected Office file,
        // and no allocation by the claims.
        let mut h = vec![0u8; 512];
        h[..8].copy_from_slice(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
        h[0x1a..0x1c].copy_from_slice(&3u16.to_le_bytes()); // major version 3
        h[0x1c..0x1e].copy_from_slice(&0xfffeu16.to_le_bytes()); // little-endian
        h[0x1e..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
        h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        h[0x2c..0x30].copy_from_slice(&0x8000_0000u32.to_le_bytes()); // FAT sectors
        h[0x30..0x34].copy_from_slice(&0x7fff_fff0u32.to_le_bytes()); // first directory sector
        h.extend(std::iter::repeat_n(0xffu8, 4096));
        assert!(!is_password_protected_office(&h));
        assert_ne!(sniff(&h), Some(PASSWORD_PROTECTED_OFFICE));
    }

    #[test]
    fn a_type_is_opened_only_when_allowed_and_the_bytes_agree() {
        assert_eq!(open_as("application/pdf", b"%PDF-1.7\n%..."), Some("application/pdf"));
        assert_eq!(open_as("image/jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"), Some("image/jpeg"));
        assert_eq!(open_as("text/plain; charset=utf-8", "Снижение вреда\n".as_bytes()), Some("text/plain"));
        // The attacks: a "PDF" that is a batch file, an HTML application, a web page, an SVG.
        assert_eq!(open_as("application/pdf", b"@echo off\r\ndel /q C:\\*\r\n"), None);
        assert_eq!(open_as("application/pdf", b"<html><hta:application><script>x</script>"), None);
        assert_eq!(open_as("text/html", b"<!doctype html><script>alert(1)</script>"), None, "HTML is never opened");
        assert_eq!(open_as("image/svg+xml", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"), None);
        assert_eq!(open_as("application/x-msdownload", b"MZ\x90\x00\x03\x00\x00\x00"), None);
        assert_eq!(open_as("image/png", b"%PDF-1.4"), None, "an allowed type that is not what the bytes are");
        assert_eq!(open_as("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"), None, "legacy Office may carry macros: save only");
        assert_eq!(open_as("text/plain", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"), None, "an executable is not text");
        assert_eq!(open_as("application/pdf", b"X-Mailer: gateway\r\n\r\n%PDF-1.7\n"), Some("application/pdf"), "a header after leading bytes, as readers take it");
    }

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, bytes) in entries {
            z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn office_opendocument_and_epub_files_are_told_by_their_entries() {
        const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        // Entries in an order infer's first-bytes check does not read (python-pptx, LibreOffice).
        let deck = zip(&[("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<r/>"), ("docProps/app.xml", b"<a/>"), ("ppt/presentation.xml", b"<p/>")]);
        assert_eq!(open_as(PPTX, &deck), Some(PPTX));
        let macros = zip(&[("[Content_Types].xml", b"<Types/>"), ("ppt/presentation.xml", b"<p/>"), ("ppt/vbaProject.bin", b"\x00")]);
        assert_eq!(open_as(PPTX, &macros), None, "a deck with macros is never opened");
        let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<c/>")]);
        assert_eq!(open_as("application/vnd.oasis.opendocument.text", &odt), Some("application/vnd.oasis.opendocument.text"));
        let hta_in_zip = zip(&[("run.hta", b"<script>")]);
        assert_eq!(open_as(PPTX, &hta_in_zip), None, "a plain zip is not a deck");
        assert_eq!(label(&hta_in_zip).as_deref(), Some("ZIP"));
    }

    /// Hands out the bytes of `inner`, counting them.
    struct Counting<R> {
        inner: R,
        read: u64,
    }
    impl<R: std::io::Read> std::io::Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read += n as u64;
            Ok(n)
        }
    }
    impl<R: std::io::Seek> std::io::Seek for Counting<R> {
        fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
            self.inner.seek(pos)
        }
    }

    #[test]
    fn an_ole_file_naming_one_table_sector_many_times_is_not_read_for_each() {
        // A version 3 header (512-byte sectors) whose DIFAT chain runs through every sector after
        // the first, each naming sector 0 as a table sector 127 times, as the header does 109
        // times. (Named as sector 0 after the chain's end, cfb would trim the zeros as padding.)
        let sectors = 1024u32;
        let mut b = vec![0u8; 512 * (sectors as usize + 1)];
        b[..8].copy_from_slice(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
        let mut put = |at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put(24, 0x0003_003e); // minor version 0x3e, major 3
        put(28, 0x0009_fffe); // byte order, sector shift 9
        put(32, 6); // mini sector shift
        put(44, 1); // one table sector, says the header
        put(48, 0xffff_fffe);
        put(56, 4096); // mini stream cutoff
        put(60, 0xffff_fffe);
        put(68, 1); // the DIFAT chain starts at sector 1
        put(72, sectors - 1);
        for s in 0..128 {
            put(512 + 4 * s, 7); // sector 0: a table sector, every entry pointing on
        }
        for k in 0..109 {
            put(76 + 4 * k, 0);
        }
        for sector in 1..sectors {
            let at = 512 * (sector as usize + 1);
            for k in 0..127 {
                put(at + 4 * k, 0);
            }
            put(at + 508, if sector + 1 < sectors { sector + 1 } else { 0xffff_fffe });
        }
        // The last entry names sector 1 (a real sector), so that the zeros before it are not
        // trailing padding.
        put(512 * sectors as usize + 504, 1);
        let mut reader = Counting { inner: std::io::Cursor::new(&b), read: 0 };
        assert!(!password_protected(&b, &mut reader));
        let len = b.len() as u64;
        assert!(reader.read <= 4 * len, "{} bytes read of a file of {len}", reader.read);
        // A real one is still read: the starter library's files include none, so a small one
        // made by the same rules as LibreOffice's, through cfb itself.
        let mut real = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        real.create_stream("/EncryptionInfo").unwrap();
        std::io::Write::write_all(&mut real.create_stream("/EncryptedPackage").unwrap(), &[1; 5000]).unwrap();
        let real = real.into_inner().into_inner();
        assert!(fat_sectors_named_once(&real));
        assert!(is_password_protected_office(&real));
        assert_eq!(sniff(&real), Some(PASSWORD_PROTECTED_OFFICE));
    }

    /// Two crafted zips that a reader trying one end record after another re-reads again and
    /// again: one of nothing but end records (each naming a central directory at the start that
    /// is not there), and one whose central directory of 5,000 entries is followed by 2,000 end
    /// records each claiming one entry more than it holds. zip 4 (until 2026-12-07) searched the
    /// file up to each end record for the directory, and read the directory again for each:
    /// hundreds of megabytes read for files of a few hundred kilobytes, so that an attachment of
    /// a few megabytes held up its sync (which reads every attachment's entries, `sniff`) and
    /// every "Open" for hours. zip 9 looks for the end record only where it can be (the last
    /// 64 KiB) and remembers what it found. Each file is read a few times at most, and is a zip
    /// of nothing Office or EPUB.
    #[test]
    fn a_zip_of_many_end_records_is_read_a_bounded_number_of_times() {
        // Little-endian fields, as a zip's records are written.
        let record = |fields: &[(u32, usize)]| fields.iter().flat_map(|&(v, n)| v.to_le_bytes()[..n].to_vec()).collect::<Vec<u8>>();
        // A local header of an empty stored entry "a": it starts the file, as a zip does.
        let mut local = record(&[(0x0403_4b50, 4), (20, 2), (0, 2), (0, 2), (0, 2), (0, 2), (0, 4), (0, 4), (0, 4), (1, 2), (0, 2)]);
        local.push(b'a');
        let end = |entries: u16, size: u32| record(&[(0x0605_4b50, 4), (0, 2), (0, 2), (entries.into(), 2), (entries.into(), 2), (size, 4), (0, 4), (0, 2)]);
        let mut only_ends = local.clone();
        while only_ends.len() < 128 << 10 {
            only_ends.extend(end(1, 46));
        }
        // A central directory's entry for it.
        let mut header = record(&[(0x0201_4b50, 4), (20, 2), (20, 2), (0, 2), (0, 2), (0, 2), (0, 2), (0, 4), (0, 4), (0, 4), (1, 2), (0, 2), (0, 2), (0, 2), (0, 2), (0, 4), (0, 4)]);
        header.push(b'a');
        assert_eq!((local.len(), header.len()), (31, 47));
        let mut directory_then_ends = local.clone();
        let entries = 5000u16;
        for _ in 0..entries {
            directory_then_ends.extend_from_slice(&header);
        }
        for _ in 0..2000 {
            directory_then_ends.extend(end(entries + 1, u32::from(entries + 1) * 47));
        }
        for (what, bytes) in [("end records only", only_ends), ("a directory, then end records claiming more", directory_then_ends)] {
            let mut reader = Counting { inner: std::io::Cursor::new(&bytes), read: 0 };
            let opened = zip::ZipArchive::new(&mut reader).map(|z| z.len());
            let len = bytes.len() as u64;
            assert!(reader.read <= 4 * len, "{what}: {} bytes read of a file of {len} ({opened:?})", reader.read);
            assert_eq!(sniff(&bytes), Some("application/zip"), "{what}");
        }
    }

    #[test]
    fn the_real_type_is_named_from_the_bytes() {
        assert_eq!(label(b"%PDF-1.4").as_deref(), Some("PDF"));
        assert_eq!(label(b"<!DOCTYPE html><html>").as_deref(), Some("HTML"));
        assert_eq!(label(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff").as_deref(), Some("EXE"));
        assert_eq!(label(&[0u8, 1, 2, 3, 0, 9]), None, "bytes of no type we can tell");
        for (t, e, _) in OPENABLE {
            assert_eq!(extension(t), Some(*e));
        }
    }
}
