// The .ftl files are embedded with include_dir!, which cargo does not track: rebuild when any
// file under resources/l10n changes (cargo scans a directory named here recursively).
fn main() {
    println!("cargo:rerun-if-changed=../../../resources/l10n");
}
