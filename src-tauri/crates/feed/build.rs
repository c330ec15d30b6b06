// The starter library is embedded with include_dir!, which cargo does not track: rebuild when
// any file under resources/starter changes.
fn main() {
    println!("cargo:rerun-if-changed=../../../resources/starter");
    println!("cargo:rerun-if-changed=../../../resources/network.toml");
    println!("cargo:rerun-if-changed=../../../resources/starter-feed");
}
